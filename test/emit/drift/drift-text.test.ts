import { describe, expect, it } from "vitest";
import { renderDriftText } from "../../../src/emit/drift/drift-text.js";
import { HOSTILE, hostileReport } from "../../drift/fixtures.js";

describe("renderDriftText", () => {
  const text = renderDriftText(hostileReport());

  it("shows control characters and line breaks from logs as escapes, never raw", () => {
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(text).toContain(`${HOSTILE}\\u001b[2J\\u202e\\u000anext`);
    // Every line is the report's own: a line break in a log value never starts a new one.
    expect(text.split("\n").filter((line) => line.startsWith("next"))).toEqual([]);
  });

  it("has a section per kind of finding, new usage first, and the suggested statement marked as not applied", () => {
    const sections = text.split("\n").filter((line) => /^[A-Z][A-Za-z]+( [a-z]+)? \(\d+\)/.test(line)).map((line) => line.slice(0, line.indexOf(" (")));
    expect(sections).toEqual(["New usage", "Denied", "Unused", "Wildcards", "ECS", "Unobservable"]);
    expect(text).toMatch(/would be allowed by \(not applied\): \{"Effect":"Allow","Action":\["s3:DeleteObject"\]/);
    expect(text).toMatch(/^Unmapped: 1 successful call/m);
    expect(text).toMatch(/actions: 3 granted, 1 used, 1 denied \| 2 unused, 1 new usage/);
  });

  it("names one event of each new-usage and denied row, and when the denied calls began and ended", () => {
    expect(text).toMatch(/ACTION\s+RESOURCE\s+CALLS\s+FIRST SEEN\s+LAST SEEN\s+EVENT\s+WHY/);
    expect(text).toContain(`new-${HOSTILE}\\u001b[2J`);
    expect(text).toContain(`2 calls, first 2026-11-03T12:00:00Z, last 2026-11-04T00:00:00Z, event denied-${HOSTILE}\\u001b[2J`);
  });

  it("lists high-risk unused grants with their last use", () => {
    expect(text).toMatch(/High risk \(1\):\n\s+ACTION\s+ACCESS\s+RESOURCES\s+LAST USED\s+RISKS\n\s+s3:GetObject\s+Read\s+.*2026-10-01T00:00:00Z\s+data exfiltration/);
  });
});
