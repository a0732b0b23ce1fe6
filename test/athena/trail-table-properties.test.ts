import { describe, expect, it } from "vitest";
import { sqlStringLiteral } from "../../src/athena/ddl-values.js";
import { decodeDataEvents, decodeManagementEvents, encodeDataEvents, encodeManagementEvents } from "../../src/athena/trail-table-properties.js";
import type { DataEventSelection } from "../../src/aws/cloudtrail/trail-config.js";

describe("the tighten.* table properties", () => {
  it("keep ARNs readable", () => {
    expect(encodeDataEvents([{ resourceType: "AWS::S3::Object", readOnly: "read", scope: "arn:aws:s3:::receipts/" }])).toBe(
      '[{"resourceType":"AWS::S3::Object","readOnly":"read","scope":"arn:aws:s3:::receipts/"}]',
    );
    expect(encodeManagementEvents({ readOnly: "all", excludedSources: ["kms.amazonaws.com"] })).toBe('{"readOnly":"all","excludedSources":["kms.amazonaws.com"]}');
  });

  it("round-trip any scope, and what they hold always passes as a DDL literal", () => {
    const events: DataEventSelection[] = [
      { resourceType: "AWS::S3::Object", readOnly: "all", scope: "arn:aws:s3:::b/o'brien/\"quoted\"\\back ${x} 100% é\n" },
      { resourceType: "AWS::DynamoDB::Table", readOnly: "write", scope: "all resources where eventName Equals PutItem|UpdateItem" },
    ];
    const text = encodeDataEvents(events);
    expect(() => sqlStringLiteral(text, "data events")).not.toThrow();
    expect(text).not.toContain("${");
    expect(decodeDataEvents(text)).toEqual(events);
    const management = { readOnly: "none" as const, excludedSources: ["rdsdata.amazonaws.com"] };
    expect(decodeManagementEvents(encodeManagementEvents(management))).toEqual(management);
  });

  it("refuse what tighten did not write", () => {
    expect(() => decodeDataEvents("{")).toThrow(/tighten.data_events is not JSON/);
    expect(() => decodeDataEvents('{"a":1}')).toThrow("tighten.data_events is not a JSON array");
    expect(() => decodeDataEvents('[{"resourceType":"AWS::S3::Object","readOnly":"some","scope":"x"}]')).toThrow("tighten.data_events[0] is not {resourceType, readOnly: all|read|write, scope}");
    expect(() => decodeManagementEvents('{"readOnly":"all"}')).toThrow(/tighten.management_events is not/);
  });
});
