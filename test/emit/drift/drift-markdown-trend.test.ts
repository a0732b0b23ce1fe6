import { describe, expect, it } from "vitest";
import type { DriftTrend } from "../../../src/drift/history.js";
import { renderDriftMarkdown, textSparkline } from "../../../src/emit/drift/drift-markdown.js";
import { DRIFT_REPORT, HOSTILE_ROLE, PAYMENTS_ROLE } from "./drift-report-fixture.js";

describe("the drift Markdown trend", () => {
  it("draws a series as block characters from 0 to its largest value, a run without the role as ·", () => {
    expect(textSparkline([0, 4, 8])).toBe("▁▅█");
    expect(textSparkline([0, 0])).toBe("▁▁");
    expect(textSparkline([null, 2, 1])).toBe("·█▅");
  });

  it("tables each role's new usage, denied and unused over the runs, oldest first, as text (GitHub strips inline SVG)", () => {
    const trend: DriftTrend = {
      runs: ["2026-10-26T00:00:00Z", "2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z"],
      roles: new Map([
        [PAYMENTS_ROLE, [{ unused: 6, newUsage: 0, denied: 1 }, { unused: 3, newUsage: 1, denied: 2 }, { unused: 3, newUsage: 2, denied: 2 }]],
        [HOSTILE_ROLE, [null, { unused: 1, newUsage: 0, denied: 0 }, { unused: 1, newUsage: 1, denied: 1 }]],
      ]),
    };
    const markdown = renderDriftMarkdown(DRIFT_REPORT, undefined, trend);
    expect(markdown).toContain("### Trend over the last 3 runs, `2026-10-26T00:00:00Z` to `2026-11-09T00:00:00Z`");
    expect(markdown).toContain("| `payments-service-task` | `▁▅█` 0 → 2 | `▅██` 1 → 2 | `█▅▅` 6 → 3 |");
    expect(markdown).not.toContain("<svg");
    // It comes after what breaks and the roles table, before each role's detail.
    expect(markdown.indexOf("### Trend")).toBeGreaterThan(markdown.indexOf("### Roles with findings"));
    expect(markdown.indexOf("### Trend")).toBeLessThan(markdown.indexOf("### Role `payments-service-task`"));
    expect(renderDriftMarkdown(DRIFT_REPORT, undefined, { runs: ["2026-11-09T00:00:00Z"], roles: new Map() })).toContain("Trend: this is the first run kept in the history");
    expect(renderDriftMarkdown(DRIFT_REPORT)).not.toContain("Trend");
  });
});
