import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, type CliResult } from "../support/cli.js";
import { run, runWithStdin } from "../support/run-cli.js";
import { scratchDir } from "../support/scratch-dir.js";
import { meaningOfJson, meaningOfTerraform } from "../emit/terraform/terraform-semantics.js";

const J2TF = "../shared/peers/j2tf";

function fixture(name: string): string {
  return readFileSync(path.resolve(ROOT, J2TF, name), "utf8");
}

/** The built CLI with `input` on stdin: a real pipe, for the one test of reading one. */
function spawnWithStdin(input: string, ...args: string[]): CliResult {
  const result = spawnSync(process.execPath, [path.join(ROOT, "bin/tighten.js"), ...args], { cwd: ROOT, input, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectUsageError(result: CliResult, message: string) {
  expect(result.stdout).toBe("");
  expect(result.stderr).toBe(`tighten: ${message}\n`);
  expect(result.code).toBe(2);
}

describe("tighten convert --to terraform", () => {
  it("converts a file as iam-policy-json-to-terraform does", async () => {
    const result = await run("convert", "--to", "terraform", `${J2TF}/simple.json`);
    expect(result).toEqual({ code: 0, stdout: fixture("simple.tf"), stderr: "" });
  });

  it("names the data source with --name", async () => {
    const result = await run("convert", "--to", "terraform", "--name", "my_lambda_policy", `${J2TF}/extra/x13-statement-object-no-version.json`);
    expect(result.stdout).toBe(fixture("extra/x13-statement-object-no-version.name-my_lambda_policy.tf"));
  });

  it("reads stdin when given - or no file, and keeps Terraform references", async () => {
    const input = fixture("tf-interpolations.json");
    expect(spawnWithStdin(input, "convert", "--to", "terraform", "-")).toEqual({ code: 0, stdout: fixture("tf-interpolations.tf"), stderr: "" });
    expect((await runWithStdin(input, "convert", "--to", "terraform")).stdout).toBe(fixture("tf-interpolations.tf"));
  });

  it("reads what --current reads: aws iam get-role-policy and get-policy-version output", async () => {
    const policy = fixture("simple.json");
    const expected = fixture("simple.tf");
    const rolePolicy = JSON.stringify({ RoleName: "app", PolicyName: "p", PolicyDocument: encodeURIComponent(policy) });
    const userPolicy = JSON.stringify({ UserName: "ci", PolicyName: "p", PolicyDocument: JSON.parse(policy) });
    expect((await runWithStdin(userPolicy, "convert", "--to", "terraform")).stdout).toBe(expected);
    expect((await runWithStdin(rolePolicy, "convert", "--to", "terraform")).stdout).toBe(expected);
    const version = JSON.stringify({ PolicyVersion: { Document: JSON.parse(policy), VersionId: "v3", IsDefaultVersion: true } });
    expect((await runWithStdin(version, "convert", "--to", "terraform")).stdout).toBe(expected);
  });

  it("accepts a byte order mark", async () => {
    expect((await runWithStdin(`\uFEFF${fixture("simple.json")}`, "convert", "--to", "terraform")).stdout).toBe(fixture("simple.tf"));
  });

  describe("bad input: one line naming the file, exit 2", () => {
    it("broken JSON", async () => {
      expectUsageError(await run("convert", "--to", "terraform", `${J2TF}/error-broken.json`), `${J2TF}/error-broken.json: not valid JSON: unexpected end of JSON input`);
    });

    it("no Statement", async () => {
      expectUsageError(await run("convert", "--to", "terraform", `${J2TF}/error-no-statements.json`), `${J2TF}/error-no-statements.json: no "Statement" found: this is not an IAM policy document`);
    });

    it("a CloudFormation snippet", async () => {
      expectUsageError(
        await run("convert", "--to", "terraform", `${J2TF}/error-cloudformation-snippet.json`),
        `${J2TF}/error-cloudformation-snippet.json: no "Statement" at the top level: this looks like a CloudFormation snippet, with a policy under PolicyDocument; CloudFormation is not supported, convert a plain policy document`,
      );
    });

    it("a wrong value on stdin", async () => {
      expectUsageError(await runWithStdin('{"Statement": {"Action": 5}}', "convert", "--to", "terraform"), "stdin: Statement.Action: expected a string, got the number 5");
    });

    it("a file that does not exist", async () => {
      expectUsageError(await run("convert", "--to", "terraform", "/nonexistent/policy.json"), "/nonexistent/policy.json: no such file or directory");
    });

    it("a directory", async () => {
      expectUsageError(await run("convert", "--to", "terraform", "test"), "test: is a directory, not a policy JSON file");
    });

    it("a name Terraform does not accept", async () => {
      expectUsageError(
        await run("convert", "--to", "terraform", "--name", "9 lives", `${J2TF}/simple.json`),
        '--name "9 lives": a Terraform name holds letters, digits, underscores and dashes, and starts with a letter or underscore',
      );
    });

    it("no --to, or another format", async () => {
      for (const result of [await run("convert", `${J2TF}/simple.json`), await run("convert", "--to", "yaml", `${J2TF}/simple.json`)]) {
        expect(result.code).toBe(2);
        expect(result.stderr.trimEnd().split("\n").at(-1)).toMatch(/^tighten: .*(to|Choices)/);
      }
    });
  });
});

/** `tighten convert ...args FILE` in this process, with `policy` in FILE. */
async function convertInProcess(policy: unknown, ...args: string[]): Promise<CliResult> {
  const file = path.join(scratchDir(), "policy.json");
  writeFileSync(file, JSON.stringify(policy));
  return run("convert", "--to", "terraform", ...args, file);
}

describe("tighten convert --literal: JSON from someone else stays data", () => {
  const UNTRUSTED = {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: '${file("/etc/passwd")}',
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: ["arn:aws:s3:::b/${aws_kms_key.key.arn}", "arn:aws:s3:::b/${aws:username}/%{ if true }x", "arn:aws:s3:::b/$${already}"],
        Condition: { StringEquals: { "aws:PrincipalTag/team": '${var.team}' } },
      },
    ],
  };

  it("escapes every ${ and %{, so Terraform evaluates nothing and reads back the same strings", async () => {
    const result = await convertInProcess(UNTRUSTED, "--literal");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ +sid += "\$\$\{file\(\\"\/etc\/passwd\\"\)\}"$/m);
    // No `${` or `%{` is left that is not an escape (`$${`, `%%{`).
    expect(result.stdout.replace(/\$\$\{|%%\{/g, "")).not.toMatch(/\$\{|%\{/);
    expect(await meaningOfTerraform(result.stdout, "policy")).toEqual(meaningOfJson(UNTRUSTED));
  });

  it("changes nothing else: without ${ or %{ the output is the same as without --literal", async () => {
    const plain = JSON.parse(fixture("simple.json")) as unknown;
    expect((await convertInProcess(plain, "--literal")).stdout).toBe(fixture("simple.tf"));
  });

  it("without it, a Terraform reference stays live, as documented", async () => {
    const result = await convertInProcess(UNTRUSTED);
    expect(result.stdout).toMatch(/^ +sid += "\$\{file\("\/etc\/passwd"\)\}"$/m);
  });

  it("is in the command's help", async () => {
    expect((await run("convert", "--help")).stdout).toMatch(/--literal\s+escape every `\$\{` and `%\{`/);
  });
});
