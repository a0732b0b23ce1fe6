import { describe, expect, it } from "vitest";
import { arnFormatPattern, escapeResourceName, parseArn } from "../../src/iam/arn.js";
import { partitionOf } from "../../src/iam/partition.js";

describe("partitionOf", () => {
  it("follows the region", () => {
    expect(partitionOf("eu-west-1")).toBe("aws");
    expect(partitionOf("us-east-1")).toBe("aws");
    expect(partitionOf("cn-north-1")).toBe("aws-cn");
    expect(partitionOf("cn-northwest-1")).toBe("aws-cn");
    expect(partitionOf("us-gov-west-1")).toBe("aws-us-gov");
  });
});

describe("parseArn", () => {
  it("keeps colons inside the resource part", () => {
    expect(parseArn("arn:aws:logs:eu-west-1:111122223333:log-group:app:log-stream:s1")).toEqual({
      partition: "aws",
      service: "logs",
      region: "eu-west-1",
      account: "111122223333",
      resource: "log-group:app:log-stream:s1",
    });
  });

  it("rejects what is not an ARN", () => {
    expect(parseArn("my-table")).toBeUndefined();
    expect(parseArn("https://sqs.eu-west-1.amazonaws.com/1/q")).toBeUndefined();
  });
});

describe("arnFormatPattern", () => {
  it("matches ARNs of an iam-data format and nothing else", () => {
    const table = arnFormatPattern("arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}");
    expect(table.test("arn:aws:dynamodb:eu-west-1:111122223333:table/orders")).toBe(true);
    expect(table.test("arn:aws:dynamodb:eu-west-1:111122223333:backup/x")).toBe(false);
    const bucket = arnFormatPattern("arn:${Partition}:s3:::${BucketName}");
    expect(bucket.test("arn:aws-cn:s3:::data")).toBe(true);
    expect(bucket.test("arn:aws:s3:eu-west-1::data")).toBe(false);
  });

  it("matches any of the formats iam-data lists for one type, separated by ', '", () => {
    const alias = arnFormatPattern(
      "arn:${Partition}:lex:${Region}:${Account}:bot-alias/${BotId}/${BotAliasId}, arn:${Partition}:lex:${Region}:${Account}:bot:${BotName}:${BotAlias}",
    );
    expect(alias.test("arn:aws:lex:eu-west-1:111122223333:bot-alias/B1/A1")).toBe(true);
    expect(alias.test("arn:aws:lex:eu-west-1:111122223333:bot:Orders:live")).toBe(true);
    expect(alias.test("arn:aws:lex:eu-west-1:111122223333:intent:x:1")).toBe(false);
  });
});

describe("escapeResourceName", () => {
  it("writes IAM's wildcard characters as the policy variables that stand for them", () => {
    expect(escapeResourceName("report*?.csv")).toBe("report${*}${?}.csv");
    expect(escapeResourceName("price$")).toBe("price${$}");
    expect(escapeResourceName("plain/key.txt")).toBe("plain/key.txt");
  });
});
