import { describe, expect, it } from "vitest";
import { athenaTimeWindow, parseTimePoint, parseTimeWindow } from "../../src/engines/time-window.js";
import { UsageError } from "../../src/usage-error.js";

const NOW = new Date("2026-11-23T12:00:00Z");

describe("parseTimePoint", () => {
  it("reads durations back from now", () => {
    expect(parseTimePoint("--since", "90d", NOW).toISOString()).toBe("2026-08-25T12:00:00.000Z");
    expect(parseTimePoint("--since", "12h", NOW).toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(parseTimePoint("--since", "30m", NOW).toISOString()).toBe("2026-11-23T11:30:00.000Z");
  });

  it("reads dates and times as UTC unless they carry a zone", () => {
    expect(parseTimePoint("--since", "2026-11-01", NOW).toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(parseTimePoint("--since", "2026-11-01T12:30", NOW).toISOString()).toBe("2026-11-01T12:30:00.000Z");
    expect(parseTimePoint("--since", "2026-11-01T12:30:00+02:00", NOW).toISOString()).toBe("2026-11-01T10:30:00.000Z");
  });

  it.each([
    ["999999999d", "20780d"],
    ["20781d", "20780d"],
    ["99999999999999999999999h", "498732h"],
  ])("refuses %s, which reaches back before 1970, naming the flag", (value, most) => {
    expect(() => parseTimePoint("--since", value, NOW)).toThrow(new UsageError(`--since ${value} reaches back before 1970: give at most ${most}, or an ISO date`));
  });

  it("refuses a duration too long to be a number", () => {
    const value = `${"9".repeat(400)}m`; // Number() makes it Infinity
    expect(() => parseTimePoint("--until", value, NOW)).toThrow(new UsageError(`--until ${value} reaches back before 1970: give at most 29923920m, or an ISO date`));
  });

  it("accepts the longest duration that stays after 1970", () => {
    expect(parseTimePoint("--since", "20780d", NOW).toISOString()).toBe("1970-01-01T12:00:00.000Z");
  });

  it.each(["yesterday", "2026-13-01", "90", "-3d", "2026/11/01", ""])("rejects %j naming the flag", (value) => {
    expect(() => parseTimePoint("--until", value, NOW)).toThrow(UsageError);
    expect(() => parseTimePoint("--until", value, NOW)).toThrow(/^--until/);
  });
});

describe("parseTimeWindow", () => {
  it("leaves absent ends unbounded", () => {
    expect(parseTimeWindow(undefined, undefined, NOW)).toEqual({ since: null, until: null });
  });

  it("refuses a window that ends before it starts", () => {
    expect(() => parseTimeWindow("2026-11-02", "2026-11-01", NOW)).toThrow(/--since 2026-11-02 is not before --until/);
  });
});

describe("--since all", () => {
  it("is no start, said on purpose", () => {
    expect(parseTimeWindow("all", undefined, NOW)).toEqual({ since: null, until: null });
    expect(parseTimeWindow("all", "2026-11-05", NOW)).toEqual({ since: null, until: new Date("2026-11-05T00:00:00Z") });
    expect(() => parseTimeWindow(undefined, "all", NOW)).toThrow(UsageError);
  });
});

describe("athenaTimeWindow", () => {
  it("reads the last 90 days from the start of that UTC day when --since is not given, and says so", () => {
    expect(athenaTimeWindow(undefined, undefined, new Date("2026-12-03T22:41:00Z"))).toEqual({
      window: { since: new Date("2026-09-04T00:00:00Z"), until: null },
      note: "athena: --since not given: reading the last 90 days (2026-09-04..); --since all reads everything",
    });
    // The same window all day long: two runs on one day read the same partitions.
    expect(athenaTimeWindow(undefined, undefined, new Date("2026-12-03T00:00:00Z")).window).toEqual({ since: new Date("2026-09-04T00:00:00Z"), until: null });
  });

  it("counts the 90 days back from --until when only it is given", () => {
    expect(athenaTimeWindow(undefined, "2026-11-05T12:00Z", NOW)).toEqual({
      window: { since: new Date("2026-08-07T00:00:00Z"), until: new Date("2026-11-05T12:00:00Z") },
      note: "athena: --since not given: reading the last 90 days (2026-08-07..2026-11-05); --since all reads everything",
    });
  });

  it("takes a window given, --since all included, as it is, and says nothing", () => {
    expect(athenaTimeWindow("7d", undefined, NOW)).toEqual({ window: { since: new Date("2026-11-16T12:00:00Z"), until: null }, note: null });
    expect(athenaTimeWindow("all", undefined, NOW)).toEqual({ window: { since: null, until: null }, note: null });
  });
});
