import { AthenaClient, GetQueryExecutionCommand, GetTableMetadataCommand, ListQueryExecutionsCommand } from "@aws-sdk/client-athena";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../../src/cli/main.js";
import { ATHENA_QUERIES } from "../../../src/engines/athena/athena-engine.js";
import { startMoto, MOTO_ACCOUNT, MOTO_REGION, type Moto } from "../../support/moto.js";
import { columnInfo, wireRow, type WireColumn, type WireValue } from "./athena-wire.js";

/*
 * `tighten generate --engine athena` as a user runs it, in-process, against moto over HTTP: moto
 * keeps every query execution with its text and ExecutionParameters, which is what Athena would
 * bill. moto runs no SQL: the query's result is seeded first (POST /moto-api/static/athena/query-results).
 * Nor does it serve GetTableMetadata: that one call is answered here, as for a table `athena init`
 * did not describe (the data events recorded are then judged from the calls seen).
 */

const ROLE = "arn:aws:iam::111122223333:role/ecs/payments-service-task";
const COLUMNS: WireColumn[] = ATHENA_QUERIES["usage-rows"].map((name) => ({ name, type: name === "calls" || name === "key_count" ? "bigint" : "varchar" }));
const ROWS: WireValue[][] = [
  [
    ROLE, "AssumedRole", "dynamodb.amazonaws.com", "GetItem", "us-east-1", "111122223333", null, null,
    '[{"ARN":"arn:aws:dynamodb:us-east-1:111122223333:table/payments","accountId":"111122223333","type":"AWS::DynamoDB::Table"}]',
    '["payments",null]', "0", null, "3", "2026-11-02T10:00:00Z", "2026-11-02T12:00:00Z", null,
  ],
];

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(() => moto?.stop());

let stdout: string;
let stderr: string;
beforeEach(async () => {
  await moto.reset();
  const response = await fetch(`${moto.endpoint}/moto-api/static/athena/query-results`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      account_id: MOTO_ACCOUNT,
      region: MOTO_REGION,
      results: [{ rows: [wireRow(COLUMNS.map((column) => column.name)), ...ROWS.map(wireRow)], column_info: columnInfo(COLUMNS) }],
    }),
  });
  await response.arrayBuffer();
  expect(response.status).toBe(201);
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
  for (const [name, value] of Object.entries(moto.cliEnv("ATHENA"))) vi.stubEnv(name, value);
  const send = AthenaClient.prototype.send;
  vi.spyOn(AthenaClient.prototype, "send").mockImplementation(function (this: AthenaClient, command: unknown, ...rest: unknown[]) {
    if (command instanceof GetTableMetadataCommand) return Promise.resolve({ TableMetadata: { Name: "cloudtrail", Parameters: {} } });
    return (send as (...args: unknown[]) => Promise<unknown>).call(this, command, ...rest);
  } as typeof send);
  // Only Date is faked: "the last 90 days" must be the same days on any day the test runs.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-12-03T22:41:00Z"));
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** What moto recorded: every query execution, with its text and parameters. */
async function executions() {
  const client = moto.athenaClient();
  try {
    const { QueryExecutionIds = [] } = await client.send(new ListQueryExecutionsCommand({}));
    return await Promise.all(QueryExecutionIds.map(async (id) => (await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }))).QueryExecution!));
  } finally {
    client.destroy();
  }
}

describe("tighten generate --engine athena without --since, against moto", () => {
  it("sends one query, bounded to the last 90 days, and says which window", async () => {
    const code = await main(["generate", "--engine", "athena", "--database", "tighten", "--role", "payments-service-task"]);
    expect(stderr.split("\n")[0]).toBe("athena: --since not given: reading the last 90 days (2026-09-04..); --since all reads everything");
    const sent = await executions();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.Query).toContain('FROM "tighten"."cloudtrail"');
    expect(sent[0]!.Query).toMatch(/WHERE "timestamp" >= \?\s+AND try\(from_iso8601_timestamp\(eventtime\)\) >= from_iso8601_timestamp\(\?\)/);
    expect(sent[0]!.ExecutionParameters).toEqual(["'2026/09/03'", "'2026-09-04T00:00:00.000Z'"]);
    expect({ code, stderr: stderr.split("\n").slice(1) }).toEqual({
      code: 0,
      stderr: [expect.stringMatching(/^athena: usage-rows scanned /), "payments-service-task: 1 actions in 1 statements (0 denied, 0 unmapped)", ""],
    });
    expect(JSON.parse(stdout)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Sid: "DynamodbRead", Effect: "Allow", Action: ["dynamodb:GetItem"], Resource: ["arn:aws:dynamodb:us-east-1:111122223333:table/payments"] }],
    });
  });
});
