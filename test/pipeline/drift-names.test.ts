import { describe, expect, it } from "vitest";
import type { UsageSource } from "../../src/engines/engine.js";
import { parseRoleArn } from "../../src/engines/role-selection.js";
import type { UsageRow } from "../../src/engines/usage-row.js";
import { driftRoles } from "../../src/pipeline/drift-roles.js";
import { objectKeys, ROLE, usageRow } from "../mapping/fixtures.js";

const BUCKET = "arn:aws:s3:::acme-receipts";

/** A scan that kept names apart (NameReduction "exact"), as drift opens its source. */
function source(rows: UsageRow[]): UsageSource {
  return {
    report: { filesFound: 0, filesPruned: 0, filesRead: 0, skipped: [], events: 0, elapsedMs: 0 },
    principals: async () => [],
    usage: async () => rows,
    observedCalls: async () => [{ eventSource: "s3.amazonaws.com", eventName: "GetObject" }],
    close: () => undefined,
  };
}

const reads = usageRow({
  eventSource: "s3.amazonaws.com",
  eventName: "GetObject",
  parameters: { bucketName: "acme-receipts" },
  objectKeys: objectKeys(
    [
      { name: "receipts/2026/11/01/r-1001.json", firstSeen: "2026-11-01T08:00:00Z" },
      { name: "receipts/2026/11/02/r-1002.json", firstSeen: "2026-11-02T08:00:00Z" },
      { name: "receipts/2026/11/04/r-1004.json", firstSeen: "2026-11-04T08:00:00Z" },
      { name: "receipts/2026/11/05/r-1005.json", firstSeen: "2026-11-05T08:00:00Z" },
      { name: "receipts/2026/11/06/r-1006.json", firstSeen: "2026-11-06T08:00:00Z" },
    ],
    true,
  ),
  count: 5,
  firstSeen: "2026-11-01T08:00:00Z",
  lastSeen: "2026-11-06T08:00:00Z",
});

describe("drift compares names as the baseline grants them", () => {
  it("lists a baseline key last read before the window as unused, though the window's keys share its folder", async () => {
    // The baseline generate wrote until 11-03: the two keys read by then, named exactly.
    const baseline = {
      Version: "2012-10-17",
      Statement: [{ Sid: "Receipts", Effect: "Allow", Action: "s3:GetObject", Resource: [`${BUCKET}/receipts/2026/11/01/r-1001.json`, `${BUCKET}/receipts/2026/11/02/r-1002.json`] }],
    };
    const role = parseRoleArn(ROLE)!;
    const report = await driftRoles(source([reads]), [role], new Map([[ROLE, { policies: [{ source: "base.json", document: baseline }] }]]), {
      start: "2026-11-03T00:00:00Z",
      until: null,
      readFrom: "2026-10-01T00:00:00Z",
    });
    const drift = report.roles[0]!;
    expect(drift.unused).toEqual([
      expect.objectContaining({
        action: "s3:GetObject",
        resources: [`${BUCKET}/receipts/2026/11/01/r-1001.json`, `${BUCKET}/receipts/2026/11/02/r-1002.json`],
        lastUsed: "2026-11-02T08:00:00Z",
      }),
    ]);
    // The window's reads are new usage: the baseline names none of them.
    expect(drift.newUsage.map((n) => n.action)).toContain("s3:GetObject");
  });
});
