import { describe, expect, it } from "vitest";
import { granted, grantedWith, unmappedOf, usageRow } from "../fixtures.js";

const TABLE = "arn:aws:dynamodb:eu-west-1:111122223333:table/orders";

describe("DynamoDB ARNs", () => {
  it("builds the table ARN from tableName", async () => {
    const row = usageRow({ eventSource: "dynamodb.amazonaws.com", eventName: "GetItem", parameters: { tableName: "orders" } });
    expect(await granted(row)).toEqual([["dynamodb:GetItem", TABLE]]);
  });

  it("grants a query on an index on the table's indexes, or on that index with dynamodbIndexes exact", async () => {
    const row = usageRow({
      eventSource: "dynamodb.amazonaws.com",
      eventName: "Query",
      parameters: { tableName: "orders", indexName: "by-customer" },
      resources: [{ arn: TABLE, type: "AWS::DynamoDB::Table", accountId: "111122223333" }],
    });
    expect(await granted(row)).toEqual([["dynamodb:Query", `${TABLE}/index/*`]]);
    expect(await grantedWith({ dynamodbIndexes: "exact" }, row)).toEqual([["dynamodb:Query", `${TABLE}/index/by-customer`]]);
  });

  it("names every table of a batch call from resources[], in their own account", async () => {
    const other = "arn:aws:dynamodb:eu-west-1:444455556666:table/rates";
    const row = usageRow({
      eventSource: "dynamodb.amazonaws.com",
      eventName: "BatchGetItem",
      resources: [
        { arn: TABLE, type: "AWS::DynamoDB::Table", accountId: "111122223333" },
        { arn: other, type: "AWS::DynamoDB::Table", accountId: "444455556666" },
      ],
    });
    expect(await granted(row)).toEqual([
      ["dynamodb:BatchGetItem", TABLE],
      ["dynamodb:BatchGetItem", other],
    ]);
  });

  it("maps DynamoDB Streams calls to the stream ARN", async () => {
    const stream = `${TABLE}/stream/2026-01-01T00:00:00.000`;
    const row = usageRow({ eventSource: "streams.dynamodb.amazonaws.com", eventName: "GetRecords", parameters: { streamArn: stream } });
    expect(await granted(row)).toEqual([["dynamodb:GetRecords", stream]]);
  });

  it("maps TransactGetItems to GetItem and reports what has no table", async () => {
    const row = usageRow({ eventSource: "dynamodb.amazonaws.com", eventName: "TransactGetItems" });
    expect(await unmappedOf(row)).toEqual([["dynamodb:GetItem", "the event names no table"]]);
  });
});
