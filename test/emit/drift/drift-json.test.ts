import { describe, expect, it } from "vitest";
import { renderDriftJson } from "../../../src/emit/drift/drift-json.js";
import { hostileReport } from "../../drift/fixtures.js";

describe("renderDriftJson", () => {
  it("parses back to exactly the report, hostile strings included", () => {
    const report = hostileReport();
    expect(JSON.parse(renderDriftJson(report))).toEqual({ version: 1, ...report });
  });

  it("writes no raw control or bidi character a terminal would act on", () => {
    const text = renderDriftJson(hostileReport());
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(text).toContain("\\u001b[2J\\u202e\\nnext");
  });

  it("writes keys in the documented order, whatever order the report was built in", () => {
    const report = hostileReport();
    const role = report.roles[0]!;
    const shuffled = { roles: [{ totals: role.totals, ecs: role.ecs, wildcards: role.wildcards, denied: role.denied, newUsage: role.newUsage, unused: role.unused, baseline: role.baseline, role: role.role }], window: report.window };
    const keys = Object.keys((JSON.parse(renderDriftJson(shuffled)) as { roles: object[] }).roles[0]!);
    expect(keys).toEqual(["role", "baseline", "totals", "unused", "newUsage", "denied", "wildcards", "ecs", "unobservable", "unmapped"]);
  });

  it("is byte-identical from one call to the next", () => {
    expect(renderDriftJson(hostileReport())).toBe(renderDriftJson(hostileReport()));
  });
});
