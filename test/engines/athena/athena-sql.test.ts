import { EventEmitter } from "node:events";
import { rmSync } from "node:fs";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
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
import { keptLocalScan } from "../../support/kept-scan.js";
import { ACCOUNT, deliveryKey, recordsGzip, roleEvent, tempDir, userEvent, writeFile } from "../../support/trail.js";
import { mockAthenaOnDuckDB, type AthenaOnDuckDB } from "./athena-on-duckdb.js";
import { createCloudTrailTable } from "./cloudtrail-table.js";

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
    // Request features and nested values (ParameterSelection.flags, nested, objectKeyResources).
    s3("GetObject", "versioned.pdf", "17:00:00Z", { requestParameters: { bucketName: "acme-odd", key: "versioned.pdf", versionId: "3HL'tJ" } }),
    s3("PutObject", "acl.csv", "17:00:01Z", { requestParameters: { bucketName: "acme-odd", key: "acl.csv", "x-amz-acl": "private", "x-amz-tagging": "" } }),
    s3("DeleteObject", "gone.csv", "17:00:02Z", { requestParameters: { bucketName: "acme-odd", key: "gone.csv", "x-amz-bypass-governance-retention": "TRUE", "x-amz-grant-read": { id: "x" } } }),
    s3("DeleteObject", "kept.csv", "17:00:03Z", { requestParameters: { bucketName: "acme-odd", key: "kept.csv", "x-amz-bypass-governance-retention": "false" } }),
    s3("UploadPart", "part.bin", "17:00:04Z", { requestParameters: { bucketName: "acme-odd", partNumber: "2" } }),
    roleEvent(TASK, "events.amazonaws.com", "PutEvents", {
      ...at("17:10:00Z"),
      requestParameters: { entries: [{ source: "a" }, { source: "b", eventBusName: "orders" }, { source: "c", eventBusName: "orders" }, "odd", null] },
    }),
    roleEvent(TASK, "events.amazonaws.com", "PutEvents", { ...at("17:10:01Z"), requestParameters: { entries: { not: "a list" } } }),
    roleEvent(TASK, "dynamodb.amazonaws.com", "TransactWriteItems", {
      ...at("17:20:00Z"),
      requestParameters: { requestItems: [{ operation: "Put", tableName: "orders" }, { operation: "ConditionCheck", tableName: "ledger" }, { tableName: "x" }] },
    }),
    roleEvent(TASK, "dynamodb.amazonaws.com", "TransactWriteItems", {
      ...at("17:20:01Z"),
      requestParameters: { transactItems: [{ update: { tableName: "orders", key: {} } }, { delete: { tableName: "ledger" } }, { other: 1 }] },
    }),
    roleEvent(TASK, "dynamodb.amazonaws.com", "ExecuteStatement", { ...at("17:20:02Z"), requestParameters: { statement: `select *\nFROM "Or""ders"."by-day" WHERE id = '***'` } }),
    roleEvent(TASK, "dynamodb.amazonaws.com", "BatchExecuteStatement", {
      ...at("17:20:03Z"),
      requestParameters: { statements: [{ statement: `INSERT INTO audit VALUE {'a': '***'}` }, { statement: "EXPLAIN x" }, { statement: `UPDATE "t" SET a = 'from x'` }, {}] },
    }),
    roleEvent(TASK, "logs.amazonaws.com", "StartQuery", { ...at("17:30:00Z"), requestParameters: { logGroupNames: ["/b", "/a"], queryString: "fields @message" } }),
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

/** The mocked Athena; `athena.table` is the table of the source under test. */
let athena: AthenaOnDuckDB;
let table: DuckDBConnection | undefined;

function queryName(sql: string): AthenaQueryName {
  const names = Object.keys(ATHENA_QUERIES) as AthenaQueryName[];
  const name = names.find((candidate) => sql.startsWith(readQuery(`athena/${candidate}.sql`).split("\n")[0]!));
  if (name === undefined) throw new Error(`not one of the Athena queries: ${sql.slice(0, 80)}`);
  return name;
}

beforeAll(() => {
  athena = mockAthenaOnDuckDB();
});

afterAll(() => athena.restore());

/** Points the mocked Athena at a table. */
function useTable(connection: DuckDBConnection | undefined): void {
  table = connection;
  athena.table = connection;
}

function openEngine(window: TimeWindow, shape: Shape, queries: string[] = []): UsageSource {
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
    onQuery: (report) => queries.push(report.name),
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
  const pairs = new Map<string, Promise<{ local: UsageSource; engine: UsageSource; queries: string[] }>>();
  const pair = (window: TimeWindow, shape: Shape) => {
    const key = JSON.stringify([window, shape]);
    let opened = pairs.get(key);
    if (opened === undefined) {
      const queries: string[] = [];
      opened = keptLocalScan(roots, window, shape).then((local) => ({ local, engine: openEngine(window, shape, queries), queries }));
      pairs.set(key, opened);
    }
    return opened;
  };

  beforeAll(async () => {
    roots = source.roots();
    instance = await DuckDBInstance.create(":memory:");
    useTable(await instance.connect());
    const loaded = await createCloudTrailTable(table!, roots);
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
    useTable(undefined);
  });

  const cases = Object.entries(SHAPES).flatMap(([shapeName, shape]) => [
    { label: `the whole trail, ${shapeName}`, window: { since: null, until: null } as TimeWindow, shape },
    ...(shape.byHour && !source.windowByHour ? [] : [{ label: `a window cutting days, ${shapeName}`, window: source.window, shape }]),
  ]);

  it.each(cases)("$label: principals, usage of every principal and observed calls, from one query", async ({ window, shape }) => {
    const { local, engine, queries } = await pair(window, shape);
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
    // One scan answered every question; only the window's days and times were parameters.
    expect(queries).toEqual(["usage-rows"]);
    const usage = athena.started.at(-1)!;
    expect(queryName(usage.sql)).toBe("usage-rows");
    expect(usage.parameters).toHaveLength(window.since === null ? 0 : 4);
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
 * Where the engines once parted, each over a trail made for it: what both must do, and why, in the
 * comment of each.
 */
describe("where the Athena SQL and the local engine could part", () => {
  const NO_WINDOW: TimeWindow = { since: null, until: null };
  const at = (time: string, id: string) => ({ eventTime: time, eventID: id });

  /** Runs `check` with both engines over a trail of the given delivery files (each a list of records). */
  async function onTrail(files: readonly unknown[][], window: TimeWindow, shape: Shape, check: (local: UsageSource, engine: UsageSource) => Promise<void>) {
    const root = tempDir("tighten-athena-sql-parts-");
    let instance: DuckDBInstance | undefined;
    let connection: DuckDBConnection | undefined;
    let local: UsageSource | undefined;
    let engine: UsageSource | undefined;
    try {
      files.forEach((records, index) => writeFile(root, deliveryKey(ACCOUNT, "us-east-1", DAY, `Parts${String(index).padStart(11, "0")}`), recordsGzip(records)));
      instance = await DuckDBInstance.create(":memory:");
      connection = await instance.connect();
      useTable(connection);
      await createCloudTrailTable(connection, [root]);
      local = await scanLocalLogs({ logs: [root], window, selection: PARAMETER_SELECTION, ...shape });
      engine = openEngine(window, shape);
      await check(local, engine);
    } finally {
      local?.close();
      engine?.close();
      connection?.closeSync();
      instance?.closeSync();
      useTable(undefined);
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

  // Trino's date_format is NULL on NULL: a call whose events have no parseable eventtime must
  // still say first and last seen '' (queries/local/usage-rows.sql), never "null".
  it("undated calls: usage rows say first and last seen '' (whole trail, by shape)", async () => {
    await onTrail([[undated, dated(1)]], NO_WINDOW, SHAPES["by shape"]!, async (local, engine) => {
      await sameAnswers(local, engine);
      const rows = await engine.usage([(await engine.principals())[0]!.principal]);
      expect(rows.find((row) => row.eventName === "ReceiveMessage")).toMatchObject({ firstSeen: "", lastSeen: "" });
    });
  });

  // An event without a time lies in no hour: a scan grouped by hour leaves it out, even with no
  // window (queries/local/usage.sql, windowed), or backtest meets a row it cannot place on either
  // side of its split (partition-predicates.ts, datedOnly).
  it("undated calls are left out of a scan grouped by hour, and backtest runs", async () => {
    const shape = SHAPES["every name apart, by hour (backtest's scan)"]!;
    await onTrail([[undated, ...[10, 11, 12, 13, 14].map((hour) => dated(1, hour))]], NO_WINDOW, shape, async (local, engine) => {
      await sameAnswers(local, engine);
      const roles = allRoles(await local.principals()).roles;
      const split = parseSplit("50%", new Date());
      expect(await backtestRoles(engine, roles, split)).toEqual(await backtestRoles(local, roles, split));
    });
  });

  // CloudTrail may deliver an event twice (in two files): a record whose eventID, eventTime and
  // call repeat another's is counted once (queries/local/usage.sql, per_key), while generated logs
  // that reuse an eventID for another call count both, and events without an eventID all count.
  it("a record delivered in two files is one call", async () => {
    const reused = { ...dated(1), eventName: "DeleteMessage" };
    const noId = { ...dated(4), eventID: undefined };
    await onTrail([[dated(1), dated(2), noId], [dated(1), reused, noId]], NO_WINDOW, SHAPES["by shape"]!, async (local, engine) => {
      await sameAnswers(local, engine);
      const [task] = await engine.principals();
      expect(task!.calls).toBe(5);
    });
  });

  // A principal seen under two identity types is listed under the type of most of its calls, summed
  // over its rows: 6 IAMUser calls in two rows win over 5 Unknown ones in one.
  it("a principal seen under two identity types is listed under the type of most of its calls", async () => {
    const bob = (type: string, eventName: string, minute: number) => ({
      ...userEvent("bob", "s3.amazonaws.com", eventName, at(`${DAY}T10:${String(minute).padStart(2, "0")}:00Z`, `bob-${minute}`)),
      userIdentity: { type, arn: `arn:aws:iam::${ACCOUNT}:user/bob`, accountId: ACCOUNT },
    });
    // And on a tie, the first type by name in both: 2 AssumedRole calls, 2 Unknown.
    const tied = (type: string, minute: number) => ({ ...roleEvent(TASK, "sqs.amazonaws.com", "SendMessage", at(`${DAY}T11:0${minute}:00Z`, `tie-${minute}`)), userIdentity: {
      ...(roleEvent(TASK, "sqs.amazonaws.com", "SendMessage").userIdentity as object), type } });
    const records = [
      ...[1, 2, 3].map((minute) => bob("IAMUser", "GetObject", minute)),
      ...[4, 5, 6].map((minute) => bob("IAMUser", "PutObject", minute)),
      ...[7, 8, 9, 10, 11].map((minute) => bob("Unknown", "ListBuckets", minute)),
      tied("Unknown", 1), tied("Unknown", 2), tied("AssumedRole", 3), tied("AssumedRole", 4),
    ];
    await onTrail([records], NO_WINDOW, SHAPES["by shape"]!, async (local, engine) => {
      await sameAnswers(local, engine);
      expect((await engine.principals()).map((p) => [p.principalType, p.calls])).toEqual([["IAMUser", 11], ["AssumedRole", 4]]);
    });
  });

  // CloudTrail writes eventTime in UTC ("Z"); logs from other writers may carry an offset, and
  // '2026-11-03T12:00:00+02:00' is 10:00 UTC in both engines (DuckDB's plain cast to TIMESTAMP
  // would drop the offset and say 12:00).
  it("an eventTime with a UTC offset is the same instant in both engines", async () => {
    const offset = roleEvent(TASK, "sqs.amazonaws.com", "SendMessage", { ...at(`${DAY}T12:00:00+02:00`, "offset-1") });
    await onTrail([[offset, dated(1)]], NO_WINDOW, SHAPES["by shape"]!, async (local, engine) => {
      await sameAnswers(local, engine);
      expect((await engine.principals())[0]).toMatchObject({ firstSeen: `${DAY}T10:00:00Z`, lastSeen: `${DAY}T10:01:00Z` });
    });
  });
});
