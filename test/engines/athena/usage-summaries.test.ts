import { describe, expect, it } from "vitest";
import { observedCalls, principalSummaries } from "../../../src/engines/athena/usage-summaries.js";
import type { UsageRow } from "../../../src/engines/usage-row.js";

const ROLE = "arn:aws:iam::111122223333:role/ecs/api-task";

function row(fields: Partial<UsageRow>): UsageRow {
  return {
    principal: ROLE,
    principalType: "AssumedRole",
    eventSource: "s3.amazonaws.com",
    eventName: "GetObject",
    region: "us-east-1",
    account: "111122223333",
    errorCode: null,
    invokedBy: null,
    resources: [],
    parameters: {},
    objectKeys: null,
    count: 1,
    firstSeen: "2026-11-02T10:00:00Z",
    lastSeen: "2026-11-02T10:00:00Z",
    ...fields,
  };
}

describe("principalSummaries", () => {
  it("sums calls and errors, lists services once, spans first to last use, busiest first", () => {
    const rows = [
      row({ count: 3, lastSeen: "2026-11-02T11:00:00Z" }),
      row({ eventSource: "kms.amazonaws.com", eventName: "Decrypt", errorCode: "AccessDenied", count: 2, firstSeen: "2026-11-01T09:00:00Z" }),
      row({ principal: "o'neil", principalType: "Unknown", count: 9, eventSource: "sts.amazonaws.com", eventName: "GetCallerIdentity" }),
    ];
    expect(principalSummaries(rows)).toEqual([
      { principal: "o'neil", principalType: "Unknown", calls: 9, services: ["sts.amazonaws.com"], errors: 0, firstSeen: "2026-11-02T10:00:00Z", lastSeen: "2026-11-02T10:00:00Z" },
      { principal: ROLE, principalType: "AssumedRole", calls: 5, services: ["kms.amazonaws.com", "s3.amazonaws.com"], errors: 2, firstSeen: "2026-11-01T09:00:00Z", lastSeen: "2026-11-02T11:00:00Z" },
    ]);
  });

  it("takes the identity type of most calls over all rows, the first by name on a tie", () => {
    const bob = "arn:aws:iam::111122223333:user/bob";
    const rows = [
      row({ principal: bob, principalType: "Unknown", count: 5 }),
      row({ principal: bob, principalType: "IAMUser", count: 3, eventName: "PutObject" }),
      row({ principal: bob, principalType: "IAMUser", count: 3, eventName: "ListBucket" }),
    ];
    expect(principalSummaries(rows)[0]!.principalType).toBe("IAMUser");
    expect(principalSummaries([row({ principalType: "Unknown", count: 2 }), row({ principalType: "AssumedRole", count: 2, eventName: "PutObject" })])[0]!.principalType).toBe(
      "AssumedRole",
    );
  });

  it("gives no first or last use for calls without a time, and keeps the dated ones", () => {
    expect(principalSummaries([row({ firstSeen: "", lastSeen: "" })])[0]).toMatchObject({ firstSeen: "", lastSeen: "" });
    expect(principalSummaries([row({ firstSeen: "", lastSeen: "" }), row({ eventName: "PutObject" })])[0]).toMatchObject({
      firstSeen: "2026-11-02T10:00:00Z",
      lastSeen: "2026-11-02T10:00:00Z",
    });
  });

  it("orders names as SQL does, by UTF-8 bytes, not UTF-16 units", () => {
    // U+E000 is one UTF-16 unit above the surrogates of U+1F600, but below it in UTF-8.
    const rows = [row({ principal: "a\u{1F600}" }), row({ principal: "a\uE000" })];
    expect(principalSummaries(rows).map((p) => p.principal)).toEqual(["a\uE000", "a\u{1F600}"]);
  });

  it("is empty without rows", () => {
    expect(principalSummaries([])).toEqual([]);
  });
});

describe("observedCalls", () => {
  it("lists each (eventSource, eventName) once, in order, whoever made it and however it ended", () => {
    const rows = [
      row({ eventName: "PutObject" }),
      row({ principal: "o'neil", eventName: "GetObject", errorCode: "AccessDenied" }),
      row({ eventSource: "kms.amazonaws.com", eventName: "Decrypt" }),
      row({ eventName: "GetObject" }),
    ];
    expect(observedCalls(rows)).toEqual([
      { eventSource: "kms.amazonaws.com", eventName: "Decrypt" },
      { eventSource: "s3.amazonaws.com", eventName: "GetObject" },
      { eventSource: "s3.amazonaws.com", eventName: "PutObject" },
    ]);
  });
});
