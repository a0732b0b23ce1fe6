import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import type { PolicyDocument } from "../../src/policy/policy-document.js";
import { run, type InProcessResult } from "../support/run-cli.js";
import { tempDir } from "../support/trail.js";

const EXAMPLES = "examples/cloudtrail";
const current = (role: string) => `examples/current/${role}.json`;
const ROLES = ["payments-service-task", "payments-service-execution", "notifications-service-task", "notifications-service-execution"];

interface DiffJson {
  readonly roles: readonly {
    readonly role: string;
    readonly summary: Record<string, number>;
    readonly changes: readonly { action: string; change: string; risks: string[]; current: string[]; generated: string[]; note: string | null }[];
  }[];
}

const diff = (role: string, ...args: string[]) => run("diff", "--logs", EXAMPLES, "--role", role, "--current", current(role), "--quiet", ...args);
/**
 * The same review run once for the tests that read it: diff writes nothing, and two runs print
 * the same bytes (a test below runs each format twice to check that).
 */
const reviews = new Map<string, Promise<InProcessResult>>();
const diffOnce = (role: string, ...args: string[]) => {
  const key = JSON.stringify([role, ...args]);
  const result = reviews.get(key) ?? diff(role, ...args);
  reviews.set(key, result);
  return result;
};
const diffJson = async (role: string) => {
  const result = await diffOnce(role, "--format", "json");
  expect(result.code, result.stderr).toBe(0);
  const report = JSON.parse(result.stdout) as DiffJson;
  return (action: string) => report.roles[0]!.changes.find((c) => c.action === action);
};

describe("tighten diff on the example roles and their wildcard policies", () => {
  it("removes iam:* from the payments task role, as privilege escalation, and narrows what it uses", async () => {
    const change = await diffJson("payments-service-task");
    expect(change("iam:PassRole")).toMatchObject({ change: "removed", risks: expect.arrayContaining(["privilege-escalation"]) });
    expect(change("iam:CreateAccessKey")).toMatchObject({ change: "removed", risks: expect.arrayContaining(["privilege-escalation", "credentials-exposure"]) });
    // cloudsplaining lists sts:AssumeRole as credentials exposure, on any resource.
    expect(change("sts:AssumeRole")).toMatchObject({ change: "removed", risks: expect.arrayContaining(["credentials-exposure"]) });
    expect(change("sqs:SendMessage")).toMatchObject({ change: "narrowed", current: ["*"], generated: ["arn:aws:sqs:us-east-1:111122223333:payments-events"] });
    expect(change("s3:GetObject")).toMatchObject({ change: "narrowed", current: ["*"] });
    // The trail records S3 object events (the role's GetObject calls are in it), so an unused one is removable.
    expect(change("s3:DeleteObjectVersion")).toMatchObject({ change: "removed" });
  });

  it("keeps logs:PutLogEvents on the execution role, which CloudTrail never records", async () => {
    const change = await diffJson("payments-service-execution");
    expect(change("logs:PutLogEvents")).toMatchObject({ change: "unobservable", note: expect.stringMatching(/PutLogEvents/) });
    expect(change("ecr:GetAuthorizationToken")).toMatchObject({ change: "kept" });
    expect(change("ssm:GetParameters")).toMatchObject({ change: "removed", risks: ["data-exfiltration"] });
  });

  it("adds the secret a current policy names without its random suffix", async () => {
    const change = await diffJson("notifications-service-execution");
    expect(change("secretsmanager:GetSecretValue")).toMatchObject({ change: "added", note: expect.stringMatching(/no statement allows it/) });
  });

  it("honours Deny with NotAction and Allow with NotAction and NotResource", async () => {
    const change = await diffJson("notifications-service-task");
    // The Deny refuses every action it does not list, so EverythingButIam grants only the listed ones.
    expect(change("ec2:RunInstances")).toBeUndefined();
    expect(change("sns:Publish")).toMatchObject({ change: "narrowed", current: expect.arrayContaining([expect.stringMatching(/^\* except /)]) });
    expect(change("sqs:PurgeQueue")).toMatchObject({ change: "removed" });
  });

  it("reviews a current policy whose Deny names every action (\"*\"): the kept guardrail grants nothing", async () => {
    const file = path.join(tempDir(), "fenced.json");
    const fenced = (deny: Record<string, unknown>) => ({
      Version: "2012-10-17",
      Statement: [deny, { Effect: "Allow", Action: ["s3:*", "sqs:SendMessage"], Resource: "*" }],
    });
    for (const deny of [
      { Sid: "OutsideVpc", Effect: "Deny", Action: "*", Resource: "*", Condition: { StringNotEquals: { "aws:SourceVpc": "vpc-1" } } },
      { Sid: "Frozen", Effect: "Deny", Action: "*", Resource: "*" },
    ]) {
      writeFileSync(file, JSON.stringify(fenced(deny)));
      const result = await run("diff", "--logs", EXAMPLES, "--role", "payments-service-task", "--current", file, "--format", "json", "--quiet");
      expect(result.code, `${deny.Sid}: ${result.stderr}`).toBe(0);
      const changes = (JSON.parse(result.stdout) as DiffJson).roles[0]!.changes;
      expect(changes.map((c) => c.action)).not.toContain("*");
      expect(changes.find((c) => c.action === "sqs:SendMessage"), deny.Sid).toMatchObject({ change: deny.Sid === "Frozen" ? "added" : "narrowed" });
    }
  });

  it("generate --current warns when a Deny it keeps refuses what the role was seen doing", async () => {
    const file = path.join(tempDir(), "frozen.json");
    const policy = (deny: Record<string, unknown>) => ({ Version: "2012-10-17", Statement: [deny, { Effect: "Allow", Action: "*", Resource: "*" }] });
    writeFileSync(file, JSON.stringify(policy({ Sid: "NoSqs", Effect: "Deny", Action: "sqs:*", Resource: "*" })));
    const frozen = await run("generate", "--logs", EXAMPLES, "--role", "payments-service-task", "--current", file);
    expect(frozen.code, frozen.stderr).toBe(0);
    expect(frozen.stderr).toContain("a kept Deny of the current policy refuses 1 grant(s) that calls the logs show succeeding need: sqs:SendMessage on arn:aws:sqs:us-east-1:111122223333:payments-events (NoSqs)");
    expect((JSON.parse(frozen.stdout) as PolicyDocument).Statement.find((s) => s.Sid === "NoSqs")).toMatchObject({ Effect: "Deny", Action: ["sqs:*"] });
    // Under a Condition the Deny may not apply: kept, and no warning.
    writeFileSync(file, JSON.stringify(policy({ Sid: "NoSqs", Effect: "Deny", Action: "sqs:*", Resource: "*", Condition: { StringNotEquals: { "aws:SourceVpc": "vpc-1" } } })));
    const fenced = await run("generate", "--logs", EXAMPLES, "--role", "payments-service-task", "--current", file);
    expect(fenced.code, fenced.stderr).toBe(0);
    expect(fenced.stderr).not.toContain("a kept Deny");
  });

  it("prints a markdown review with the summary table first, and a unified diff on request", async () => {
    const result = await diff("payments-service-task", "--format", "markdown", "--unified");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\|\s*removed\s*\|/i);
    expect(result.stdout).toContain("<details>");
    expect(result.stdout).toMatch(/^\+\s+"arn:aws:sqs:us-east-1:111122223333:payments-events"/m);
    expect(result.stdout).toMatch(/^-\s+"iam:\*",?$/m);
  });

  it("exits 1 with --exit-code when tightening changes anything, and 0 when the current policy is the generated one", async () => {
    expect((await diff("payments-service-task", "--exit-code")).code).toBe(1);
    const generated = await run("generate", "--logs", EXAMPLES, "--role", "payments-service-task", "--quiet");
    const file = path.join(tempDir(), "generated.json");
    writeFileSync(file, generated.stdout);
    const same = await run("diff", "--logs", EXAMPLES, "--role", "payments-service-task", "--current", file, "--exit-code", "--quiet");
    expect(same.code, same.stdout).toBe(0);
  });

  it("is byte-identical from one run to the next, in every format", async () => {
    for (const format of ["text", "markdown", "json"]) {
      expect((await diff("notifications-service-task", "--format", format)).stdout).toBe((await diffOnce("notifications-service-task", "--format", format)).stdout);
    }
  });

  it("refuses what it cannot do, in one line naming the flag or file", async () => {
    const none = await run("diff", "--logs", EXAMPLES, "--role", "payments-service-task");
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--current FILE .* or --from-iam/);
    const unified = await diff("payments-service-task", "--format", "json", "--unified");
    expect(unified.code).toBe(2);
    expect(unified.stderr).toMatch(/--unified/);
    const bad = path.join(tempDir(), "bad.json");
    writeFileSync(bad, '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Actions":"s3:*","Resource":"*"}]}');
    const typo = await run("diff", "--logs", EXAMPLES, "--role", "payments-service-task", "--current", bad);
    expect(typo.code).toBe(2);
    expect(typo.stderr.trim().split("\n").at(-1)).toMatch(new RegExp(`^tighten: --current ${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: .*Actions`));
  });
});

describe("generate --current", () => {
  it.each(ROLES)("%s: carries over what no log could show, marked, and the result still allows every observed call", async (role) => {
    const out = tempDir();
    const result = await run("generate", "--logs", EXAMPLES, "--role", role, "--current", current(role), "--out", out);
    expect(result.code, result.stderr).toBe(0);
    const file = path.join(out, `${role}.json`);
    const verify = await run("verify", "--logs", EXAMPLES, "--role", role, "--policy", file, "--quiet");
    expect(verify.code, verify.stdout).toBe(0);
  });

  it("grants the execution role's logs:PutLogEvents on its own log group, implied by CreateLogStream, with or without the current policy", async () => {
    const group = "arn:aws:logs:us-east-1:111122223333:log-group:/ecs/payments-service:*";
    for (const extra of [["--current", current("payments-service-execution")], []]) {
      const result = await run("generate", "--logs", EXAMPLES, "--role", "payments-service-execution", ...extra);
      const document = JSON.parse(result.stdout) as PolicyDocument;
      const putting = document.Statement.filter((s) => s.Action.includes("logs:PutLogEvents"));
      expect(putting.flatMap((s) => s.Resource)).toEqual([group]);
      // Not carried over from the current policy's "*": the implied grant is narrower.
      expect(document.Statement.some((s) => s.Sid?.startsWith("Unobservable"))).toBe(false);
      expect(result.stderr).toContain(`granted logs:PutLogEvents on ${group}, implied: CloudTrail does not record logs:PutLogEvents`);
    }
  });
});

describe("diff --format markdown against an administrator policy", () => {
  it("fits a GitHub comment (under 60,000 characters), unified diff included, and leads with the denied calls", async () => {
    const dir = tempDir();
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const admin = path.join(dir, "admin.json");
    // Action "*" leaves some 22,000 removals in 450 services: 143 KB of Markdown before the bound.
    writeFileSync(admin, JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }));
    for (const extra of [[], ["--unified"]]) {
      const result = await run("diff", "--logs", EXAMPLES, "--role", "payments-service-task", "--current", admin, "--format", "markdown", "--quiet", ...extra);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.length).toBeGreaterThan(10_000);
      expect(result.stdout.length).toBeLessThan(60_000);
      const headings = result.stdout.split("\n").filter((line) => line.startsWith("#"));
      expect(headings.slice(0, 3)).toEqual(["### Role `payments-service-task`", "#### Denied: refused in the logs", "#### High-risk removals"]);
      expect(result.stdout).toMatch(/more services not shown \(\d+ in all\): `--format json` or `--format html` has them all/);
    }
  });
});
