import { describe, expect, it } from "vitest";
import { formatBytes, formatDollars, formatQueryReport, queryCost } from "../../../src/engines/athena/athena-cost.js";

const MB = 1024 ** 2;
const GB = 1024 ** 3;
const TB = 1024 ** 4;

describe("queryCost", () => {
  it("charges $5 per TB scanned", () => {
    expect(queryCost(TB)).toBe(5);
    expect(queryCost(200 * GB)).toBeCloseTo(200 / 1024 * 5, 12);
  });

  it("bills at least 10 MB per query, even one that scanned nothing", () => {
    expect(queryCost(0)).toBe(queryCost(10 * MB));
    expect(queryCost(1)).toBe(queryCost(10 * MB));
    expect(queryCost(10 * MB)).toBeCloseTo((10 * MB / TB) * 5, 15);
  });

  it("rounds up to the next megabyte", () => {
    expect(queryCost(10 * MB + 1)).toBe(queryCost(11 * MB));
    expect(queryCost(11 * MB)).toBeGreaterThan(queryCost(10 * MB));
  });
});

describe("formatQueryReport", () => {
  it("says what the query scanned, how long it took and about what it cost", () => {
    const line = formatQueryReport({
      name: "usage-rows",
      queryExecutionId: "q-1",
      statistics: { dataScannedBytes: Math.round(1.2 * GB), totalExecutionMs: 8400, engineExecutionMs: 7900 },
    });
    expect(line).toBe("athena: usage-rows scanned 1.2 GB in 8.4 s (engine 7.9 s), about $0.0059");
  });

  it("shows the minimum charge of a small query with its significant digits", () => {
    const line = formatQueryReport({ name: "principals", queryExecutionId: "q-2", statistics: { dataScannedBytes: 52_000, totalExecutionMs: 1234, engineExecutionMs: 611 } });
    expect(line).toBe("athena: principals scanned 50.8 KB in 1.2 s (engine 0.6 s), about $0.000048");
  });

  it("formats sizes and amounts", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(3.25 * TB)).toBe("3.3 TB");
    expect(formatDollars(16.25)).toBe("$16.25");
    expect(formatDollars(0.5)).toBe("$0.5000");
    expect(formatDollars(0)).toBe("$0.0000");
  });
});
