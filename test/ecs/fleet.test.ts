import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FLAG_ADVICE, hasFindings, mapFleet, shortRoleName, shortTaskDefinition, type FleetService, type TrustStatus } from "../../src/ecs/fleet.js";
import { parseTaskDefinition } from "../../src/ecs/task-definition.js";
import { offlineFleet, OFFLINE_TRUST } from "../../src/pipeline/ecs-fleet.js";

const ACCOUNT = "111122223333";
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/ecs/${name}`;
const service = (cluster: string | null, name: string, taskRole: string | null, executionRole: string | null, revision = 1): FleetService => ({
  cluster,
  service: name,
  serviceArn: cluster === null ? null : `arn:aws:ecs:us-east-1:${ACCOUNT}:service/${cluster}/${name}`,
  taskDefinition: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/${name}:${revision}`,
  file: null,
  taskRoleArn: taskRole === null ? null : role(taskRole),
  executionRoleArn: executionRole === null ? null : role(executionRole),
});
const CONDITIONED: TrustStatus = { kind: "conditioned", keys: ["aws:SourceAccount"] };
const UNCONDITIONED: TrustStatus = { kind: "unconditioned", statements: ["statement 1"] };
const source = { kind: "aws", region: "us-east-1", clusters: ["prod", "staging"] } as const;

/** A fleet with one of each flag, and one service that raises none. */
const FLEET: FleetService[] = [
  service("prod", "payments", "payments-task", "payments-execution"),
  service("prod", "reports", "reports", "reports"),
  service("prod", "batch", null, "shared-execution"),
  service("staging", "api", "api-task", "shared-execution"),
  service("prod", "api", "api-task", "shared-execution"),
];
const TRUST = new Map<string, TrustStatus>([
  [role("payments-task"), CONDITIONED],
  [role("payments-execution"), CONDITIONED],
  [role("reports"), CONDITIONED],
  [role("shared-execution"), CONDITIONED],
  [role("api-task"), UNCONDITIONED],
]);

describe("mapFleet", () => {
  const report = mapFleet({ source, services: FLEET, trust: TRUST });

  it("flags each service by its task definition and by its roles", () => {
    expect(report.services.map((s) => [`${s.cluster}/${s.service}`, s.flags])).toEqual([
      ["prod/api", ["shared-role", "trust-without-conditions"]],
      ["prod/batch", ["no-task-role", "shared-role"]],
      ["prod/payments", []],
      ["prod/reports", ["task-role-is-execution-role"]],
      ["staging/api", ["shared-role", "trust-without-conditions"]],
    ]);
  });

  it("lists every role with its users, trust and role flags", () => {
    expect(report.roles.map((r) => [shortRoleName(r.arn), r.flags])).toEqual([
      ["ecs/api-task", ["shared-role", "trust-without-conditions"]],
      ["ecs/payments-execution", []],
      ["ecs/payments-task", []],
      ["ecs/reports", []],
      ["ecs/shared-execution", ["shared-role"]],
    ]);
    expect(report.roles.find((r) => r.arn === role("shared-execution"))!.usedBy).toEqual([
      { cluster: "prod", service: "api", as: "execution" },
      { cluster: "prod", service: "batch", as: "execution" },
      { cluster: "staging", service: "api", as: "execution" },
    ]);
    expect(report.roles.find((r) => r.arn === role("reports"))!.usedBy).toEqual([
      { cluster: "prod", service: "reports", as: "task" },
      { cluster: "prod", service: "reports", as: "execution" },
    ]);
  });

  it("gives one finding per service for service flags and one per role for role flags, in flag order", () => {
    expect(report.findings.map((f) => [f.flag, f.role === null ? null : shortRoleName(f.role), f.services.map((s) => `${s.cluster}/${s.service}`)])).toEqual([
      ["no-task-role", null, ["prod/batch"]],
      ["task-role-is-execution-role", "ecs/reports", ["prod/reports"]],
      ["shared-role", "ecs/api-task", ["prod/api", "staging/api"]],
      ["shared-role", "ecs/shared-execution", ["prod/api", "prod/batch", "staging/api"]],
      ["trust-without-conditions", "ecs/api-task", ["prod/api", "staging/api"]],
    ]);
    expect(report.findings.every((f) => f.advice === FLAG_ADVICE[f.flag])).toBe(true);
    expect(hasFindings(report)).toBe(true);
  });

  it("raises nothing for a fleet of one role pair per service with conditioned trust", () => {
    const clean = mapFleet({ source, services: [FLEET[0]!], trust: TRUST });
    expect(clean.findings).toEqual([]);
    expect(hasFindings(clean)).toBe(false);
  });

  it("is deterministic: the same fleet in any order gives the same report", () => {
    const reversed = mapFleet({ source, services: [...FLEET].reverse(), trust: new Map([...TRUST].reverse()) });
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(report));
  });

  it("counts two revisions of one service as one service, and one name in two clusters as two", () => {
    const revisions = mapFleet({ source, services: [service("prod", "api", "api-task", "x", 1), service("prod", "api", "api-task", "x", 2)], trust: TRUST });
    expect(revisions.findings.map((f) => f.flag)).not.toContain("shared-role");
    expect(revisions.services).toHaveLength(2);
    const clusters = mapFleet({ source, services: [service("prod", "api", "api-task", "x"), service("staging", "api", "api-task", "y")], trust: TRUST });
    expect(clusters.findings.filter((f) => f.flag === "shared-role").map((f) => shortRoleName(f.role!))).toEqual(["ecs/api-task"]);
  });

  it("flags no roles of a service whose task definition ECS does not name, and reports unknown trust as not checked", () => {
    const external = { ...service("prod", "blue-green", null, null), taskDefinition: null };
    const result = mapFleet({ source, services: [external, service("prod", "api", "unknown", "unknown-execution")], trust: new Map() });
    expect(result.services.find((s) => s.service === "blue-green")!.flags).toEqual([]);
    expect(result.roles.map((r) => r.trust)).toEqual([
      { kind: "not-checked", reason: "not read" },
      { kind: "not-checked", reason: "not read" },
    ]);
  });
});

describe("offlineFleet (examples/ecs)", () => {
  const read = (name: string) => parseTaskDefinition(JSON.parse(readFileSync(`examples/ecs/${name}.json`, "utf8")), `examples/ecs/${name}.json`);
  const report = offlineFleet(["reports-service", "payments-service", "notifications-service"].map(read));

  it("makes each file a service named after its family, and flags reports-service's single role", () => {
    expect(report.source).toEqual({
      kind: "offline",
      files: ["examples/ecs/notifications-service.json", "examples/ecs/payments-service.json", "examples/ecs/reports-service.json"],
    });
    expect(report.services.map((s) => [s.cluster, s.service, s.taskDefinition === null ? null : shortTaskDefinition(s.taskDefinition), s.flags])).toEqual([
      [null, "notifications-service", "notifications-service", []],
      [null, "payments-service", "payments-service:42", []],
      [null, "reports-service", "reports-service:7", ["task-role-is-execution-role"]],
    ]);
    expect(report.findings.map((f) => [f.flag, f.role])).toEqual([["task-role-is-execution-role", "arn:aws:iam::111122223333:role/ecs/reports-service"]]);
  });

  it("checks no trust policy offline", () => {
    expect(report.roles).toHaveLength(5);
    expect(report.roles.every((r) => r.trust === OFFLINE_TRUST)).toBe(true);
    expect(report.findings.map((f) => f.flag)).not.toContain("trust-without-conditions");
  });

  it("flags a task definition without a task role", () => {
    const bare = parseTaskDefinition({ family: "worker", executionRoleArn: role("worker-execution"), containerDefinitions: [{ name: "w", image: "w:1" }] }, "worker.json");
    expect(offlineFleet([bare]).services[0]).toMatchObject({ service: "worker", taskDefinition: "worker", taskRoleArn: null, flags: ["no-task-role"] });
  });
});

describe("short names", () => {
  it("shows roles by path and name, and task definitions by family and revision", () => {
    expect(shortRoleName("arn:aws:iam::111122223333:role/ecs/app")).toBe("ecs/app");
    expect(shortRoleName("arn:aws-cn:iam::111122223333:role/app")).toBe("app");
    expect(shortRoleName("ecsTaskRole")).toBe("ecsTaskRole");
    expect(shortTaskDefinition("arn:aws:ecs:eu-west-1:111122223333:task-definition/api:12")).toBe("api:12");
    expect(shortTaskDefinition("api:12")).toBe("api:12");
  });
});
