import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parse } from "@cdktf/hcl2json";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import type { PolicyDocument } from "../../src/policy/policy-document.js";
import { ACCOUNT, recordsGzip, roleEvent, writeFile } from "../support/trail.js";
import { scratchDir } from "../support/scratch-dir.js";

/*
 * What generate writes, for names and keys a log may hold: files under --out, JSON and Terraform
 * on stdout. In process: the output is what is tested, not the process.
 */

let stdout: string;
let stderr: string;
beforeEach(() => {
  stdout = "";
  stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** A call by the role with this ARN, which a crafted or a foreign-partition log may hold. */
function eventBy(roleArn: string, eventSource: string, eventName: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  const event = roleEvent("placeholder", eventSource, eventName, fields) as { userIdentity: { sessionContext: { sessionIssuer: { arn: string } } } };
  event.userIdentity.sessionContext.sessionIssuer.arn = roleArn;
  return event;
}

/** S3 GetObject of `key` in bucket `bucket`, as a data event. */
function getObject(roleArn: string, bucket: string, key: string): Record<string, unknown> {
  return eventBy(roleArn, "s3.amazonaws.com", "GetObject", {
    requestParameters: { bucketName: bucket, key },
    resources: [{ type: "AWS::S3::Object", ARN: `arn:aws:s3:::${bucket}/${key}` }, { accountId: ACCOUNT, type: "AWS::S3::Bucket", ARN: `arn:aws:s3:::${bucket}` }],
    eventCategory: "Data",
    managementEvent: false,
    readOnly: true,
  });
}

function logsOf(events: readonly Record<string, unknown>[]): string {
  const root = scratchDir();
  writeFile(root, `AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/11/02/a.json.gz`, recordsGzip(events));
  return root;
}

const role = (name: string, partition = "aws") => `arn:${partition}:iam::${ACCOUNT}:role/${name}`;

describe("generate --out: a file per role, whatever the role is called", () => {
  const HOSTILE = ["nul\u0000role", "..", "ctl\u001b[31m\u202erole", "L".repeat(300), "../../../../tmp/escape"];

  it("writes every role's file inside DIR, readable names unchanged, the others made safe", async () => {
    const names = ["payments-task", ...HOSTILE];
    const logs = logsOf(names.map((name, i) => getObject(role(name), "acme-data", `k${i}.json`)));
    const out = path.join(scratchDir(), "out");
    const code = await main(["generate", "--logs", logs, "--all-roles", "--out", out, "--quiet"]);
    expect(code, stderr).toBe(0);
    const files = readdirSync(out).filter((name) => name !== "tighten-files.json").sort();
    // One file per role, all in DIR: nothing was written beside it, nothing was lost to a crash half-way.
    expect(files).toHaveLength(names.length);
    expect(readdirSync(path.dirname(out))).toEqual(["out"]);
    expect(files).toContain("payments-task.json");
    expect(files).toContain("escape.json");
    for (const file of files) {
      expect(file).toMatch(/^[A-Za-z0-9+=,@_-][A-Za-z0-9+=,.@_~-]*\.json$/);
      expect(file.length).toBeLessThanOrEqual(120);
      const policy = JSON.parse(readFileSync(path.join(out, file), "utf8")) as PolicyDocument;
      expect(policy.Statement.flatMap((statement) => statement.Action)).toEqual(["s3:GetObject"]);
    }
  });

  it("gives a role of the same account and name in aws and aws-cn a file each, instead of one overwriting the other", async () => {
    const logs = logsOf([getObject(role("api-task"), "global-data", "a.json"), getObject(role("api-task", "aws-cn"), "china-data", "b.json")]);
    const out = scratchDir();
    expect(await main(["generate", "--logs", logs, "--all-roles", "--out", out, "--quiet"]), stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([`aws-${ACCOUNT}-api-task.json`, `aws-cn-${ACCOUNT}-api-task.json`, "tighten-files.json"]);
    const resources = (file: string) => (JSON.parse(readFileSync(path.join(out, file), "utf8")) as PolicyDocument).Statement.flatMap((s) => s.Resource);
    expect(resources(`aws-${ACCOUNT}-api-task.json`)).toEqual([expect.stringMatching(/:::global-data\/a\.json$/)]);
    expect(resources(`aws-cn-${ACCOUNT}-api-task.json`)).toEqual([expect.stringMatching(/:::china-data\/b\.json$/)]);
  });

  it("writes nothing and names the flag when DIR cannot be made", async () => {
    const parent = scratchDir();
    writeFile(parent, "taken", "");
    const logs = logsOf([getObject(role("api-task"), "data", "a.json")]);
    const code = await main(["generate", "--logs", logs, "--all-roles", "--out", path.join(parent, "taken"), "--quiet"]);
    expect(code).toBe(2);
    expect(stderr).toBe(`tighten: --out ${path.join(parent, "taken")}: cannot create the directory (a file is in the way, EEXIST)\n`);
  });
});

describe("JSON on stdout: a bidirectional override from a log is escaped, the policy the same", () => {
  const KEY = "invoices/\u202egpj.exe";

  it("in the one-role policy", async () => {
    const logs = logsOf([getObject(role("api-task"), "acme-data", KEY)]);
    expect(await main(["generate", "--logs", logs, "--role", "api-task", "--quiet"]), stderr).toBe(0);
    expect(stdout).not.toContain("\u202e");
    expect(stdout).toContain("invoices/\\u202egpj.exe");
    expect((JSON.parse(stdout) as PolicyDocument).Statement[0]!.Resource).toEqual([`arn:aws:s3:::acme-data/${KEY}`]);
  });

  it("in the object of several roles", async () => {
    const logs = logsOf([getObject(role("api-task"), "acme-data", KEY), getObject(role("web-task"), "acme-data", "a.json")]);
    expect(await main(["generate", "--logs", logs, "--all-roles", "--quiet"]), stderr).toBe(0);
    expect(stdout).not.toContain("\u202e");
    const byRole = JSON.parse(stdout) as Record<string, { policies: PolicyDocument[] }>;
    expect(byRole[role("api-task")]!.policies[0]!.Statement[0]!.Resource).toEqual([`arn:aws:s3:::acme-data/${KEY}`]);
  });
});

describe("generate --format terraform: nothing from a log becomes Terraform code", () => {
  it("escapes every ${ and %{ in the role name and the resources, and says the same as the JSON policy", async () => {
    // The ARN's last segment is the name: `passwd")}%{if true}${path.module}`, the rest its path.
    const name = 'passwd")}%{if true}${path.module}';
    const logs = logsOf([getObject(role(`pwn\${file("/etc/${name}`), "acme-data", 'k/${file("/etc/passwd")}/%{ for x in y }.txt')]);
    expect(await main(["generate", "--logs", logs, "--all-roles", "--format", "terraform", "--quiet"]), stderr).toBe(0);
    const hcl = stdout;
    stdout = "";
    expect(await main(["generate", "--logs", logs, "--all-roles", "--quiet"]), stderr).toBe(0);
    const json = JSON.parse(stdout) as PolicyDocument;

    const parsed = (await parse("role.tf", hcl)) as {
      data: { aws_iam_policy_document: Record<string, [{ statement: { resources: string[] }[] }]> };
      resource: { aws_iam_role_policy: Record<string, [{ role: string }]> };
    };
    // hcl2json leaves template sequences as written: an escaped one still reads `$${`, a live one `${`.
    // The one live sequence is the template's own, attaching the policy document to the role.
    const strings = JSON.stringify(parsed).match(/"(?:[^"\\]|\\.)*"/g)!.map((s) => JSON.parse(s) as string);
    const live = strings.filter((text) => /\$\{|%\{/.test(text.replace(/\$\$\{|%%\{/g, "")));
    expect(live).toEqual([expect.stringMatching(/^\$\{data\.aws_iam_policy_document\.[A-Za-z0-9_-]+\.json\}$/)]);
    const literal = (text: string) => text.replace(/\$\$\{|%%\{/g, (escape) => escape.slice(1));
    const [document] = Object.values(parsed.data.aws_iam_policy_document);
    expect(document![0].statement.map((s) => s.resources.map(literal))).toEqual(json.Statement.map((s) => s.Resource));
    expect(literal(Object.values(parsed.resource.aws_iam_role_policy)[0]![0].role)).toBe(name);
  });
});

describe("generate --out again: what an earlier run wrote for the same roles", () => {
  const app = role("app");
  // Each table its own ARN: 150 tables split a managed policy into parts; one table fits in one.
  const tables = (count: number) => Array.from({ length: count }, (_, i) => eventBy(app, "dynamodb.amazonaws.com", "GetItem", { requestParameters: { tableName: `orders-${String(i).padStart(4, "0")}-${"x".repeat(40)}` } }));

  it("removes the parts it no longer writes, names them, and leaves every other file alone", async () => {
    const out = path.join(scratchDir(), "policies");
    expect(await main(["generate", "--logs", logsOf(tables(150)), "--all-roles", "--out", out, "--policy-type", "managed"])).toBe(0);
    const first = readdirSync(out).filter((name) => /^app-\d+\.json$/.test(name));
    expect(first.length).toBeGreaterThan(1);
    writeFile(out, "app-99.json", "{}"); // not tighten's: never recorded for app
    writeFile(out, "other-2.json", "{}");
    stderr = "";
    expect(await main(["generate", "--logs", logsOf(tables(1)), "--all-roles", "--out", out, "--policy-type", "managed"])).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["app-99.json", "app.json", "other-2.json", "tighten-files.json"]);
    for (const part of first) expect(stderr).toContain(`removed ${path.join(out, part)}: written by an earlier run for the same role`);
    expect(stderr).toContain(`wrote ${path.join(out, "app.json")}\n`);
    expect(JSON.parse(readFileSync(path.join(out, "tighten-files.json"), "utf8"))).toEqual({ roles: { [app]: ["app.json"] } });
  });

  it("makes drift --baseline read exactly the role's files, not a stale part beside them", async () => {
    const out = path.join(scratchDir(), "policies");
    const logs = logsOf(tables(1));
    expect(await main(["generate", "--logs", logs, "--all-roles", "--out", out, "--quiet"])).toBe(0);
    // A part that looks like app's, left by hand or by a run before the manifest, granting more.
    writeFile(out, "app-2.json", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }));
    stdout = "";
    // The events are dated 2026-11-02: the window is given, not drift's default back from the clock.
    expect(await main(["drift", "--logs", logs, "--all-roles", "--baseline", out, "--since", "2026-11-01", "--format", "json", "--quiet"])).toBe(0);
    expect(stdout).not.toContain("app-2.json");
    expect(stdout).not.toContain("s3:");
  });
});
