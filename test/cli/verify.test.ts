import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openUsageSource } from "../../src/cli/scan-options.js";
import { roleFileBases } from "../../src/cli/output-files.js";
import type { PrincipalSummary, UsageSource } from "../../src/engines/engine.js";
import { allIamPrincipals, allRoles, type RoleArn } from "../../src/engines/role-selection.js";
import { renderPolicyJson } from "../../src/emit/policy/policy-json.js";
import { parsePolicy } from "../../src/policy/parse-policy.js";
import type { PolicyDocument } from "../../src/policy/policy-document.js";
import { generatePolicies } from "../../src/pipeline/generate-policies.js";
import { splitPolicy } from "../../src/synth/split-policy.js";
import { verifyRole } from "../../src/pipeline/verify-role.js";
import { deniedCalls } from "../../src/policy/replay.js";
import { run } from "../support/run-cli.js";
import { ACCOUNT, deliveryKey, recordsGzip, roleEvent, tempDir, writeFile } from "../support/trail.js";

const EXAMPLES = "examples/cloudtrail";
const DATASETS = [EXAMPLES, "../shared/datasets/invictus_aws_dataset", "../shared/datasets/stratus_detonation_logs"];

interface VerifyJson {
  readonly summary: { replayed: number; allowed: number; denied: number; conditional: number; notReplayable: number };
  readonly denied: { action: string; resource: string; decision: string; count: number; statements: { statement: string }[] }[];
  readonly conditionallyAllowed: { action: string; statements: { statement: string; conditional: boolean }[] }[];
  readonly notReplayable: { eventName: string; reason: string }[];
}

describe.each(DATASETS)("generate then verify on %s", (logs) => {
  // One scan of the logs for both tests' in-process checks, as one command would make.
  let opened: Promise<UsageSource> | undefined;
  const scanned = () => (opened ??= openUsageSource({ logs: [logs], since: undefined, until: undefined, quiet: true, strict: false }));
  afterAll(async () => {
    if (opened !== undefined) (await opened).close();
  });

  it("allows every observed successful call of every role it can replay", async () => {
    const out = tempDir();
    expect((await run("generate", "--logs", logs, "--all-roles", "--out", out, "--quiet")).code).toBe(0);
    const principals = JSON.parse((await run("roles", "--logs", logs, "--format", "json", "--quiet")).stdout) as PrincipalSummary[];
    const roles = allRoles(principals).roles;
    expect(roles.length).toBeGreaterThan(0);
    const files = roleFileBases(roles);
    const fileOf = (role: RoleArn) => path.join(out, `${files.get(role.arn)!}.json`);
    // The command end to end for one role; every role's file replayed over one scan, which is what
    // the command does for each (a run per role would scan the logs once per role).
    const result = await run("verify", "--logs", logs, "--role", roles[0]!.arn, "--policy", fileOf(roles[0]!), "--format", "json", "--quiet");
    const report = JSON.parse(result.stdout) as VerifyJson;
    expect(report.denied, roles[0]!.arn).toEqual([]);
    expect(report.summary.allowed, roles[0]!.arn).toBe(report.summary.replayed);
    expect(result.code, roles[0]!.arn).toBe(0);
    const source = await scanned();
    let replayed = 0;
    for (const role of roles) {
      const verified = await verifyRole(source, role, [parsePolicy(JSON.parse(readFileSync(fileOf(role), "utf8")) as PolicyDocument)]);
      expect(deniedCalls(verified), role.arn).toEqual([]);
      expect(verified.calls.filter((call) => call.decision !== "allowed"), role.arn).toEqual([]);
      replayed += verified.calls.length;
    }
    expect(replayed).toBeGreaterThan(0);
  });

  it("and for every IAM user and role, AWS-managed ones included (in process)", async () => {
    const source = await scanned();
    const principals = allIamPrincipals(await source.principals());
    for (const generated of await generatePolicies(source, principals)) {
      // The whole document, and the same split into small documents given together.
      for (const documents of [[generated.document], splitPolicy(generated.document, 1000)]) {
        const result = await verifyRole(source, generated.role, documents.map(parsePolicy));
        expect(deniedCalls(result), generated.role.arn).toEqual([]);
        expect(result.calls.filter((call) => call.decision !== "allowed"), generated.role.arn).toEqual([]);
      }
    }
  });
});

describe("tighten verify with a hand-edited policy", () => {
  let generated: Awaited<ReturnType<typeof run>>;
  let document: PolicyDocument;
  beforeAll(async () => {
    generated = await run("generate", "--logs", EXAMPLES, "--role", "payments-service-task", "--quiet");
    document = JSON.parse(generated.stdout) as PolicyDocument;
  });
  const write = (name: string, content: PolicyDocument | string) => {
    const file = path.join(tempDir(), name);
    writeFileSync(file, typeof content === "string" ? content : renderPolicyJson(content));
    return file;
  };
  const verify = (...args: string[]) => run("verify", "--logs", EXAMPLES, "--role", "payments-service-task", "--quiet", ...args);

  it("exits 1 and names the call a trimmed policy would deny, with its evidence", async () => {
    const trimmed = {
      ...document,
      Statement: document.Statement.map((s) => ({ ...s, Action: s.Action.filter((a) => a !== "sqs:SendMessage") })).filter((s) => s.Action.length > 0),
    };
    const file = write("trimmed.json", trimmed);
    const result = await verify("--policy", file);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Denied: the policy would refuse these observed calls");
    expect(result.stdout).toMatch(/^sqs:SendMessage\s+arn:aws:sqs:us-east-1:111122223333:payments-events\s+\d+\s+\S+Z\s+\S+Z\s+no statement allows it$/m);
    expect(result.stdout).toMatch(/: \d+ calls replayed: \d+ allowed, [1-9]\d* denied, 0 conditionally allowed, 0 not replayable \(\d+ action\/resource pairs: \d+ allowed, [1-9]\d* denied, 0 conditional\)/);

    const json = JSON.parse((await verify("--policy", file, "--format", "json")).stdout) as VerifyJson;
    expect(json.denied).toEqual([
      expect.objectContaining({ action: "sqs:SendMessage", resource: "arn:aws:sqs:us-east-1:111122223333:payments-events", decision: "denied" }),
    ]);
  });

  it("names the Deny statement that refuses a call, across several --policy files", async () => {
    const deny = write("deny.json", {
      Version: "2012-10-17",
      Statement: [{ Sid: "NoReceiptWrites", Effect: "Deny", Action: ["s3:PutObject"], Resource: ["arn:aws:s3:::acme-payments-receipts/*"] }],
    });
    const result = await verify("--policy", write("generated.json", document), "--policy", deny);
    expect(result.code).toBe(1);
    // Each receipt written is replayed on its own key, and refused by the Deny.
    expect(result.stdout).toMatch(/^s3:PutObject\s+arn:aws:s3:::acme-payments-receipts\/receipts\/2026\/11\/[0-9a-f]{8}-[0-9a-f]{4}\.pdf\s+.*explicit Deny: \S*deny\.json NoReceiptWrites$/m);
    expect(result.stdout).toMatch(/: \d+ calls replayed: \d+ allowed, 36 denied,/);
  });

  it("accepts a policy split over several files, and reports a conditional statement without failing", async () => {
    const [first, ...rest] = document.Statement;
    const conditional = { ...first!, Condition: { StringEquals: { "aws:SourceVpc": ["vpc-0abc"] } } };
    const a = write("a.json", { Version: "2012-10-17", Statement: [conditional] });
    const b = write("b.json", { Version: "2012-10-17", Statement: rest });
    const result = await verify("--policy", a, "--policy", b, "--format", "json");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as VerifyJson;
    expect(json.summary.denied).toBe(0);
    expect(json.conditionallyAllowed.length).toBe(first!.Action.length * first!.Resource.length);
    expect(json.conditionallyAllowed[0]!.statements[0]).toMatchObject({ statement: first!.Sid, conditional: true });
  });

  it("lists calls it cannot replay, with the reason", async () => {
    // A service no table knows: its action cannot be named, so the call cannot be replayed.
    const logs = tempDir();
    writeFile(logs, deliveryKey(ACCOUNT, "us-east-1", "2026-11-02"), recordsGzip([
      roleEvent("replay-role", "sqs.amazonaws.com", "GetQueueUrl", { requestParameters: { queueName: "orders" } }),
      roleEvent("replay-role", "madeup.amazonaws.com", "DoThing", { eventID: "evt-2" }),
    ]));
    const out = tempDir();
    expect((await run("generate", "--logs", logs, "--role", "replay-role", "--out", out, "--quiet")).code).toBe(0);
    const result = await run("verify", "--logs", logs, "--role", "replay-role", "--policy", path.join(out, "replay-role.json"), "--quiet");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Not replayable: the logs do not say which resource (or action) these calls needed");
    expect(result.stdout).toMatch(/^madeup\.amazonaws\.com:DoThing .*iam-data has no service "madeup"/m);
  });

  it.each([
    ["invalid JSON", "{ not json", /^tighten: --policy \S+bad\.json: the policy is not valid JSON: .*\n$/],
    ["a statement without Effect", JSON.stringify({ Version: "2012-10-17", Statement: [{ Action: "s3:*", Resource: "*" }] }), /^tighten: --policy \S+bad\.json: Statement\[0\]\.Effect must be "Allow" or "Deny", not undefined\n$/],
  ])("refuses a policy file with %s: exit 2, one line naming the file", async (_, content, message) => {
    const result = await verify("--policy", write("bad.json", content));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });

  it("refuses a missing policy file and a --role that names no principal", async () => {
    const missing = await verify("--policy", "no/such/policy.json");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^tighten: --policy no\/such\/policy\.json: cannot read it \(ENOENT\)\n$/);
    const file = write("ok.json", document);
    const unknown = await run("verify", "--logs", EXAMPLES, "--role", "nobody", "--policy", file, "--quiet");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("nobody");
  });

  it("verifies an IAM user, and asks for an ARN when a name fits several principals", async () => {
    const logs = "../shared/datasets/stratus_detonation_logs";
    const allowAll = write("all.json", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["*"], Resource: ["*"] }] });
    const user = await run("verify", "--logs", logs, "--role", "stratus-red-team-user-federation-user", "--policy", allowAll, "--quiet");
    expect(user.code).toBe(0);
    expect(user.stdout).toMatch(/^arn:aws:iam::742491224508:user\/stratus-red-team-user-federation-user against /);
    const shared = await run("verify", "--logs", logs, "--role", "christophe", "--policy", allowAll, "--quiet");
    expect(shared.code).toBe(2);
    expect(shared.stderr).toMatch(/--role christophe matches \d+ principals \(arn:aws:iam::\d+:user\/christophe, /);
  });

  it("is byte-identical from one run to the next", async () => {
    const file = write("generated.json", document);
    expect((await verify("--policy", file)).stdout).toBe((await verify("--policy", file)).stdout);
    expect(readFileSync(file, "utf8")).toBe(generated.stdout);
  });
});
