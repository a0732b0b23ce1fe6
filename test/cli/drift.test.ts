import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CreateRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DriftReport } from "../../src/drift/drift-report.js";
import { run, runWithEnv, type InProcessResult } from "../support/run-cli.js";
import { startMoto, type Moto } from "../support/moto.js";
import { tempDir } from "../support/trail.js";
import { HOSTILE, HOSTILE_KEY, HOSTILE_ROLE_ARN, WINDOW, writeCraftedBaselines, writeCraftedLogs } from "../drift/fixtures.js";

const EXAMPLES = "examples/cloudtrail";
// The examples are dated 2026-11-02 to 05: drift's default window (30 days back from the clock)
// leaves them behind once the clock passes 2026-12-05, so every drift over them says its window.
const EXAMPLES_SINCE = ["--since", "2026-11-01"];

let logs: string;
let baseline: string;
beforeAll(() => {
  logs = writeCraftedLogs();
  baseline = writeCraftedBaselines();
});

const drift = (...args: string[]) => run("drift", "--logs", logs, "--baseline", baseline, ...WINDOW, "--quiet", ...args);
/**
 * The same report run once for the tests that read it: drift writes nothing here, and two runs
 * print the same bytes (a test below runs it twice to check that).
 */
const reports = new Map<string, Promise<InProcessResult>>();
const driftOnce = (...args: string[]) => {
  const key = JSON.stringify(args);
  const result = reports.get(key) ?? drift(...args);
  reports.set(key, result);
  return result;
};
const report = async (...args: string[]): Promise<DriftReport> => {
  const result = await driftOnce(...args, "--format", "json");
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as DriftReport;
};
const roleOf = (r: DriftReport, name: string) => r.roles.find((role) => role.role.endsWith(`/${name}`))!;

describe("tighten drift on crafted logs and a baseline directory", () => {
  it("reports unused grants, with the last use before the window and resources no call matched", async () => {
    const app = roleOf(await report("--role", "app-task"), "app-task");
    expect(app.baseline).toEqual([path.join(baseline, "app-task.json"), path.join(baseline, "app-task-2.json")]);
    expect(app.unused).toEqual([
      { action: "dynamodb:GetItem", resources: ["arn:aws:dynamodb:us-east-1:111122223333:table/orders"], accessLevel: "Read", risks: [], lastUsed: "2026-10-15T08:00:00Z", conditionallyDenied: [] },
      expect.objectContaining({ action: "ecr:GetAuthorizationToken", resources: ["*"], lastUsed: null }),
      expect.objectContaining({ action: "iam:PassRole", resources: ["*"], risks: expect.arrayContaining(["privilege-escalation"]) }),
      expect.objectContaining({ action: "s3:GetObject", resources: ["arn:aws:s3:::other-bucket/*"], lastUsed: null }),
    ]);
    expect(app.totals).toEqual({ granted: 4, used: 2, denied: 1 });
  });

  it("without history, knows no last use", async () => {
    const app = roleOf(await report("--role", "app-task", "--history", "0"), "app-task");
    expect(app.unused.find((u) => u.action === "dynamodb:GetItem")?.lastUsed).toBeNull();
  });

  it("reports new usage the baseline refuses, and denied calls with the statement that would allow them", async () => {
    const app = roleOf(await report("--role", "app-task"), "app-task");
    expect(app.newUsage).toEqual([
      { action: "sqs:SendMessage", resource: "arn:aws:sqs:us-east-1:111122223333:jobs", calls: 1, firstSeen: "2026-11-10T09:00:00Z", lastSeen: "2026-11-10T09:00:00Z", reason: "no statement allows it", eventId: "evt-1" },
    ]);
    expect(app.denied).toEqual([
      {
        call: "dynamodb.amazonaws.com:DeleteItem",
        errorCode: "AccessDeniedException",
        actions: ["dynamodb:DeleteItem"],
        resources: ["arn:aws:dynamodb:us-east-1:111122223333:table/orders"],
        calls: 1,
        firstSeen: "2026-11-10T09:00:00Z",
        lastSeen: "2026-11-10T09:00:00Z",
        eventId: "evt-1",
        suggestion: { Effect: "Allow", Action: ["dynamodb:DeleteItem"], Resource: ["arn:aws:dynamodb:us-east-1:111122223333:table/orders"] },
      },
    ]);
    // Shown, never applied: the baseline file is as it was.
    expect(readFileSync(path.join(baseline, "app-task.json"), "utf8")).not.toContain("DeleteItem");
  });

  it("reports wildcard statements, but not Resource * for actions that cannot name a resource", async () => {
    const app = roleOf(await report("--role", "app-task"), "app-task");
    expect(app.wildcards).toEqual([
      { statement: "PassAnything", source: path.join(baseline, "app-task-2.json"), actions: ["iam:PassRole"], resources: ["*"], why: "Resource * for iam:PassRole, which can name a resource" },
    ]);
  });

  it("finds the ECS agent's and the application's calls in one role, by kind", async () => {
    const all = await report("--all-roles");
    expect(roleOf(all, "mixed-task").ecs).toEqual([
      expect.objectContaining({ kind: "task-and-execution-role", agentCalls: ["ecr.amazonaws.com:GetAuthorizationToken"], applicationCalls: ["s3.amazonaws.com:GetObject"] }),
    ]);
    expect(roleOf(all, "api-execution").ecs).toEqual([
      expect.objectContaining({ kind: "execution-role-application-calls", applicationCalls: ["sqs.amazonaws.com:SendMessage"] }),
    ]);
    expect(roleOf(all, "clean-execution").ecs).toEqual([]);
    expect(roleOf(all, "app-task").ecs).toEqual([]);
  });

  it("exits 1 with --fail-on only for the categories found", async () => {
    const cases: [string, string, number][] = [
      ["drift", "app-task", 1],
      ["drift", "mixed-task", 0],
      ["denied", "app-task", 1],
      ["denied", "mixed-task", 0],
      ["wildcards", "app-task", 1],
      ["wildcards", "mixed-task", 0],
      ["ecs", "mixed-task", 1],
      ["ecs", "app-task", 0],
      ["drift,denied,wildcards", "api-execution", 0],
    ];
    for (const [failOn, role, code] of cases) expect((await drift("--role", role, "--fail-on", failOn)).code, `--fail-on ${failOn} --role ${role}`).toBe(code);
    // Found, but not asked to fail on: 0.
    expect((await drift("--role", "app-task")).code).toBe(0);
    expect((await drift("--role", "api-execution", "--fail-on", "denied", "--fail-on", "ecs")).code).toBe(1);
  });

  it("is byte-identical from one run to the next, in every format", async () => {
    for (const format of ["text", "markdown", "json"]) {
      const first = await driftOnce("--all-roles", "--format", format);
      expect(first.code, first.stderr).toBe(0);
      expect((await drift("--all-roles", "--format", format)).stdout).toBe(first.stdout);
    }
  });

  it("escapes what logs put in role paths and S3 keys, in every format", async () => {
    const json = await report("--role", "evil-task");
    const evil = json.roles[0]!;
    expect(evil.role).toBe(HOSTILE_ROLE_ARN);
    // The mapping writes a literal * of a key as ${*}, as IAM policies spell it.
    const arn = `arn:aws:s3:::data-bucket/${HOSTILE_KEY.replace("*", "${*}")}`;
    expect(evil.newUsage.map((n) => n.resource)).toEqual([arn]);
    expect(evil.denied[0]?.suggestion?.Resource).toEqual([arn]);

    const markdown = (await drift("--role", "evil-task", "--format", "markdown")).stdout;
    const outsideFences = markdown.replace(/^```json\n[\s\S]*?\n```$/gm, "");
    expect(outsideFences).not.toMatch(/<script/i);
    expect(outsideFences).toContain("&lt;script&gt;alert(1)&lt;/script&gt;\\|\\`x\\`");
    // Nowhere verbatim: the userAgent is in no report, and the key is escaped wherever it shows.
    expect(markdown).not.toContain(HOSTILE);

    const text = (await drift("--role", "evil-task")).stdout;
    expect(text).toContain(HOSTILE_ROLE_ARN);
    expect(text).not.toMatch(/\u001b/);
  });

  it("writes the report atomically to --out, and HTML through the HTML renderer", async () => {
    const dir = tempDir();
    const out = path.join(dir, "reports", "drift.json");
    const result = await drift("--all-roles", "--format", "json", "--out", out);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("");
    expect(readFileSync(out, "utf8")).toBe((await driftOnce("--all-roles", "--format", "json")).stdout);
    expect(readdirSync(path.dirname(out))).toEqual(["drift.json"]);
    const html = await drift("--role", "evil-task", "--format", "html");
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/i);
    expect(html.stdout).not.toContain("<script>alert(1)");
  });

  it("names the role without a baseline file, the bad file, and the missing flag, exit 2", async () => {
    const partial = tempDir();
    copyFileSync(path.join(baseline, "app-task.json"), path.join(partial, "app-task.json"));
    const missing = await run("drift", "--logs", logs, "--baseline", partial, "--all-roles", ...WINDOW, "--quiet");
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(`tighten: --baseline ${partial}: no policy file for role api-execution (expected ${path.join(partial, "api-execution.json")})`);

    writeFileSync(path.join(partial, "app-task-2.json"), '{"Statement": [{"Effect": "Allow"}]}');
    const bad = await run("drift", "--logs", logs, "--baseline", partial, "--role", "app-task", ...WINDOW, "--quiet");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`--baseline ${path.join(partial, "app-task-2.json")}: Statement[0] needs exactly one of Action and NotAction`);

    expect((await run("drift", "--logs", logs, "--role", "app-task")).stderr).toMatch(/drift needs a baseline: --baseline DIR .* or --from-iam/);
    expect((await drift("--role", "app-task", "--fail-on", "everything")).stderr).toMatch(/--fail-on everything: choose from drift, denied, wildcards, ecs/);
    expect((await run("drift", "--logs", logs, "--baseline", baseline, "--from-iam", "--role", "app-task")).code).toBe(2);
  });
});

describe("tighten drift on the example logs", () => {
  it("finds no unused grant and no new usage against the policies generate --out wrote from the same logs", async () => {
    const generated = tempDir();
    const made = await run("generate", "--logs", EXAMPLES, "--all-roles", "--out", generated, "--quiet");
    expect(made.code, made.stderr).toBe(0);
    const result = await run("drift", "--logs", EXAMPLES, ...EXAMPLES_SINCE, "--all-roles", "--baseline", generated, "--format", "json", "--quiet", "--fail-on", "drift,wildcards,ecs");
    expect(result.code, result.stdout).toBe(0);
    const r = JSON.parse(result.stdout) as DriftReport;
    expect(r.roles).toHaveLength(4);
    for (const role of r.roles) {
      expect(role.unused, role.role).toEqual([]);
      expect(role.newUsage, role.role).toEqual([]);
      expect(role.wildcards, role.role).toEqual([]);
      // logs:PutLogEvents, implied by the execution roles' CreateLogStream, is granted and never seen used: listed apart.
      expect(role.totals.used + (role.unobservable ?? []).length).toBe(role.totals.granted);
    }
    // The payments task role was refused an S3 delete and a DynamoDB scan.
    expect(roleOf(r, "payments-service-task").denied.map((d) => d.call)).toEqual(["dynamodb.amazonaws.com:Scan", "s3.amazonaws.com:DeleteObject"]);
  });

  it("finds unused grants and wildcards in the wildcard policies the roles had before", async () => {
    const before = tempDir();
    for (const file of readdirSync("examples/current")) copyFileSync(path.join("examples/current", file), path.join(before, file));
    const result = await run("drift", "--logs", EXAMPLES, ...EXAMPLES_SINCE, "--all-roles", "--baseline", before, "--format", "json", "--quiet", "--fail-on", "drift");
    expect(result.code).toBe(1);
    const r = JSON.parse(result.stdout) as DriftReport;
    const task = roleOf(r, "payments-service-task");
    expect(task.unused.map((u) => u.action)).toEqual(expect.arrayContaining(["iam:PassRole", "iam:CreateAccessKey", "sts:AssumeRole", "s3:DeleteObjectVersion"]));
    expect(task.wildcards.map((w) => w.statement)).toEqual(["LegacyTemplateAdmin", "AppData", "Secrets"]);
    const execution = roleOf(r, "payments-service-execution");
    // CloudTrail never records PutLogEvents: kept out of unused.
    expect(execution.unused.map((u) => u.action)).toEqual(["ssm:GetParameters"]);
    expect(execution.unobservable?.map((u) => u.action)).toEqual(["logs:PutLogEvents"]);
    // The secret is granted without its random suffix: the calls break under this baseline.
    expect(roleOf(r, "notifications-service-execution").newUsage.map((n) => n.action)).toEqual(["secretsmanager:GetSecretValue"]);
  });
});

describe("tighten drift --from-iam (moto on loopback)", () => {
  let moto: Moto;
  beforeAll(async () => {
    // The example logs' roles are of account 111122223333: the caller's, so --from-iam reads them without --assume-role.
    moto = await startMoto({ account: "111122223333" });
    const iam = moto.iamClient();
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] });
    await iam.send(new CreateRoleCommand({ RoleName: "payments-service-task", Path: "/ecs/", AssumeRolePolicyDocument: trust }));
    await iam.send(new PutRolePolicyCommand({ RoleName: "payments-service-task", PolicyName: "legacy", PolicyDocument: readFileSync("examples/current/payments-service-task.json", "utf8") }));
  }, 60_000);
  afterAll(() => moto?.stop());

  const env = () => moto.cliEnv("IAM", "STS");

  it("takes the role's live policies as the baseline, and reports the same as the same policy in a directory", async () => {
    const fromIam = await runWithEnv(env(), "drift", "--logs", EXAMPLES, ...EXAMPLES_SINCE, "--role", "payments-service-task", "--from-iam", "--format", "json", "--quiet");
    expect(fromIam.code, fromIam.stderr).toBe(0);
    const role = (JSON.parse(fromIam.stdout) as DriftReport).roles[0]!;
    expect(role.baseline).toEqual(["inline legacy"]);
    const dir = tempDir();
    copyFileSync("examples/current/payments-service-task.json", path.join(dir, "payments-service-task.json"));
    const fromDir = await run("drift", "--logs", EXAMPLES, ...EXAMPLES_SINCE, "--role", "payments-service-task", "--baseline", dir, "--format", "json", "--quiet");
    const same = (JSON.parse(fromDir.stdout) as DriftReport).roles[0]!;
    expect(role.unused).toEqual(same.unused);
    expect(role.wildcards.map(({ source: _, ...w }) => w)).toEqual(same.wildcards.map(({ source: _, ...w }) => w));
    expect(role.denied).toEqual(same.denied);
  });

  it("names the role IAM does not know, in one line, exit 2", async () => {
    const result = await runWithEnv(env(), "drift", "--logs", EXAMPLES, ...EXAMPLES_SINCE, "--role", "notifications-service-task", "--from-iam", "--quiet");
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/^tighten: --from-iam: role notifications-service-task: not found in IAM/);
  });
});

describe("drift --format markdown over the examples and their wildcard baselines", () => {
  it("stays under 60,000 characters and leads with the calls the baseline refuses and the denied calls", async () => {
    const result = await run("drift", "--logs", EXAMPLES, "--all-roles", "--baseline", "examples/current", ...EXAMPLES_SINCE, "--format", "markdown", "--quiet");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.length).toBeLessThan(60_000);
    const headings = result.stdout.split("\n").filter((line) => line.startsWith("### "));
    expect(headings.slice(0, 3).map((line) => line.split(":")[0])).toEqual(["### New usage", "### Denied", "### High-risk grants"]);
    // payments-service-task's DeleteObject and Scan, refused with AccessDenied: both before any role's own section.
    const firstRole = result.stdout.indexOf("### Role ");
    expect(result.stdout.indexOf("`s3.amazonaws.com:DeleteObject`")).toBeLessThan(firstRole);
    expect(result.stdout.indexOf("`dynamodb.amazonaws.com:Scan`")).toBeLessThan(firstRole);
    expect(result.stdout.indexOf("`notifications-service-execution` | `secretsmanager:GetSecretValue`")).toBeLessThan(firstRole);
    // Roles by name; the ARN only in a detail line.
    expect(result.stdout).not.toMatch(/^### .*arn:aws/m);
    expect(result.stdout).toContain("ARN `arn:aws:iam::111122223333:role/ecs/payments-service-task`.");
  });
});
