/**
 * Dependent actions end to end: the engine keeps the S3 location a request names inside nested
 * objects (only up to its folder) and the values that decide a permission-only dependency, and
 * generate grants the extra actions on them, with the local engine and with Athena alike.
 */
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { runOnAthena } from "../engines/athena/run-on-athena.js";
import { run } from "../support/run-cli.js";
import { recordsGzip, roleEvent, tempDir, writeFile } from "../support/trail.js";

// One trail for the file's tests: the local runs over it then share one scan (src/cli/scan-memo.ts).
let sharedTrail: string | undefined;
afterAll(() => {
  if (sharedTrail !== undefined) rmSync(sharedTrail, { recursive: true, force: true });
});

function trail(): string {
  if (sharedTrail === undefined) {
    // Known before it is filled, so that afterAll removes it even if writing fails.
    sharedTrail = tempDir();
    writeRecords(sharedTrail);
  }
  return sharedTrail;
}

/** An OCR worker reads two invoices of one folder and one at a bucket's root, and transcribes a call. */
function writeRecords(root: string): void {
  const at = (minute: number) => ({ eventTime: `2026-11-02T10:${String(minute).padStart(2, "0")}:00Z`, eventID: `evt-${minute}` });
  const analyze = (minute: number, bucket: string, name: string) =>
    roleEvent("ocr-worker", "textract.amazonaws.com", "AnalyzeDocument", { ...at(minute), requestParameters: { document: { s3Object: { bucket, name } }, featureTypes: ["TABLES"] } });
  writeFile(
    root,
    "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/02/trail.json.gz",
    recordsGzip([
      analyze(1, "docs-in", "invoices/2026/11/inv-0041.pdf"),
      analyze(2, "docs-in", "invoices/2026/11/inv-0042.pdf"),
      analyze(3, "loose-docs", "scan.pdf"),
      roleEvent("ocr-worker", "transcribe.amazonaws.com", "StartTranscriptionJob", {
        ...at(4),
        requestParameters: { transcriptionJobName: "call-7", media: { mediaFileUri: "s3://calls-in/2026/11/call-7.wav" }, languageCode: "en-US" },
      }),
    ]),
  );
}

type Statement = { Action: string[]; Resource: string[] };
const grants = (stdout: string) =>
  (JSON.parse(stdout) as { Statement: Statement[] }).Statement.flatMap((s) => s.Action.flatMap((a) => s.Resource.map((r) => `${a} ${r}`))).sort();

describe("dependent actions through generate", () => {
  it("grants s3:GetObject on the folders the requests name, and lists the document at a bucket's root", async () => {
    const result = await run("generate", "--logs", trail(), "--role", "ocr-worker", "--since", "all");
    expect(result.code, result.stderr).toBe(0);
    expect(grants(result.stdout)).toEqual([
      "s3:GetObject arn:aws:s3:::calls-in/2026/11/*",
      "s3:GetObject arn:aws:s3:::docs-in/invoices/2026/11/*",
      "textract:AnalyzeDocument *",
      "transcribe:StartTranscriptionJob *",
    ]);
    expect(result.stderr).toMatch(/AnalyzeDocument also needs s3:GetObject: the event names no S3 bucket and folder/);
    expect(result.stdout).not.toMatch(/loose-docs/);
  });

  it("Athena's one query keeps the same nested values and prints the same policy", async () => {
    const logs = trail();
    const local = await run("generate", "--logs", logs, "--role", "ocr-worker", "--since", "all", "--quiet");
    const athena = await runOnAthena(logs, "generate", "--role", "ocr-worker", "--since", "all", "--quiet");
    expect(athena.code, athena.stderr).toBe(0);
    expect(athena.queries).toBe(1);
    expect(athena.stdout).toBe(local.stdout);
  });
});
