import { EventEmitter } from "node:events";
import { AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, GetTableMetadataCommand, StartQueryExecutionCommand } from "@aws-sdk/client-athena";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createAthenaClient } from "../../../src/aws/athena/athena-client.js";
import type { QueryReport } from "../../../src/engines/athena/athena-cost.js";
import { ATHENA_QUERIES, openAthenaUsage, type AthenaQueryName, type AthenaScanOptions } from "../../../src/engines/athena/athena-engine.js";
import type { ParameterSelection } from "../../../src/engines/usage-row.js";
import { readQuery } from "../../../src/queries.js";
import { UsageError } from "../../../src/usage-error.js";
import { pageFor, resultPages, type WireColumn, type WireValue } from "./athena-wire.js";

const athena = mockClient(AthenaClient);
// The next file in this worker gets the real client.
afterAll(() => {
  athena.restore();
});
const ROLE = "arn:aws:iam::111122223333:role/ecs/api-task";
const OTHER = "arn:aws:iam::111122223333:role/ecs/worker-task";
const SELECTION: ParameterSelection = {
  parameters: { "s3.amazonaws.com": ["bucketName", "x-amz-copy-source"], "ssm.amazonaws.com": ["names"] },
  objectKey: { "s3.amazonaws.com": "key" },
  lists: ["names"],
  folders: ["x-amz-copy-source"],
  arnPrefixes: [],
};

const TYPES: Record<string, WireColumn["type"]> = { key_count: "bigint", calls: "bigint", errors: "bigint" };
const columns = (name: AthenaQueryName): WireColumn[] => ATHENA_QUERIES[name].map((column) => ({ name: column, type: TYPES[column] ?? "varchar" }));

// Trino's json_format of the shape maps: keys sorted.
const SHAPES =
  '[{"calls":2,"first_seen":"2026-11-02T10:00:00Z","last_seen":"2026-11-02T11:00:00Z","max":"in/b.pdf","min":"in/a.pdf","names":2,"sample":["in/a.pdf","in/b.pdf"],"template":"in/{#}.pdf"}]';

const usageRow = (principal: string, eventName: string, calls: number): WireValue[] => [
  principal,
  "AssumedRole",
  "s3.amazonaws.com",
  eventName,
  "us-east-1",
  "111122223333",
  null,
  null,
  '[{"ARN":"arn:aws:s3:::receipts","accountId":"111122223333","type":"AWS::S3::Bucket"}]',
  '["receipts",null]',
  "2",
  SHAPES,
  String(calls),
  "2026-11-02T10:00:00Z",
  "2026-11-02T11:00:00Z",
  null,
];

// A denied SSM call of ROLE, at noon: an error, a second service and the last use of ROLE.
const denied: WireValue[] = [
  ROLE, "AssumedRole", "ssm.amazonaws.com", "GetParameters", "us-east-1", "111122223333", "AccessDenied", null,
  null, '["[\\"/app/key\\"]"]', "0", null, "1", "2026-11-02T12:00:00Z", "2026-11-02T12:00:00Z",
  "9e0c-denied",
];
const ANSWERS: Record<AthenaQueryName, WireValue[][]> = {
  "usage-rows": [usageRow(ROLE, "GetObject", 3), usageRow(ROLE, "PutObject", 2), denied, usageRow(OTHER, "GetObject", 2)],
};

function nameOf(sql: string): AthenaQueryName {
  return (Object.keys(ATHENA_QUERIES) as AthenaQueryName[]).find((name) => sql.startsWith(readQuery(`athena/${name}.sql`).split("\n")[0]!))!;
}

const succeeded = (input: { QueryExecutionId: string }) => ({
  QueryExecution: {
    QueryExecutionId: input.QueryExecutionId,
    Status: { State: "SUCCEEDED" },
    Statistics: { DataScannedInBytes: 2048, TotalExecutionTimeInMillis: 1500, EngineExecutionTimeInMillis: 1000 },
  },
});

let started: { name: AthenaQueryName; parameters: string[] }[];
beforeEach(() => {
  athena.reset();
  started = [];
  athena.on(StartQueryExecutionCommand).callsFake((input: { QueryString: string; ExecutionParameters?: string[] }) => {
    const name = nameOf(input.QueryString);
    started.push({ name, parameters: input.ExecutionParameters ?? [] });
    return { QueryExecutionId: `${name}#${started.length}` };
  });
  athena.on(GetQueryExecutionCommand).callsFake(succeeded);
  athena.on(GetQueryResultsCommand).callsFake((input: { QueryExecutionId: string; NextToken?: string }) => {
    const name = input.QueryExecutionId.split("#")[0] as AthenaQueryName;
    return pageFor(resultPages(columns(name), ANSWERS[name]), input.NextToken);
  });
});

function open(overrides: Partial<AthenaScanOptions> = {}) {
  const client = createAthenaClient({ region: "us-east-1", config: { credentials: { accessKeyId: "testing", secretAccessKey: "testing" } } });
  return openAthenaUsage({
    client,
    region: "us-east-1",
    database: "tighten",
    table: "cloudtrail",
    workgroup: "primary",
    timeoutSeconds: 30,
    window: { since: null, until: null },
    selection: SELECTION,
    names: "shapes",
    poll: { firstMs: 1, maxMs: 1 },
    interrupts: new EventEmitter(),
    ...overrides,
  });
}

describe("openAthenaUsage", () => {
  it("refuses a table name that is no identifier before any query", () => {
    expect(() => open({ table: "cloudtrail; DROP TABLE x" })).toThrow(UsageError);
    expect(started).toEqual([]);
  });

  it("answers every question from one query over the table, run once", async () => {
    const source = open();
    const principals = await source.principals();
    // Summed over the usage rows: calls, the services, the errors, first and last use.
    expect(principals).toEqual([
      { principal: ROLE, principalType: "AssumedRole", calls: 6, services: ["s3.amazonaws.com", "ssm.amazonaws.com"], errors: 1, firstSeen: "2026-11-02T10:00:00Z", lastSeen: "2026-11-02T12:00:00Z" },
      { principal: OTHER, principalType: "AssumedRole", calls: 2, services: ["s3.amazonaws.com"], errors: 0, firstSeen: "2026-11-02T10:00:00Z", lastSeen: "2026-11-02T11:00:00Z" },
    ]);
    expect(await source.observedCalls()).toEqual([
      { eventSource: "s3.amazonaws.com", eventName: "GetObject" },
      { eventSource: "s3.amazonaws.com", eventName: "PutObject" },
      { eventSource: "ssm.amazonaws.com", eventName: "GetParameters" },
    ]);
    await source.usage([ROLE]);
    await source.usage([OTHER, ROLE]);
    await source.principals();
    expect(started.map((query) => query.name)).toEqual(["usage-rows"]);
    source.close();
  });

  it("gives each principal's rows in the query's order, whoever else is asked for", async () => {
    const source = open();
    const both = await source.usage([OTHER, ROLE]);
    expect(both.map((row) => [row.principal, row.eventName, row.count])).toEqual([
      [ROLE, "GetObject", 3],
      [ROLE, "PutObject", 2],
      [ROLE, "GetParameters", 1],
      [OTHER, "GetObject", 2],
    ]);
    expect(both[0]).toEqual({
      principal: ROLE,
      principalType: "AssumedRole",
      eventSource: "s3.amazonaws.com",
      eventName: "GetObject",
      region: "us-east-1",
      account: "111122223333",
      errorCode: null,
      invokedBy: null,
      resources: [{ arn: "arn:aws:s3:::receipts", type: "AWS::S3::Bucket", accountId: "111122223333" }],
      parameters: { bucketName: "receipts" },
      objectKeys: {
        distinct: 2,
        exact: false,
        shapes: [
          { template: "in/{#}.pdf", names: 2, calls: 2, firstSeen: "2026-11-02T10:00:00Z", lastSeen: "2026-11-02T11:00:00Z", min: "in/a.pdf", max: "in/b.pdf", sample: ["in/a.pdf", "in/b.pdf"] },
        ],
      },
      count: 3,
      firstSeen: "2026-11-02T10:00:00Z",
      lastSeen: "2026-11-02T11:00:00Z",
    });
    expect(both[2]!.parameters).toEqual({ names: ["/app/key"] });
    // The sample eventID when the row has one; absent (not undefined) when its events had none.
    expect(both[2]!.eventId).toBe("9e0c-denied");
    expect("eventId" in both[0]!).toBe(false);
    expect((await source.usage([ROLE])).map((row) => row.eventName)).toEqual(["GetObject", "PutObject", "GetParameters"]);
    expect(await source.usage(["arn:aws:iam::111122223333:role/never-seen"])).toEqual([]);
    expect(await source.usage([])).toEqual([]);
    expect(started.map((query) => query.name)).toEqual(["usage-rows"]);
  });

  it("reports events, time and the query's statistics", async () => {
    const reports: QueryReport[] = [];
    const source = open({ onQuery: (report) => reports.push(report) });
    expect(source.report).toMatchObject({ events: 0, filesFound: 0, filesRead: 0, skipped: [] });
    await source.principals();
    await source.usage([ROLE]);
    expect(source.report).toEqual({ filesFound: 0, filesPruned: 0, filesRead: 0, skipped: [], events: 8, elapsedMs: 1500 });
    expect(reports).toEqual([
      { name: "usage-rows", queryExecutionId: "usage-rows#1", statistics: { dataScannedBytes: 2048, totalExecutionMs: 1500, engineExecutionMs: 1000 } },
    ]);
  });

  it("passes the window, accounts and regions as parameters, and nothing else", async () => {
    const source = open({
      window: { since: new Date("2026-11-02T00:00:00Z"), until: new Date("2026-11-03T00:00:00Z") },
      accounts: ["111122223333"],
      regions: ["us-east-1", "eu-west-1"],
    });
    await source.observedCalls();
    expect(started[0]!.parameters).toEqual([
      "'2026/11/01'",
      "'2026/11/03'",
      "'111122223333'",
      "'eu-west-1'",
      "'us-east-1'",
      "'2026-11-02T00:00:00.000Z'",
      "'2026-11-03T00:00:00.000Z'",
    ]);
  });

  it("runs a failed query again when asked again", async () => {
    const source = open();
    athena
      .on(GetQueryExecutionCommand)
      .resolvesOnce({ QueryExecution: { Status: { State: "FAILED", StateChangeReason: "INTERNAL_ERROR_QUERY_ENGINE" } } })
      .callsFake(succeeded);
    await expect(source.usage([ROLE])).rejects.toThrow(/failed: INTERNAL_ERROR_QUERY_ENGINE/);
    expect((await source.usage([ROLE])).length).toBe(3);
    expect(started.map((query) => query.name)).toEqual(["usage-rows", "usage-rows"]);
  });

  it("treats a result with other columns than the query's as a bug", async () => {
    athena.on(GetQueryResultsCommand).resolves(resultPages([{ name: "principal", type: "varchar" }], [[ROLE]])[0]!);
    await expect(open().principals()).rejects.toThrow("Athena query usage-rows returned columns principal; expected principal, principal_type, event_source");
  });

  it("reads the data event types the trail records from what athena init wrote on the table, or leaves it to the calls seen", async () => {
    athena.on(GetTableMetadataCommand).resolves({
      TableMetadata: {
        Name: "cloudtrail",
        Parameters: {
          "tighten.data_events": '[{"resourceType":"AWS::S3::Object","readOnly":"all","scope":"all resources"},{"resourceType":"AWS::Lambda::Function","readOnly":"all","scope":"all resources"}]',
        },
      },
    });
    expect(await open().recordedDataEvents?.()).toEqual(new Set(["AWS::S3::Object", "AWS::Lambda::Function"]));
    athena.on(GetTableMetadataCommand).resolves({ TableMetadata: { Name: "cloudtrail", Parameters: {} } });
    expect(await open().recordedDataEvents?.()).toBeUndefined();
  });

  it("closes its client", () => {
    const source = open();
    const destroy = vi.spyOn(AthenaClient.prototype, "destroy");
    source.close();
    expect(destroy).toHaveBeenCalledTimes(1);
    destroy.mockRestore();
  });
});
