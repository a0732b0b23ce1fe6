import { describe, expect, it } from "vitest";
import { loadIamCatalog } from "../../../src/iam/catalog.js";
import type { UsageRow } from "../../../src/engines/usage-row.js";
import { reducePartiql } from "../../../src/mapping/item-actions.js";
import { mapUsage } from "../../../src/mapping/map-usage.js";
import { PARAMETER_SELECTION } from "../../../src/mapping/request-parameters.js";
import { ACCOUNT, recordsGzip, roleEvent, writeFile } from "../../support/trail.js";
import { scanned, scratchDir } from "./scratch.js";

/*
 * Request features, from the CloudTrail record to the permission: the engine keeps one bit per
 * feature (never the version id itself, which is one value per object version), and the mapping
 * picks the action the feature calls for.
 */

const TASK = "ecs/payments-service-task";
const TASK_ARN = `arn:aws:iam::${ACCOUNT}:role/${TASK}`;
const catalog = await loadIamCatalog(["s3", "kms"]);

let serial = 0;

function s3(eventName: string, key: string, extra: Record<string, unknown> = {}): unknown {
  return roleEvent(TASK, "s3.amazonaws.com", eventName, {
    eventID: `event-${serial++}`,
    requestParameters: { bucketName: "acme-docs", Host: "acme-docs.s3.eu-west-1.amazonaws.com", key, ...extra },
    resources: [
      { type: "AWS::S3::Object", ARN: `arn:aws:s3:::acme-docs/${key}` },
      { accountId: ACCOUNT, type: "AWS::S3::Bucket", ARN: "arn:aws:s3:::acme-docs" },
    ],
  });
}

async function rowsOf(events: readonly unknown[]): Promise<readonly UsageRow[]> {
  const root = scratchDir();
  writeFile(root, "f.json.gz", recordsGzip(events));
  const source = await scanned([root], { selection: PARAMETER_SELECTION });
  return source.usage([TASK_ARN]);
}

async function grantsOf(events: readonly unknown[]): Promise<string[]> {
  const { permissions } = mapUsage(await rowsOf(events), catalog);
  return permissions.map((p) => `${p.action} ${p.resource}`);
}

describe("request features through the local engine", () => {
  it("keeps whether a version was named, not which: a thousand versions are one row", async () => {
    const events = Array.from({ length: 1000 }, (_, i) => s3("GetObject", "reports/q3.pdf", { versionId: `v${i}-3HL4kqtJlcpXroDTDmJ` }));
    const rows = await rowsOf([...events, s3("GetObject", "reports/q3.pdf")]);
    expect(rows.map((row) => [row.parameters["has:versionId"], row.count])).toEqual([
      ["true", 1000],
      [undefined, 1],
    ]);
    expect(JSON.stringify(rows)).not.toContain("3HL4kqtJlcpXroDTDmJ");
  });

  it("GetObject and HeadObject of a version need s3:GetObjectVersion instead of s3:GetObject", async () => {
    expect(await grantsOf([s3("GetObject", "a.pdf", { versionId: "v1" }), s3("HeadObject", "b.pdf", { versionId: "v2" })])).toEqual([
      "s3:GetObjectVersion arn:aws:s3:::acme-docs/a.pdf",
      "s3:GetObjectVersion arn:aws:s3:::acme-docs/b.pdf",
    ]);
    expect(await grantsOf([s3("GetObject", "a.pdf")])).toEqual(["s3:GetObject arn:aws:s3:::acme-docs/a.pdf"]);
  });

  it("DeleteObject of a version needs s3:DeleteObjectVersion; with governance bypass also s3:BypassGovernanceRetention", async () => {
    expect(await grantsOf([s3("DeleteObject", "old.csv", { versionId: "v1", "x-amz-bypass-governance-retention": "true" })])).toEqual([
      "s3:BypassGovernanceRetention arn:aws:s3:::acme-docs/old.csv",
      "s3:DeleteObjectVersion arn:aws:s3:::acme-docs/old.csv",
    ]);
    // "false" asks for no bypass.
    expect(await grantsOf([s3("DeleteObject", "old.csv", { "x-amz-bypass-governance-retention": "false" })])).toEqual([
      "s3:DeleteObject arn:aws:s3:::acme-docs/old.csv",
    ]);
  });

  it("PutObject with ACL, tagging and object-lock headers also needs the actions that set them", async () => {
    const grants = await grantsOf([
      s3("PutObject", "in/a.csv", { "x-amz-acl": "bucket-owner-full-control" }),
      s3("PutObject", "in/b.csv", { "x-amz-grant-read": "id=abc" }),
      s3("PutObject", "tagged/c.csv", { "x-amz-tagging": "team=payments" }),
      s3("PutObject", "locked/d.csv", { "x-amz-object-lock-mode": "GOVERNANCE", "x-amz-object-lock-retain-until-date": "2030-01-01T00:00:00Z" }),
      s3("CreateMultipartUpload", "held/e.bin", { uploads: "", "x-amz-object-lock-legal-hold": "ON" }),
      s3("PutObject", "plain/f.csv", { "x-amz-server-side-encryption": "aws:kms" }),
    ]);
    expect(grants).toEqual([
      "s3:PutObject arn:aws:s3:::acme-docs/held/e.bin",
      "s3:PutObject arn:aws:s3:::acme-docs/in/a.csv",
      "s3:PutObject arn:aws:s3:::acme-docs/in/b.csv",
      "s3:PutObject arn:aws:s3:::acme-docs/locked/d.csv",
      "s3:PutObject arn:aws:s3:::acme-docs/plain/f.csv",
      "s3:PutObject arn:aws:s3:::acme-docs/tagged/c.csv",
      "s3:PutObjectAcl arn:aws:s3:::acme-docs/in/a.csv",
      "s3:PutObjectAcl arn:aws:s3:::acme-docs/in/b.csv",
      "s3:PutObjectLegalHold arn:aws:s3:::acme-docs/held/e.bin",
      "s3:PutObjectRetention arn:aws:s3:::acme-docs/locked/d.csv",
      "s3:PutObjectTagging arn:aws:s3:::acme-docs/tagged/c.csv",
    ]);
  });

  it("an empty header is no feature", async () => {
    expect(await grantsOf([s3("PutObject", "a.csv", { "x-amz-acl": "", "x-amz-tagging": "" })])).toEqual(["s3:PutObject arn:aws:s3:::acme-docs/a.csv"]);
  });
});

/*
 * Values inside lists and statements, reduced inside the engine: what reaches TypeScript is a
 * short list of names per call, whatever the request held.
 */
describe("nested parameters through the local engine", () => {
  const call = (source: string, eventName: string, requestParameters: unknown, extra: Record<string, unknown> = {}) =>
    roleEvent(TASK, source, eventName, { eventID: `event-${serial++}`, requestParameters, ...extra });

  it("PutEvents: a batch of a thousand entries is one row of its distinct buses, the default one as \"\"", async () => {
    const entries = Array.from({ length: 1000 }, (_, i) => ({ source: "app", detail: `{"n":${i}}`, ...(i % 3 === 0 ? {} : { eventBusName: i % 3 === 1 ? "orders" : "audit" }) }));
    const rows = await rowsOf([call("events.amazonaws.com", "PutEvents", { entries }), call("events.amazonaws.com", "PutEvents", { entries: entries.slice(0, 10) })]);
    expect(rows.map((row) => [row.parameters["entries[].eventBusName"], row.count])).toEqual([[["", "audit", "orders"], 2]]);
    const { permissions } = mapUsage(rows, await loadIamCatalog(["events"]));
    expect(permissions.map((p) => p.resource)).toEqual(["audit", "default", "orders"].map((bus) => `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/${bus}`));
  });

  it("TransactWriteItems: each item as kind and table, whichever shape CloudTrail gives it", async () => {
    const rows = await rowsOf([
      call("dynamodb.amazonaws.com", "TransactWriteItems", {
        requestItems: [
          { operation: "Put", tableName: "orders", key: { id: "1" } },
          { operation: "ConditionCheck", tableName: "ledger", key: { id: "9" } },
        ],
        clientRequestToken: "token-1",
      }),
      call("dynamodb.amazonaws.com", "TransactWriteItems", {
        transactItems: [{ update: { tableName: "orders", key: { id: "2" } } }],
        clientRequestToken: "token-2",
      }),
    ]);
    expect(rows.map((row) => [row.parameters["requestItems[].tableName"], row.parameters["transactItems[].tableName"]])).toEqual([
      [["ConditionCheck:ledger", "Put:orders"], undefined],
      [undefined, ["update:orders"]],
    ]);
    const { permissions, unmapped } = mapUsage(rows, await loadIamCatalog(["dynamodb"]));
    const table = (name: string) => `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${name}`;
    expect(permissions.map((p) => [p.action, p.resource])).toEqual([
      ["dynamodb:ConditionCheckItem", table("ledger")],
      ["dynamodb:PutItem", table("orders")],
      ["dynamodb:UpdateItem", table("orders")],
    ]);
    expect(unmapped).toEqual([]);
  });

  it("PartiQL: statements keep only their verb and target; the engine's reduction is item-actions.ts's", async () => {
    const statements = [
      `SELECT * FROM "orders" WHERE "id" = '***'`,
      `select a, b\nfrom "orders"."byDate" where x = 1`,
      `INSERT INTO "audit" VALUE {'id': '***'}`,
      `UPDATE orders SET note = 'from elsewhere' WHERE id = '***'`,
      `DELETE FROM "we""ird" WHERE id = '***'`,
      `EXISTS(SELECT * FROM "ledger" WHERE id = '***')`,
      "EXPLAIN SELECT 1",
    ];
    const rows = await rowsOf([
      ...statements.map((statement) => call("dynamodb.amazonaws.com", "ExecuteStatement", { statement })),
      call("dynamodb.amazonaws.com", "BatchExecuteStatement", { statements: statements.map((statement) => ({ statement })) }),
    ]);
    const single = rows.filter((row) => row.eventName === "ExecuteStatement").map((row) => (row.parameters["statement~"] as string[])[0]);
    expect([...single].sort()).toEqual(statements.map(reducePartiql).sort());
    expect(single).not.toContainEqual(expect.stringContaining("***"));
    const batch = rows.find((row) => row.eventName === "BatchExecuteStatement");
    expect(batch?.parameters["statements[].statement~"]).toEqual([...new Set(statements.map(reducePartiql))].sort());
  });
});
