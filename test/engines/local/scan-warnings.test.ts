import { execFileSync } from "node:child_process";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it, onTestFinished } from "vitest";
import { openUsageSource, type ScanArgs, type ScanShape } from "../../../src/cli/scan-options.js";
import type { UsageSource } from "../../../src/engines/engine.js";
import { UsageError } from "../../../src/usage-error.js";
import { recordsGzip, roleEvent, writeFile } from "../../support/trail.js";
import { scratchDir } from "./scratch.js";

// What a user sees on stderr from the local engine's scan: one warning line per file or per kind
// of record, a summary, and --strict refusing what was lost. openUsageSource runs in-process.

const getItem = (eventID: string, eventTime = "2026-11-02T10:00:00Z") =>
  roleEvent("ecs/payments-service-task", "dynamodb.amazonaws.com", "GetItem", { eventID, eventTime, requestParameters: { tableName: "payments" } });

interface Run {
  readonly source: UsageSource;
  readonly lines: string[];
}

async function scan(logs: string[], flags: Partial<ScanArgs> = {}, shape: ScanShape = {}): Promise<Run> {
  let text = "";
  const stderr = { isTTY: false, write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WriteStream;
  const args: ScanArgs = { logs, since: undefined, until: undefined, quiet: false, strict: false, engine: "local", ...flags };
  const source = await openUsageSource(args, stderr, shape);
  onTestFinished(() => source.close());
  return { source, lines: text.trimEnd().split("\n") };
}

/** A tree with one of everything the scan warns about, and the paths of its files. */
function troubledLogs() {
  const root = scratchDir();
  const whole = gzipSync(Array.from({ length: 400 }, (_, i) => JSON.stringify(getItem(`lake-${i}`))).join("\n"));
  return {
    root,
    corrupt: writeFile(root, "a-corrupt.json.gz", Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xfe])),
    truncated: writeFile(root, "b-lake.json.gz", whole.subarray(0, Math.floor(whole.length * 0.6))),
    badLines: writeFile(root, "c-lines.json", `${JSON.stringify(getItem("c-1"))}\n{oops\n${JSON.stringify(getItem("c-2"))}\n`),
    odd: writeFile(
      root,
      "d-odd.json.gz",
      recordsGzip([getItem("d-1"), 7, "x", null, getItem("d-undated", "not a time"), getItem("d-future", "2099-01-01T00:00:00Z")]),
    ),
    copies: writeFile(root, "e-copies.json.gz", recordsGzip([getItem("d-1"), getItem("c-1"), getItem("e-1")])),
  };
}

describe("openUsageSource on the local engine", () => {
  it("prints one line per troubled file and per kind of record, then the summary with the copies dropped", async () => {
    const logs = troubledLogs();
    const { lines, source } = await scan([logs.root]);
    const events = source.report.events;
    const lake = events - 2 - 3 - 3; // what was read of the truncated export
    expect(lines.slice(0, -1)).toEqual([
      expect.stringMatching(new RegExp(`^warning: skipped ${logs.corrupt}: corrupt gzip data`)),
      `warning: read ${logs.truncated} in part: truncated gzip after ${lake} events: read the events before it`,
      `warning: read ${logs.badLines} in part: skipped 1 unreadable line`,
      `warning: skipped 3 records that are not JSON objects or hold no CloudTrail field (in ${logs.odd})`,
      `warning: 1 event without a parseable eventTime (in ${logs.odd}): counted, with no first or last seen`,
      `warning: 1 event dated more than a day in the future (in ${logs.odd}): counted; check the clock of what wrote them`,
    ]);
    expect(lines.at(-1)).toMatch(new RegExp(`^read ${events} events \\(2 duplicates dropped\\) from 4 files, 2 read in part, 1 skipped in [\\d.]+ s`));
  });

  it("says undated events are left out of a window, and of a scan by hour", async () => {
    const logs = troubledLogs();
    const { lines } = await scan([logs.root], { since: "2026-01-01" });
    expect(lines).toContain(
      `warning: 1 event without a parseable eventTime (in ${logs.odd}): left out: without a time they cannot be placed in the --since/--until window`,
    );
    const { lines: hourly } = await scan([logs.root], {}, { byHour: true, names: "exact" });
    expect(hourly).toContain(`warning: 1 event without a parseable eventTime (in ${logs.odd}): left out: without a time they cannot be placed in an hour, by which backtest splits them`);
  });

  it("with --strict, refuses skipped files, files read in part, records that are not objects and undated events left out", async () => {
    const logs = troubledLogs();
    await expect(scan([logs.root], { strict: true })).rejects.toThrow(new RegExp(`^--strict: ${logs.corrupt}: corrupt gzip data \\(.*\\) \\(and 3 more\\)$`));
    const root = scratchDir();
    const cut = gzipSync(Array.from({ length: 400 }, (_, i) => JSON.stringify(getItem(`lake-${i}`))).join("\n"));
    const truncated = writeFile(root, "lake.json.gz", cut.subarray(0, Math.floor(cut.length / 2)));
    await expect(scan([root], { strict: true })).rejects.toThrow(new RegExp(`^--strict: ${truncated}: truncated gzip after \\d+ events: read the events before it$`));
    const records = scratchDir();
    const odd = writeFile(records, "odd.json.gz", recordsGzip([getItem("1"), 1, getItem("2", "soon")]));
    await expect(scan([records], { strict: true })).rejects.toThrow(new UsageError(`--strict: 1 record that is not a JSON object or holds no CloudTrail field (in ${odd})`));
    const undated = scratchDir();
    const file = writeFile(undated, "undated.json.gz", recordsGzip([getItem("1"), getItem("2", "soon")]));
    await expect(scan([undated], { strict: true, since: "2026-01-01" })).rejects.toThrow(
      new UsageError(`--strict: 1 event without a parseable eventTime left out (in ${file})`),
    );
    await expect(scan([undated], { strict: true }, { byHour: true })).rejects.toThrow(UsageError);
  });

  it("with --strict, lets copies, future dates and undated events it counts pass", async () => {
    const root = scratchDir();
    writeFile(root, "a.json.gz", recordsGzip([getItem("1"), getItem("1"), getItem("2", "2099-01-01T00:00:00Z"), getItem("3", "soon")]));
    const { source } = await scan([root], { strict: true });
    expect(source.report.records).toMatchObject({ duplicates: 1, future: { count: 1 }, undated: { count: 1 } });
  });

  it("refuses a FIFO as --logs, and an absurd --since, in one line", async () => {
    const root = scratchDir();
    const fifo = path.join(root, "events.json");
    execFileSync("mkfifo", [fifo]);
    await expect(scan([fifo])).rejects.toThrow(new UsageError(`--logs ${fifo}: not a regular file or directory`));
    writeFile(root, "a.json.gz", recordsGzip([getItem("1")]));
    await expect(scan([path.join(root, "a.json.gz")], { since: "999999999d" })).rejects.toThrow(/^--since 999999999d reaches back before 1970: give at most \d+d, or an ISO date$/);
  });
});
