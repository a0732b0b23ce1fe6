// The committed example tree is what a new user runs first: it must look like CloudTrail's S3
// delivery, carry the record shapes the tool relies on, and be exactly what its script produces.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const TREE = join(REPO, "examples", "cloudtrail");
const SCRIPT = join(REPO, "dist", "examples", "make-cloudtrail.js");

// Records are read as loose JSON: the assertions below are the schema.
type CloudTrailRecord = Record<string, any>;

function deliveryFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".json.gz"))
    .sort();
}

const files = deliveryFiles(TREE);
const bodies = files.map((file) => gunzipSync(readFileSync(join(TREE, file))).toString("utf8"));
const records: CloudTrailRecord[] = bodies.flatMap((body) => (JSON.parse(body) as { Records: CloudTrailRecord[] }).Records);
const byIssuer = (roleName: string) => records.filter((r) => r.userIdentity?.sessionContext?.sessionIssuer?.userName === roleName);

describe("examples/cloudtrail", () => {
  it("is laid out as CloudTrail delivers to S3", () => {
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const match = /^AWSLogs\/111122223333\/CloudTrail\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\/111122223333_CloudTrail_([a-z0-9-]+)_(\d{8})T\d{4}Z_[0-9A-Za-z]{16}\.json\.gz$/.exec(file);
      expect(match, file).not.toBeNull();
      const [, region, yyyy, mm, dd, nameRegion, stamp] = match ?? [];
      expect(nameRegion).toBe(region);
      expect(stamp).toBe(`${yyyy}${mm}${dd}`);
    }
    expect(new Set(files.map((f) => f.split("/")[3]))).toEqual(new Set(["us-east-1", "eu-west-1"]));
  });

  it("holds one line per file, a Records array, a few hundred events in all", () => {
    for (const body of bodies) {
      expect(body.startsWith('{"Records":[')).toBe(true);
      expect(body.includes("\n")).toBe(false);
    }
    expect(records.length).toBeGreaterThanOrEqual(300);
    expect(records.length).toBeLessThanOrEqual(600);
    for (const r of records) {
      expect(["1.08", "1.09"]).toContain(r.eventVersion);
      expect(r.eventType).toBe("AwsApiCall");
      expect(r.recipientAccountId).toBe("111122223333");
      expect(r.eventID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it("keeps the role path in the session issuer and drops it from the assumed-role ARN", () => {
    const task = byIssuer("payments-service-task");
    expect(task.length).toBeGreaterThan(100);
    for (const r of task) {
      expect(r.userIdentity.sessionContext.sessionIssuer.arn).toBe("arn:aws:iam::111122223333:role/ecs/payments-service-task");
      expect(r.userIdentity.arn).toMatch(/^arn:aws:sts::111122223333:assumed-role\/payments-service-task\/[0-9a-f]{32}$/);
    }
    for (const role of ["payments-service-execution", "notifications-service-task", "notifications-service-execution"]) {
      expect(byIssuer(role).length, role).toBeGreaterThan(0);
    }
  });

  it("lists resources on data events and KMS calls, and records calls made on the role's behalf", () => {
    const s3Objects = records.filter((r) => r.eventSource === "s3.amazonaws.com" && r.eventName !== "ListObjects");
    expect(s3Objects.length).toBeGreaterThan(0);
    for (const r of s3Objects) {
      expect(r.eventCategory).toBe("Data");
      expect(r.resources.map((x: CloudTrailRecord) => x.type)).toEqual(["AWS::S3::Object", "AWS::S3::Bucket"]);
    }
    for (const r of records.filter((r) => r.eventSource === "dynamodb.amazonaws.com")) {
      expect(r.resources).toEqual([{ accountId: "111122223333", type: "AWS::DynamoDB::Table", ARN: "arn:aws:dynamodb:us-east-1:111122223333:table/payments" }]);
    }
    const kms = records.filter((r) => r.eventSource === "kms.amazonaws.com");
    for (const r of kms) expect(r.resources[0].type).toBe("AWS::KMS::Key");
    const invokers = new Set(kms.map((r) => r.userIdentity.invokedBy));
    expect(invokers).toContain("s3.amazonaws.com");
    expect(invokers).toContain("secretsmanager.amazonaws.com");
  });

  it("includes denied calls with the error AWS returns", () => {
    const denied = records.filter((r) => r.errorCode !== undefined);
    expect(denied.map((r) => `${r.eventName} ${r.errorCode}`).sort()).toEqual([
      "DeleteObject AccessDenied",
      "DeleteObject AccessDenied",
      "Scan AccessDeniedException",
    ]);
    for (const r of denied) expect(r.responseElements).toBeNull();
  });

  it("is exactly what make-cloudtrail writes", () => {
    expect(existsSync(SCRIPT), "run `npm run build` first").toBe(true);
    const out = mkdtempSync(join(tmpdir(), "tighten-examples-"));
    try {
      execFileSync(process.execPath, [SCRIPT, "--out", out], { stdio: "ignore" });
      const fresh = deliveryFiles(out);
      expect(fresh).toEqual(files);
      for (const file of fresh) expect(readFileSync(join(out, file)).equals(readFileSync(join(TREE, file))), file).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
