import { EventEmitter } from "node:events";
import {
  AthenaClient,
  GetQueryExecutionCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type QueryExecutionState,
} from "@aws-sdk/client-athena";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAthenaClient } from "../../../src/aws/athena/athena-client.js";
import { QueryInterrupted } from "../../../src/aws/athena/athena-errors.js";
import { runAthenaStatement, runStatement, type PollClock, type PollSettings, type StatementWatch } from "../../../src/aws/athena/athena-statement.js";
import type { TrailConfig } from "../../../src/aws/cloudtrail/trail-config.js";
import { planAthenaTable, runAthenaPlan } from "../../../src/pipeline/athena-init.js";
import { UsageError } from "../../../src/usage-error.js";

const athena = mockClient(AthenaClient);
// The next file in this worker gets the real client.
afterAll(() => {
  athena.restore();
});
let client: AthenaClient;
let slept: number[];
let clock: number;
/** Sleeping advances a fake clock: the poll's backoff is observed, not waited for. */
const fakeClock: PollClock = {
  sleep: async (ms) => {
    slept.push(ms);
    clock += ms;
  },
  now: () => clock,
};
// random() = 1: each wait is the whole backoff step, so the schedule itself shows.
const poll: PollSettings = { clock: fakeClock, random: () => 1, interrupts: new EventEmitter() };
const TARGET = { region: "eu-west-1", workgroup: "primary", outputLocation: "s3://acme-athena-results/tighten/" };
const OPTIONS = { prefix: "athena init", label: "CREATE DATABASE tighten", poll };

function awsError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode: status, attempts: 1 } });
}

/** GetQueryExecution answers with these states in turn, the last one from then on. */
function states(id: string, ...sequence: { state: QueryExecutionState; reason?: string }[]): void {
  let call = 0;
  athena.on(GetQueryExecutionCommand, { QueryExecutionId: id }).callsFake(() => {
    const { state, reason } = sequence[Math.min(call++, sequence.length - 1)]!;
    return { QueryExecution: { QueryExecutionId: id, Status: { State: state, ...(reason !== undefined ? { StateChangeReason: reason } : {}) } } };
  });
}

beforeEach(() => {
  athena.reset();
  slept = [];
  clock = 0;
  client = createAthenaClient({ region: "eu-west-1", config: { credentials: { accessKeyId: "testing", secretAccessKey: "testing" } } });
});
afterEach(() => client.destroy());

describe("runAthenaStatement", () => {
  it("starts the statement in the workgroup with the output location, and polls with backoff until it succeeds", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q-1" });
    states("q-1", { state: "QUEUED" }, { state: "RUNNING" }, { state: "RUNNING" }, { state: "RUNNING" }, { state: "RUNNING" }, { state: "RUNNING" }, { state: "SUCCEEDED" });
    expect(await runAthenaStatement(client, "CREATE DATABASE IF NOT EXISTS `tighten`", TARGET, OPTIONS)).toBe("q-1");
    expect(athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input).toEqual({
      QueryString: "CREATE DATABASE IF NOT EXISTS `tighten`",
      WorkGroup: "primary",
      ResultConfiguration: { OutputLocation: "s3://acme-athena-results/tighten/" },
    });
    expect(slept).toEqual([200, 400, 800, 1600, 2000, 2000]);
  });

  it("leaves the result location to the workgroup when no --output is given", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q-1" });
    states("q-1", { state: "SUCCEEDED" });
    await runAthenaStatement(client, "CREATE DATABASE IF NOT EXISTS `tighten`", { ...TARGET, outputLocation: undefined }, OPTIONS);
    expect(athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input).toEqual({ QueryString: "CREATE DATABASE IF NOT EXISTS `tighten`", WorkGroup: "primary" });
    expect(slept).toEqual([]);
  });

  it("FAILED is a one-line usage error with Athena's reason and the query id", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q-2" });
    states("q-2", { state: "RUNNING" }, { state: "FAILED", reason: "FAILED: SemanticException\n [Error 10072]: Database does not exist: tighten" });
    const failure = runAthenaStatement(client, "CREATE EXTERNAL TABLE ...", TARGET, { ...OPTIONS, label: "CREATE EXTERNAL TABLE tighten.cloudtrail" });
    await expect(failure).rejects.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toThrow(
      "athena init: Athena could not run CREATE EXTERNAL TABLE tighten.cloudtrail: FAILED: SemanticException [Error 10072]: Database does not exist: tighten (query q-2)",
    );
  });

  it("CANCELLED says so", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q-3" });
    states("q-3", { state: "CANCELLED", reason: "Query cancelled by user" });
    await expect(runAthenaStatement(client, "CREATE DATABASE IF NOT EXISTS `tighten`", TARGET, OPTIONS)).rejects.toThrow(
      "athena init: Athena cancelled CREATE DATABASE tighten: Query cancelled by user (query q-3)",
    );
  });

  it("draws each wait between half and all of the backoff step, so that concurrent runs do not poll in step", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q-1" });
    states("q-1", { state: "RUNNING" }, { state: "RUNNING" }, { state: "RUNNING" }, { state: "SUCCEEDED" });
    await runAthenaStatement(client, "CREATE DATABASE IF NOT EXISTS `tighten`", TARGET, { ...OPTIONS, poll: { ...poll, random: () => 0 } });
    expect(slept).toEqual([100, 200, 400]);
  });

  it("stops the statement after the timeout, naming the query", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q-4" });
    states("q-4", { state: "RUNNING" });
    athena.on(StopQueryExecutionCommand).resolves({});
    await expect(runAthenaStatement(client, "CREATE DATABASE IF NOT EXISTS `tighten`", TARGET, { ...OPTIONS, poll: { ...poll, timeoutMs: 10_000 } })).rejects.toThrow(
      "athena init: Athena was still running CREATE DATABASE tighten (RUNNING) after 10 s; stopped it (query q-4)",
    );
    expect(athena.commandCalls(StopQueryExecutionCommand).map((call) => call.args[0].input)).toEqual([{ QueryExecutionId: "q-4" }]);
    // The waits never overrun the deadline: the last one is cut to what was left.
    expect(slept.reduce((sum, ms) => sum + ms, 0)).toBe(10_000);
  });

  it("stops the statement on Ctrl-C (exit 130), as a query is", async () => {
    const interrupts = new EventEmitter();
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q-5" });
    athena.on(GetQueryExecutionCommand).callsFake(() => {
      interrupts.emit("SIGINT");
      return { QueryExecution: { QueryExecutionId: "q-5", Status: { State: "RUNNING" } } };
    });
    athena.on(StopQueryExecutionCommand).resolves({});
    const error = await runAthenaStatement(client, "CREATE DATABASE IF NOT EXISTS `tighten`", TARGET, { ...OPTIONS, poll: { ...poll, interrupts } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QueryInterrupted);
    expect((error as Error).message).toBe("interrupted: stopped Athena statement CREATE DATABASE tighten (q-5)");
    expect(athena.commandCalls(StopQueryExecutionCommand)).toHaveLength(1);
    expect(interrupts.listenerCount("SIGINT")).toBe(0);
  });

  it("a refused request or a denied call is a usage error naming the call", async () => {
    athena.on(StartQueryExecutionCommand).rejects(awsError("InvalidRequestException", "WorkGroup tighten is not found."));
    await expect(runAthenaStatement(client, "CREATE DATABASE IF NOT EXISTS `tighten`", { ...TARGET, workgroup: "tighten" }, OPTIONS)).rejects.toThrow(
      "athena init: Athena StartQueryExecution in eu-west-1 refused the request: WorkGroup tighten is not found.",
    );
    athena.reset();
    athena.on(StartQueryExecutionCommand).rejects(awsError("AccessDeniedException", "User: arn:aws:iam::111122223333:user/ci is not authorized to perform: athena:StartQueryExecution", 403));
    await expect(runAthenaStatement(client, "CREATE DATABASE IF NOT EXISTS `tighten`", TARGET, OPTIONS)).rejects.toThrow(
      /^athena init: Athena StartQueryExecution in eu-west-1 was denied: tighten needs athena:StartQueryExecution on the workgroup/,
    );
  });

  it("an answer tighten has no words for (a 5xx) is still one line naming the call", async () => {
    athena.on(StartQueryExecutionCommand).rejects(Object.assign(awsError("InternalServerException", "We encountered an internal error.\nPlease try again.", 500), { $fault: "server" }));
    await expect(runAthenaStatement(client, "CREATE DATABASE IF NOT EXISTS `tighten`", TARGET, OPTIONS)).rejects.toThrow(
      "athena init: Athena StartQueryExecution in eu-west-1 failed: InternalServerException (HTTP 500): We encountered an internal error. Please try again.; the fault is on AWS's side: try again later",
    );
  });
});

describe("runStatement: the one poller", () => {
  const request = { sql: "SELECT 1", workgroup: "primary", database: "tighten" };
  const watch = (overrides: Partial<StatementWatch> = {}): StatementWatch => ({
    timeoutMs: 60_000,
    clock: fakeClock,
    random: () => 1,
    interrupts: new EventEmitter(),
    callError: (error) => error,
    ...overrides,
  });

  /** GetQueryExecution answers these (state, bytes scanned so far) in turn, the last from then on. */
  function scans(id: string, ...sequence: [QueryExecutionState, number][]): void {
    let call = 0;
    athena.on(GetQueryExecutionCommand, { QueryExecutionId: id }).callsFake(() => {
      const [state, bytes] = sequence[Math.min(call++, sequence.length - 1)]!;
      return { QueryExecution: { QueryExecutionId: id, Status: { State: state }, Statistics: { DataScannedInBytes: bytes, TotalExecutionTimeInMillis: call * 100 } } };
    });
  }

  it("stops a query whose scan passes the byte budget, and reads the statistics the stop left", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q-9" });
    // Growing across polls: 0, 40 MB, 90 MB (past the 64 MB budget), then 95 MB once stopped.
    scans("q-9", ["QUEUED", 0], ["RUNNING", 40e6], ["RUNNING", 90e6], ["CANCELLED", 95e6]);
    athena.on(StopQueryExecutionCommand).resolves({});
    const outcome = await runStatement(client, request, watch({ maxScannedBytes: 64e6 }));
    expect(outcome).toMatchObject({ id: "q-9", end: "over-budget", stopped: true });
    expect(outcome.execution.Statistics?.DataScannedInBytes).toBe(95e6);
    expect(athena.calls().map((call) => (call.args[0] as object).constructor.name)).toEqual([
      "StartQueryExecutionCommand",
      "GetQueryExecutionCommand",
      "GetQueryExecutionCommand",
      "GetQueryExecutionCommand",
      "StopQueryExecutionCommand",
      "GetQueryExecutionCommand",
    ]);
  });

  it("lets a query under the budget run to its end", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q-10" });
    scans("q-10", ["RUNNING", 10e6], ["RUNNING", 60e6], ["SUCCEEDED", 63e6]);
    const outcome = await runStatement(client, request, watch({ maxScannedBytes: 64e6 }));
    expect(outcome).toMatchObject({ end: "succeeded", stopped: false });
    expect(athena.commandCalls(StopQueryExecutionCommand)).toHaveLength(0);
  });

  it("reports a query stopped where Athena refused the stop, so that the caller can say it may run on", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q-11" });
    scans("q-11", ["RUNNING", 200e6]);
    athena.on(StopQueryExecutionCommand).rejects(awsError("AccessDeniedException", "not authorized to perform: athena:StopQueryExecution"));
    const outcome = await runStatement(client, request, watch({ maxScannedBytes: 64e6 }));
    expect(outcome).toMatchObject({ end: "over-budget", stopped: false });
  });

  it("keeps polling through throttled status calls, waiting the longest step after each", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q-12" });
    let call = 0;
    athena.on(GetQueryExecutionCommand).callsFake(() => {
      call++;
      if (call === 2 || call === 3) throw awsError("ThrottlingException", "Rate exceeded", 8);
      return { QueryExecution: { QueryExecutionId: "q-12", Status: { State: call < 5 ? "RUNNING" : "SUCCEEDED" } } };
    });
    const outcome = await runStatement(client, request, watch({ schedule: { firstMs: 100, maxMs: 1000 } }));
    expect(outcome.end).toBe("succeeded");
    expect(call).toBe(5);
    expect(slept).toEqual([100, 1000, 1000, 800]);
  });

  it("stops the query when a status call fails otherwise, and throws what callError makes of it", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q-13" });
    athena.on(GetQueryExecutionCommand).rejects(awsError("ExpiredTokenException", "The security token included in the request is expired"));
    athena.on(StopQueryExecutionCommand).resolves({});
    const run = runStatement(client, request, watch({ callError: (error, call) => new Error(`mapped ${call}: ${(error as Error).name}`) }));
    await expect(run).rejects.toThrow("mapped GetQueryExecution: ExpiredTokenException");
    expect(athena.commandCalls(StopQueryExecutionCommand)).toHaveLength(1);
  });

  it("sends the parameters, the database and the result location, and omits what is not given", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q-14" });
    scans("q-14", ["SUCCEEDED", 0]);
    await runStatement(client, { ...request, parameters: ["'a'"], outputLocation: "s3://results/x/" }, watch());
    await runStatement(client, { sql: "SELECT 1", workgroup: "primary", parameters: [] }, watch());
    expect(athena.commandCalls(StartQueryExecutionCommand).map((call) => call.args[0].input)).toEqual([
      { QueryString: "SELECT 1", ExecutionParameters: ["'a'"], QueryExecutionContext: { Database: "tighten" }, WorkGroup: "primary", ResultConfiguration: { OutputLocation: "s3://results/x/" } },
      { QueryString: "SELECT 1", WorkGroup: "primary" },
    ]);
  });
});

describe("runAthenaPlan", () => {
  const trail: TrailConfig = {
    name: "audit",
    arn: "arn:aws:cloudtrail:eu-west-1:111122223333:trail/audit",
    account: "111122223333",
    partition: "aws",
    homeRegion: "eu-west-1",
    bucket: "acme-cloudtrail",
    keyPrefix: undefined,
    multiRegion: false,
    organization: false,
    managementEvents: { readOnly: "all", excludedSources: [] },
    dataEvents: [],
  };

  it("runs the statements in order, each to completion", async () => {
    let started = 0;
    athena.on(StartQueryExecutionCommand).callsFake(() => ({ QueryExecutionId: `q-${++started}` }));
    states("q-1", { state: "RUNNING" }, { state: "SUCCEEDED" });
    states("q-2", { state: "SUCCEEDED" });
    const plan = planAthenaTable(trail, { database: "tighten", table: "cloudtrail" }, false);
    await runAthenaPlan(client, plan, TARGET, poll);
    expect(athena.calls().map((call) => (call.args[0] as object).constructor.name)).toEqual([
      "StartQueryExecutionCommand",
      "GetQueryExecutionCommand",
      "GetQueryExecutionCommand",
      "StartQueryExecutionCommand",
      "GetQueryExecutionCommand",
    ]);
    expect(athena.commandCalls(StartQueryExecutionCommand).map((call) => call.args[0].input.QueryString)).toEqual(plan.statements.map((statement) => statement.sql));
  });

  it("an existing table: Athena's reason, and what to do about it", async () => {
    let started = 0;
    athena.on(StartQueryExecutionCommand).callsFake(() => ({ QueryExecutionId: `q-${++started}` }));
    states("q-1", { state: "SUCCEEDED" });
    states("q-2", { state: "FAILED", reason: "FAILED: AlreadyExistsException: Table or view already exists: tighten.cloudtrail" });
    const plan = planAthenaTable(trail, { database: "tighten", table: "cloudtrail" }, false);
    await expect(runAthenaPlan(client, plan, TARGET, poll)).rejects.toThrow(
      "athena init: Athena could not run CREATE EXTERNAL TABLE tighten.cloudtrail: FAILED: AlreadyExistsException: Table or view already exists: tighten.cloudtrail; " +
        "pass --replace to drop and recreate it (the logs stay in S3), or another --table (query q-2)",
    );
  });
});
