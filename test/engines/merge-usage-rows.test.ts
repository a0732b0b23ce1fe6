// A backtest scans once, exact and by hour, and merges the hours before the split in TypeScript:
// what it merges must be what a scan of those hours alone gives, or the backtest would judge a
// policy `generate` never writes.

import { afterEach, describe, expect, it } from "vitest";
import { TEMPLATES_PER_CALL, type ScanRequest, type UsageSource } from "../../src/engines/engine.js";
import { mergeUsageRows } from "../../src/engines/merge-usage-rows.js";
import type { TimeWindow } from "../../src/engines/time-window.js";
import type { UsageRow } from "../../src/engines/usage-row.js";
import { keptLocalScan } from "../support/kept-scan.js";
import { ACCOUNT, recordsGzip, roleEvent, tempDir, writeFile } from "../support/trail.js";

const open: UsageSource[] = [];
afterEach(() => {
  while (open.length > 0) open.pop()!.close();
});

async function usage(logs: string, window: TimeWindow, shape: Pick<ScanRequest, "names" | "byHour">): Promise<UsageRow[]> {
  const source = await keptLocalScan([logs], window, shape);
  open.push(source);
  return [...(await source.usage((await source.principals()).map((p) => p.principal)))];
}

/** Rows in one order, each as JSON; compared one by one so that a failure names the row, not the whole set. */
function expectSameRows(actual: readonly UsageRow[], expected: readonly UsageRow[]): void {
  const canonical = (rows: readonly UsageRow[]) => rows.map((row) => JSON.stringify(row)).sort();
  const [a, b] = [canonical(actual), canonical(expected)];
  expect(a.length).toBe(b.length);
  a.forEach((row, i) => expect(row).toBe(b[i]));
}

describe("mergeUsageRows", () => {
  it.each([
    ["the whole window", { since: null, until: null }],
    ["the days before a split", { since: null, until: new Date("2026-10-27T16:00:00Z") }],
  ] as [string, TimeWindow][])("gives the rows of a shapes scan from an hourly exact scan, over %s of examples/fleet", async (_, window) => {
    const hourly = await usage("examples/fleet", window, { names: "exact", byHour: true });
    const shapes = await usage("examples/fleet", window, { names: "shapes" });
    expect(hourly.length).toBeGreaterThan(shapes.length);
    expectSameRows(mergeUsageRows(hourly, "shapes"), shapes);
    expectSameRows(mergeUsageRows(hourly, "exact"), await usage("examples/fleet", window, { names: "exact" }));
  });

  it("folds templates past the engine's bound by their literal folder, as the engine does: never two tenants in one", async () => {
    const root = tempDir();
    const events = Array.from({ length: 2 * TEMPLATES_PER_CALL + 20 }, (_, i) =>
      roleEvent("ecs/docs-task", "s3.amazonaws.com", "PutObject", {
        eventTime: `2026-11-0${1 + (i % 3)}T${String(i % 24).padStart(2, "0")}:00:00Z`,
        requestParameters: { bucketName: "docs", key: `tenants/${i % 2 === 0 ? "acme" : "globex"}/${"note".repeat(1 + (i % 9))}-${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}.txt` },
        resources: [{ accountId: ACCOUNT, type: "AWS::S3::Bucket", ARN: "arn:aws:s3:::docs" }],
      }),
    );
    writeFile(root, "f.json.gz", recordsGzip(events));
    const all = { since: null, until: null };
    const merged = mergeUsageRows(await usage(root, all, { names: "exact", byHour: true }), "shapes");
    const folded = merged[0]!.objectKeys!.shapes.filter((shape) => shape.template === null);
    expect(folded.map((shape) => [shape.min.slice(0, 14), shape.max.slice(0, 14)])).toEqual([
      ["tenants/acme/n", "tenants/acme/n"],
      ["tenants/globex", "tenants/globex"],
    ]);
    expectSameRows(merged, await usage(root, all, { names: "shapes" }));
  });
});
