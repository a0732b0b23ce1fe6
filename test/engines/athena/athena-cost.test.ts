import { AthenaClient, GetQueryExecutionCommand, StartQueryExecutionCommand, StopQueryExecutionCommand } from "@aws-sdk/client-athena";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../../src/cli/main.js";
import { openUsageSource } from "../../../src/cli/scan-options.js";
import { UsageError } from "../../../src/usage-error.js";
import { billedCost, budgetBytes, CostTally, formatBytes, formatDollars, formatQueryReport, queryCost, type QueryReport } from "../../../src/engines/athena/athena-cost.js";

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

describe("what failed and stopped queries cost", () => {
  const report = (end: QueryReport["end"], bytes = 200 * GB): QueryReport => ({
    name: "usage-rows",
    queryExecutionId: "q-1",
    statistics: { dataScannedBytes: bytes, totalExecutionMs: 60_000, engineExecutionMs: 59_000 },
    ...(end !== undefined ? { end } : {}),
  });

  it("bills cancelled queries and tighten's own stops for what they scanned, failed ones nothing", () => {
    expect(billedCost(report(undefined))).toBe(queryCost(200 * GB));
    for (const end of ["cancelled", "timed-out", "over-budget", "interrupted"] as const) expect(billedCost(report(end))).toBe(queryCost(200 * GB));
    expect(billedCost(report("failed"))).toBe(0);
  });

  it("says how each query ended", () => {
    expect(formatQueryReport(report("over-budget"))).toBe("athena: usage-rows stopped at --max-cost after scanning 200.0 GB in 60.0 s (engine 59.0 s), about $0.9766");
    expect(formatQueryReport(report("timed-out"))).toBe("athena: usage-rows stopped at --timeout after scanning 200.0 GB in 60.0 s (engine 59.0 s), about $0.9766");
    expect(formatQueryReport(report("interrupted"))).toBe("athena: usage-rows stopped by Ctrl-C after scanning 200.0 GB in 60.0 s (engine 59.0 s), about $0.9766");
    expect(formatQueryReport(report("failed"))).toBe(
      "athena: usage-rows failed after scanning 200.0 GB in 60.0 s (engine 59.0 s), not billed (Athena does not charge failed queries)",
    );
  });

  it("adds the command's total from the second query on, failed ones at $0", () => {
    const tally = new CostTally();
    expect(tally.line(report(undefined, 1 * GB))).toBe("athena: usage-rows scanned 1.0 GB in 60.0 s (engine 59.0 s), about $0.0049");
    expect(tally.line(report("failed", 3 * GB))).toBe(
      "athena: usage-rows failed after scanning 3.0 GB in 60.0 s (engine 59.0 s), not billed (Athena does not charge failed queries); 2 queries in all: 4.0 GB in 120.0 s, about $0.0049",
    );
    expect(tally.line(report("cancelled", 4 * GB))).toMatch(/; 3 queries in all: 8\.0 GB in 180\.0 s, about \$0\.0244$/);
  });
});

describe("budgetBytes", () => {
  it("turns --max-cost dollars into the bytes they buy at $5/TB", () => {
    expect(budgetBytes(5)).toBe(TB);
    expect(budgetBytes(0.5)).toBe(Math.floor(TB / 10));
    expect(queryCost(budgetBytes(2.5))).toBeCloseTo(2.5, 9);
  });
});

describe("--max-cost USD", () => {
  const athena = mockClient(AthenaClient);
  afterAll(() => athena.restore());
  let stderr: string;
  beforeEach(() => {
    athena.reset();
    stderr = "";
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    });
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    vi.stubEnv("AWS_ACCESS_KEY_ID", "testing");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "testing");
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  const base = { logs: undefined, since: undefined, until: undefined, quiet: true, strict: false, engine: "athena", database: "tighten", region: "eu-west-1" } as const;

  it.each(["0", "-1", "ten", "", "1,50", "0.5.1", "NaN", "Infinity"])("refuses %j in one line naming the flag", async (value) => {
    const run = openUsageSource({ ...base, "max-cost": value });
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(`--max-cost '${value}': give a budget in US dollars, more than 0 (like 0.50)`);
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(0);
  });

  it("is for --engine athena only", async () => {
    await expect(openUsageSource({ ...base, engine: "local", database: undefined, logs: ["examples/cloudtrail"], "max-cost": "1" })).rejects.toThrow(
      "--max-cost is for --engine athena; add --engine athena, or drop --max-cost to read --logs",
    );
  });

  it("a bad value through the CLI: exit 2, one line", async () => {
    const code = await main(["roles", "--engine", "athena", "--database", "tighten", "--region", "eu-west-1", "--since", "2026-11-01", "--max-cost", "lots"]);
    expect(code).toBe(2);
    expect(stderr).toBe("tighten: --max-cost 'lots': give a budget in US dollars, more than 0 (like 0.50)\n");
  });

  it("stops the command's query once its scan passes the budget: its cost line, then one line, exit 2", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q-1" });
    athena.on(StopQueryExecutionCommand).resolves({});
    let polls = 0;
    athena.on(GetQueryExecutionCommand).callsFake(() => {
      polls++;
      // 400 MB more at each look; $0.001 buys 210 MB at $5/TB.
      return { QueryExecution: { QueryExecutionId: "q-1", Status: { State: "RUNNING" }, Statistics: { DataScannedInBytes: polls * 400 * MB, TotalExecutionTimeInMillis: polls * 500, EngineExecutionTimeInMillis: polls * 400 } } };
    });
    const code = await main(["roles", "--engine", "athena", "--database", "tighten", "--region", "eu-west-1", "--since", "2026-11-01", "--max-cost", "$0.001"]);
    expect(code).toBe(2);
    expect(athena.commandCalls(StopQueryExecutionCommand).map((call) => call.args[0].input)).toEqual([{ QueryExecutionId: "q-1" }]);
    expect(stderr.split("\n").slice(-3)).toEqual([
      expect.stringMatching(/^athena: \S+ stopped at --max-cost after scanning 800\.0 MB in 1\.0 s \(engine 0\.8 s\), about \$0\.0038$/),
      expect.stringMatching(/^tighten: --max-cost \$0\.0010: query \S+ \(q-1\) had scanned 800\.0 MB, past the 209\.7 MB that \$0\.0010 buys at \$5\/TB; stopped it\. /),
      "",
    ]);
  });
});
