import { writeFileSync } from "node:fs";
import path from "node:path";
import { CreateClusterCommand, CreateServiceCommand, RegisterTaskDefinitionCommand } from "@aws-sdk/client-ecs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliResult } from "../support/cli.js";
import { run, runWithEnv } from "../support/run-cli.js";
import { MOTO_ACCOUNT, MOTO_REGION, startMoto, type Moto } from "../support/moto.js";
import { tempDir } from "../support/trail.js";

// `npm test` builds first; run `npm run build` before running this file alone.

const NOTIFICATIONS = "examples/ecs/notifications-service.json";
const PAYMENTS = "examples/ecs/payments-service.json";
const REPORTS = "examples/ecs/reports-service.json";
const FLEET = [NOTIFICATIONS, PAYMENTS, REPORTS].flatMap((file) => ["--task-definition", file]);
/** The value of SMTP_PASSWORD in the example: no output may show any 6 characters of it. */
const SMTP_PASSWORD_VALUE = "Tr0ub4dor&3-correct-horse";

const audit = (...args: string[]) => run("ecs", "audit", ...args);

function expectNoRunOf(value: string, result: CliResult): void {
  for (let i = 0; i + 6 <= value.length; i++) {
    expect(result.stdout).not.toContain(value.slice(i, i + 6));
    expect(result.stderr).not.toContain(value.slice(i, i + 6));
  }
}

function expectOneLineError(result: CliResult, message: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(result.stderr).toMatch(message);
}

describe("tighten ecs audit --task-definition", () => {
  it("flags SMTP_PASSWORD in notifications-service and finds payments and reports clean, in every format, never showing the value", async () => {
    const text = await audit(...FLEET);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain("  notifications  SMTP_PASSWORD      25  name has PASSWORD in it\n");
    expect(text.stdout).toContain("payments-service:42 (examples/ecs/payments-service.json): no credentials in environment\n");
    expect(text.stdout).toContain("reports-service:7 (examples/ecs/reports-service.json): no credentials in environment\n");
    for (const format of ["text", "markdown", "json"]) {
      const result = await audit(...FLEET, "--format", format);
      expect(result.code, result.stderr).toBe(0);
      expectNoRunOf(SMTP_PASSWORD_VALUE, result);
    }
    const json = JSON.parse((await audit(...FLEET, "--format", "json")).stdout);
    expect(json.totals).toEqual({ taskDefinitions: 3, flagged: 1, findings: 1 });
    expect(json.taskDefinitions[0].findings[0].replacement.secretsEntry).toEqual({
      name: "SMTP_PASSWORD",
      valueFrom: "arn:aws:secretsmanager:REGION:111122223333:secret:notifications-service/SMTP_PASSWORD",
    });
  });

  it("--fail-on findings exits 1 when anything is flagged, 0 when nothing is", async () => {
    expect((await audit(...FLEET)).code).toBe(0);
    const failing = await audit(...FLEET, "--fail-on", "findings");
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain("SMTP_PASSWORD");
    expect((await audit("--task-definition", PAYMENTS, "--task-definition", REPORTS, "--fail-on", "findings")).code).toBe(0);
  });

  it("--region and --account fill in what the task definition does not say, and yield to what it does", async () => {
    const json = JSON.parse((await audit("--task-definition", NOTIFICATIONS, "--region", "eu-west-1", "--account", "999988887777", "--format", "json")).stdout);
    const [notifications] = json.taskDefinitions;
    expect(notifications.location).toEqual({ partition: "aws", region: "eu-west-1", regionFrom: "--region", account: "111122223333", accountFrom: "execution-role-arn" });
    expect(notifications.findings[0].replacement.secretsEntry.valueFrom).toBe("arn:aws:secretsmanager:eu-west-1:111122223333:secret:notifications-service/SMTP_PASSWORD");
    expect(notifications.notes).toContain("--account 999988887777 is not used here: the execution role ARN says 111122223333.");
  });

  it("the same output, byte for byte, whatever the order of the files", async () => {
    for (const format of ["text", "markdown", "json"]) {
      const first = await audit(...FLEET, "--format", format);
      const again = await audit(...FLEET, "--format", format);
      const reversed = await audit("--task-definition", REPORTS, "--task-definition", PAYMENTS, "--task-definition", NOTIFICATIONS, "--format", format);
      expect(again.stdout).toBe(first.stdout);
      expect(reversed.stdout).toBe(first.stdout);
    }
  });

  it("a bad file exits 2 with one line naming it", async () => {
    const dir = tempDir();
    const notJson = path.join(dir, "broken.json");
    writeFileSync(notJson, "{ not json");
    const missing = path.join(dir, "missing.json");
    expectOneLineError(await audit("--task-definition", PAYMENTS, "--task-definition", missing), new RegExp(`^tighten: --task-definition ${missing}: cannot read it \\(ENOENT\\)`));
    expectOneLineError(await audit("--task-definition", notJson), new RegExp(`^tighten: --task-definition ${notJson}: not JSON`));
    // A policy document, not a task definition.
    expectOneLineError(
      await audit("--task-definition", "examples/current/payments-service-task.json"),
      /^tighten: --task-definition examples\/current\/payments-service-task\.json: family is missing: not a task definition$/m,
    );
  });

  it("bad flags exit 2 with one line", async () => {
    expectOneLineError(await audit(...FLEET, "--region", "Europe"), /^tighten: --region 'Europe' is not an AWS region name/);
    expectOneLineError(await audit(...FLEET, "--account", "1234"), /^tighten: --account '1234' is not an AWS account id/);
    expectOneLineError(await audit(...FLEET, "--fail-on", "everything"), /^tighten: --fail-on everything: choose from environment-secret/);
    expectOneLineError(await audit(...FLEET, "--cluster", "prod"), /^tighten: Arguments task-definition and cluster are mutually exclusive/);
  });
});

describe("tighten ecs audit on a live fleet (moto on loopback)", () => {
  let moto: Moto;
  const env = () => moto.cliEnv("ECS");
  const liveAudit = (...args: string[]) => runWithEnv(env(), "ecs", "audit", ...args);

  beforeAll(async () => {
    moto = await startMoto();
    const ecs = moto.ecsClient();
    try {
      const executionRoleArn = `arn:aws:iam::${MOTO_ACCOUNT}:role/ecs/mailer-execution`;
      await ecs.send(
        new RegisterTaskDefinitionCommand({
          family: "mailer",
          executionRoleArn,
          containerDefinitions: [
            {
              name: "mailer",
              image: "mailer:1",
              memory: 128,
              environment: [
                { name: "SMTP_PORT", value: "587" },
                { name: "SMTP_PASSWORD", value: SMTP_PASSWORD_VALUE },
              ],
            },
          ],
        }),
      );
      await ecs.send(new RegisterTaskDefinitionCommand({ family: "web", containerDefinitions: [{ name: "web", image: "web:1", memory: 128, environment: [{ name: "NODE_ENV", value: "production" }] }] }));
      for (const cluster of ["prod", "staging"]) await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
      // Two services share mailer:1: it is described and reported once.
      for (const [cluster, serviceName, taskDefinition] of [
        ["prod", "mailer-a", "mailer:1"],
        ["prod", "mailer-b", "mailer:1"],
        ["staging", "web", "web:1"],
      ] as const) {
        await ecs.send(new CreateServiceCommand({ cluster, serviceName, taskDefinition, desiredCount: 0 }));
      }
    } finally {
      ecs.destroy();
    }
  }, 60_000);
  afterAll(() => moto?.stop());

  it("--cluster audits the task definitions its services run, located by their ARNs", async () => {
    const result = await liveAudit("--cluster", "prod", "--format", "json", "--fail-on", "findings");
    expect(result.code, result.stderr).toBe(1);
    expectNoRunOf(SMTP_PASSWORD_VALUE, result);
    const json = JSON.parse(result.stdout);
    expect(json.taskDefinitions).toHaveLength(1);
    const [mailer] = json.taskDefinitions;
    expect(mailer).toMatchObject({
      source: `arn:aws:ecs:${MOTO_REGION}:${MOTO_ACCOUNT}:task-definition/mailer:1`,
      family: "mailer",
      revision: 1,
      location: { region: MOTO_REGION, regionFrom: "task-definition-arn", account: MOTO_ACCOUNT, accountFrom: "task-definition-arn" },
    });
    expect(mailer.findings.map((f: { variable: string; valueLength: number }) => [f.variable, f.valueLength])).toEqual([["SMTP_PASSWORD", SMTP_PASSWORD_VALUE.length]]);
    expect(mailer.executionRoleStatement.Resource).toEqual([`arn:aws:secretsmanager:${MOTO_REGION}:${MOTO_ACCOUNT}:secret:mailer/SMTP_PASSWORD-??????`]);
  });

  it("without --cluster, every cluster of the region", async () => {
    const result = await liveAudit("--format", "json");
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).taskDefinitions.map((t: { family: string }) => t.family)).toEqual(["mailer", "web"]);
  });

  it("an unknown cluster exits 2 with one line naming it", async () => {
    expectOneLineError(await liveAudit("--cluster", "nowhere"), /^tighten: ecs audit: no ECS cluster nowhere in us-east-1/);
  });
});
