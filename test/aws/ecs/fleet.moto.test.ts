import { CreateClusterCommand, CreateServiceCommand, RegisterTaskDefinitionCommand, type ECSClient } from "@aws-sdk/client-ecs";
import { CreateRoleCommand, type IAMClient } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shortRoleName, type FleetReport } from "../../../src/ecs/fleet.js";
import { renderFleetJson } from "../../../src/emit/fleet/fleet-json.js";
import { readFleet } from "../../../src/pipeline/ecs-fleet.js";
import { UsageError } from "../../../src/usage-error.js";
import { MOTO_ACCOUNT, MOTO_REGION, startMoto, type Moto } from "../../support/moto.js";

const roleArn = (name: string) => `arn:aws:iam::${MOTO_ACCOUNT}:role/ecs/${name}`;
const trust = (condition?: object) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }],
  });
const ACCOUNT_CONDITION = { StringEquals: { "aws:SourceAccount": MOTO_ACCOUNT } };
// AWS's other form, with the key in another case: condition keys are case-insensitive.
const ARN_CONDITION = { ArnLike: { "aws:sourcearn": `arn:aws:ecs:${MOTO_REGION}:${MOTO_ACCOUNT}:*` } };

/** Role name -> trust policy Condition (none: the trust policy most ECS roles have). */
const ROLES: Record<string, object | undefined> = {
  "payments-task": ACCOUNT_CONDITION,
  "payments-execution": ARN_CONDITION,
  reports: ACCOUNT_CONDITION,
  "shared-execution": undefined,
  "web-task": ARN_CONDITION,
};

/** Family -> [task role, execution role]; ghost-task is named but never created in IAM. */
const TASK_DEFINITIONS: Record<string, [string | null, string | null]> = {
  payments: ["payments-task", "payments-execution"],
  reports: ["reports", "reports"],
  batch: [null, "shared-execution"],
  web: ["web-task", "shared-execution"],
  legacy: ["ghost-task", "shared-execution"],
};

/** More web services than one DescribeServices call takes (10). */
const WEB_SERVICES = Array.from({ length: 12 }, (_, i) => `web-${String(i).padStart(2, "0")}`);

let moto: Moto;
let ecs: ECSClient;
let iam: IAMClient;

beforeAll(async () => {
  moto = await startMoto();
  ecs = moto.ecsClient();
  iam = moto.iamClient();
  for (const [name, condition] of Object.entries(ROLES)) {
    await iam.send(new CreateRoleCommand({ RoleName: name, Path: "/ecs/", AssumeRolePolicyDocument: trust(condition) }));
  }
  for (const [family, [task, execution]] of Object.entries(TASK_DEFINITIONS)) {
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family,
        ...(task !== null ? { taskRoleArn: roleArn(task) } : {}),
        ...(execution !== null ? { executionRoleArn: roleArn(execution) } : {}),
        // moto needs memory on each container.
        containerDefinitions: [{ name: family, image: `${family}:1`, memory: 128 }],
      }),
    );
  }
  for (const cluster of ["prod", "staging", "sandbox"]) await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
  const services: [string, string, string][] = [
    ["prod", "payments", "payments:1"],
    ["prod", "reports", "reports:1"],
    ["prod", "batch", "batch:1"],
    ["prod", "legacy", "legacy:1"],
    ...WEB_SERVICES.map((name): [string, string, string] => ["staging", name, "web:1"]),
  ];
  for (const [cluster, serviceName, taskDefinition] of services) {
    await ecs.send(new CreateServiceCommand({ cluster, serviceName, taskDefinition, desiredCount: 0 }));
  }
}, 60_000);
afterAll(() => {
  ecs?.destroy();
  iam?.destroy();
  moto?.stop();
});

const flagsOf = (report: FleetReport) => Object.fromEntries(report.services.map((s) => [`${s.cluster}/${s.service}`, s.flags]));

describe("readFleet (moto on loopback)", () => {
  it("maps every cluster's services to their task definition and roles", async () => {
    const report = await readFleet({ ecs, iam, region: MOTO_REGION });
    expect(report.source).toEqual({ kind: "aws", region: MOTO_REGION, clusters: ["prod", "sandbox", "staging"] });
    expect(report.services).toHaveLength(4 + WEB_SERVICES.length);
    expect(report.services.find((s) => s.service === "payments")).toMatchObject({
      cluster: "prod",
      serviceArn: expect.stringMatching(/:service\/(prod\/)?payments$/),
      taskDefinition: `arn:aws:ecs:${MOTO_REGION}:${MOTO_ACCOUNT}:task-definition/payments:1`,
      taskRoleArn: roleArn("payments-task"),
      executionRoleArn: roleArn("payments-execution"),
      flags: [],
    });
    expect(report.services.filter((s) => s.cluster === "staging").map((s) => s.service)).toEqual(WEB_SERVICES);
  });

  it("raises each flag where the fleet earns it", async () => {
    const flags = flagsOf(await readFleet({ ecs, iam, region: MOTO_REGION }));
    expect(flags["prod/payments"]).toEqual([]);
    expect(flags["prod/reports"]).toEqual(["task-role-is-execution-role"]);
    expect(flags["prod/batch"]).toEqual(["no-task-role", "shared-role", "trust-without-conditions"]);
    expect(flags["prod/legacy"]).toEqual(["shared-role", "trust-without-conditions"]);
    for (const web of WEB_SERVICES) expect(flags[`staging/${web}`]).toEqual(["shared-role", "trust-without-conditions"]);
  });

  it("reads each role's trust policy from IAM", async () => {
    const report = await readFleet({ ecs, iam, region: MOTO_REGION });
    expect(Object.fromEntries(report.roles.map((r) => [shortRoleName(r.arn), r.trust]))).toEqual({
      "ecs/ghost-task": { kind: "not-checked", reason: "role not found in IAM" },
      "ecs/payments-execution": { kind: "conditioned", keys: ["aws:SourceArn"] },
      "ecs/payments-task": { kind: "conditioned", keys: ["aws:SourceAccount"] },
      "ecs/reports": { kind: "conditioned", keys: ["aws:SourceAccount"] },
      "ecs/shared-execution": { kind: "unconditioned", statements: ["statement 1"] },
      "ecs/web-task": { kind: "conditioned", keys: ["aws:SourceArn"] },
    });
    const shared = report.findings.filter((f) => f.flag === "shared-role").map((f) => [shortRoleName(f.role!), f.services.length]);
    expect(shared).toEqual([
      ["ecs/shared-execution", 2 + WEB_SERVICES.length], // batch, legacy and the web services
      ["ecs/web-task", WEB_SERVICES.length],
    ]);
  });

  it("reads only the clusters named, by name or ARN", async () => {
    const report = await readFleet({ ecs, iam, region: MOTO_REGION, clusters: ["sandbox", `arn:aws:ecs:${MOTO_REGION}:${MOTO_ACCOUNT}:cluster/prod`] });
    expect(report.source).toMatchObject({ clusters: ["prod", "sandbox"] });
    expect(new Set(report.services.map((s) => s.cluster))).toEqual(new Set(["prod"]));
    // Without staging, no service runs with web-task.
    expect(report.roles.map((r) => shortRoleName(r.arn))).not.toContain("ecs/web-task");
  });

  it("names a cluster ECS does not know", async () => {
    const error = await readFleet({ ecs, iam, region: MOTO_REGION, clusters: ["prod", "prdo"] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe("ecs roles: no ECS cluster prdo in us-east-1 (ECS ListServices); check --cluster, or pass --region with the cluster's region");
  });

  it("gives byte-identical output for the same fleet", async () => {
    const first = renderFleetJson(await readFleet({ ecs, iam, region: MOTO_REGION }));
    const second = renderFleetJson(await readFleet({ ecs, iam, region: MOTO_REGION, clusters: ["staging", "sandbox", "prod"] }));
    expect(second).toBe(first);
  });
});
