import { describe, expect, it } from "vitest";
import { mapFleet, type FleetService } from "../../../src/ecs/fleet.js";
import { renderFleetText } from "../../../src/emit/fleet/fleet-text.js";

const ESC = "\u001b[2J\u202e";
const service = (cluster: string, name: string, task: string | null, execution: string | null): FleetService => ({
  cluster,
  service: name,
  serviceArn: null,
  taskDefinition: `arn:aws:ecs:us-east-1:111122223333:task-definition/${name}:4`,
  file: null,
  taskRoleArn: task,
  executionRoleArn: execution,
});
const role = (name: string) => `arn:aws:iam::111122223333:role/ecs/${name}`;

const report = mapFleet({
  source: { kind: "aws", region: "us-east-1", clusters: ["empty", "prod"] },
  services: [
    service("prod", "api", role("api-task"), role("shared-execution")),
    service("prod", "batch", null, role("shared-execution")),
    service("prod", `evil${ESC}`, role(`evil${ESC}`), role(`evil${ESC}`)),
  ],
  trust: new Map([
    [role("api-task"), { kind: "conditioned", keys: ["aws:SourceAccount"] }],
    [role("shared-execution"), { kind: "unconditioned", statements: [`Sid${ESC}`] }],
    [role(`evil${ESC}`), { kind: "no-ecs-tasks" }],
  ]),
});

describe("renderFleetText", () => {
  const text = renderFleetText(report);

  it("lists each service with its task definition and roles by path and name, then roles and findings", () => {
    expect(text.split("\n").slice(0, 7)).toEqual([
      "ECS fleet in us-east-1, 2 clusters: 3 services, 3 roles, 4 findings",
      "",
      "CLUSTER  SERVICE              TASK DEFINITION        TASK ROLE                EXECUTION ROLE           FLAGS",
      "prod     api                  api:4                  ecs/api-task             ecs/shared-execution     shared-role,trust-without-conditions",
      "prod     batch                batch:4                (none)                   ecs/shared-execution     no-task-role,shared-role,trust-without-conditions",
      "prod     evil\\u001b[2J\\u202e  evil\\u001b[2J\\u202e:4  ecs/evil\\u001b[2J\\u202e  ecs/evil\\u001b[2J\\u202e  task-role-is-execution-role",
      "",
    ]);
    expect(text).toContain("Clusters without services: empty\n");
    expect(text).toContain(
      [
        "  arn:aws:iam::111122223333:role/ecs/shared-execution  [shared-role,trust-without-conditions]",
        "    trust: no aws:SourceAccount or aws:SourceArn condition (Sid\\u001b[2J\\u202e)",
        "    execution role of: prod/api, prod/batch",
      ].join("\n"),
    );
    expect(text).toContain("    trust: conditioned on aws:SourceAccount\n    task role of: prod/api\n");
    expect(text).toContain("trust: does not trust ecs-tasks.amazonaws.com: ECS cannot assume it for a task");
    expect(text).toContain("Findings (4)\n  no-task-role: prod/batch\n    the task definition names no task role");
    expect(text).toContain("  shared-role: ecs/shared-execution, used by prod/api, prod/batch\n");
  });

  it("writes no raw control or bidi character", () => {
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it("says so offline, without a cluster column, and when nothing is flagged", () => {
    const offline = renderFleetText(
      mapFleet({
        source: { kind: "offline", files: ["a.json"] },
        services: [{ ...service("x", "a", role("a-task"), role("a-execution")), cluster: null, file: "a.json" }],
        trust: new Map([
          [role("a-task"), { kind: "not-checked", reason: "offline" }],
          [role("a-execution"), { kind: "not-checked", reason: "offline" }],
        ]),
      }),
    );
    expect(offline).toMatch(/^ECS fleet from 1 task definition file \(offline: trust policies not checked\): 1 service, 2 roles, 0 findings\n\nSERVICE {2}TASK DEFINITION/);
    expect(offline).toContain("    trust: not checked: offline\n");
    expect(offline.endsWith("\nNo findings.\n")).toBe(true);
    expect(renderFleetText(mapFleet({ source: { kind: "aws", region: "eu-west-1", clusters: [] }, services: [], trust: new Map() }))).toBe(
      "ECS fleet in eu-west-1, 0 clusters: 0 services, 0 roles, 0 findings\n\nNo services.\n\nNo findings.\n",
    );
  });
});
