import { EventEmitter } from "node:events";
import { rmSync } from "node:fs";
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  GetTableMetadataCommand,
  StartQueryExecutionCommand,
  type GetQueryResultsOutput,
} from "@aws-sdk/client-athena";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { mockClient, type AwsClientStub } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAthenaClient } from "../../../src/aws/athena/athena-client.js";
import { parseSplit } from "../../../src/backtest/split.js";
import { ATHENA_QUERIES, openAthenaUsage, type AthenaQueryName } from "../../../src/engines/athena/athena-engine.js";
import type { NameReduction, UsageSource } from "../../../src/engines/engine.js";
import { scanLocalLogs } from "../../../src/engines/local/local-engine.js";
import { allRoles } from "../../../src/engines/role-selection.js";
import type { TimeWindow } from "../../../src/engines/time-window.js";
import type { UsageRow } from "../../../src/engines/usage-row.js";
import { PARAMETER_SELECTION } from "../../../src/mapping/request-parameters.js";
import { backtestRoles } from "../../../src/pipeline/backtest-roles.js";
import { readQuery } from "../../../src/queries.js";
import { ACCOUNT, deliveryKey, recordsGzip, roleEvent, tempDir, userEvent, writeFile } from "../../support/trail.js";
import { pageFor, resultPages } from "./athena-wire.js";
import { createCloudTrailTable } from "./cloudtrail-table.js";
import { executeTrino } from "./trino-on-duckdb.js";

/*
 * The Athena engine's SQL, executed. A mocked Athena runs each StartQueryExecution's text with its
 * ExecutionParameters on DuckDB (trino-on-duckdb.ts) over the table `tighten athena init` declares,
 * filled from the same CloudTrail files (cloudtrail-table.ts), and pages the real rows back in
 * Athena's wire format. The Athena engine must then answer exactly as the local engine does over
 * those files, for the same window and scan shape.
 */

const DAY = "2026-11-03";
const TASK = "ecs/payments-service-task";

/** Records the example trail lacks: the shapes the SQL must treat alike in both engines. */
function oddRecords(): unknown[] {
  const at = (time: string) => ({ eventTime: `${DAY}T${time}` });
  const s3 = (eventName: string, key: string, time: string, fields: Record<string, unknown> = {}) =>
    roleEvent(TASK, "s3.amazonaws.com", eventName, {
      ...at(time),
      requestParameters: { bucketName: "acme-odd", key, Host: "acme-odd.s3.amazonaws.com" },
      resources: [
        { type: "AWS::S3::Object", ARN: `arn:aws:s3:::acme-odd/${key}` },
        { accountId: ACCOUNT, type: "AWS::S3::Bucket", ARN: "arn:aws:s3:::acme-odd" },
        { type: "AWS::S3::AccessPoint" },
      ],
      ...fields,
    });
  const keys = ["flat", "o'brien/it's.pdf", "é/naïve.txt", "a/", "/lead", "{braces}/x1", "tab\there/1", "ü/2026-11-03T10:00:00Z.log"];
  for (let i = 0; i < 12; i++) keys.push(`bulk/2026/${String(i).padStart(3, "0")}.bin`);
  return [
    ...keys.map((key, i) => s3("GetObject", key, `10:${String(i).padStart(2, "0")}:00Z`)),
    s3("GetObject", "bulk/2026/000.bin", "10:30:00Z", { errorCode: "AccessDenied" }),
    s3("PutObject", "late.txt", "23:59:59.999Z"),
    s3("PutObject", "fraction.txt", "11:00:00.5Z"),
    roleEvent(TASK, "s3.amazonaws.com", "CopyObject", {
      ...at("11:00:00Z"),
      requestParameters: { bucketName: "acme-odd", key: "copies/x", "x-amz-copy-source": "acme-src/in/2026/x.csv?versionId=3HL'tJ" },
    }),
    roleEvent(TASK, "s3.amazonaws.com", "CopyObject", { ...at("11:01:00Z"), requestParameters: { bucketName: "acme-odd", key: "y", "x-amz-copy-source": "flat.pdf" } }),
    roleEvent(TASK, "ssm.amazonaws.com", "GetParameters", { ...at("12:00:00Z"), requestParameters: { names: ["/odd/it's", "/odd/ünï"], withDecryption: true } }),
    roleEvent(TASK, "ssm.amazonaws.com", "GetParameters", { ...at("12:01:00Z"), requestParameters: { names: "/odd/one" } }),
    roleEvent(TASK, "ssm.amazonaws.com", "GetParameter", { ...at("12:02:00Z"), requestParameters: { name: { nested: "object", n: [1, true] } } }),
    roleEvent(TASK, "ssm.amazonaws.com", "GetParameter", { ...at("12:03:00Z"), requestParameters: { name: null } }),
    roleEvent(TASK, "ecs.amazonaws.com", "RunTask", {
      ...at("12:10:00Z"),
      requestParameters: { cluster: "odd", taskDefinition: "odd:3", overrides: { taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/odd-task` } },
    }),
    roleEvent(TASK, "states.amazonaws.com", "DescribeExecution", {
      ...at("12:20:00Z"),
      requestParameters: { executionArn: `arn:aws:states:us-east-1:${ACCOUNT}:execution:machine:run-42` },
    }),
    roleEvent(TASK, "dynamodb.amazonaws.com", "GetItem", { ...at("13:00:00Z"), requestParameters: "not an object" }),
    roleEvent(TASK, "dynamodb.amazonaws.com", "GetItem", { ...at("13:00:01Z"), requestParameters: { tableName: 42 }, resources: [] }),
    roleEvent(TASK, "dynamodb.amazonaws.com", "GetItem", { ...at("13:00:02Z"), requestParameters: { TableName: "case" }, readOnly: "true" }),
    roleEvent(TASK, "kms.amazonaws.com", "Decrypt", {
      ...at("13:30:00Z"),
      userIdentity: { ...(roleEvent(TASK, "kms.amazonaws.com", "Decrypt").userIdentity as object), invokedBy: "s3.amazonaws.com" },
      resources: [{ accountId: null, type: "AWS::KMS::Key", ARN: `arn:aws:kms:us-east-1:${ACCOUNT}:key/odd` }],
    }),
    roleEvent(TASK, "unknown.amazonaws.com", "DoThing", { ...at("14:00:00Z"), awsRegion: "", errorCode: "" }),
    userEvent("deploy-bot", "ecs.amazonaws.com", "UpdateService", { ...at("15:00:00Z"), requestParameters: { cluster: "odd", service: "api" } }),
    { ...roleEvent("x", "sts.amazonaws.com", "GetCallerIdentity", at("16:00:00Z")), userIdentity: { type: "Unknown", principalId: "o'neil" } },
    { ...roleEvent("x", "sts.amazonaws.com", "GetCallerIdentity", at("16:00:01Z")), userIdentity: null, recipientAccountId: null },
  ];
}

interface Shape {
  readonly names: NameReduction;
  readonly byHour: boolean;
}
const SHAPES: Readonly<Record<string, Shape>> = {
  "by shape": { names: "shapes", byHour: false },
  "every name apart, by hour (backtest's scan)": { names: "exact", byHour: true },
};

// Athena returns at most MaxResults rows a page and often fewer; small pages cross page boundaries.
const PAGE_SIZE = 250;

/** What the mocked Athena runs on: the table of the source under test. */
let table: DuckDBConnection | undefined;
const started: { name: AthenaQueryName; parameters: readonly string[] }[] = [];
const executions = new Map<string, { readonly pages: GetQueryResultsOutput[] } | { readonly error: string }>();
let athena: AwsClientStub<AthenaClient>;

function queryName(sql: string): AthenaQueryName {
  const names = Object.keys(ATHENA_QUERIES) as AthenaQueryName[];
  const name = names.find((candidate) => sql.startsWith(readQuery(`athena/${candidate}.sql`).split("\n")[0]!));
  if (name === undefined) throw new Error(`not one of the Athena queries: ${sql.slice(0, 80)}`);
  return name;
}

beforeAll(() => {
  athena = mockClient(AthenaClient);
  athena.on(StartQueryExecutionCommand).callsFake(async (input: { QueryString: string; ExecutionParameters?: string[] }) => {
    const id = `query-${executions.size + 1}`;
    const parameters = input.ExecutionParameters ?? [];
    started.push({ name: queryName(input.QueryString), parameters });
    try {
      const result = await executeTrino(table!, input.QueryString, parameters);
      executions.set(id, { pages: resultPages(result.columns, result.rows, PAGE_SIZE) });
    } catch (error) {
      // Athena accepts the query and reports the failure as its state.
      executions.set(id, { error: error instanceof Error ? error.message : String(error) });
    }
    return { QueryExecutionId: id };
  });
  athena.on(GetQueryExecutionCommand).callsFake((input: { QueryExecutionId: string }) => {
    const execution = executions.get(input.QueryExecutionId)!;
    const status = "error" in execution ? { State: "FAILED", StateChangeReason: execution.error } : { State: "SUCCEEDED" };
    return { QueryExecution: { QueryExecutionId: input.QueryExecutionId, Status: status, Statistics: { DataScannedInBytes: 0 } } };
  });
  athena.on(GetQueryResultsCommand).callsFake((input: { QueryExecutionId: string; NextToken?: string }) => {
    const execution = executions.get(input.QueryExecutionId)!;
    if ("error" in execution) throw new Error("results of a failed query");
    return pageFor(execution.pages, input.NextToken);
  });
  // A table athena init did not make: the data events recorded are judged from the calls, as locally.
  athena.on(GetTableMetadataCommand).resolves({ TableMetadata: { Name: "cloudtrail", Parameters: {} } });
});

afterAll(() => athena.restore());

function openEngine(window: TimeWindow, shape: Shape): UsageSource {
  return openAthenaUsage({
    region: "us-east-1",
    client: createAthenaClient({ region: "us-east-1", config: { credentials: { accessKeyId: "testing", secretAccessKey: "testing" } } }),
    database: "tighten",
    table: "cloudtrail",
    workgroup: "primary",
    timeoutSeconds: 30,
    window,
    selection: PARAMETER_SELECTION,
    ...shape,
    poll: { firstMs: 1, maxMs: 1 },
    interrupts: new EventEmitter(),
  });
}

/** Rows in a canonical order, for comparing as multisets. */
const canonical = (rows: readonly UsageRow[]): string[] => rows.map((row) => JSON.stringify(row)).sort();
/**
 * What both queries order by before their list columns (queries/athena/usage-rows.sql sorts
 * parameters and key shapes by their JSON, the local engine by the lists): this order must agree.
 */
const scalarOrder = (rows: readonly UsageRow[]): string[] =>
  rows.map((row) => JSON.stringify([row.principal, row.principalType, row.eventSource, row.eventName, row.region, row.account, row.errorCode, row.invokedBy, row.resources]));

interface Source {
  readonly name: string;
  readonly roots: () => string[];
  readonly window: TimeWindow;
  /** Whether to run the window by hour too (the fleet's backtest shape is slow to scan twice). */
  readonly windowByHour: boolean;
  readonly backtest: boolean;
}

let odd: string | undefined;
const SOURCES: Source[] = [
  {
    name: "examples/cloudtrail and odd records",
    roots: () => {
      odd ??= tempDir("tighten-athena-sql-");
      writeFile(odd, deliveryKey(ACCOUNT, "us-east-1", DAY, "OddRecords000001"), recordsGzip(oddRecords()));
      return ["examples/cloudtrail", odd];
    },
    window: { since: new Date("2026-11-02T09:00:00Z"), until: new Date("2026-11-05T12:00:00Z") },
    windowByHour: true,
    backtest: false,
  },
  {
    name: "examples/fleet",
    roots: () => ["examples/fleet"],
    window: { since: new Date("2026-10-16T06:30:00Z"), until: new Date("2026-10-27T14:00:00Z") },
    windowByHour: false,
    backtest: true,
  },
];

afterAll(() => {
  if (odd !== undefined) rmSync(odd, { recursive: true, force: true });
});

describe.each(SOURCES)("the Athena engine's SQL, run on DuckDB, answers as the local engine over $name", (source) => {
  let instance: DuckDBInstance;
  let roots: string[];
  // One local scan and one Athena engine per window and shape, shared by the tests that ask the same.
  const pairs = new Map<string, Promise<{ local: UsageSource; engine: UsageSource }>>();
  const pair = (window: TimeWindow, shape: Shape) => {
    const key = JSON.stringify([window, shape]);
    let opened = pairs.get(key);
    if (opened === undefined) {
      opened = scanLocalLogs({ logs: roots, window, selection: PARAMETER_SELECTION, ...shape }).then((local) => ({ local, engine: openEngine(window, shape) }));
      pairs.set(key, opened);
    }
    return opened;
  };

  beforeAll(async () => {
    roots = source.roots();
    instance = await DuckDBInstance.create(":memory:");
    table = await instance.connect();
    const loaded = await createCloudTrailTable(table, roots);
    expect(loaded.events).toBeGreaterThan(500);
  });

  afterAll(async () => {
    for (const opened of pairs.values()) {
      const { local, engine } = await opened;
      local.close();
      engine.close();
    }
    table?.closeSync();
    instance.closeSync();
    table = undefined;
  });

  const cases = Object.entries(SHAPES).flatMap(([shapeName, shape]) => [
    { label: `the whole trail, ${shapeName}`, window: { since: null, until: null } as TimeWindow, shape },
    ...(shape.byHour && !source.windowByHour ? [] : [{ label: `a window cutting days, ${shapeName}`, window: source.window, shape }]),
  ]);

  it.each(cases)("$label: principals, usage of every principal and observed calls", async ({ window, shape }) => {
    const { local, engine } = await pair(window, shape);
    const principals = await local.principals();
    expect(principals.length).toBeGreaterThan(3);
    expect(await engine.principals()).toEqual(principals);
    expect(await engine.observedCalls()).toEqual(await local.observedCalls());
    const everyone = principals.map((p) => p.principal);
    const expected = await local.usage(everyone);
    const actual = await engine.usage(everyone);
    expect(expected.length).toBeGreaterThan(20);
    expect(canonical(actual)).toEqual(canonical(expected));
    expect(scalarOrder(actual)).toEqual(scalarOrder(expected));
    const usage = started.at(-1)!;
    expect(usage.name).toBe("usage-rows");
    expect(usage.parameters.length).toBeGreaterThan(window.since === null ? 3 : 7);
  });

  it.runIf(source.backtest)("backtests every role alike (every name apart, by hour)", async () => {
    const { local, engine } = await pair({ since: null, until: null }, SHAPES["every name apart, by hour (backtest's scan)"]!);
    const split = parseSplit("70%", new Date());
    const roles = allRoles(await local.principals()).roles;
    expect(roles.length).toBeGreaterThan(3);
    const expected = await backtestRoles(local, roles, split);
    expect(await backtestRoles(engine, roles, split)).toEqual(expected);
  });
});

/**
 * Where the engines part. Each test states what both engines must do and fails today, so it is
 * written `it.fails`: it passes while the divergence lasts, and fails (to be made `it`) once the
 * SQL is mended. The cause of each is in its comment.
 */
describe("where the Athena SQL and the local engine part (it.fails: each divergence is real today)", () => {
  const NO_WINDOW: TimeWindow = { since: null, until: null };
  const at = (time: string, id: string) => ({ eventTime: time, eventID: id });

  /** Runs `check` with both engines over a trail of the given delivery files (each a list of records). */
  async function onTrail(files: readonly unknown[][], window: TimeWindow, shape: Shape, check: (local: UsageSource, engine: UsageSource) => Promise<void>) {
    const root = tempDir("tighten-athena-sql-parts-");
    files.forEach((records, index) => writeFile(root, deliveryKey(ACCOUNT, "us-east-1", DAY, `Parts${String(index).padStart(11, "0")}`), recordsGzip(records)));
    const instance = await DuckDBInstance.create(":memory:");
    table = await instance.connect();
    let local: UsageSource | undefined;
    let engine: UsageSource | undefined;
    try {
      await createCloudTrailTable(table, [root]);
      local = await scanLocalLogs({ logs: [root], window, selection: PARAMETER_SELECTION, ...shape });
      engine = openEngine(window, shape);
      await check(local, engine);
    } finally {
      local?.close();
      engine?.close();
      table.closeSync();
      instance.closeSync();
      table = undefined;
      rmSync(root, { recursive: true, force: true });
    }
  }

  async function sameAnswers(local: UsageSource, engine: UsageSource): Promise<void> {
    const principals = await local.principals();
    expect(await engine.principals()).toEqual(principals);
    expect(await engine.observedCalls()).toEqual(await local.observedCalls());
    const everyone = principals.map((p) => p.principal);
    expect(canonical(await engine.usage(everyone))).toEqual(canonical(await local.usage(everyone)));
  }

  // A call of its own (ReceiveMessage), so that its usage row holds no dated event.
  const undated = roleEvent(TASK, "sqs.amazonaws.com", "ReceiveMessage", {
    ...at("not a time", "undated-1"),
    requestParameters: { queueUrl: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/jobs` },
  });
  const dated = (minute: number, hour = 10) => roleEvent(TASK, "sqs.amazonaws.com", "SendMessage", {
    ...at(`${DAY}T${hour}:${String(minute).padStart(2, "0")}:00Z`, `dated-${hour}-${minute}`),
    requestParameters: { queueUrl: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/jobs` },
  });

  // queries/athena/usage-rows.sql, final SELECT: date_format(first_seen, ...) and
  // date_format(last_seen, ...) are NULL for a call whose events have no parseable eventtime
  // (Trino's date_format is NULL on NULL); the engine reads NULL as "null". The local engine gives ''
  // (queries/local/usage-rows.sql coalesces). Mend: coalesce(date_format(...), '').
  it.fails("undated calls: usage rows say first and last seen '' (whole trail, by shape)", async () => {
    await onTrail([[undated, dated(1)]], NO_WINDOW, SHAPES["by shape"]!, sameAnswers);
  });

  // With calls grouped by hour the local engine reads no event without a time (queries/local/usage.sql,
  // windowed: "it is read only when neither is asked"); the Athena SQL reads it whenever no window
  // is given: SCAN_FILTER is TRUE, so usage-rows.sql groups it under hour NULL, and principals.sql
  // and observed-calls.sql (which know nothing of the hour) count it. backtestRoles then meets a row
  // dated "null" and throws "a usage row spans the split". Mend: with byHour, scanFilter adds
  // `try(from_iso8601_timestamp(eventtime)) IS NOT NULL` to every query.
  it.fails("undated calls are left out of a scan grouped by hour, and backtest runs", async () => {
    const shape = SHAPES["every name apart, by hour (backtest's scan)"]!;
    await onTrail([[undated, ...[10, 11, 12, 13, 14].map((hour) => dated(1, hour))]], NO_WINDOW, shape, async (local, engine) => {
      await sameAnswers(local, engine);
      const roles = allRoles(await local.principals()).roles;
      const split = parseSplit("50%", new Date());
      expect(await backtestRoles(engine, roles, split)).toEqual(await backtestRoles(local, roles, split));
    });
  });

  // CloudTrail may deliver an event twice; the local engine counts a record whose eventID,
  // eventTime and usage columns repeat another's once (queries/local/event-copy.sql). The Athena
  // SQL counts every row: count(*) in usage-rows.sql per_key and principals.sql per_source.
  // Mend: keep one row per (eventid, eventtime, ...) before grouping, e.g. row_number() OVER
  // (PARTITION BY eventid, eventtime, <the usage columns> ORDER BY "$path") = 1.
  it.fails("a record delivered in two files is one call", async () => {
    await onTrail([[dated(1), dated(2)], [dated(1)]], NO_WINDOW, SHAPES["by shape"]!, sameAnswers);
  });

  // Here the local engine is the one astray. A principal seen under two identity types is listed
  // "under the type of most of its calls" (queries/athena/principals.sql: max_by over the calls per
  // type); queries/local/principals.sql takes any_value(principal_type ORDER BY calls DESC) over
  // usage rows, the type of the busiest single row: 6 IAMUser calls in two rows lose to 5 in one.
  it.fails("a principal seen under two identity types is listed under the type of most of its calls", async () => {
    const bob = (type: string, eventName: string, minute: number) => ({
      ...userEvent("bob", "s3.amazonaws.com", eventName, at(`${DAY}T10:${String(minute).padStart(2, "0")}:00Z`, `bob-${minute}`)),
      userIdentity: { type, arn: `arn:aws:iam::${ACCOUNT}:user/bob`, accountId: ACCOUNT },
    });
    const records = [
      ...[1, 2, 3].map((minute) => bob("IAMUser", "GetObject", minute)),
      ...[4, 5, 6].map((minute) => bob("IAMUser", "PutObject", minute)),
      ...[7, 8, 9, 10, 11].map((minute) => bob("Unknown", "ListBuckets", minute)),
    ];
    await onTrail([records], NO_WINDOW, SHAPES["by shape"]!, sameAnswers);
  });

  // Here the local engine is the one astray: DuckDB's cast of '2026-11-03T12:00:00+02:00' to
  // TIMESTAMP drops the offset (12:00), where from_iso8601_timestamp keeps the instant (10:00 UTC),
  // contrary to the comment in queries/athena/usage-rows.sql that DuckDB's cast turns offsets to UTC.
  // CloudTrail writes eventTime in UTC ("Z"), so only logs from other writers meet it.
  it.fails("an eventTime with a UTC offset is the same instant in both engines", async () => {
    const offset = roleEvent(TASK, "sqs.amazonaws.com", "SendMessage", { ...at(`${DAY}T12:00:00+02:00`, "offset-1") });
    await onTrail([[offset, dated(1)]], NO_WINDOW, SHAPES["by shape"]!, sameAnswers);
  });
});
