import { describe, expect, it } from "vitest";
import { fileWarningLines, SUBJECTS_SHOWN, uncarriedWarnings, warningLines, type Warning } from "../../src/cli/warnings.js";
import { run } from "../support/run-cli.js";

const denied = (role: string, action: string, calls: number, region: string): Warning => ({
  role,
  kind: "denied",
  subject: action,
  calls,
  detail: `${role}: ${action} was denied (AccessDenied) ${calls}x in ${region}; not granted`,
});

describe("warnings, grouped", () => {
  const warnings: Warning[] = [
    denied("payments-task", "s3:DeleteObject", 10, "us-east-1"),
    denied("payments-task", "s3:DeleteObject", 2, "eu-west-1"),
    denied("payments-task", "dynamodb:Scan", 1, "us-east-1"),
    { role: "payments-task", kind: "unmapped", subject: "example.amazonaws.com:Frob", calls: 4, detail: "payments-task: example.amazonaws.com:Frob (4x) not in the policy: unknown service" },
    denied("orders-task", "sqs:SendMessage", 3, "us-east-1"),
  ];

  it("prints one line per role and kind with totals, the same action counted once", () => {
    expect(warningLines(warnings, false)).toEqual([
      "warning: payments-task: 13 calls to 2 actions denied with an authorization error, not granted: s3:DeleteObject 12x, dynamodb:Scan 1x",
      // A kind with one warning keeps its whole line: a summary would say less.
      "warning: payments-task: example.amazonaws.com:Frob (4x) not in the policy: unknown service",
      "warning: orders-task: sqs:SendMessage was denied (AccessDenied) 3x in us-east-1; not granted",
    ]);
  });

  it("prints each warning with --verbose", () => {
    expect(warningLines(warnings, true)).toEqual(warnings.map((warning) => `warning: ${warning.detail}`));
  });

  it("names the most frequent actions and counts the rest", () => {
    const many = Array.from({ length: SUBJECTS_SHOWN + 2 }, (_, i) => denied("r", `s3:Action${i}`, i + 1, "us-east-1"));
    expect(warningLines(many, false)).toEqual([
      "warning: r: 15 calls to 5 actions denied with an authorization error, not granted: s3:Action4 5x, s3:Action3 4x, s3:Action2 3x, and 2 more (--verbose lists each)",
    ]);
  });

  it("counts grants, not calls, for grants a new policy does not keep", () => {
    const grants = uncarriedWarnings("r", [
      { action: "s3:GetObject", reason: "a data event the trail does not record; not kept" },
      { action: "dynamodb:GetItem", reason: "a data event the trail does not record; not kept" },
    ]);
    expect(warningLines(grants, false)).toEqual(["warning: r: 2 grants of the current policy no log could show in use, not kept: dynamodb:GetItem, s3:GetObject"]);
  });
});

describe("log file warnings", () => {
  const corrupt = (n: number) => Array.from({ length: n }, (_, i) => ({ path: `logs/${i}.json.gz`, reason: "corrupt gzip data" }));

  it("name each file while a few share a reason, and share a line past that", () => {
    expect(fileWarningLines("skipped", corrupt(SUBJECTS_SHOWN), false)).toEqual(corrupt(SUBJECTS_SHOWN).map((f) => `warning: skipped ${f.path}: corrupt gzip data`));
    expect(fileWarningLines("skipped", [...corrupt(5), { path: "logs/notes.txt", reason: "not CloudTrail" }], false)).toEqual([
      "warning: skipped 5 files: corrupt gzip data: logs/0.json.gz, logs/1.json.gz, logs/2.json.gz, and 2 more (--verbose lists each)",
      "warning: skipped logs/notes.txt: not CloudTrail",
    ]);
    expect(fileWarningLines("read in part", corrupt(5), true)[0]).toBe("warning: read logs/0.json.gz in part: corrupt gzip data");
  });
});

describe("generate --verbose", () => {
  it("groups the examples' denied calls in one line, and --verbose prints each", async () => {
    const args = ["generate", "--logs", "examples/cloudtrail", "--role", "payments-service-task", "--quiet"];
    const grouped = (await run(...args)).stderr.split("\n").filter((line) => line.startsWith("warning:"));
    expect(grouped).toEqual(["warning: payments-service-task: 3 calls to 2 actions denied with an authorization error, not granted: s3:DeleteObject 2x, dynamodb:Scan 1x"]);
    const each = (await run(...args, "--verbose")).stderr.split("\n").filter((line) => line.startsWith("warning:"));
    expect(each).toEqual([
      "warning: payments-service-task: dynamodb:Scan was denied (AccessDeniedException) 1x; not granted",
      "warning: payments-service-task: s3:DeleteObject was denied (AccessDenied) 2x; not granted",
    ]);
  });
});
