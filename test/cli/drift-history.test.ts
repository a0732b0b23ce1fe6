import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { run } from "../support/run-cli.js";

// `drift --history-dir DIR` keeps each run's JSON report in DIR and draws the last runs as a trend.
// Two runs over the examples differ by --until: the first ends before notifications-service-execution's
// new usage and payments-service-task's denied calls, the second after.

const BASE = ["drift", "--logs", "examples/cloudtrail", "--all-roles", "--baseline", "examples/current", "--since", "2026-11-01", "--quiet"];
const FIRST = [...BASE, "--until", "2026-11-03T12:00:00Z"];
const SECOND = [...BASE, "--until", "2026-11-06"];

function historyDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tighten-drift-history-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const files = (dir: string) => readdirSync(dir).sort();

describe("tighten drift --history-dir", () => {
  it("keeps each run's JSON report in a file named by its last event, and draws the runs as a trend", async () => {
    const dir = historyDir();
    const first = await run(...FIRST, "--history-dir", dir, "--format", "markdown");
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("Trend: this is the first run kept in the history");
    const [firstFile] = files(dir);
    expect(firstFile).toMatch(/^drift-2026-11-03T\d\d-\d\d-\d\dZ\.json$/);
    const kept = JSON.parse(readFileSync(path.join(dir, firstFile!), "utf8")) as { provenance: { lastEvent: string }; roles: unknown[] };
    expect(firstFile).toBe(`drift-${kept.provenance.lastEvent.replace(/:/g, "-")}.json`);
    expect(kept.roles.length).toBeGreaterThan(0);

    const second = await run(...SECOND, "--history-dir", dir, "--format", "markdown");
    expect(second.code, second.stderr).toBe(0);
    expect(files(dir)).toEqual([firstFile, "drift-2026-11-05T18-15-06Z.json"]);
    expect(second.stdout).toMatch(/### Trend over the last 2 runs, `2026-11-03T[\d:]+Z` to `2026-11-05T18:15:06Z`/);
    // A text sparkline and first -> last per kind: GitHub strips inline SVG from Markdown.
    expect(second.stdout).toMatch(/\| `payments-service-task` \| `▁▁` 0 → 0 \| `▁█` 0 → 2 \| `[▁-█]{2}` \d+ → \d+ \|/);
    expect(second.stdout.length).toBeLessThan(60_000);

    const html = await run(...SECOND, "--history-dir", dir, "--format", "html");
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout).toContain('<th scope="col">Trend, last 2 runs</th>');
    expect(html.stdout).toContain('aria-label="Denied of role payments-service-task, oldest run first: 0, 2"');
    // The same run again is the same file: nothing new is kept.
    expect(files(dir)).toHaveLength(2);
  }, 180_000);

  it("never overwrites another run of the same time: it keeps it as -2 and says so", async () => {
    const dir = historyDir();
    expect((await run(...SECOND, "--history-dir", dir, "--format", "json")).code).toBe(0);
    const oneRole = SECOND.map((arg) => (arg === "--all-roles" ? "--role=payments-service-task" : arg));
    const other = await run(...oneRole, "--history-dir", dir, "--format", "json");
    expect(other.code, other.stderr).toBe(0);
    expect(files(dir)).toEqual(["drift-2026-11-05T18-15-06Z-2.json", "drift-2026-11-05T18-15-06Z.json"]);
    expect(other.stderr).toContain(`--history-dir: ${path.join(dir, "drift-2026-11-05T18-15-06Z.json")} holds another run with the same last event; this one is kept as drift-2026-11-05T18-15-06Z-2.json`);
  }, 120_000);

  it("names a corrupt file in the directory on one line and skips it", async () => {
    const dir = historyDir();
    writeFileSync(path.join(dir, "drift-2026-10-01T00-00-00Z.json"), '{"roles": [');
    writeFileSync(path.join(dir, "drift-2026-10-08T00-00-00Z.json"), JSON.stringify({ window: { since: "2026-10-01" }, roles: [{ role: "x", unused: 3 }] }));
    writeFileSync(path.join(dir, "notes.txt"), "not a run");
    const result = await run(...SECOND, "--history-dir", dir, "--format", "html");
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr.split("\n").filter((line) => line.includes("--history-dir"));
    expect(lines).toEqual([
      `--history-dir: ${path.join(dir, "drift-2026-10-01T00-00-00Z.json")}: skipped, not JSON`,
      `--history-dir: ${path.join(dir, "drift-2026-10-08T00-00-00Z.json")}: skipped, roles[0].unused is not a list`,
    ]);
    expect(result.stdout).toContain("Trend: this is the first run kept in the history");
  });

  it("fails before reading any log when the directory is a file", async () => {
    const dir = historyDir();
    const file = path.join(dir, "a-file");
    writeFileSync(file, "");
    const result = await run(...SECOND, "--history-dir", file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--history-dir ${file}: not a directory`);
    expect(result.stderr).not.toMatch(/read \d+ events/);
  });
});
