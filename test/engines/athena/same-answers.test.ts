import { EventEmitter } from "node:events";
import { rmSync } from "node:fs";
import { AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, GetTableMetadataCommand, StartQueryExecutionCommand } from "@aws-sdk/client-athena";
import { LIST, VARCHAR, listValue, type DuckDBConnection } from "@duckdb/node-api";
import { mockClient, type AwsClientStub } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAthenaClient } from "../../../src/aws/athena/athena-client.js";
import { ATHENA_QUERIES, openAthenaUsage, selectionPaths, type AthenaQueryName } from "../../../src/engines/athena/athena-engine.js";
import { sqlStringLiteral } from "../../../src/engines/athena/query-text.js";
import type { PrincipalSummary, UsageSource } from "../../../src/engines/engine.js";
import { scanLocalLogs } from "../../../src/engines/local/local-engine.js";
import type { TimeWindow } from "../../../src/engines/time-window.js";
import { USAGE_ROW_COLUMNS } from "../../../src/engines/usage-row-parse.js";
import { NAME_SAMPLE } from "../../../src/engines/engine.js";
import { PARAMETER_SELECTION } from "../../../src/mapping/request-parameters.js";
import type { ObservedCall } from "../../../src/mapping/unobservable-actions.js";
import { readQuery } from "../../../src/queries.js";
import { parseSplit } from "../../../src/backtest/split.js";
import { allRoles } from "../../../src/engines/role-selection.js";
import { backtestRoles } from "../../../src/pipeline/backtest-roles.js";
import { ACCOUNT, deliveryKey, recordsGzip, roleEvent, tempDir, userEvent, writeFile } from "../../support/trail.js";
import { pageFor, resultPages, type WireColumn, type WireValue } from "./athena-wire.js";

/*
 * The Athena engine must hand the pipeline exactly the UsageRows, principals and calls seen the
 * local engine does. Here the local engine's own query output (queries/local/usage-rows.sql over
 * real and odd CloudTrail records, for every principal) is turned into the GetQueryResults pages
 * Athena sends for queries/athena/usage-rows.sql: every value text, lists and maps as json_format
 * prints them, NULL as a Datum without a value, a header row on page 1. Fed through the Athena
 * engine, they must come out as the local engine's UsageRows, and the principals and calls seen
 * the engine sums from them as the local engine's principals.sql and observed-calls.sql. (That the
 * Athena SQL gives these rows is athena-sql.test.ts.)
 */

const TASK = `arn:aws:iam::${ACCOUNT}:role/ecs/payments-service-task`;
const DAY = "2026-11-03";

/** Records the example fleet does not have: every odd shape the aggregation and the parser meet. */
function oddRecords(): unknown[] {
  const at = (time: string) => ({ eventTime: `${DAY}T${time}Z` });
  const object = (eventName: string, key: string, fields: Record<string, unknown> = {}) =>
    roleEvent("ecs/payments-service-task", "s3.amazonaws.com", eventName, {
      ...at("10:00:00"),
      eventCategory: "Data",
      requestParameters: { bucketName: "acme-odd", key, Host: "acme-odd.s3.us-east-1.amazonaws.com" },
      resources: [
        { type: "AWS::S3::Object", ARN: `arn:aws:s3:::acme-odd/${key}` },
        { accountId: ACCOUNT, type: "AWS::S3::Bucket", ARN: "arn:aws:s3:::acme-odd" },
        { type: "AWS::S3::AccessPoint" },
      ],
      ...fields,
    });
  const keys = ["flat-key", "o'brien/report.pdf", "o'brien/it's.pdf", "é/naïve.txt", "a/", "/leading"];
  for (let i = 0; i < 14; i++) keys.push(`bulk/2026/${String(i).padStart(3, "0")}.bin`);
  return [
    ...keys.map((key) => object("GetObject", key)),
    object("GetObject", "bulk/2026/000.bin", { errorCode: "AccessDenied", ...at("10:05:00") }),
    object("PutObject", "late.txt", { eventTime: `${DAY}T23:59:59.999Z` }),
    roleEvent("ecs/payments-service-task", "s3.amazonaws.com", "CopyObject", {
      ...at("11:00:00"),
      requestParameters: { bucketName: "acme-odd", key: "copies/x", "x-amz-copy-source": "acme-src/in/2026/x.csv?versionId=3HL4kq'tJ" },
    }),
    roleEvent("ecs/payments-service-task", "s3.amazonaws.com", "CopyObject", {
      ...at("11:01:00"),
      requestParameters: { bucketName: "acme-odd", key: "copies/y", "x-amz-copy-source": "flat.pdf" },
    }),
    roleEvent("ecs/payments-service-task", "ssm.amazonaws.com", "GetParameters", {
      ...at("12:00:00"),
      requestParameters: { names: ["/odd/it's", "/odd/ünï"], withDecryption: true },
    }),
    roleEvent("ecs/payments-service-task", "ssm.amazonaws.com", "GetParameters", { ...at("12:01:00"), requestParameters: { names: "/odd/one" } }),
    roleEvent("ecs/payments-service-task", "ssm.amazonaws.com", "GetParameter", { ...at("12:02:00"), requestParameters: { name: { nested: "object" } } }),
    roleEvent("ecs/payments-service-task", "ssm.amazonaws.com", "GetParameter", { ...at("12:03:00"), requestParameters: { name: null } }),
    roleEvent("ecs/payments-service-task", "ecs.amazonaws.com", "RunTask", {
      ...at("12:10:00"),
      requestParameters: {
        cluster: "odd",
        taskDefinition: "odd:3",
        overrides: { taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/odd-task`, executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/odd-exec` },
      },
    }),
    roleEvent("ecs/payments-service-task", "dynamodb.amazonaws.com", "GetItem", { ...at("13:00:00"), requestParameters: "not an object" }),
    roleEvent("ecs/payments-service-task", "dynamodb.amazonaws.com", "GetItem", { ...at("13:00:01"), requestParameters: { tableName: 42 }, resources: [] }),
    roleEvent("ecs/payments-service-task", "kms.amazonaws.com", "Decrypt", {
      ...at("13:30:00"),
      userIdentity: { ...(roleEvent("ecs/payments-service-task", "kms.amazonaws.com", "Decrypt").userIdentity as object), invokedBy: "s3.amazonaws.com" },
      resources: [{ accountId: null, type: "AWS::KMS::Key", ARN: `arn:aws:kms:us-east-1:${ACCOUNT}:key/odd` }],
    }),
    roleEvent("ecs/payments-service-task", "unknown.amazonaws.com", "DoThing", { ...at("14:00:00"), awsRegion: "", errorCode: "" }),
    userEvent("deploy-bot", "ecs.amazonaws.com", "UpdateService", { ...at("15:00:00"), requestParameters: { cluster: "odd", service: "api" } }),
    { ...roleEvent("x", "sts.amazonaws.com", "GetCallerIdentity", at("16:00:00")), userIdentity: { type: "Unknown", principalId: "o'neil" } },
    { ...roleEvent("x", "sts.amazonaws.com", "GetCallerIdentity", at("16:00:01")), userIdentity: null, recipientAccountId: null },
    { eventVersion: "1.0", eventTime: "not a time", eventSource: "ec2.amazonaws.com", eventName: "DescribeInstances", recipientAccountId: ACCOUNT },
  ];
}

/** Trino's json_format of a value cast to JSON: compact, map keys sorted. */
function trinoJson(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v !== null && typeof v === "object") {
      return Object.fromEntries(Object.keys(v).sort().map((key) => [key, sorted((v as Record<string, unknown>)[key])]));
    }
    return v;
  };
  return JSON.stringify(sorted(value));
}

const text = (value: unknown): WireValue => (value === null || value === undefined ? null : String(value));

/**
 * One row of queries/local/usage-rows.sql (DuckDB, as JSON) -> the values Athena sends for the same
 * row of queries/athena/usage-rows.sql.
 */
function athenaUsageRow(row: Record<string, unknown>): WireValue[] {
  const wire: Record<string, WireValue> = {
    principal: text(row.principal),
    principal_type: text(row.principal_type),
    event_source: text(row.event_source),
    event_name: text(row.event_name),
    region: text(row.region),
    account: text(row.account),
    error_code: text(row.error_code),
    invoked_by: text(row.invoked_by),
    // A NULL list stays NULL; a list of maps is printed with its keys sorted.
    resources: row.resources === null || row.resources === undefined ? null : trinoJson(JSON.parse(String(row.resources))),
    parameters: trinoJson(row.parameters),
    key_count: String(Number(row.key_count)),
    // A list of maps (json_format sorts their keys); NULL for calls that name no key.
    key_shapes: row.key_shapes === null || row.key_shapes === undefined ? null : trinoJson(JSON.parse(String(row.key_shapes))),
    calls: String(Number(row.calls)),
    first_seen: text(row.first_seen),
    last_seen: text(row.last_seen),
    event_id: text(row.event_id),
  };
  return USAGE_ROW_COLUMNS.map((column) => wire[column]!);
}

const COLUMN_TYPES: Record<string, WireColumn["type"]> = { key_count: "bigint", calls: "bigint", errors: "bigint" };
const wireColumns = (name: AthenaQueryName): WireColumn[] =>
  ATHENA_QUERIES[name].map((column) => ({ name: column, type: COLUMN_TYPES[column] ?? "varchar" }));

/** Which queries/athena file a StartQueryExecution ran: each file's first line is its own. */
function queryName(sql: string): AthenaQueryName {
  const names = Object.keys(ATHENA_QUERIES) as AthenaQueryName[];
  const name = names.find((candidate) => sql.startsWith(readQuery(`athena/${candidate}.sql`).split("\n")[0]!));
  if (name === undefined) throw new Error(`not one of the Athena queries: ${sql.slice(0, 80)}`);
  return name;
}

describe.each([
  ["the whole trail", { since: null, until: null }],
  ["a window cutting days in two", { since: new Date("2026-11-02T09:00:00Z"), until: new Date("2026-11-05T12:00:00Z") }],
] as [string, TimeWindow][])("the Athena engine answers as the local engine does, over %s", (_, window) => {
  let athena: AwsClientStub<AthenaClient>;
  let local: UsageSource;
  let engine: UsageSource;
  let principals: readonly PrincipalSummary[];
  let observed: readonly ObservedCall[];
  const pages = new Map<AthenaQueryName, ReturnType<typeof resultPages>>();
  const started: { name: AthenaQueryName; sql: string; parameters: string[] }[] = [];
  let odd: string | undefined;

  beforeAll(async () => {
    odd = tempDir("tighten-same-answers-");
    writeFile(odd, deliveryKey(ACCOUNT, "us-east-1", DAY, "OddRecords000001"), recordsGzip(oddRecords()));
    local = await scanLocalLogs({ logs: ["examples/cloudtrail", odd], window, selection: PARAMETER_SELECTION, names: "shapes" });
    principals = await local.principals();
    observed = await local.observedCalls();
    // The rows toUsageRow parses inside the local engine, read the way it reads them.
    const connection = (local as unknown as { connection: DuckDBConnection }).connection;
    const reader = await connection.runAndReadAll(
      readQuery("local/usage-rows.sql"),
      { principals: listValue(principals.map((p) => p.principal)) },
      { principals: LIST(VARCHAR) },
    );
    const duckRows = reader.getRowObjectsJson() as Record<string, unknown>[];
    expect(Object.keys(duckRows[0]!)).toEqual([...USAGE_ROW_COLUMNS]);
    // Small pages, so that rows cross page boundaries.
    pages.set("usage-rows", resultPages(wireColumns("usage-rows"), duckRows.map(athenaUsageRow), 7));

    athena = mockClient(AthenaClient);
    athena.on(StartQueryExecutionCommand).callsFake((input: { QueryString: string; ExecutionParameters?: string[] }) => {
      const name = queryName(input.QueryString);
      started.push({ name, sql: input.QueryString, parameters: input.ExecutionParameters ?? [] });
      return { QueryExecutionId: name };
    });
    athena.on(GetQueryExecutionCommand).callsFake((input: { QueryExecutionId: string }) => ({
      QueryExecution: { QueryExecutionId: input.QueryExecutionId, Status: { State: "SUCCEEDED" }, Statistics: { DataScannedInBytes: 0 } },
    }));
    athena.on(GetQueryResultsCommand).callsFake((input: { QueryExecutionId: AthenaQueryName; NextToken?: string }) =>
      pageFor(pages.get(input.QueryExecutionId)!, input.NextToken),
    );
    engine = openAthenaUsage({
      region: "us-east-1",
      client: createAthenaClient({ region: "us-east-1", config: { credentials: { accessKeyId: "testing", secretAccessKey: "testing" } } }),
      database: "tighten",
      table: "cloudtrail",
      workgroup: "primary",
      timeoutSeconds: 30,
      window,
      selection: PARAMETER_SELECTION,
      names: "shapes",
      poll: { firstMs: 1, maxMs: 1 },
      interrupts: new EventEmitter(),
    });
  });

  afterAll(() => {
    local?.close();
    engine?.close();
    athena?.restore();
    if (odd !== undefined) rmSync(odd, { recursive: true, force: true });
  });

  it("gives identical usage rows for all principals, in one query", async () => {
    const everyone = principals.map((p) => p.principal);
    const expected = await local.usage(everyone);
    expect(expected.length).toBeGreaterThan(50);
    expect(await engine.usage(everyone)).toEqual(expected);
    expect(started.filter((query) => query.name === "usage-rows")).toHaveLength(1);
  });

  it("answers later questions about some principals from the rows it has, as the local engine would", async () => {
    for (const principal of [TASK, "o'neil", "(unknown)", `arn:aws:iam::${ACCOUNT}:user/deploy-bot`]) {
      const expected = await local.usage([principal]);
      if (principal === TASK) expect(expected.length).toBeGreaterThan(10);
      expect(await engine.usage([principal])).toEqual(expected);
    }
    expect(started.filter((query) => query.name === "usage-rows")).toHaveLength(1);
  });

  it("covers the odd rows: folded keys, copy-source folders, lists, nested and non-string parameters", async () => {
    const rows = await engine.usage([TASK]);
    const odd = rows.filter((row) => row.parameters["bucketName"] === "acme-odd" || row.eventName === "GetParameters" || row.eventName === "RunTask");
    const names = odd.flatMap((row) => row.objectKeys?.shapes.flatMap((shape) => [shape.min, shape.max]) ?? []);
    expect(names).toEqual(expect.arrayContaining(["flat-key", "o'brien/it's.pdf", "o'brien/report.pdf", "é/naïve.txt", "a/", "/leading", "bulk/2026/000.bin", "bulk/2026/013.bin"]));
    const bulk = rows.find((row) => row.objectKeys?.shapes.some((shape) => shape.min.startsWith("bulk/")) && row.errorCode === null)!;
    // Every key of the bucket's successful GetObject calls: the 14 bulk ones, alike but for numbers, share a mask.
    expect(bulk.objectKeys!.distinct).toBe(20);
    expect(bulk.objectKeys!.shapes.filter((shape) => shape.min.startsWith("bulk/"))).toEqual([
      expect.objectContaining({ template: "bulk/{#}/{#}.bin", names: 14, min: "bulk/2026/000.bin", max: "bulk/2026/013.bin" }),
    ]);
    expect(bulk.objectKeys!.shapes.every((shape) => shape.sample.length <= NAME_SAMPLE)).toBe(true);
    expect(rows.find((row) => row.eventName === "CopyObject" && row.parameters["x-amz-copy-source"] !== undefined)?.parameters).toEqual({
      bucketName: "acme-odd",
      "x-amz-copy-source": "acme-src/in/2026/",
      // the source's "?versionId=": one bit (request-features.ts), the id itself not kept
      "has:copySourceVersionId": "true",
    });
    expect(rows.filter((row) => row.eventName === "GetParameters").map((row) => row.parameters["names"])).toEqual(
      expect.arrayContaining([["/odd/it's", "/odd/ünï"], ["/odd/one"]]),
    );
    expect(rows.find((row) => row.eventName === "RunTask")?.parameters).toMatchObject({
      cluster: "odd",
      "overrides.taskRoleArn": `arn:aws:iam::${ACCOUNT}:role/odd-task`,
    });
  });

  it("sums identical principals and observed calls from the same rows", async () => {
    expect(await engine.principals()).toEqual(principals);
    expect(await engine.observedCalls()).toEqual(observed);
    expect(engine.report.events).toBe(principals.reduce((sum, p) => sum + p.calls, 0));
    expect(started).toHaveLength(1);
  });

  it("sent the window as parameters and tighten's selection as a literal, no principal at all", () => {
    const usage = started.find((query) => query.name === "usage-rows")!;
    expect(usage.sql.match(/\?/g)?.length ?? 0).toBe(usage.parameters.length);
    expect(usage.sql).not.toContain("o'neil");
    expect(usage.sql).not.toContain("payments-service-task");
    expect(usage.sql).toContain(sqlStringLiteral(JSON.stringify(selectionPaths(PARAMETER_SELECTION))));
    if (window.since !== null) {
      expect(usage.parameters).toEqual(["'2026/11/01'", "'2026/11/06'", "'2026-11-02T09:00:00.000Z'", "'2026-11-05T12:00:00.000Z'"]);
    } else {
      expect(usage.parameters).toEqual([]);
      expect(usage.sql).not.toContain('"timestamp"');
    }
  });
});

describe("tighten backtest on the Athena engine gives what it gives on the local engine", () => {
  let athena: AwsClientStub<AthenaClient>;
  let local: UsageSource;
  let engine: UsageSource;
  const started: string[] = [];

  beforeAll(async () => {
    const shape = { names: "exact" as const, byHour: true };
    local = await scanLocalLogs({ logs: ["examples/fleet"], window: { since: null, until: null }, selection: PARAMETER_SELECTION, ...shape });
    const principals = await local.principals();
    const connection = (local as unknown as { connection: DuckDBConnection }).connection;
    const reader = await connection.runAndReadAll(readQuery("local/usage-rows.sql"), { principals: listValue(principals.map((p) => p.principal)) }, { principals: LIST(VARCHAR) });
    const pages = new Map<AthenaQueryName, ReturnType<typeof resultPages>>([
      ["usage-rows", resultPages(wireColumns("usage-rows"), (reader.getRowObjectsJson() as Record<string, unknown>[]).map(athenaUsageRow), 200)],
    ]);
    athena = mockClient(AthenaClient);
    athena.on(StartQueryExecutionCommand).callsFake((input: { QueryString: string }) => {
      started.push(input.QueryString);
      return { QueryExecutionId: queryName(input.QueryString) };
    });
    athena.on(GetQueryExecutionCommand).callsFake((input: { QueryExecutionId: string }) => ({
      QueryExecution: { QueryExecutionId: input.QueryExecutionId, Status: { State: "SUCCEEDED" }, Statistics: { DataScannedInBytes: 0 } },
    }));
    athena.on(GetQueryResultsCommand).callsFake((input: { QueryExecutionId: AthenaQueryName; NextToken?: string }) => pageFor(pages.get(input.QueryExecutionId)!, input.NextToken));
    // A table athena init did not make: the data events recorded are judged from the calls, as locally.
    athena.on(GetTableMetadataCommand).resolves({ TableMetadata: { Name: "cloudtrail", Parameters: {} } });
    engine = openAthenaUsage({
      region: "us-east-1",
      client: createAthenaClient({ region: "us-east-1", config: { credentials: { accessKeyId: "testing", secretAccessKey: "testing" } } }),
      database: "tighten",
      table: "cloudtrail",
      workgroup: "primary",
      timeoutSeconds: 30,
      window: { since: null, until: null },
      selection: PARAMETER_SELECTION,
      ...shape,
      poll: { firstMs: 1, maxMs: 1 },
      interrupts: new EventEmitter(),
    });
  });

  afterAll(() => {
    local.close();
    engine.close();
    athena.restore();
  });

  it("splits, generates and replays alike, from a query that keeps every name and groups by hour", async () => {
    const split = parseSplit("70%", new Date());
    const roles = allRoles(await local.principals()).roles;
    const expected = await backtestRoles(local, roles, split);
    expect(await backtestRoles(engine, roles, split)).toEqual(expected);
    expect(started).toHaveLength(1);
    const usage = started.find((sql) => queryName(sql) === "usage-rows")!;
    expect(usage).toContain("CASE WHEN TRUE THEN date_trunc('hour', event_time) END AS hour");
    // Grouped by hour, an event without a time has no place: left out in the WHERE, as locally.
    expect(usage).toContain("WHERE try(from_iso8601_timestamp(eventtime)) IS NOT NULL");
    expect(usage).toContain("CASE WHEN TRUE THEN object_key END");
  });
});
