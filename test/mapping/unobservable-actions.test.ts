import { describe, expect, it } from "vitest";
import { recordedDataEventTypes, unrecordedDataEventsFor, whyUnobservable } from "../../src/mapping/unobservable-actions.js";

describe("whyUnobservable", () => {
  it("says CloudTrail never records logs:PutLogEvents, whatever the trail records", () => {
    const all = recordedDataEventTypes([{ eventSource: "logs.amazonaws.com", eventName: "PutLogEvents" }]);
    expect(whyUnobservable("logs:PutLogEvents", all)).toMatch(/does not record PutLogEvents/);
    expect(whyUnobservable("ssmmessages:OpenDataChannel", new Set())).toMatch(/Session Manager/);
  });

  it("treats a data event as unobservable until the logs show the trail records its type", () => {
    expect(whyUnobservable("s3:PutObject", new Set())).toMatch(/AWS::S3::Object/);
    expect(whyUnobservable("dynamodb:DeleteItem", new Set())).toMatch(/AWS::DynamoDB::Table/);
    const recorded = recordedDataEventTypes([
      { eventSource: "s3.amazonaws.com", eventName: "HeadObject" },
      { eventSource: "dynamodb.amazonaws.com", eventName: "DescribeTable" },
    ]);
    expect([...recorded]).toEqual(["AWS::S3::Object"]);
    expect(whyUnobservable("s3:PutObject", recorded)).toBeNull();
    expect(whyUnobservable("s3:GetObjectTagging", recorded)).toBeNull();
    expect(whyUnobservable("dynamodb:DeleteItem", recorded)).not.toBeNull();
  });

  it("says nothing of management events, which every trail records", () => {
    expect(whyUnobservable("iam:PassRole", new Set())).toBeNull();
    expect(whyUnobservable("s3:PutBucketPolicy", new Set())).toBeNull();
    expect(whyUnobservable("dynamodb:DescribeTable", new Set())).toBeNull();
    expect(whyUnobservable("secretsmanager:GetSecretValue", new Set())).toBeNull();
  });
});

describe("unrecordedDataEventsFor", () => {
  it("names the data event types of the services a role called that the trail records none of", () => {
    const recorded = recordedDataEventTypes([{ eventSource: "dynamodb.amazonaws.com", eventName: "GetItem" }]);
    const calls = [
      { eventSource: "s3.amazonaws.com", eventName: "ListBuckets" },
      { eventSource: "dynamodb.amazonaws.com", eventName: "DescribeTable" },
      { eventSource: "lambda.amazonaws.com", eventName: "GetFunction" },
      { eventSource: "kms.amazonaws.com", eventName: "Decrypt" },
    ];
    expect(unrecordedDataEventsFor(calls, recorded)).toEqual(["AWS::Lambda::Function", "AWS::S3::Object"]);
    expect(unrecordedDataEventsFor([], recorded)).toEqual([]);
  });
});
