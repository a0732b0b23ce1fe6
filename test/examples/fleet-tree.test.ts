// examples/fleet is the data a backtest runs on: three weeks in which generated names (UUID
// folders, dated folders, ULIDs, epoch milliseconds) never repeat but keep their shape, and in
// which a few calls are really new late in the window. It must look like CloudTrail's S3
// delivery and be exactly what its script produces.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { describe, expect, it, onTestFinished } from "vitest";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const TREE = join(REPO, "examples", "fleet");
const SCRIPT = join(REPO, "dist", "examples", "make-fleet.js");
const ACCOUNT = "111122223333";
const SERVICES = ["media-service", "billing-service", "reports-service"] as const;
const HOUR_MS = 3_600_000;
const FIRST_DAY = Date.parse("2026-10-13T00:00:00Z");
const AFTER_LAST_DAY = Date.parse("2026-11-03T00:00:00Z");
const BILLING_AUDIT_FROM = Date.parse("2026-10-30T00:00:00Z");
const REMINDERS_FROM = Date.parse("2026-10-31T00:00:00Z");

const UUID_V4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// Records are read as loose JSON: the assertions below are the schema.
type CloudTrailRecord = Record<string, any>;

function deliveryFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".json.gz"))
    .sort();
}

const files = deliveryFiles(TREE);
const bodies = files.map((file) => gunzipSync(readFileSync(join(TREE, file))).toString("utf8"));
const perFile = bodies.map((body) => (JSON.parse(body) as { Records: CloudTrailRecord[] }).Records);
const records: CloudTrailRecord[] = perFile.flat();
const timeOf = (r: CloudTrailRecord) => Date.parse(r.eventTime as string);
const roleOf = (r: CloudTrailRecord): string | undefined => r.userIdentity?.sessionContext?.sessionIssuer?.userName;
const byRole = (roleName: string) => records.filter((r) => roleOf(r) === roleName);
const succeeded = (r: CloudTrailRecord) => r.errorCode === undefined;
const s3Calls = (bucket: string, eventName?: string) =>
  records.filter((r) => r.eventSource === "s3.amazonaws.com" && r.requestParameters.bucketName === bucket && (eventName === undefined || r.eventName === eventName));
const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

const first = Math.min(...records.map(timeOf));
const last = Math.max(...records.map(timeOf));
/** The split a `--split 70%` backtest makes over the span of the events, and the one the tree was planned around. */
const SPLITS = [first + Math.round(0.7 * (last - first)), Date.parse("2026-10-27T14:00:00Z")];

function decodeUlidTime(id: string): number {
  return [...id.slice(0, 10)].reduce((time, ch) => time * 32 + CROCKFORD.indexOf(ch), 0);
}

/** The name a call touched, with generated tokens replaced by their shape. */
function callShape(r: CloudTrailRecord): string {
  const p = r.requestParameters ?? {};
  const name =
    r.eventSource === "s3.amazonaws.com" ? `${p.bucketName}/${p.key}`
    : r.eventSource === "dynamodb.amazonaws.com" ? `${p.tableName ?? Object.keys(p.requestItems ?? {}).join(",")}${p.indexName ? `/index/${p.indexName}` : ""}`
    : r.eventSource === "kms.amazonaws.com" ? `${r.resources[0].ARN} via ${r.userIdentity.invokedBy}`
    : String(p.queueUrl ?? p.topicArn ?? p.secretId ?? p.stateMachineArn ?? p.executionArn ?? p.repositoryName ?? p.logGroupName ?? "");
  return `${roleOf(r)} ${r.eventSource} ${r.eventName} ${name
    .replace(new RegExp(UUID_V4, "g"), "{uuid}")
    .replace(/year=\d{4}\/month=\d{2}\/day=\d{2}/g, "{date}")
    .replace(/\d{4}\/\d{2}(\/\d{2})?/g, "{date}")
    .replace(/part-[0-9a-f]{16}/g, "part-{hex}")
    .replace(/[0-9A-HJKMNP-TV-Z]{26}/g, "{ulid}")
    .replace(/\d{13}/g, "{epoch}")
    .replace(/batch-\d+/g, "batch-{n}")}`;
}

describe("examples/fleet", () => {
  it("is laid out as CloudTrail delivers to S3, one file per region and hour", () => {
    expect(files.length).toBeGreaterThan(400);
    const slots = new Set<string>();
    files.forEach((file, i) => {
      const match = /^AWSLogs\/111122223333\/CloudTrail\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\/111122223333_CloudTrail_([a-z0-9-]+)_(\d{8})T(\d{2})(\d{2})Z_[0-9A-Za-z]{16}\.json\.gz$/.exec(file);
      expect(match, file).not.toBeNull();
      const [, region = "", yyyy, mm, dd, nameRegion, stamp, hh, min] = match ?? [];
      expect(nameRegion).toBe(region);
      expect(stamp).toBe(`${yyyy}${mm}${dd}`);
      // Delivered five minutes after the hour it holds closes.
      expect(min).toBe("05");
      const deliveredAt = Date.parse(`${yyyy}-${mm}-${dd}T${hh}:${min}:00Z`);
      for (const r of perFile[i] ?? []) {
        expect(r.awsRegion).toBe(region);
        expect(timeOf(r)).toBeGreaterThanOrEqual(deliveredAt - HOUR_MS - 5 * 60_000);
        expect(timeOf(r)).toBeLessThan(deliveredAt - 5 * 60_000);
      }
      slots.add(`${region} ${stamp}${hh}`);
    });
    expect(slots.size).toBe(files.length);
    expect(new Set(files.map((f) => f.split("/")[3]))).toEqual(new Set(["us-east-1", "eu-west-1"]));
    expect(records.filter((r) => r.awsRegion === "eu-west-1").length).toBeLessThan(records.length / 20);
  });

  it("holds three weeks of events, one line per file, a Records array, each event once", () => {
    for (const body of bodies) {
      expect(body.startsWith('{"Records":[')).toBe(true);
      expect(body.includes("\n")).toBe(false);
    }
    expect(records.length).toBeGreaterThanOrEqual(6_000);
    expect(records.length).toBeLessThanOrEqual(12_000);
    const gzipBytes = files.reduce((sum, file) => sum + statSync(join(TREE, file)).size, 0);
    expect(gzipBytes).toBeLessThan(1_500_000);
    expect(first).toBeGreaterThanOrEqual(FIRST_DAY);
    expect(last).toBeLessThan(AFTER_LAST_DAY);
    expect(new Set(records.map((r) => dayOf(timeOf(r)))).size).toBe(21);
    for (const r of records) {
      expect(["1.08", "1.09"]).toContain(r.eventVersion);
      expect(r.recipientAccountId).toBe(ACCOUNT);
      expect(r.eventID).toMatch(new RegExp(`^${UUID_V4}$`));
    }
    expect(new Set(records.map((r) => r.eventID)).size).toBe(records.length);
  });

  it("starts a new task per service per day, with sessions named after the task id", () => {
    for (const service of SERVICES) {
      for (const role of [`${service}-task`, `${service}-execution`]) {
        const calls = byRole(role);
        for (const r of calls) {
          expect(r.userIdentity.sessionContext.sessionIssuer.arn).toBe(`arn:aws:iam::${ACCOUNT}:role/ecs/${role}`);
          expect(r.userIdentity.arn).toMatch(new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/${role}/[0-9a-f]{32}$`));
        }
        const sessions = new Set(calls.map((r) => r.userIdentity.arn));
        expect(sessions.size, role).toBe(21);
      }
      const execution = byRole(`${service}-execution`);
      for (const r of execution) expect(r.userIdentity.invokedBy).toMatch(/^(ecs-tasks|secretsmanager)\.amazonaws\.com$/);
      for (const r of execution.filter((r) => r.eventName === "CreateLogStream")) {
        expect(r.requestParameters.logGroupName).toBe(`/ecs/${service}`);
        expect(r.requestParameters.logStreamName).toBe(`ecs/${service}/${r.userIdentity.arn.split("/")[2]}`);
      }
      const secrets = new Set(execution.filter((r) => r.eventName === "GetSecretValue").map((r) => r.requestParameters.secretId));
      expect(secrets.size).toBe(1);
      expect([...secrets][0]).toMatch(new RegExp(`^arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/${service}/db-password-[A-Za-z0-9]{6}$`));
      expect(new Set(execution.map((r) => r.eventName))).toEqual(
        new Set(["GetAuthorizationToken", "BatchGetImage", "GetDownloadUrlForLayer", "CreateLogStream", "GetSecretValue", "Decrypt"]),
      );
    }
    expect(records.some((r) => r.eventName === "PutLogEvents")).toBe(false);
    const assumed = records.filter((r) => r.eventName === "AssumeRole");
    expect(assumed.length).toBe(63);
    for (const r of assumed) expect(r.userIdentity).toEqual({ type: "AWSService", invokedBy: "ecs-tasks.amazonaws.com" });
  });

  it("carries bucketName, key and resources[] on every S3 object call", () => {
    const s3 = records.filter((r) => r.eventSource === "s3.amazonaws.com");
    expect(s3.length).toBeGreaterThan(2_000);
    for (const r of s3) {
      const { bucketName, key } = r.requestParameters;
      expect(r.eventCategory).toBe("Data");
      expect(r.resources).toEqual([
        { type: "AWS::S3::Object", ARN: `arn:aws:s3:::${bucketName}/${key}` },
        { accountId: ACCOUNT, type: "AWS::S3::Bucket", ARN: `arn:aws:s3:::${bucketName}` },
      ]);
    }
  });

  it("names media uploads by UUID folder and reads the same two config files every day", () => {
    const keys = s3Calls("acme-media-uploads").map((r) => r.requestParameters.key as string);
    const uploadKey = new RegExp(`^uploads/(${UUID_V4})/(original|thumb-256|thumb-1024)\\.jpg$`);
    for (const key of keys.filter((k) => !k.startsWith("config/"))) expect(key).toMatch(uploadKey);
    const originals = s3Calls("acme-media-uploads", "PutObject").filter((r) => r.requestParameters.key.endsWith("/original.jpg"));
    expect(originals.length).toBeGreaterThan(200);
    for (const put of originals) {
      const folder = put.requestParameters.key.replace("original.jpg", "");
      const after = (eventName: string, name: string) =>
        s3Calls("acme-media-uploads", eventName).some((r) => r.requestParameters.key === `${folder}${name}` && timeOf(r) >= timeOf(put));
      expect(after("GetObject", "original.jpg")).toBe(true);
      expect(after("PutObject", "thumb-256.jpg")).toBe(true);
      expect(after("PutObject", "thumb-1024.jpg")).toBe(true);
    }
    for (const name of ["config/media.json", "config/limits.json"]) {
      const days = new Set(s3Calls("acme-media-uploads", "GetObject").filter((r) => r.requestParameters.key === name).map((r) => dayOf(timeOf(r))));
      expect(days.size, name).toBe(21);
    }
  });

  it("names billing objects by date, ULID, Hive partition and batch number", () => {
    const puts = s3Calls("acme-billing-data", "PutObject");
    const exportMonths = new Set<string>();
    let receipts = 0;
    let parts = 0;
    for (const r of puts) {
      const key = r.requestParameters.key as string;
      const day = dayOf(timeOf(r));
      const [yyyy, mm, dd] = day.split("-");
      const exported = /^exports\/(\d{4})\/(\d{2})\/batch-[1-9]\d{2,4}\.csv\.gz$/.exec(key);
      const receipt = /^receipts\/(\d{4})\/(\d{2})\/(\d{2})\/([0-9A-HJKMNP-TV-Z]{26})\.json$/.exec(key);
      const part = /^analytics\/year=(\d{4})\/month=(\d{2})\/day=(\d{2})\/part-[0-9a-f]{16}\.parquet$/.exec(key);
      if (exported) {
        expect(exported.slice(1)).toEqual([yyyy, mm]);
        exportMonths.add(`${yyyy}/${mm}`);
      } else if (receipt) {
        expect(receipt.slice(1, 4)).toEqual([yyyy, mm, dd]);
        expect(Math.abs(decodeUlidTime(receipt[4] ?? "") - timeOf(r))).toBeLessThan(1_000);
        receipts++;
      } else if (part) {
        expect(part.slice(1)).toEqual([yyyy, mm, dd]);
        parts++;
      } else {
        expect.fail(`unexpected billing key ${key}`);
      }
    }
    expect(exportMonths).toEqual(new Set(["2026/10", "2026/11"]));
    expect(receipts).toBeGreaterThan(150);
    expect(parts).toBeGreaterThan(200);
    // Exports are downloaded again later: every GET names an export written before it.
    const written = new Map(puts.map((r) => [r.requestParameters.key as string, timeOf(r)]));
    const gets = s3Calls("acme-billing-data", "GetObject");
    expect(gets.length).toBeGreaterThan(10);
    for (const r of gets) expect(written.get(r.requestParameters.key)).toBeLessThan(timeOf(r));
  });

  it("names report PDFs by epoch milliseconds, deletes each, and runs monthly-report by UUID", () => {
    const puts = s3Calls("acme-reports", "PutObject");
    expect(puts.length).toBeGreaterThan(100);
    const deleted = new Map(s3Calls("acme-reports", "DeleteObject").map((r) => [r.requestParameters.key as string, timeOf(r)]));
    for (const r of puts) {
      const match = /^tmp\/(\d{13})-report\.pdf$/.exec(r.requestParameters.key);
      expect(match, r.requestParameters.key).not.toBeNull();
      expect(Math.floor(Number(match?.[1]) / 1000) * 1000).toBe(timeOf(r));
      expect(deleted.get(r.requestParameters.key)).toBeGreaterThan(timeOf(r));
    }
    for (const template of ["templates/invoice.html", "templates/statement.html"]) {
      const days = new Set(s3Calls("acme-reports", "GetObject").filter((r) => r.requestParameters.key === template).map((r) => dayOf(timeOf(r))));
      expect(days.size, template).toBe(21);
    }
    const machine = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:monthly-report`;
    const started = new Set<string>();
    for (const r of records.filter((r) => r.eventName === "StartExecution")) {
      expect(r.requestParameters.stateMachineArn).toBe(machine);
      expect(r.requestParameters.name).toMatch(new RegExp(`^report-${UUID_V4}$`));
      expect(r.responseElements.executionArn).toBe(`arn:aws:states:us-east-1:${ACCOUNT}:execution:monthly-report:${r.requestParameters.name}`);
      started.add(r.responseElements.executionArn);
    }
    const described = records.filter((r) => r.eventName === "DescribeExecution");
    expect(described.length).toBeGreaterThan(started.size);
    for (const r of described) expect(started).toContain(r.requestParameters.executionArn);
    const topics = new Set(records.filter((r) => r.eventName === "Publish").map((r) => `${r.awsRegion} ${r.requestParameters.topicArn}`));
    expect(topics).toEqual(new Set([
      `us-east-1 arn:aws:sns:us-east-1:${ACCOUNT}:reports-ready`,
      `eu-west-1 arn:aws:sns:eu-west-1:${ACCOUNT}:reports-ready-eu`,
    ]));
  });

  it("changes late: billing-audit and BatchWriteItem from 2026-10-30, reminder.html from 2026-10-31", () => {
    const audit = records.filter((r) => r.eventSource === "dynamodb.amazonaws.com" && r.requestParameters.tableName === "billing-audit");
    const batches = records.filter((r) => r.eventName === "BatchWriteItem");
    const reminders = s3Calls("acme-reports", "GetObject").filter((r) => r.requestParameters.key === "templates/reminder.html");
    for (const [calls, from] of [[audit, BILLING_AUDIT_FROM], [batches, BILLING_AUDIT_FROM], [reminders, REMINDERS_FROM]] as const) {
      expect(calls.length).toBeGreaterThanOrEqual(2);
      expect(Math.min(...calls.map(timeOf))).toBeGreaterThanOrEqual(from);
      expect(Math.min(...calls.map(timeOf))).toBeLessThan(from + 86_400_000);
    }
    for (const r of audit) {
      expect(roleOf(r)).toBe("billing-service-task");
      expect(r.eventName).toBe("PutItem");
    }
    for (const r of batches) {
      expect(roleOf(r)).toBe("billing-service-task");
      expect(Object.keys(r.requestParameters.requestItems)).toEqual(["invoices"]);
      expect(r.resources).toEqual([{ accountId: ACCOUNT, type: "AWS::DynamoDB::Table", ARN: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/invoices` }]);
    }
  });

  it("gives a backtest something to check: only the late changes are new after the split, and every task role keeps working", () => {
    for (const split of SPLITS) {
      const seen = new Set(records.filter((r) => succeeded(r) && roleOf(r) !== undefined && timeOf(r) < split).map(callShape));
      const fresh = new Set(records.filter((r) => succeeded(r) && roleOf(r) !== undefined && timeOf(r) >= split).map(callShape).filter((s) => !seen.has(s)));
      expect([...fresh].sort(), new Date(split).toISOString()).toEqual([
        "billing-service-task dynamodb.amazonaws.com BatchWriteItem invoices",
        "billing-service-task dynamodb.amazonaws.com PutItem billing-audit",
        "reports-service-task s3.amazonaws.com GetObject acme-reports/templates/reminder.html",
      ]);
      for (const service of SERVICES) {
        const late = byRole(`${service}-task`).filter((r) => succeeded(r) && timeOf(r) >= split);
        expect(late.length, service).toBeGreaterThanOrEqual(100);
      }
      // Exports written before the split are all in 2026/10; the 2026/11 folder is new after it.
      const exportsBefore = s3Calls("acme-billing-data", "PutObject").filter((r) => r.requestParameters.key.startsWith("exports/") && timeOf(r) < split);
      expect(exportsBefore.every((r) => r.requestParameters.key.startsWith("exports/2026/10/"))).toBe(true);
    }
  });

  it("includes a handful of denied calls over the whole window, and a CI user that only deploys", () => {
    const denied = records.filter((r) => r.errorCode !== undefined);
    expect(denied.map((r) => `${roleOf(r)} ${r.eventName} ${r.errorCode}`).sort()).toEqual([
      "billing-service-task Scan AccessDeniedException",
      "billing-service-task Scan AccessDeniedException",
      "billing-service-task Scan AccessDeniedException",
      "media-service-task DeleteObject AccessDenied",
      "media-service-task DeleteObject AccessDenied",
      "media-service-task DeleteObject AccessDenied",
    ]);
    for (const r of denied) expect(r.responseElements).toBeNull();
    expect(denied.some((r) => timeOf(r) < (SPLITS[0] ?? 0))).toBe(true);
    expect(denied.some((r) => timeOf(r) >= (SPLITS[0] ?? 0))).toBe(true);
    const bot = records.filter((r) => r.userIdentity.userName === "deploy-bot");
    expect(bot.length).toBeGreaterThan(0);
    expect(new Set(bot.map((r) => `${r.eventSource} ${r.eventName}`))).toEqual(new Set(["ecs.amazonaws.com DescribeServices", "ecs.amazonaws.com UpdateService"]));
  });

  it("is exactly what make-fleet writes", () => {
    expect(existsSync(SCRIPT), "run `npm run build` first").toBe(true);
    const out = mkdtempSync(join(tmpdir(), "tighten-fleet-"));
    onTestFinished(() => rmSync(out, { recursive: true, force: true }));
    execFileSync(process.execPath, [SCRIPT, "--out", out], { stdio: "ignore" });
    const fresh = deliveryFiles(out);
    expect(fresh).toEqual(files);
    for (const file of fresh) expect(readFileSync(join(out, file)).equals(readFileSync(join(TREE, file))), file).toBe(true);
  });
});
