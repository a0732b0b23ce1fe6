import { EventEmitter } from "node:events";
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type QueryExecutionState,
} from "@aws-sdk/client-athena";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ATHENA_MAX_ATTEMPTS, createAthenaClient } from "../../../src/aws/athena/athena-client.js";
import { QueryInterrupted } from "../../../src/engines/athena/athena-errors.js";
import { runAthenaQuery, type QuerySettings } from "../../../src/engines/athena/athena-query.js";
import { UsageError } from "../../../src/usage-error.js";
import { awsError, pageFor, resultPages, type WireColumn, type WireValue } from "./athena-wire.js";

const athena = mockClient(AthenaClient);
const QUERY = { sql: 'SELECT principal FROM "tighten"."cloudtrail" WHERE TRUE', parameters: [] };
const ID = "4b2f7c1e-0000-4000-8000-000000000001";
const STATISTICS = { DataScannedInBytes: 1_288_490_189, TotalExecutionTimeInMillis: 8400, EngineExecutionTimeInMillis: 7900 };

let client: AthenaClient;
beforeEach(() => {
  athena.reset();
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
    expect(polls).toBe(2);
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
