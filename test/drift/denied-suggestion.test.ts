import { describe, expect, it } from "vitest";
import { deniedSuggestion, groupDenied } from "../../src/drift/denied-suggestion.js";
import type { Denied } from "../../src/mapping/permission.js";

const denied = (eventName: string, errorCode: string, actions: string[], resources: string[], count: number, lastSeen: string): Denied => ({
  principal: "arn:aws:iam::111122223333:role/app",
  eventSource: "s3.amazonaws.com",
  eventName,
  errorCode,
  actions,
  resources,
  evidence: { count, firstSeen: "2026-11-01T00:00:00Z", lastSeen },
});

describe("groupDenied", () => {
  it("groups refusals of one call and error across resources, with the statement that would allow them", () => {
    const groups = groupDenied([
      denied("DeleteObject", "AccessDenied", ["s3:DeleteObject"], ["arn:aws:s3:::b/y"], 2, "2026-11-03T00:00:00Z"),
      denied("DeleteObject", "AccessDenied", ["s3:DeleteObject"], ["arn:aws:s3:::b/x"], 1, "2026-11-05T00:00:00Z"),
      denied("DeleteObject", "AllAccessDisabled", ["s3:DeleteObject"], ["arn:aws:s3:::b/x"], 1, "2026-11-02T00:00:00Z"),
    ]);
    expect(groups).toEqual([
      {
        actions: ["s3:DeleteObject"],
        call: "s3.amazonaws.com:DeleteObject",
        errorCode: "AccessDenied",
        calls: 3,
        firstSeen: "2026-11-01T00:00:00Z",
        lastSeen: "2026-11-05T00:00:00Z",
        resources: ["arn:aws:s3:::b/x", "arn:aws:s3:::b/y"],
        suggestion: { Effect: "Allow", Action: ["s3:DeleteObject"], Resource: ["arn:aws:s3:::b/x", "arn:aws:s3:::b/y"] },
      },
      expect.objectContaining({ errorCode: "AllAccessDisabled", calls: 1 }),
    ]);
  });

  it("names the CloudTrail call and suggests nothing when the mapping knows no action", () => {
    const [group] = groupDenied([denied("MadeUpCall", "AccessDenied", [], [], 1, "2026-11-05T00:00:00Z")]);
    expect(group).toMatchObject({ actions: ["s3.amazonaws.com:MadeUpCall"], suggestion: null });
  });

  it("suggests no statement without a resource: Resource * is what the review removes", () => {
    expect(deniedSuggestion(["s3:GetObject"], [])).toBeNull();
  });
});
