import { describe, expect, it } from "vitest";
import { recordedEvents } from "../../../src/aws/cloudtrail/event-selectors.js";

describe("recordedEvents from basic event selectors", () => {
  it("a selector's data resources, each value a scope; a service-only value is every resource", () => {
    const events = recordedEvents(
      [
        {
          ReadWriteType: "All",
          IncludeManagementEvents: true,
          DataResources: [
            { Type: "AWS::S3::Object", Values: ["arn:aws:s3:::receipts/", "arn:aws:s3:::config/app/"] },
            { Type: "AWS::Lambda::Function", Values: ["arn:aws:lambda"] },
          ],
        },
      ],
      [],
    );
    expect(events).toEqual({
      managementEvents: { readOnly: "all", excludedSources: [] },
      dataEvents: [
        { resourceType: "AWS::Lambda::Function", readOnly: "all", scope: "all resources" },
        { resourceType: "AWS::S3::Object", readOnly: "all", scope: "arn:aws:s3:::config/app/" },
        { resourceType: "AWS::S3::Object", readOnly: "all", scope: "arn:aws:s3:::receipts/" },
      ],
    });
  });

  it("all S3 buckets is written arn:aws:s3 or arn:aws:s3:::", () => {
    const events = recordedEvents([{ DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3:::"] }, { Type: "AWS::DynamoDB::Table", Values: ["arn:aws-cn:dynamodb"] }] }], undefined);
    expect(events.dataEvents.map((event) => event.scope)).toEqual(["all resources", "all resources"]);
  });

  it("read-only and write-only selectors on the same resources add up to all", () => {
    const events = recordedEvents(
      [
        { ReadWriteType: "ReadOnly", IncludeManagementEvents: true, DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3:::a/"] }] },
        { ReadWriteType: "WriteOnly", IncludeManagementEvents: false, DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3:::a/", "arn:aws:s3:::b/"] }] },
      ],
      [],
    );
    expect(events.managementEvents).toEqual({ readOnly: "read", excludedSources: [] });
    expect(events.dataEvents).toEqual([
      { resourceType: "AWS::S3::Object", readOnly: "all", scope: "arn:aws:s3:::a/" },
      { resourceType: "AWS::S3::Object", readOnly: "write", scope: "arn:aws:s3:::b/" },
    ]);
  });

  it("a source is excluded only when every management selector excludes it", () => {
    const events = recordedEvents(
      [
        { ReadWriteType: "All", IncludeManagementEvents: true, ExcludeManagementEventSources: ["kms.amazonaws.com", "rdsdata.amazonaws.com"] },
        { ReadWriteType: "All", IncludeManagementEvents: true, ExcludeManagementEventSources: ["kms.amazonaws.com"] },
        { ReadWriteType: "All", IncludeManagementEvents: false, ExcludeManagementEventSources: [] },
      ],
      [],
    );
    expect(events.managementEvents).toEqual({ readOnly: "all", excludedSources: ["kms.amazonaws.com"] });
  });

  it("no management events at all is said so", () => {
    expect(recordedEvents([{ ReadWriteType: "All", IncludeManagementEvents: false, DataResources: [] }], []).managementEvents.readOnly).toBe("none");
  });

  it("no selector at all is CloudTrail's default: all management events, no data events", () => {
    expect(recordedEvents([], [])).toEqual({ managementEvents: { readOnly: "all", excludedSources: [] }, dataEvents: [] });
    expect(recordedEvents(undefined, undefined)).toEqual({ managementEvents: { readOnly: "all", excludedSources: [] }, dataEvents: [] });
  });
});

describe("recordedEvents from advanced event selectors", () => {
  it("eventCategory, resources.type and readOnly; resources.ARN StartsWith names scopes", () => {
    const events = recordedEvents(undefined, [
      { Name: "management", FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }, { Field: "eventSource", NotEquals: ["kms.amazonaws.com"] }] },
      {
        Name: "receipt reads",
        FieldSelectors: [
          { Field: "eventCategory", Equals: ["Data"] },
          { Field: "resources.type", Equals: ["AWS::S3::Object"] },
          { Field: "readOnly", Equals: ["true"] },
          { Field: "resources.ARN", StartsWith: ["arn:aws:s3:::receipts/", "arn:aws:s3:::invoices/"] },
        ],
      },
      { Name: "queues", FieldSelectors: [{ Field: "eventCategory", Equals: ["Data"] }, { Field: "resources.type", Equals: ["AWS::SQS::Queue"] }, { Field: "readOnly", Equals: ["false"] }] },
    ]);
    expect(events).toEqual({
      managementEvents: { readOnly: "all", excludedSources: ["kms.amazonaws.com"] },
      dataEvents: [
        { resourceType: "AWS::S3::Object", readOnly: "read", scope: "arn:aws:s3:::invoices/" },
        { resourceType: "AWS::S3::Object", readOnly: "read", scope: "arn:aws:s3:::receipts/" },
        { resourceType: "AWS::SQS::Queue", readOnly: "write", scope: "all resources" },
      ],
    });
  });

  it("other conditions narrow the scope and are written out, never dropped", () => {
    const events = recordedEvents(undefined, [
      {
        FieldSelectors: [
          { Field: "eventCategory", Equals: ["Data"] },
          { Field: "resources.type", Equals: ["AWS::S3::Object"] },
          { Field: "eventName", Equals: ["PutObject", "DeleteObject"] },
          { Field: "resources.ARN", NotStartsWith: ["arn:aws:s3:::logs/"] },
        ],
      },
    ]);
    expect(events.dataEvents).toEqual([
      { resourceType: "AWS::S3::Object", readOnly: "all", scope: "all resources where eventName Equals DeleteObject|PutObject and resources.ARN NotStartsWith arn:aws:s3:::logs/" },
    ]);
  });

  it("a trail with only data selectors records no management events; advanced selectors win over basic ones", () => {
    const events = recordedEvents(
      [{ ReadWriteType: "All", IncludeManagementEvents: true }],
      [{ FieldSelectors: [{ Field: "eventCategory", Equals: ["Data"] }, { Field: "resources.type", Equals: ["AWS::Lambda::Function"] }] }],
    );
    expect(events).toEqual({ managementEvents: { readOnly: "none", excludedSources: [] }, dataEvents: [{ resourceType: "AWS::Lambda::Function", readOnly: "all", scope: "all resources" }] });
  });

  it("categories other than Management and Data (network activity) record no API calls tighten reads", () => {
    const events = recordedEvents(undefined, [
      { FieldSelectors: [{ Field: "eventCategory", Equals: ["NetworkActivity"] }, { Field: "eventSource", Equals: ["s3.amazonaws.com"] }] },
      { FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }, { Field: "readOnly", Equals: ["false"] }] },
    ]);
    expect(events).toEqual({ managementEvents: { readOnly: "write", excludedSources: [] }, dataEvents: [] });
  });
});
