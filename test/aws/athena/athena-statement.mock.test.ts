import { AthenaClient, GetQueryExecutionCommand, StartQueryExecutionCommand, type QueryExecutionState } from "@aws-sdk/client-athena";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAthenaClient } from "../../../src/aws/athena/athena-client.js";
import { runAthenaStatement, type PollSettings } from "../../../src/aws/athena/athena-statement.js";
import type { TrailConfig } from "../../../src/aws/cloudtrail/trail-config.js";
import { planAthenaTable, runAthenaPlan } from "../../../src/pipeline/athena-init.js";
import { UsageError } from "../../../src/usage-error.js";

const athena = mockClient(AthenaClient);
let client: AthenaClient;
let slept: number[];
let clock: number;
/** Sleeping advances a fake clock: the poll's backoff is observed, not waited for. */
const poll: PollSettings = {
  sleep: async (ms) => {
    slept.push(ms);
    clock += ms;
  },
  now: () => clock,
};
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

  it("gives up waiting after the timeout, naming the query", async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q-4" });
    states("q-4", { state: "RUNNING" });
    await expect(runAthenaStatement(client, "CREATE DATABASE IF NOT EXISTS `tighten`", TARGET, { ...OPTIONS, poll: { ...poll, timeoutMs: 10_000 } })).rejects.toThrow(
      "athena init: Athena was still running CREATE DATABASE tighten (RUNNING) after 10 s (query q-4)",
    );
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
