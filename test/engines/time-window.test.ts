import { describe, expect, it } from "vitest";
import { parseTimePoint, parseTimeWindow } from "../../src/engines/time-window.js";
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
