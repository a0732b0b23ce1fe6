import { describe, expect, it } from "vitest";
import { driftWindow, inWindow, parseHistory } from "../../src/drift/drift-window.js";
import { UsageError } from "../../src/usage-error.js";

const NOW = new Date("2026-11-23T14:30:00.250Z");

describe("driftWindow", () => {
  it("reviews the last 30 days by default and reads 90 days more for last uses", () => {
    expect(driftWindow({ history: "90d" }, NOW)).toEqual({
      // Rounded up to the second: CloudTrail times are whole seconds.
      start: "2026-10-24T14:30:01Z",
      until: null,
      readFrom: "2026-07-26T14:30:01Z",
    });
  });

  it("takes --since and --until as given, and --history 0 reads nothing before the window", () => {
    expect(driftWindow({ since: "2026-11-01", until: "2026-11-20", history: "0" }, NOW)).toEqual({
      start: "2026-11-01T00:00:00Z",
      until: "2026-11-20T00:00:00Z",
      readFrom: "2026-11-01T00:00:00Z",
    });
  });

  it("rejects a window that ends before it starts, and a history that is not a duration", () => {
    expect(() => driftWindow({ since: "2026-11-20", until: "2026-11-01", history: "90d" }, NOW)).toThrow(UsageError);
    expect(() => parseHistory("3 months")).toThrow(/--history '3 months'/);
    expect(parseHistory("12h")).toBe(12 * 3_600_000);
  });

  it("counts a row as in the window when it was last seen at or after the start", () => {
    const window = { start: "2026-11-01T00:00:00Z" };
    expect(inWindow("2026-11-01T00:00:00Z", window)).toBe(true);
    expect(inWindow("2026-10-31T23:59:59Z", window)).toBe(false);
  });
});
