import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from "@aws-sdk/client-athena";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ATHENA_QUERIES } from "../../../src/engines/athena/athena-engine.js";
import { main } from "../../../src/cli/main.js";
import { openUsageSource } from "../../../src/cli/scan-options.js";
import { UsageError } from "../../../src/usage-error.js";
import { resultPages, type WireColumn } from "./athena-wire.js";

/*
 * --engine athena as a user gives it, through the CLI's own option parsing, with Athena mocked.
 */

const athena = mockClient(AthenaClient);
// The next file in this worker gets the real client.
afterAll(() => {
  athena.restore();
});
const ROLE = "arn:aws:iam::111122223333:role/ecs/api-task";
const USAGE_COLUMNS: WireColumn[] = ATHENA_QUERIES["usage-rows"].map((name) => ({ name, type: name === "calls" || name === "key_count" ? "bigint" : "varchar" }));
/** A usage row of ROLE: `calls` GetItem calls from `first` to `last`, with an error code or none. */
const usageRow = (calls: number, first: string, last: string, errorCode: string | null = null): (string | null)[] => [
  ROLE, "AssumedRole", "dynamodb.amazonaws.com", "GetItem", "eu-west-1", "111122223333", errorCode, null, "[]", '["orders",null]', "0", null, String(calls), first, last, null,
];

let stdout: string;
let stderr: string;
beforeEach(() => {
  athena.reset();
  stdout = "";
  stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  vi.stubEnv("AWS_ACCESS_KEY_ID", "testing");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "testing");
  athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: "q-1" });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const usageAnswer = (rows: (string | null)[][]) =>
  athena.on(GetQueryResultsCommand).resolves(resultPages(USAGE_COLUMNS, rows)[0]!);

const succeeded = {
  QueryExecution: {
    QueryExecutionId: "q-1",
    Status: { State: "SUCCEEDED" as const },
    Statistics: { DataScannedInBytes: 1_288_490_189, TotalExecutionTimeInMillis: 8400, EngineExecutionTimeInMillis: 7900 },
  },
};

describe("tighten roles --engine athena", () => {
  it("lists the principals from the table, with each query's cost on stderr", async () => {
    athena.on(GetQueryExecutionCommand).resolves(succeeded);
    usageAnswer([usageRow(11, "2026-11-02T10:00:00Z", "2026-11-03T10:00:00Z"), usageRow(1, "2026-11-02T11:00:00Z", "2026-11-02T11:00:00Z", "AccessDenied")]);
    const code = await main(["roles", "--engine", "athena", "--database", "tighten", "--region", "eu-west-1", "--format", "json", "--since", "2026-11-01"]);
    expect(stderr).toBe("athena: usage-rows scanned 1.2 GB in 8.4 s (engine 7.9 s), about $0.0059\n");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      { principal: ROLE, principalType: "AssumedRole", calls: 12, services: ["dynamodb.amazonaws.com"], errors: 1, firstSeen: "2026-11-02T10:00:00Z", lastSeen: "2026-11-03T10:00:00Z" },
    ]);
    // roles asks for the principals the source already read: one query in all.
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(1);
    const start = athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input;
    expect(start).toMatchObject({ WorkGroup: "primary", QueryExecutionContext: { Database: "tighten" } });
    expect(start.QueryString).toContain('FROM "tighten"."cloudtrail"');
    expect(await athena.commandCalls(StartQueryExecutionCommand)[0]!.thisValue.config.region()).toBe("eu-west-1");
  });

  it("takes --table, --workgroup, --output, --accounts and --regions, quiet with --quiet", async () => {
    athena.on(GetQueryExecutionCommand).resolves(succeeded);
    usageAnswer([usageRow(1, "2026-11-02T10:00:00Z", "2026-11-02T10:00:00Z")]);
    const code = await main([
      "roles", "--engine", "athena", "--database", "audit", "--table", "org_trail", "--workgroup", "security",
      "--output", "s3://athena-results/tighten/", "--accounts", "111122223333", "444455556666", "--regions", "eu-west-1",
      "--region", "eu-west-1", "--quiet", "--since", "all",
    ]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const start = athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input;
    expect(start).toMatchObject({ WorkGroup: "security", ResultConfiguration: { OutputLocation: "s3://athena-results/tighten/" } });
    expect(start.QueryString).toContain('FROM "audit"."org_trail"');
    expect(start.QueryString).toContain('"account" IN (?, ?)');
    expect(start.ExecutionParameters).toEqual(["'111122223333'", "'444455556666'", "'eu-west-1'"]);
  });

  it("exits 2 with a clear reason when the table holds no event for the window", async () => {
    athena.on(GetQueryExecutionCommand).resolves(succeeded);
    usageAnswer([]);
    const code = await main(["roles", "--engine", "athena", "--database", "tighten", "--region", "eu-west-1", "--regions", "eu-west-1", "--quiet"]);
    expect(code).toBe(2);
    expect(stderr).toBe("tighten: --engine athena: no CloudTrail events in tighten.cloudtrail for the window and regions eu-west-1\n");
  });

  it("exits 2 naming the reason Athena gave for a failed query", async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: "FAILED", StateChangeReason: "TABLE_NOT_FOUND: Table 'awsdatacatalog.tighten.trail' does not exist" } } });
    const code = await main(["roles", "--engine", "athena", "--database", "tighten", "--table", "trail", "--region", "eu-west-1", "--quiet"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^tighten: --engine athena: query usage-rows on tighten.trail \(workgroup primary\) failed: TABLE_NOT_FOUND: .*tighten athena init/);
  });

  it("stops the query and exits 130 on Ctrl-C", async () => {
    athena.on(GetQueryExecutionCommand).callsFake(() => {
      process.emit("SIGINT");
      return { QueryExecution: { QueryExecutionId: "q-1", Status: { State: "RUNNING" } } };
    });
    athena.on(StopQueryExecutionCommand).resolves({});
    const listeners = process.listenerCount("SIGINT");
    const code = await main(["roles", "--engine", "athena", "--database", "tighten", "--region", "eu-west-1", "--quiet"]);
    expect(code).toBe(130);
    expect(stderr).toBe("tighten: interrupted: stopped Athena query usage-rows (q-1)\n");
    expect(athena.commandCalls(StopQueryExecutionCommand).map((call) => call.args[0].input)).toEqual([{ QueryExecutionId: "q-1" }]);
    expect(process.listenerCount("SIGINT")).toBe(listeners);
  });

  it("accepts --region and --profile alongside --from-iam's (generate declares both)", async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: "FAILED", StateChangeReason: "stop here" } } });
    const code = await main(["generate", "--engine", "athena", "--database", "tighten", "--region", "eu-west-1", "--role", "api-task"]);
    expect(stderr).toMatch(/failed: stop here/);
    expect(code).toBe(2);
  });
});

describe("--engine athena without --since", () => {
  // Only Date is faked: the SDK's and the poller's timers run as they do.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-03T22:41:00Z"));
    athena.on(GetQueryExecutionCommand).resolves(succeeded);
    usageAnswer([usageRow(1, "2026-11-02T10:00:00Z", "2026-11-02T10:00:00Z")]);
  });
  afterEach(() => vi.useRealTimers());

  const started = () => athena.commandCalls(StartQueryExecutionCommand).map((call) => call.args[0].input);
  const roles = (...flags: string[]) => main(["roles", "--engine", "athena", "--database", "tighten", "--region", "eu-west-1", ...flags]);

  it("reads the last 90 days, from the start of that UTC day, and says so in one line", async () => {
    expect(await roles()).toBe(0);
    expect(stderr.split("\n")[0]).toBe("athena: --since not given: reading the last 90 days (2026-09-04..); --since all reads everything");
    const [query] = started();
    expect(started()).toHaveLength(1);
    // The day partitions (with a day of delivery margin) and the exact start on eventtime.
    expect(query!.QueryString).toMatch(/WHERE "timestamp" >= \?\s+AND try\(from_iso8601_timestamp\(eventtime\)\) >= from_iso8601_timestamp\(\?\)/);
    expect(query!.ExecutionParameters).toEqual(["'2026/09/03'", "'2026-09-04T00:00:00.000Z'"]);
  });

  it("reads the 90 days before --until", async () => {
    expect(await roles("--until", "2026-11-05T12:00Z")).toBe(0);
    expect(stderr.split("\n")[0]).toBe("athena: --since not given: reading the last 90 days (2026-08-07..2026-11-05); --since all reads everything");
    expect(started()[0]!.ExecutionParameters).toEqual(["'2026/08/06'", "'2026/11/06'", "'2026-08-07T00:00:00.000Z'", "'2026-11-05T12:00:00.000Z'"]);
  });

  it("reads everything with --since all, said on purpose", async () => {
    expect(await roles("--since", "all")).toBe(0);
    expect(stderr).not.toContain("--since not given");
    expect(started()[0]!.QueryString).toContain("WHERE TRUE");
    expect(started()[0]!.ExecutionParameters ?? []).toEqual([]);
  });

  it("says nothing with --quiet, and still reads 90 days", async () => {
    expect(await roles("--quiet")).toBe(0);
    expect(stderr).toBe("");
    expect(started()[0]!.ExecutionParameters).toEqual(["'2026/09/03'", "'2026-09-04T00:00:00.000Z'"]);
  });
});

describe("--engine athena flags", () => {
  const base = { logs: undefined, since: undefined, until: undefined, quiet: true, strict: false } as const;

  it.each([
    [{ engine: "athena", logs: ["examples/cloudtrail"], database: "tighten" }, "--logs is for the local engine; --engine athena reads the table --database/--table names: drop one of them"],
    [{ engine: "athena" }, "--engine athena needs --database: the Athena database of the CloudTrail table (tighten athena init creates one)"],
    [{ engine: "athena", database: "tighten", timeout: 0 }, "--timeout 0: give the seconds a query may run, more than 0"],
    [{ engine: "athena", database: "tighten", accounts: ["1234"] }, "--accounts '1234' is not an AWS account id (12 digits)"],
    [{ engine: "athena", database: "tighten", regions: ["Europe"] }, "--regions 'Europe' is not an AWS region name (like us-east-1)"],
    [{ engine: "athena", database: "tighten", output: "athena-results/x" }, "--output 'athena-results/x' is not an s3://BUCKET/PREFIX/ location"],
    [{ engine: "athena", database: "tighten", table: "cloud-trail", region: "eu-west-1" }, "--table 'cloud-trail': only letters, digits and _ are allowed"],
    [{ database: "tighten", logs: ["examples/cloudtrail"] }, "--database is for --engine athena; add --engine athena, or drop --database to read --logs"],
    [{ engine: "local", regions: ["eu-west-1"], logs: ["examples/cloudtrail"] }, "--regions is for --engine athena; add --engine athena, or drop --regions to read --logs"],
  ] as const)("%j: %s", async (flags, message) => {
    const run = openUsageSource({ ...base, ...flags } as Parameters<typeof openUsageSource>[0]);
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(message);
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(0);
  });

  it("asks for a region when none is configured", async () => {
    vi.stubEnv("AWS_REGION", "");
    vi.stubEnv("AWS_DEFAULT_REGION", "");
    vi.stubEnv("AWS_CONFIG_FILE", "/nonexistent/aws-config");
    vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials");
    await expect(openUsageSource({ ...base, engine: "athena", database: "tighten" })).rejects.toThrow(
      "--engine athena: no AWS region configured: pass --region, or set AWS_REGION or the profile's region",
    );
  });
});
