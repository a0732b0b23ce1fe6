import { EventEmitter } from "node:events";
import { Readable } from "node:stream";
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type QueryExecutionState,
} from "@aws-sdk/client-athena";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { ATHENA_MAX_ATTEMPTS, createAthenaClient } from "../../../src/aws/athena/athena-client.js";
import { failureExit } from "../../../src/cli/exit-codes.js";
import type { QueryReport } from "../../../src/engines/athena/athena-cost.js";
import { formatQueryReport } from "../../../src/engines/athena/athena-cost.js";
import { QueryInterrupted } from "../../../src/engines/athena/athena-errors.js";
import { runAthenaQuery, type QuerySettings } from "../../../src/engines/athena/athena-query.js";
import { UsageError } from "../../../src/usage-error.js";
import { awsError, pageFor, resultCsv, resultPages, type WireColumn, type WireValue } from "./athena-wire.js";

const athena = mockClient(AthenaClient);
const s3 = mockClient(S3Client);
// The next file in this worker gets the real clients.
afterAll(() => {
  athena.restore();
  s3.restore();
});
const QUERY = { sql: 'SELECT principal FROM "tighten"."cloudtrail" WHERE TRUE', parameters: [] };
const ID = "4b2f7c1e-0000-4000-8000-000000000001";
const STATISTICS = { DataScannedInBytes: 1_288_490_189, TotalExecutionTimeInMillis: 8400, EngineExecutionTimeInMillis: 7900 };

let client: AthenaClient;
beforeEach(() => {
  athena.reset();
  s3.reset();
  client = createAthenaClient({ region: "eu-west-1", config: { credentials: { accessKeyId: "testing", secretAccessKey: "testing" } } });
});
afterEach(() => client.destroy());

function settings(overrides: Partial<QuerySettings> = {}): QuerySettings {
  return {
    client,
    target: { database: "tighten", table: "cloudtrail", workgroup: "primary" },
    timeoutSeconds: 30,
    poll: { firstMs: 1, maxMs: 4 },
    interrupts: new EventEmitter(),
    ...overrides,
  };
}

/** GetQueryExecution answers these states in turn, the last one from then on. */
function states(...sequence: { state: QueryExecutionState; reason?: string }[]): void {
  let call = 0;
  athena.on(GetQueryExecutionCommand).callsFake(() => {
    const { state, reason } = sequence[Math.min(call++, sequence.length - 1)]!;
    return {
      QueryExecution: {
        QueryExecutionId: ID,
        Status: { State: state, ...(reason !== undefined ? { StateChangeReason: reason } : {}) },
        Statistics: STATISTICS,
      },
    };
  });
}

describe("runAthenaQuery: start, poll, page through results", () => {
  const columns: WireColumn[] = [
    { name: "principal", type: "varchar" },
    { name: "calls", type: "bigint" },
    { name: "denied", type: "boolean" },
    { name: "note", type: "varchar" },
  ];
  const rows: WireValue[][] = Array.from({ length: 2500 }, (_, i) => [
    `arn:aws:iam::111122223333:role/r-${String(i).padStart(4, "0")}`,
    String(i * 3),
    i % 2 === 0 ? "true" : "false",
    i % 3 === 0 ? null : i % 3 === 1 ? "" : "it's",
  ]);
  const pages = resultPages(columns, rows);

  it("reads 2,500 rows over 3 pages of at most 1,000, skipping the header row of page 1 only", async () => {
    expect(pages.map((page) => page.ResultSet?.Rows?.length)).toEqual([1000, 1000, 501]);
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: ID });
    states({ state: "QUEUED" }, { state: "RUNNING" }, { state: "SUCCEEDED" });
    athena.on(GetQueryResultsCommand).callsFake((input: { NextToken?: string }) => pageFor(pages, input.NextToken));

    const result = await runAthenaQuery("usage-rows", { sql: QUERY.sql, parameters: ["'a'", "10"] }, settings({ outputLocation: "s3://results/tighten/" }));

    expect(athena.commandCalls(StartQueryExecutionCommand).map((call) => call.args[0].input)).toEqual([
      {
        QueryString: QUERY.sql,
        ExecutionParameters: ["'a'", "10"],
        QueryExecutionContext: { Database: "tighten" },
        WorkGroup: "primary",
        ResultConfiguration: { OutputLocation: "s3://results/tighten/" },
      },
    ]);
    expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(3);
    expect(athena.commandCalls(GetQueryResultsCommand).map((call) => call.args[0].input)).toEqual([
      { QueryExecutionId: ID, MaxResults: 1000 },
      { QueryExecutionId: ID, MaxResults: 1000, NextToken: "token-1" },
      { QueryExecutionId: ID, MaxResults: 1000, NextToken: "token-2" },
    ]);
    expect(result.columns).toEqual(columns);
    expect(result.rows).toHaveLength(2500);
    expect(result.rows.slice(0, 3)).toEqual([
      { principal: "arn:aws:iam::111122223333:role/r-0000", calls: 0, denied: true, note: null },
      { principal: "arn:aws:iam::111122223333:role/r-0001", calls: 3, denied: false, note: "" },
      { principal: "arn:aws:iam::111122223333:role/r-0002", calls: 6, denied: true, note: "it's" },
    ]);
    expect(result.rows[999]).toMatchObject({ principal: "arn:aws:iam::111122223333:role/r-0999" });
    expect(result.rows[2499]).toMatchObject({ principal: "arn:aws:iam::111122223333:role/r-2499", calls: 7497 });
    expect(result.report).toEqual({
      name: "usage-rows",
      queryExecutionId: ID,
      statistics: { dataScannedBytes: 1_288_490_189, totalExecutionMs: 8400, engineExecutionMs: 7900 },
    });
  });

  it("omits ExecutionParameters when the query has none (Athena refuses an empty list)", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: ID });
    states({ state: "SUCCEEDED" });
    athena.on(GetQueryResultsCommand).resolves(resultPages(columns, [])[0]!);
    const result = await runAthenaQuery("principals", QUERY, settings());
    expect(athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input).not.toHaveProperty("ExecutionParameters");
    expect(athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input).not.toHaveProperty("ResultConfiguration");
    expect(result.rows).toEqual([]);
  });
});

describe("runAthenaQuery: queries that do not succeed", () => {
  beforeEach(() => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: ID });
  });

  it.each([
    [
      "FAILED",
      "TABLE_NOT_FOUND: line 58:8: Table 'awsdatacatalog.tighten.cloudtrail' does not exist",
      "--engine athena: query usage-rows on tighten.cloudtrail (workgroup primary) failed: TABLE_NOT_FOUND: line 58:8: Table 'awsdatacatalog.tighten.cloudtrail' does not exist; create the table with `tighten athena init`, or pass --table (now cloudtrail)",
    ],
    [
      "FAILED",
      "SCHEMA_NOT_FOUND: line 58:8: Schema 'tighten' does not exist",
      "--engine athena: query usage-rows on tighten.cloudtrail (workgroup primary) failed: SCHEMA_NOT_FOUND: line 58:8: Schema 'tighten' does not exist; create it with `tighten athena init`, or pass --database (now tighten)",
    ],
    [
      "FAILED",
      "Permission denied on S3 path: s3://org-trail/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/02. This query ran against the \"tighten\" database, unless qualified by the query.",
      "--engine athena: query usage-rows on tighten.cloudtrail (workgroup primary) failed: Permission denied on S3 path: s3://org-trail/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/02. This query ran against the \"tighten\" database, unless qualified by the query.",
    ],
    [
      "CANCELLED",
      "Query cancelled by user",
      "--engine athena: query usage-rows on tighten.cloudtrail (workgroup primary) was cancelled: Query cancelled by user",
    ],
  ] as const)("%s: %s", async (state, reason, message) => {
    states({ state: "RUNNING" }, { state, reason });
    const run = runAthenaQuery("usage-rows", QUERY, settings());
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(message);
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(0);
    expect(athena.commandCalls(StopQueryExecutionCommand)).toHaveLength(0);
  });

  it("stops a query that outruns --timeout and says so", async () => {
    states({ state: "RUNNING" });
    athena.on(StopQueryExecutionCommand).resolves({});
    const run = runAthenaQuery("usage-rows", QUERY, settings({ timeoutSeconds: 0.05 }));
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(`--timeout: query usage-rows (${ID}) did not finish in 0.05 s; stopped it.`);
    expect(athena.commandCalls(StopQueryExecutionCommand).map((call) => call.args[0].input)).toEqual([{ QueryExecutionId: ID }]);
    expect(athena.commandCalls(GetQueryExecutionCommand).length).toBeGreaterThan(1);
  });

  it("stops the query on SIGINT and ends with QueryInterrupted (exit 130), the handler gone after", async () => {
    const interrupts = new EventEmitter();
    let polls = 0;
    athena.on(GetQueryExecutionCommand).callsFake(() => {
      polls++;
      // Ctrl-C while the query runs: seen by the next poll at the latest.
      if (polls === 2) interrupts.emit("SIGINT");
      return { QueryExecution: { QueryExecutionId: ID, Status: { State: "RUNNING" } } };
    });
    athena.on(StopQueryExecutionCommand).resolves({});
    const run = runAthenaQuery("principals", QUERY, settings({ interrupts, poll: { firstMs: 50, maxMs: 50 } }));
    expect(interrupts.listenerCount("SIGINT")).toBe(1);
    const error = await run.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QueryInterrupted);
    expect(error).toMatchObject({ exitCode: 130, message: `interrupted: stopped Athena query principals (${ID})` });
    expect(athena.commandCalls(StopQueryExecutionCommand).map((call) => call.args[0].input)).toEqual([{ QueryExecutionId: ID }]);
    // The second poll saw the Ctrl-C; the third is the look after the stop, for what was billed.
    expect(polls).toBe(3);
    expect(interrupts.listenerCount("SIGINT")).toBe(0);
  });

  it("listens to the process's SIGINT only while a query runs", async () => {
    const before = process.listenerCount("SIGINT");
    let during = -1;
    athena.on(GetQueryExecutionCommand).callsFake(() => {
      during = process.listenerCount("SIGINT");
      return { QueryExecution: { QueryExecutionId: ID, Status: { State: "SUCCEEDED" } } };
    });
    athena.on(GetQueryResultsCommand).resolves(resultPages([{ name: "x", type: "varchar" }], [])[0]!);
    const { interrupts: _, ...fromProcess } = settings();
    await runAthenaQuery("principals", QUERY, fromProcess);
    expect(during).toBe(before + 1);
    expect(process.listenerCount("SIGINT")).toBe(before);
  });

  it("says so when the query could not be stopped", async () => {
    states({ state: "RUNNING" });
    athena.on(StopQueryExecutionCommand).rejects(awsError("AccessDeniedException", "not authorized to perform: athena:StopQueryExecution"));
    await expect(runAthenaQuery("usage-rows", QUERY, settings({ timeoutSeconds: 0.02 }))).rejects.toThrow(/did not finish in 0.02 s; could not stop it/);
  });
});

describe("runAthenaQuery: Athena refusing the call", () => {
  it("names the permission when access is denied", async () => {
    athena
      .on(StartQueryExecutionCommand)
      .rejects(awsError("AccessDeniedException", "User: arn:aws:iam::111122223333:user/dev is not authorized to perform: athena:StartQueryExecution"));
    const run = runAthenaQuery("principals", QUERY, settings());
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(
      "--engine athena: Athena StartQueryExecution in workgroup primary was denied: tighten needs athena:StartQueryExecution on the workgroup primary",
    );
  });

  it("names the results permission too", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: ID });
    states({ state: "SUCCEEDED" });
    athena.on(GetQueryResultsCommand).rejects(awsError("AccessDeniedException", "not authorized to perform: athena:GetQueryResults"));
    await expect(runAthenaQuery("principals", QUERY, settings())).rejects.toThrow(/tighten needs athena:GetQueryResults on the workgroup primary$/);
  });

  it.each([
    [
      "No output location provided. An output location is required either through the Workgroup result configuration setting or as an API input.",
      /^--engine athena: the workgroup primary has no query result location: pass --output s3:\/\/BUCKET\/PREFIX\//,
    ],
    ["WorkGroup primary is not found.", /^--workgroup primary: no such Athena workgroup in this region/],
  ])("turns InvalidRequestException %j into a usage error", async (message, expected) => {
    athena.on(StartQueryExecutionCommand).rejects(awsError("InvalidRequestException", message));
    await expect(runAthenaQuery("principals", QUERY, settings())).rejects.toThrow(expected);
  });

  it("reports throttling that outlasted the SDK's retries", async () => {
    athena.on(StartQueryExecutionCommand).rejects(awsError("ThrottlingException", "Rate exceeded", ATHENA_MAX_ATTEMPTS));
    await expect(runAthenaQuery("principals", QUERY, settings())).rejects.toThrow(
      `--engine athena: Athena StartQueryExecution in workgroup primary was still throttled after ${ATHENA_MAX_ATTEMPTS} attempts; try again later`,
    );
  });
});

describe("runAthenaQuery: --max-cost", () => {
  // $0.0001 at $5/TB buys 21,990,232 bytes (21.0 MB).
  const BUDGET_USD = 0.0001;

  /** GetQueryExecution: RUNNING with the scan growing by `step` bytes a poll, until `final` state. */
  function growingScan(step: number, final?: { after: number; state: QueryExecutionState }): void {
    let polls = 0;
    athena.on(GetQueryExecutionCommand).callsFake(() => {
      polls++;
      const state = final !== undefined && polls > final.after ? final.state : "RUNNING";
      return { QueryExecution: { QueryExecutionId: ID, Status: { State: state }, Statistics: { DataScannedInBytes: polls * step, TotalExecutionTimeInMillis: polls * 1000, EngineExecutionTimeInMillis: polls * 900 } } };
    });
  }

  it("stops the query once its scan passes the budget, and fails with one line (exit 2) naming budget, bytes and query", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: ID });
    athena.on(StopQueryExecutionCommand).resolves({});
    growingScan(10 * 1024 ** 2); // 10 MB, 20 MB, 30 MB (past 21 MB): stop; the look after it sees 40 MB
    const reports: QueryReport[] = [];
    const error = await runAthenaQuery("usage-rows", QUERY, settings({ maxCostUsd: BUDGET_USD, onQuery: (report) => reports.push(report) })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      `--max-cost $0.00010: query usage-rows (${ID}) had scanned 40.0 MB, past the 21.0 MB that $0.00010 buys at $5/TB; stopped it. Raise --max-cost, or narrow --since, --accounts or --regions`,
    );
    expect(athena.commandCalls(StopQueryExecutionCommand).map((call) => call.args[0].input)).toEqual([{ QueryExecutionId: ID }]);
    expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(4);
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(0);
    // Billed all the same: the cost line says what the stopped query scanned and cost.
    expect(reports.map(formatQueryReport)).toEqual(["athena: usage-rows stopped at --max-cost after scanning 40.0 MB in 4.0 s (engine 3.6 s), about $0.00019"]);
    let written = "";
    expect(failureExit(error, { debug: false, write: (text) => (written += text) })).toBe(2);
    expect(written.split("\n")).toEqual([`tighten: ${(error as Error).message}`, ""]);
  });

  it("lets a query that stays under the budget finish", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: ID });
    growingScan(5 * 1024 ** 2, { after: 3, state: "SUCCEEDED" }); // 5, 10, 15, then done at 20 MB
    athena.on(GetQueryResultsCommand).resolves(resultPages([{ name: "x", type: "varchar" }], [["1"]])[0]!);
    const result = await runAthenaQuery("usage-rows", QUERY, settings({ maxCostUsd: BUDGET_USD }));
    expect(result.rows).toEqual([{ x: "1" }]);
    expect(athena.commandCalls(StopQueryExecutionCommand)).toHaveLength(0);
  });
});

describe("runAthenaQuery: every query's cost is reported, whatever its end", () => {
  beforeEach(() => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: ID });
  });

  it.each([
    ["SUCCEEDED", undefined, "athena: principals scanned 1.2 GB in 8.4 s (engine 7.9 s), about $0.0059"],
    ["FAILED", "failed", "athena: principals failed after scanning 1.2 GB in 8.4 s (engine 7.9 s), not billed (Athena does not charge failed queries)"],
    ["CANCELLED", "cancelled", "athena: principals was cancelled after scanning 1.2 GB in 8.4 s (engine 7.9 s), about $0.0059"],
  ] as const)("%s", async (state, end, line) => {
    states({ state, reason: "because" });
    athena.on(GetQueryResultsCommand).resolves(resultPages([{ name: "x", type: "varchar" }], [])[0]!);
    const reports: QueryReport[] = [];
    await runAthenaQuery("principals", QUERY, settings({ onQuery: (report) => reports.push(report) })).catch(() => undefined);
    expect(reports).toEqual([{ name: "principals", queryExecutionId: ID, statistics: { dataScannedBytes: 1_288_490_189, totalExecutionMs: 8400, engineExecutionMs: 7900 }, ...(end !== undefined ? { end } : {}) }]);
    expect(reports.map(formatQueryReport)).toEqual([line]);
  });

  it("a query stopped at --timeout", async () => {
    states({ state: "RUNNING" });
    athena.on(StopQueryExecutionCommand).resolves({});
    const reports: QueryReport[] = [];
    await expect(runAthenaQuery("principals", QUERY, settings({ timeoutSeconds: 0.02, onQuery: (report) => reports.push(report) }))).rejects.toThrow(UsageError);
    expect(reports.map((report) => report.end)).toEqual(["timed-out"]);
  });
});

describe("runAthenaQuery: large results stream from the result file in S3", () => {
  const columns: WireColumn[] = [
    { name: "principal", type: "varchar" },
    { name: "calls", type: "bigint" },
    { name: "denied", type: "boolean" },
    { name: "parameters", type: "varchar" },
  ];
  // Values that CSV must quote or escape, and NULL next to the empty string.
  const awkward = ['say "hi", then leave', "line 1\nline 2\r\nline 3", "", "日本語 ✓ 😀 é", '{"bucket":"a,b","key":"x\\"y"}', ",", '"'];
  const rows: WireValue[][] = Array.from({ length: 50_000 }, (_, i) => [
    `arn:aws:iam::111122223333:role/r-${i}`,
    i % 7 === 0 ? null : String(i),
    i % 2 === 0 ? "true" : "false",
    i % 11 === 0 ? null : awkward[i % awkward.length]!,
  ]);
  const pages = resultPages(columns, rows);
  const FILE = `s3://athena-results/tighten/${ID}.csv`;

  /** The CSV in chunks of 64 KiB: boundaries fall inside quoted values and inside UTF-8 sequences. */
  function fileChunks(): Buffer[] {
    const bytes = Buffer.from(resultCsv(columns, rows), "utf8");
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 65_536) chunks.push(bytes.subarray(at, at + 65_536));
    return chunks;
  }

  function succeededWith(resultConfiguration: object): void {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: ID });
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { QueryExecutionId: ID, Status: { State: "SUCCEEDED" }, Statistics: STATISTICS, ResultConfiguration: resultConfiguration } });
    athena.on(GetQueryResultsCommand).callsFake((input: { NextToken?: string }) => pageFor(pages, input.NextToken));
  }

  it("gives the same 50,000 rows as paging through GetQueryResults, after 3 pages and one GET", async () => {
    succeededWith({ OutputLocation: FILE });
    s3.on(GetObjectCommand).callsFake(() => ({ Body: Readable.from(fileChunks()) }));

    const paged = await runAthenaQuery("usage-rows", QUERY, settings({ streamAfterPages: Infinity }));
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(51);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
    athena.resetHistory();

    const streamed = await runAthenaQuery("usage-rows", QUERY, settings());
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(3);
    expect(s3.commandCalls(GetObjectCommand).map((call) => call.args[0].input)).toEqual([{ Bucket: "athena-results", Key: `tighten/${ID}.csv` }]);
    expect(await s3.commandCalls(GetObjectCommand)[0]!.thisValue.config.region()).toBe("eu-west-1");

    expect(streamed.columns).toEqual(paged.columns);
    expect(streamed.rows).toHaveLength(50_000);
    expect(streamed.rows).toEqual(paged.rows);
    expect(streamed.rows[0]).toEqual({ principal: "arn:aws:iam::111122223333:role/r-0", calls: null, denied: true, parameters: null });
    expect(streamed.rows[2]).toEqual({ principal: "arn:aws:iam::111122223333:role/r-2", calls: 2, denied: true, parameters: "" });
    expect(streamed.rows.filter((row) => row.parameters === "").length).toBeGreaterThan(0);
    expect(streamed.rows.filter((row) => row.parameters === null).length).toBeGreaterThan(0);
  });

  it.each([
    ["no result location (Athena managed query results)", {}],
    ["results encrypted on the client side", { OutputLocation: FILE, EncryptionConfiguration: { EncryptionOption: "CSE_KMS" } }],
  ])("pages to the end when the file cannot be read as CSV: %s", async (_, configuration) => {
    succeededWith(configuration);
    const result = await runAthenaQuery("usage-rows", QUERY, settings());
    expect(result.rows).toHaveLength(50_000);
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(51);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it("a denied read of the result file is one line naming the file and the permission", async () => {
    succeededWith({ OutputLocation: FILE });
    s3.on(GetObjectCommand).rejects(awsError("AccessDenied", "Access Denied"));
    const run = runAthenaQuery("usage-rows", QUERY, settings());
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(`--engine athena: reading the query result file ${FILE} was denied: tighten needs s3:GetObject on it`);
  });

  it("a result file gone from S3 says so", async () => {
    succeededWith({ OutputLocation: FILE });
    s3.on(GetObjectCommand).rejects(awsError("NoSuchKey", "The specified key does not exist."));
    await expect(runAthenaQuery("usage-rows", QUERY, settings())).rejects.toThrow(`--engine athena: reading the query result file ${FILE}: it is not there (NoSuchKey)`);
  });

  it("a connection that breaks off while the file streams is one line, not a bug", async () => {
    succeededWith({ OutputLocation: FILE });
    s3.on(GetObjectCommand).callsFake(() => ({
      Body: Readable.from(
        (async function* () {
          yield fileChunks()[0]!;
          throw Object.assign(new Error("aborted"), { code: "ECONNRESET" });
        })(),
      ),
    }));
    await expect(runAthenaQuery("usage-rows", QUERY, settings())).rejects.toThrow(
      `--engine athena: reading the query result file ${FILE}: the connection broke off (ECONNRESET); try again`,
    );
  });

  it("a file whose header is not the query's columns is a bug, not data", async () => {
    succeededWith({ OutputLocation: FILE });
    s3.on(GetObjectCommand).callsFake(() => ({ Body: Readable.from([Buffer.from('"principal","calls"\n')]) }));
    const error = await runAthenaQuery("usage-rows", QUERY, settings()).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(`Athena's result file ${FILE} has the columns principal, calls; GetQueryResults said principal, calls, denied, parameters`);
  });
});
