import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { mapFleet, type FleetService } from "../../../src/ecs/fleet.js";
import { parseTaskDefinition } from "../../../src/ecs/task-definition.js";
import { renderFleetJson } from "../../../src/emit/fleet/fleet-json.js";
import { offlineFleet } from "../../../src/pipeline/ecs-fleet.js";

const ESC = "\u001b[2J\u202e\u009b";
const role = (name: string) => `arn:aws:iam::111122223333:role/ecs/${name}`;
const service = (cluster: string, name: string, task: string | null, execution: string | null): FleetService => ({
  cluster,
  service: name,
  serviceArn: `arn:aws:ecs:us-east-1:111122223333:service/${cluster}/${name}`,
  taskDefinition: `arn:aws:ecs:us-east-1:111122223333:task-definition/${name}:1`,
  file: null,
  taskRoleArn: task,
  executionRoleArn: execution,
});
const report = mapFleet({
  source: { kind: "aws", region: "us-east-1", clusters: ["prod", `x${ESC}`] },
  services: [service("prod", "api", role("api"), role(`exec${ESC}`)), service(`x${ESC}`, `svc${ESC}`, null, role(`exec${ESC}`))],
  trust: new Map([
    [role("api"), { kind: "conditioned", keys: ["aws:SourceAccount", "aws:SourceArn"] }],
    [role(`exec${ESC}`), { kind: "unconditioned", statements: [`Sid${ESC}`] }],
  ]),
});

describe("renderFleetJson", () => {
  const text = renderFleetJson(report);
  const json = JSON.parse(text) as Record<string, unknown> & { services: Record<string, unknown>[]; roles: Record<string, unknown>[]; findings: Record<string, unknown>[] };

  it("writes the documented keys in the documented order, every one always present", () => {
    expect(Object.keys(json)).toEqual(["version", "source", "services", "roles", "findings"]);
    expect(json["version"]).toBe(1);
    expect(json["source"]).toEqual({ kind: "aws", region: "us-east-1", clusters: ["prod", `x${ESC}`], files: [] });
    expect(Object.keys(json.services[0]!)).toEqual(["cluster", "service", "serviceArn", "taskDefinition", "file", "taskRole", "executionRole", "flags"]);
    expect(Object.keys(json.roles[0]!)).toEqual(["arn", "trust", "usedBy", "flags"]);
    expect(json.roles.map((r) => r["trust"])).toEqual([
      { status: "conditioned", keys: ["aws:SourceAccount", "aws:SourceArn"], statements: [], reason: null },
      { status: "unconditioned", keys: [], statements: [`Sid${ESC}`], reason: null },
    ]);
    expect(Object.keys(json.findings[0]!)).toEqual(["flag", "role", "services", "advice"]);
    expect(json.findings.map((f) => [f["flag"], f["role"], f["services"]])).toEqual([
      ["no-task-role", null, [{ cluster: `x${ESC}`, service: `svc${ESC}` }]],
      ["shared-role", role(`exec${ESC}`), [{ cluster: "prod", service: "api" }, { cluster: `x${ESC}`, service: `svc${ESC}` }]],
      ["trust-without-conditions", role(`exec${ESC}`), [{ cluster: "prod", service: "api" }, { cluster: `x${ESC}`, service: `svc${ESC}` }]],
    ]);
  });

  it("gives back the exact strings, with no raw control or bidi character in the text", () => {
    expect(json.services[1]).toMatchObject({ cluster: `x${ESC}`, service: `svc${ESC}`, taskRole: null, executionRole: role(`exec${ESC}`) });
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(text).toContain("svc\\u001b[2J\\u202e\\u009b");
  });

  it("is byte-identical from one call to the next", () => {
    expect(renderFleetJson(report)).toBe(text);
  });

  it("matches docs/ecs-roles-json.md: its example is the real output, and every key is documented", () => {
    const doc = readFileSync("docs/ecs-roles-json.md", "utf8");
    const example = JSON.parse(/```json\n([\s\S]*?)```/.exec(doc)![1]!) as { findings: { advice: string }[] };
    const file = "examples/ecs/reports-service.json";
    const actual = JSON.parse(renderFleetJson(offlineFleet([parseTaskDefinition(JSON.parse(readFileSync(file, "utf8")), file)]))) as typeof example;
    // The doc shortens the advice to its start and ", ...".
    expect(actual.findings[0]!.advice.startsWith(example.findings[0]!.advice.replace(/, \.\.\.$/, ""))).toBe(true);
    example.findings[0]!.advice = actual.findings[0]!.advice;
    expect(example).toEqual(actual);

    const keys = new Set<string>();
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (typeof value === "object" && value !== null) {
        for (const [key, inner] of Object.entries(value)) {
          keys.add(key);
          collect(inner);
        }
      }
    };
    collect(json);
    // Documented in a field table: a row of its own (`key`) or inside an object type ("key": ...).
    const tables = doc.split("\n").filter((line) => line.startsWith("| ")).join("\n");
    for (const key of keys) expect(tables.includes(`| \`${key}\``) || tables.includes(`"${key}": `), key).toBe(true);
  });
});
