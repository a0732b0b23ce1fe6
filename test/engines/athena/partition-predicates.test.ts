import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { partitionDays, scanFilter, type ScanScope } from "../../../src/engines/athena/partition-predicates.js";
import { findLogFiles } from "../../../src/engines/local/log-files.js";
import type { TimeWindow } from "../../../src/engines/time-window.js";
import { ACCOUNT, deliveryKey, tempDir, writeFile } from "../../support/trail.js";

const at = (iso: string) => new Date(iso);
const scope = (window: TimeWindow, accounts: string[] = [], regions: string[] = []): ScanScope => ({ window, accounts, regions });

describe("scanFilter", () => {
  it("is TRUE without a window, accounts or regions: every partition, every event", () => {
    expect(scanFilter(scope({ since: null, until: null }))).toEqual({ sql: "TRUE", parameters: [] });
  });

  it("leaves undated events out of a scan by hour, which a window does already", () => {
    const dated = "try(from_iso8601_timestamp(eventtime)) IS NOT NULL";
    expect(scanFilter({ ...scope({ since: null, until: null }), datedOnly: true })).toEqual({ sql: dated, parameters: [] });
    expect(scanFilter({ ...scope({ since: null, until: null }, [ACCOUNT]), datedOnly: true }).sql).toBe(`"account" IN (?)\n    AND ${dated}`);
    expect(scanFilter({ ...scope({ since: at("2026-11-02T00:00:00Z"), until: null }), datedOnly: true }).sql).not.toContain("IS NOT NULL");
  });

  it("bounds the day partitions with a day of margin and filters eventtime exactly", () => {
    const filter = scanFilter(scope({ since: at("2026-11-02T00:00:00Z"), until: at("2026-11-05T00:00:00Z") }));
    expect(filter.sql.split(/\s+AND\s+/)).toEqual([
      '"timestamp" >= ?',
      '"timestamp" <= ?',
      "try(from_iso8601_timestamp(eventtime)) >= from_iso8601_timestamp(?)",
      "try(from_iso8601_timestamp(eventtime)) < from_iso8601_timestamp(?)",
    ]);
    expect(filter.parameters).toEqual(["'2026/11/01'", "'2026/11/05'", "'2026-11-02T00:00:00.000Z'", "'2026-11-05T00:00:00.000Z'"]);
  });

  it.each([
    ["since only, mid-day", { since: at("2026-11-02T13:45:00Z"), until: null }, ["'2026/11/01'"]],
    ["until only, mid-day", { since: null, until: at("2026-11-03T00:00:01Z") }, ["'2026/11/04'"]],
    ["until at midnight", { since: null, until: at("2026-11-03T00:00:00Z") }, ["'2026/11/03'"]],
    ["a window inside one day", { since: at("2026-11-02T10:00:00Z"), until: at("2026-11-02T11:00:00Z") }, ["'2026/11/01'", "'2026/11/03'"]],
    ["across a year", { since: at("2026-12-31T23:00:00Z"), until: at("2027-01-01T01:00:00Z") }, ["'2026/12/30'", "'2027/01/02'"]],
    ["across a leap day", { since: at("2028-03-01T00:00:00Z"), until: at("2028-03-01T00:00:01Z") }, ["'2028/02/29'", "'2028/03/02'"]],
  ])("%s", (_, window, days) => {
    const filter = scanFilter(scope(window));
    expect(filter.parameters.filter((p) => p.includes("/"))).toEqual(days);
    expect(filter.sql.match(/\?/g)).toHaveLength(filter.parameters.length);
  });

  it("narrows accounts and regions with IN lists, deduplicated and sorted, all parameters", () => {
    const filter = scanFilter(scope({ since: null, until: null }, [ACCOUNT, "444455556666", ACCOUNT], ["us-east-1", "eu-west-1"]));
    expect(filter).toEqual({
      sql: '"account" IN (?, ?)\n    AND "region" IN (?, ?)',
      parameters: [`'${ACCOUNT}'`, "'444455556666'", "'eu-west-1'", "'us-east-1'"],
    });
  });

  it("holds no value in its SQL, whatever it is given", () => {
    fc.assert(
      fc.property(
        fc.option(fc.date({ min: at("2014-01-01T00:00:00Z"), max: at("2030-01-01T00:00:00Z"), noInvalidDate: true })),
        fc.option(fc.date({ min: at("2014-01-01T00:00:00Z"), max: at("2030-01-01T00:00:00Z"), noInvalidDate: true })),
        fc.array(fc.string()),
        fc.array(fc.string()),
        (since, until, accounts, regions) => {
          const filter = scanFilter(scope({ since, until }, accounts, regions));
          expect(filter.sql).not.toMatch(/'/);
          expect(filter.sql.match(/\?/g) ?? []).toHaveLength(filter.parameters.length);
        },
      ),
    );
  });
});

describe("partitionDays", () => {
  // The local engine prunes delivery folders by the same rule; both must keep the same days.
  const first = Date.UTC(2026, 9, 20);
  const days = Array.from({ length: 30 }, (_, i) => new Date(first + i * 86_400_000).toISOString().slice(0, 10));
  let root: string;
  beforeAll(() => {
    root = tempDir("tighten-partition-days-");
    for (const day of days) writeFile(root, deliveryKey(ACCOUNT, "us-east-1", day), "");
  });

  const keptByLocal = async (window: TimeWindow) =>
    (await findLogFiles([root], window)).files.map((file) => /\/(\d{4})\/(\d{2})\/(\d{2})\//.exec(file)!.slice(1).join("/"));
  const keptByAthena = (window: TimeWindow) => {
    const { from, to } = partitionDays(window);
    return days.map((day) => day.replaceAll("-", "/")).filter((day) => (from === null || day >= from) && (to === null || day <= to));
  };

  it("keeps the days the local engine's path pruning keeps, for any window", async () => {
    const instant = fc.option(fc.integer({ min: first + 2 * 86_400_000, max: first + 27 * 86_400_000 }).map((ms) => new Date(ms)));
    const midnight = fc.option(fc.integer({ min: 2, max: 27 }).map((i) => new Date(first + i * 86_400_000)));
    await fc.assert(
      fc.asyncProperty(fc.oneof(instant, midnight), fc.oneof(instant, midnight), async (a, b) => {
        const [since, until] = a !== null && b !== null && a > b ? [b, a] : [a, b];
        const window = { since, until };
        expect(keptByAthena(window)).toEqual(await keptByLocal(window));
      }),
      { numRuns: 200 },
    );
  });
});
