import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { driftTrend, historyFileName, historySlot, parseHistoryRun, readHistory, runTime, TREND_RUNS } from "../../src/drift/history.js";

const ROLE = "arn:aws:iam::111122223333:role/ecs/app-task";

/** A run as renderDriftJson writes it, with only what history reads. */
function runJson(lastEvent: string | null, generated: string, counts: { unused: number; newUsage: number; denied: number }, role = ROLE): string {
  const list = (n: number) => Array.from({ length: n }, (_, i) => ({ i }));
  return JSON.stringify({
    version: 1,
    window: { since: "2026-11-01T00:00:00Z", until: null },
    provenance: { firstEvent: null, lastEvent, generated },
    roles: [{ role, unused: list(counts.unused), newUsage: list(counts.newUsage), denied: list(counts.denied) }],
  });
}

function dir(): string {
  const made = mkdtempSync(path.join(os.tmpdir(), "tighten-history-"));
  onTestFinished(() => rmSync(made, { recursive: true, force: true }));
  return made;
}

describe("drift history", () => {
  it("files a run under its last event, else when it was generated, without `:`", () => {
    expect(runTime({ provenance: { lastEvent: "2026-11-05T18:15:06Z", generated: "2026-12-01T00:00:00Z" }, window: { since: "x", until: null } })).toBe("2026-11-05T18:15:06Z");
    expect(runTime({ provenance: { lastEvent: null, generated: "2026-12-01T00:00:00Z" }, window: { since: "x", until: null } })).toBe("2026-12-01T00:00:00Z");
    expect(historyFileName("2026-11-05T18:15:06Z")).toBe("drift-2026-11-05T18-15-06Z.json");
    expect(historyFileName("2026-11-05T18:15:06Z", 3)).toBe("drift-2026-11-05T18-15-06Z-3.json");
    expect(historyFileName("../../etc/passwd")).toBe("drift-______etc_passwd.json");
  });

  it("writes the same run once, and another run of the same time beside it, never over it", () => {
    const d = dir();
    const time = "2026-11-05T18:15:06Z";
    const first = runJson(time, "2026-12-01T00:00:00Z", { unused: 1, newUsage: 0, denied: 0 });
    expect(historySlot(d, time, first)).toEqual({ file: "drift-2026-11-05T18-15-06Z.json", same: false, ordinal: 1 });
    writeFileSync(path.join(d, "drift-2026-11-05T18-15-06Z.json"), first);
    // Generated later, the same report otherwise: the same run.
    expect(historySlot(d, time, runJson(time, "2026-12-08T00:00:00Z", { unused: 1, newUsage: 0, denied: 0 }))).toMatchObject({ same: true, ordinal: 1 });
    expect(historySlot(d, time, runJson(time, "2026-12-08T00:00:00Z", { unused: 2, newUsage: 0, denied: 0 }))).toEqual({ file: "drift-2026-11-05T18-15-06Z-2.json", same: false, ordinal: 2 });
  });

  it("reads the runs oldest first, naming and skipping what is not a drift report", () => {
    const d = dir();
    writeFileSync(path.join(d, "drift-b.json"), runJson("2026-11-02T00:00:00Z", "g", { unused: 5, newUsage: 1, denied: 0 }));
    writeFileSync(path.join(d, "drift-a.json"), runJson("2026-11-09T00:00:00Z", "g", { unused: 3, newUsage: 0, denied: 2 }));
    writeFileSync(path.join(d, "drift-c.json"), "{");
    writeFileSync(path.join(d, "drift-d.json"), JSON.stringify({ window: { since: "x" }, roles: [{ role: ROLE, unused: [], newUsage: {}, denied: [] }] }));
    writeFileSync(path.join(d, "drift-e.json"), "[]");
    writeFileSync(path.join(d, "README"), "not read");
    const warnings: string[] = [];
    const runs = readHistory(d, (line) => warnings.push(line));
    expect(runs.map((run) => [run.file, run.time, run.roles.get(ROLE)])).toEqual([
      ["drift-b.json", "2026-11-02T00:00:00Z", { unused: 5, newUsage: 1, denied: 0 }],
      ["drift-a.json", "2026-11-09T00:00:00Z", { unused: 3, newUsage: 0, denied: 2 }],
    ]);
    expect(warnings).toEqual([
      `--history-dir: ${path.join(d, "drift-c.json")}: skipped, not JSON`,
      `--history-dir: ${path.join(d, "drift-d.json")}: skipped, roles[0].newUsage is not a list`,
      `--history-dir: ${path.join(d, "drift-e.json")}: skipped, not a drift report (docs/drift-json.md): no window or roles`,
    ]);
    expect(readdirSync(d)).toHaveLength(6);
    expect(readHistory(path.join(d, "missing"), () => undefined)).toEqual([]);
  });

  it("keeps the last runs per role of the current report, null where a run did not review it; a role named __proto__ is data", () => {
    const runs = Array.from({ length: TREND_RUNS + 2 }, (_, i) =>
      parseHistoryRun(`r${i}`, runJson(`2026-11-${String(i + 1).padStart(2, "0")}T00:00:00Z`, "g", { unused: i, newUsage: 0, denied: 0 }, i % 2 === 0 ? ROLE : "__proto__")),
    );
    const trend = driftTrend(runs, [ROLE, "__proto__"]);
    expect(trend.runs).toHaveLength(TREND_RUNS);
    expect(trend.runs[0]).toBe("2026-11-03T00:00:00Z");
    expect(trend.roles.get(ROLE)!.map((point) => point?.unused ?? null)).toEqual([2, null, 4, null, 6, null, 8, null, 10, null, 12, null]);
    expect(trend.roles.get("__proto__")!.map((point) => point?.unused ?? null)).toEqual([null, 3, null, 5, null, 7, null, 9, null, 11, null, 13]);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
