import { writeFileSync } from "node:fs";
import path from "node:path";
import { CreateClusterCommand, CreateServiceCommand, RegisterTaskDefinitionCommand } from "@aws-sdk/client-ecs";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, runWithEnv } from "../support/run-cli.js";
import { MOTO_ACCOUNT, MOTO_REGION, startMoto, type Moto } from "../support/moto.js";
import { tempDir } from "../support/trail.js";

// `npm test` builds first; run `npm run build` before running this file on its own.

const EXAMPLES = ["payments-service", "notifications-service", "reports-service"].map((name) => `examples/ecs/${name}.json`);
const offline = (...args: string[]) => run("ecs", "roles", ...EXAMPLES.flatMap((file) => ["--task-definition", file]), ...args);

interface FleetJson {
  source: { kind: string; region: string | null; clusters: string[]; files: string[] };
  services: { cluster: string | null; service: string; taskDefinition: string | null; taskRole: string | null; executionRole: string | null; flags: string[] }[];
  roles: { arn: string; trust: { status: string; keys: string[]; reason: string | null }; flags: string[] }[];
  findings: { flag: string; role: string | null; services: { cluster: string | null; service: string }[] }[];
}

describe("tighten ecs roles --task-definition (offline, examples/ecs)", () => {
  it("lists the three services and flags reports-service, whose task role is its execution role", async () => {
    const result = await offline();
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe("");
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("ECS fleet from 3 task definition files (offline: trust policies not checked): 3 services, 5 roles, 1 finding");
    expect(lines.slice(2, 6).map((line) => line.split(/\s{2,}/))).toEqual([
      ["SERVICE", "TASK DEFINITION", "TASK ROLE", "EXECUTION ROLE", "FLAGS"],
      ["notifications-service", "notifications-service", "ecs/notifications-service-task", "ecs/notifications-service-execution", "-"],
      ["payments-service", "payments-service:42", "ecs/payments-service-task", "ecs/payments-service-execution", "-"],
      ["reports-service", "reports-service:7", "ecs/reports-service", "ecs/reports-service", "task-role-is-execution-role"],
    ]);
    expect(result.stdout).toContain("Findings (1)\n  task-role-is-execution-role: ecs/reports-service, used by reports-service\n");
  });

  it("checks no trust policy offline, and says so", async () => {
    const result = await offline("--format", "json");
    expect(result.code, result.stderr).toBe(0);
    const fleet = JSON.parse(result.stdout) as FleetJson;
    expect(fleet.source).toEqual({ kind: "offline", region: null, clusters: [], files: [...EXAMPLES].sort() });
    expect(fleet.roles.map((r) => r.trust)).toEqual(Array(5).fill({ status: "not-checked", keys: [], statements: [], reason: "offline" }));
    expect(fleet.findings.map((f) => [f.flag, f.role, f.services])).toEqual([
      ["task-role-is-execution-role", "arn:aws:iam::111122223333:role/ecs/reports-service", [{ cluster: null, service: "reports-service" }]],
    ]);
    expect((await offline()).stdout).toContain("    trust: not checked: offline\n");
    expect((await offline("--format", "markdown")).stdout).toContain("offline: trust policies not checked.");
  });

  it("exits 1 with --fail-on findings when a flag is raised, 0 when none is", async () => {
    expect((await offline("--fail-on", "findings")).code).toBe(1);
    const clean = await run("ecs", "roles", "--task-definition", EXAMPLES[0]!, "--fail-on", "findings");
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain("No findings.");
  });

  it("gives byte-identical output whatever order the files come in", async () => {
    for (const format of ["text", "markdown", "json"]) {
      const forward = (await offline("--format", format)).stdout;
      const backward = (await run("ecs", "roles", ...[...EXAMPLES].reverse().flatMap((file) => ["--task-definition", file]), "--format", format)).stdout;
      expect(backward, format).toBe(forward);
    }
  });

  it("rejects what cannot work, in one line with exit 2", async () => {
    const dir = tempDir();
    const notJson = path.join(dir, "broken.json");
    writeFileSync(notJson, "{");
    const policy = path.join(dir, "policy.json");
    writeFileSync(policy, JSON.stringify({ Version: "2012-10-17", Statement: [] }));
    const cases: [string[], RegExp][] = [
      [["--task-definition", notJson], /^tighten: --task-definition .*broken\.json: not JSON/],
      [["--task-definition", policy], /^tighten: --task-definition .*policy\.json: family is missing: not a task definition$/],
      [["--task-definition", "missing.json"], /^tighten: --task-definition missing\.json: cannot read it \(ENOENT\)$/],
      [["--task-definition", EXAMPLES[0]!, "--cluster", "prod"], /^tighten: Arguments task-definition and cluster are mutually exclusive$/],
      [["--task-definition", EXAMPLES[0]!, "--region", "us-east-1"], /^tighten: Arguments task-definition and region are mutually exclusive$/],
      [["--task-definition", EXAMPLES[0]!, "--fail-on", "drift"], /^tighten: --fail-on drift: choose from findings$/],
      [["--region", "the-moon"], /^tighten: --region 'the-moon' is not an AWS region name/],
    ];
    for (const [args, message] of cases) {
      const result = await run("ecs", "roles", ...args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(result.stderr.trim()).toMatch(message);
    }
  });

  it("asks for a region when reading AWS without one", async () => {
    const result = await runWithEnv({ AWS_REGION: "", AWS_DEFAULT_REGION: "", AWS_CONFIG_FILE: "/nonexistent/config", AWS_PROFILE: "" }, "ecs", "roles");
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      "tighten: ecs roles: no AWS region configured: pass --region, or set AWS_REGION or the profile's region (or --task-definition FILE to work offline)",
    );
  });
});

describe("tighten ecs roles against ECS and IAM (moto on loopback)", () => {
  let moto: Moto;
  const roleArn = (name: string) => `arn:aws:iam::${MOTO_ACCOUNT}:role/ecs/${name}`;
  const trust = (condition?: object) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }],
    });

  beforeAll(async () => {
    moto = await startMoto();
    const iam = moto.iamClient();
    const ecs = moto.ecsClient();
    await iam.send(new CreateRoleCommand({ RoleName: "api-task", Path: "/ecs/", AssumeRolePolicyDocument: trust({ StringEquals: { "aws:SourceAccount": MOTO_ACCOUNT } }) }));
    await iam.send(new CreateRoleCommand({ RoleName: "shared-execution", Path: "/ecs/", AssumeRolePolicyDocument: trust() }));
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "api",
        taskRoleArn: roleArn("api-task"),
        executionRoleArn: roleArn("shared-execution"),
        containerDefinitions: [{ name: "api", image: "api:1", memory: 128 }],
      }),
    );
    await ecs.send(new RegisterTaskDefinitionCommand({ family: "worker", executionRoleArn: roleArn("shared-execution"), containerDefinitions: [{ name: "w", image: "w:1", memory: 128 }] }));
    for (const cluster of ["prod", "staging"]) await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
    await ecs.send(new CreateServiceCommand({ cluster: "prod", serviceName: "api", taskDefinition: "api:1", desiredCount: 0 }));
    await ecs.send(new CreateServiceCommand({ cluster: "prod", serviceName: "worker", taskDefinition: "worker:1", desiredCount: 0 }));
    await ecs.send(new CreateServiceCommand({ cluster: "staging", serviceName: "api", taskDefinition: "api:1", desiredCount: 0 }));
    iam.destroy();
    ecs.destroy();
  }, 60_000);
  afterAll(() => moto?.stop());

  const env = () => ({ ...moto.cliEnv("ECS", "IAM"), AWS_PROFILE: "" });

  it("maps every cluster's services to their roles and flags them", async () => {
    const result = await runWithEnv(env(), "ecs", "roles", "--format", "json");
    expect(result.code, result.stderr).toBe(0);
    const fleet = JSON.parse(result.stdout) as FleetJson;
    expect(fleet.source).toEqual({ kind: "aws", region: MOTO_REGION, clusters: ["prod", "staging"], files: [] });
    expect(fleet.services.map((s) => [s.cluster, s.service, s.taskRole, s.executionRole, s.flags])).toEqual([
      ["prod", "api", roleArn("api-task"), roleArn("shared-execution"), ["shared-role", "trust-without-conditions"]],
      ["prod", "worker", null, roleArn("shared-execution"), ["no-task-role", "shared-role", "trust-without-conditions"]],
      ["staging", "api", roleArn("api-task"), roleArn("shared-execution"), ["shared-role", "trust-without-conditions"]],
    ]);
    expect(fleet.roles.map((r) => [r.arn, r.trust.status, r.trust.keys])).toEqual([
      [roleArn("api-task"), "conditioned", ["aws:SourceAccount"]],
      [roleArn("shared-execution"), "unconditioned", []],
    ]);
  });

  it("prints the text map, and exits 1 with --fail-on findings", async () => {
    const result = await runWithEnv(env(), "ecs", "roles", "--cluster", "prod", "--fail-on", "findings");
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout.split("\n")[0]).toBe("ECS fleet in us-east-1, 1 cluster: 2 services, 2 roles, 3 findings");
    expect(result.stdout).toContain("    trust: no aws:SourceAccount or aws:SourceArn condition (statement 1)\n");
    expect(result.stdout).toContain("  trust-without-conditions: ecs/shared-execution, used by prod/api, prod/worker\n");
  });

  it("names a cluster ECS does not know, in one line with exit 2", async () => {
    const result = await runWithEnv(env(), "ecs", "roles", "--cluster", "prod", "--cluster", "prdo");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("tighten: ecs roles: no ECS cluster prdo in us-east-1 (ECS ListServices); check --cluster, or pass --region with the cluster's region\n");
  });

  it("reads the region's fleet, not another region's", async () => {
    const result = await runWithEnv(env(), "ecs", "roles", "--region", "eu-west-1", "--format", "json");
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as FleetJson).services).toEqual([]);
  });
});
