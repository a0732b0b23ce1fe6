import { describe, expect, it } from "vitest";
import { loadIamCatalog } from "../../src/iam/catalog.js";
import { coverageOf, percent } from "../../src/mapping/coverage.js";
import type { ActionExplanation, RowExplanation } from "../../src/mapping/explanation.js";
import { usageRow } from "./fixtures.js";

const action = (name: string, fields: Partial<ActionExplanation> = {}): ActionExplanation => ({
  action: name,
  exists: true,
  actionVia: "event name",
  candidate: false,
  resources: [],
  resourcesVia: null,
  unmapped: null,
  ...fields,
});

const explained = (
  eventName: string,
  count: number,
  outcome: RowExplanation["outcome"],
  actions: ActionExplanation[],
  eventSource = "s3.amazonaws.com",
): RowExplanation => ({
  row: usageRow({ eventSource, eventName, count }),
  outcome,
  servicePrefix: eventSource.split(".")[0]!,
  servicePrefixVia: "eventSource host",
  actions,
  note: null,
});

describe("coverageOf", () => {
  it("counts calls, not rows, and names what stayed uncovered", async () => {
    const catalog = await loadIamCatalog(["s3", "ecr", "sts", "cloudwatch"]);
    const coverage = coverageOf(
      [
        explained("GetObject", 10, "granted", [action("s3:GetObject", { resources: ["arn:aws:s3:::b/k"] })]),
        explained("PutObject", 5, "granted", [action("s3:PutObject", { unmapped: "the event names no object key" })]),
        explained("GetAuthorizationToken", 3, "granted", [action("ecr:GetAuthorizationToken", { resources: ["*"] })], "ecr.amazonaws.com"),
        explained("PutMetricData", 4, "granted", [action("cloudwatch:PutMetricData", { resources: ["*"] })], "monitoring.amazonaws.com"),
        explained("GetCallerIdentity", 7, "no-permission-needed", [], "sts.amazonaws.com"),
        explained("Frobnicate", 2, "granted", [action("s3:Frobnicate", { exists: false })]),
        explained("DeleteObject", 6, "denied", [action("s3:DeleteObject", { resources: ["arn:aws:s3:::b/k"] })]),
      ],
      catalog,
    );
    expect(coverage).toMatchObject({
      calls: 37,
      successfulCalls: 31, // all but the denied
      mappedCalls: 29, // all successful but Frobnicate
      resourceLevelActions: 15, // GetObject + PutObject; not the wildcard-only token nor PutMetricData's rule-based "*"
      specificActions: 10,
    });
    expect(coverage.uncovered).toEqual([
      { eventSource: "s3.amazonaws.com", eventName: "PutObject", action: "s3:PutObject", reason: "the event names no object key", count: 5 },
      { eventSource: "s3.amazonaws.com", eventName: "Frobnicate", action: "s3:Frobnicate", reason: "iam-data has no action s3:Frobnicate", count: 2 },
    ]);
  });

  it("formats shares", () => {
    expect(percent(29, 31)).toBe("93.5%");
    expect(percent(0, 0)).toBe("-");
  });
});
