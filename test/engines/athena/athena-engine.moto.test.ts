import { EventEmitter } from "node:events";
import { GetQueryExecutionCommand, ListQueryExecutionsCommand } from "@aws-sdk/client-athena";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ATHENA_QUERIES, openAthenaUsage, type AthenaQueryName } from "../../../src/engines/athena/athena-engine.js";
import { PARAMETER_SELECTION } from "../../../src/mapping/request-parameters.js";
import { startMoto, MOTO_ACCOUNT, MOTO_REGION, type Moto } from "../../support/moto.js";
import { columnInfo, wireRow, type WireColumn, type WireValue } from "./athena-wire.js";

/*
 * The engine through real SDK clients and HTTP against moto, which serves StartQueryExecution,
 * GetQueryExecution and GetQueryResults but runs no SQL: each query's results are seeded first
 * (POST /moto-api/static/athena/query-results), in the order the queries start, and each query
 * execution is kept, with its text and parameters, for the test to read back.
 */

const ROLE = "arn:aws:iam::111122223333:role/ecs/payments-service-task";
const TYPES: Record<string, WireColumn["type"]> = { key_count: "bigint", calls: "bigint", errors: "bigint" };

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(() => moto?.stop());
beforeEach(async () => {
  await moto.reset();
});

async function seed(name: AthenaQueryName, rows: WireValue[][]): Promise<void> {
  const columns = ATHENA_QUERIES[name].map((column) => ({ name: column, type: TYPES[column] ?? "varchar" }) as WireColumn);
  const response = await fetch(`${moto.endpoint}/moto-api/static/athena/query-results`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      account_id: MOTO_ACCOUNT,
      region: MOTO_REGION,
      results: [{ rows: [wireRow(columns.map((column) => column.name)), ...rows.map(wireRow)], column_info: columnInfo(columns) }],
    }),
  });
  await response.arrayBuffer();
  expect(response.status).toBe(201);
}

describe("the Athena engine against moto", () => {
  it("runs one query, and answers principals, usage and the calls seen from its result", async () => {
    await seed("usage-rows", [
      [ROLE, "AssumedRole", "dynamodb.amazonaws.com", "GetItem", "us-east-1", "111122223333", "AccessDenied", null,
        '[{"ARN":"arn:aws:dynamodb:us-east-1:111122223333:table/payments","accountId":"111122223333","type":"AWS::DynamoDB::Table"}]',
        '["payments",null]', "0", null, "1", "2026-11-02T10:01:00Z", "2026-11-02T10:01:00Z", "0b1e-denied"],
      [ROLE, "AssumedRole", "dynamodb.amazonaws.com", "GetItem", "us-east-1", "111122223333", null, null,
        '[{"ARN":"arn:aws:dynamodb:us-east-1:111122223333:table/payments","accountId":"111122223333","type":"AWS::DynamoDB::Table"}]',
        '["payments","by-customer"]', "0", null, "2", "2026-11-02T10:00:00Z", "2026-11-02T12:00:00Z", null],
    ]);
    const reports: string[] = [];
    const source = openAthenaUsage({
      client: moto.athenaClient(),
      region: "us-east-1",
      database: "tighten",
      table: "cloudtrail",
      workgroup: "primary",
      outputLocation: "s3://athena-results/tighten/",
      timeoutSeconds: 30,
      window: { since: new Date("2026-11-01T00:00:00Z"), until: null },
      selection: PARAMETER_SELECTION,
      names: "shapes",
      poll: { firstMs: 10, maxMs: 50 },
      interrupts: new EventEmitter(),
      onQuery: (report) => reports.push(report.name),
    });
    try {
      expect(await source.principals()).toEqual([
        { principal: ROLE, principalType: "AssumedRole", calls: 3, services: ["dynamodb.amazonaws.com"], errors: 1, firstSeen: "2026-11-02T10:00:00Z", lastSeen: "2026-11-02T12:00:00Z" },
      ]);
      const rows = await source.usage([ROLE]);
      expect(rows.map((row) => [row.errorCode, row.parameters, row.count, row.resources.map((r) => r.arn), row.eventId])).toEqual([
        ["AccessDenied", { tableName: "payments" }, 1, ["arn:aws:dynamodb:us-east-1:111122223333:table/payments"], "0b1e-denied"],
        [null, { tableName: "payments", indexName: "by-customer" }, 2, ["arn:aws:dynamodb:us-east-1:111122223333:table/payments"], undefined],
      ]);
      expect(await source.observedCalls()).toEqual([{ eventSource: "dynamodb.amazonaws.com", eventName: "GetItem" }]);
      expect(reports).toEqual(["usage-rows"]);
      expect(source.report.events).toBe(3);
      // moto's own record: one query execution, with the window's parameters.
      const client = moto.athenaClient();
      const listed = await client.send(new ListQueryExecutionsCommand({}));
      expect(listed.QueryExecutionIds).toHaveLength(1);
      const execution = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: listed.QueryExecutionIds![0]! }));
      expect(execution.QueryExecution?.Query).toContain('FROM "tighten"."cloudtrail"');
      expect(execution.QueryExecution?.ExecutionParameters).toEqual(["'2026/10/31'", "'2026-11-01T00:00:00.000Z'"]);
      client.destroy();
    } finally {
      source.close();
    }
  });
});
