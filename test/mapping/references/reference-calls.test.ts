/**
 * The reference table (src/mapping/reference-calls.ts), end to end: every row becomes a CloudTrail
 * record of its own role, all rows are scanned once by the local engine with the product's
 * PARAMETER_SELECTION, and each role's usage rows are mapped. A row passes when the grants are
 * exactly the row's and the Unmapped actions exactly its `unmapped`.
 */
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { scanLocalLogs } from "../../../src/engines/local/local-engine.js";
import type { UsageSource } from "../../../src/engines/engine.js";
import type { UsageRow } from "../../../src/engines/usage-row.js";
import { loadIamCatalog } from "../../../src/iam/catalog.js";
import { mapUsage, servicePrefixesFor } from "../../../src/mapping/map-usage.js";
import { inReference, REFERENCE_ACCOUNT, REFERENCE_CALLS, REFERENCE_REGION, type ReferenceCall } from "../../../src/mapping/reference-calls.js";
import { PARAMETER_SELECTION } from "../../../src/mapping/request-parameters.js";
import { servicePrefixOf } from "../../../src/mapping/service-prefix.js";
import { usageOf } from "../../../src/pipeline/role-usage.js";
import { recordsGzip, roleEvent, tempDir, writeFile } from "../../support/trail.js";

const role = (index: number) => `reference/row-${String(index).padStart(3, "0")}`;
const roleArn = (index: number) => `arn:aws:iam::${REFERENCE_ACCOUNT}:role/${role(index)}`;

function record(c: ReferenceCall, index: number): unknown {
  return roleEvent(role(index), c.eventSource, c.eventName, {
    eventID: `reference-${index}`,
    awsRegion: REFERENCE_REGION,
    recipientAccountId: REFERENCE_ACCOUNT,
    requestParameters: c.requestParameters ?? null,
    ...(c.resources === undefined ? {} : { resources: c.resources.map((r) => ({ ...r, accountId: REFERENCE_ACCOUNT })) }),
  });
}

const dir = tempDir();
writeFile(dir, "reference.json.gz", recordsGzip(REFERENCE_CALLS.map(record)));
const source: UsageSource = await scanLocalLogs({ logs: [dir], window: { since: null, until: null }, selection: PARAMETER_SELECTION, names: "shapes" });
// Each call is its own role's: usageOf sets apart the AddRoleToInstanceProfile rows every usage() returns.
const usages = await Promise.all(REFERENCE_CALLS.map((_, index) => usageOf(source, [roleArn(index)])));
const rowsByCall: (readonly UsageRow[])[] = usages.map((usage) => usage.rows);
const profiles = usages[0]?.profiles;
const catalog = await loadIamCatalog(servicePrefixesFor(rowsByCall.flat()));
afterAll(() => {
  source.close();
  rmSync(dir, { recursive: true, force: true });
});

const title = (c: ReferenceCall, index: number) => `${String(index).padStart(3, "0")} ${c.eventSource} ${c.eventName} ${JSON.stringify(c.requestParameters ?? {}).slice(0, 120)}`;
const pairs = (list: readonly (readonly [string, string])[]) => list.map(([action, resource]) => `${action} ${resource}`).sort();

describe("the reference table", () => {
  it("holds at least 150 calls across at least 25 services, each with its AWS source", () => {
    expect(REFERENCE_CALLS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(REFERENCE_CALLS.map((c) => servicePrefixOf(c.eventSource))).size).toBeGreaterThanOrEqual(25);
    expect(REFERENCE_CALLS.filter((c) => c.source.trim().length < 10).map(title)).toEqual([]);
  });

  it.each(REFERENCE_CALLS.map((c, index) => [title(c, index), c, index] as const))("%s", (_, c, index) => {
    const rows = rowsByCall[index] as readonly UsageRow[];
    expect(rows.length).toBe(1);
    const { permissions, unmapped } = mapUsage(rows, catalog, undefined, profiles);
    expect(pairs(permissions.map((p) => [p.action, p.resource]))).toEqual(pairs(c.grants));
    expect([...new Set(unmapped.map((u) => u.action ?? "(none)"))].sort()).toEqual([...(c.unmapped ?? [])].sort());
    expect(rows.every((row) => inReference(row))).toBe(true);
  });
});
