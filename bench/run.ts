// The throughput benchmark: times `tighten roles` and `tighten generate --all-roles` over the
// synthetic dataset against a baseline of decompressing the same files with one zcat process, all
// in the same run, so the figures are ratios that hold across machines. Wall time and peak RSS come
// from GNU time.
//
//   npm run bench                                   (1,000,000 events, each command once)
//   node dist/bench/run.js --events 200000 --repeat 3

import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Dataset, DATA_ROOT, describe, ensureDataset, parseEventCount } from "./generate-events.js";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url)); // dist/bench -> repo root
const GNU_TIME = "/usr/bin/time";
/** The goal from the engine study: full aggregation in at most 0.6x the time of a plain zcat. */
const GENERATE_TARGET = 0.6;

interface Options {
  readonly events: number;
  readonly repeat: number;
}

interface Measurement {
  readonly wallSeconds: number;
  readonly peakRssKiB: number;
}

interface CommandResult {
  readonly name: string;
  readonly command: readonly string[];
  readonly runs: readonly Measurement[];
  readonly failure?: string;
  readonly note?: string;
}

function parseOptions(argv: readonly string[]): Options {
  let events = parseEventCount(process.env.BENCH_EVENTS);
  let repeat = 1;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value; usage: run.js [--events N] [--repeat K]`);
    if (flag === "--events") events = parseEventCount(value);
    else if (flag === "--repeat") repeat = parseEventCount(value);
    else throw new Error(`unknown argument "${flag}"; usage: run.js [--events N] [--repeat K]`);
    i++;
  }
  return { events, repeat };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".json.gz"))
    .map((name) => join(dir, name));
}

/** Read every file once so all three commands start with the data in the page cache. */
function warmPageCache(files: readonly string[]): void {
  for (const file of files) readFileSync(file);
}

/** Runs one command under GNU time; stdout goes to a file so terminal speed is not measured. */
function timed(command: readonly string[], stdoutPath: string): Measurement | { failure: string } {
  const timeFile = join(tmpdir(), `tighten-bench-time-${process.pid}`);
  const stdout = openSync(stdoutPath, "w");
  try {
    const child = spawnSync(GNU_TIME, ["-f", "%e %M", "-o", timeFile, ...command], {
      cwd: REPO_ROOT,
      stdio: ["ignore", stdout, "pipe"],
      maxBuffer: 64 * 1024 * 1024,
    });
    if (child.error !== undefined) return { failure: child.error.message };
    if (child.status !== 0) {
      // An uncaught exception ends with Node's version banner; the line naming the error is more useful.
      const lines = child.stderr.toString().trim().split("\n").filter((l) => l.trim() !== "" && !l.startsWith("Command exited"));
      const reason = lines.find((l) => /^\w*Error\b/.test(l)) ?? lines.at(-1) ?? "";
      return { failure: `exit ${child.status}: ${reason.slice(0, 200)}` };
    }
    const [wall, rss] = readFileSync(timeFile, "utf8").trim().split("\n").at(-1)?.split(" ").map(Number) ?? [];
    return { wallSeconds: wall ?? Number.NaN, peakRssKiB: rss ?? Number.NaN };
  } finally {
    closeSync(stdout);
    rmSync(timeFile, { force: true });
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function benchmark(dataset: Dataset, repeat: number): CommandResult[] {
  const scratch = mkdtempSync(join(tmpdir(), "tighten-bench-"));
  const stdoutPath = join(scratch, "stdout");
  const outDir = join(scratch, "policies");
  const commands: { name: string; command: string[]; check?: () => string }[] = [
    {
      // One zcat process: xargs passes all files to one invocation (it would split only past ARG_MAX).
      name: "zcat (1 process)",
      command: ["sh", "-c", 'find "$1" -name "*.json.gz" -print0 | xargs -0 zcat > /dev/null', "sh", dataset.dir],
    },
    {
      name: "tighten roles",
      command: ["node", "bin/tighten.js", "roles", "--logs", dataset.dir, "--quiet", "--format", "json"],
      check: () => `${readFileSync(stdoutPath).length} bytes of JSON`,
    },
    {
      name: "tighten generate",
      command: ["node", "bin/tighten.js", "generate", "--logs", dataset.dir, "--all-roles", "--out", outDir, "--quiet"],
      check: () => (existsSync(outDir) ? `${readdirSync(outDir).length} policy files` : "no output directory"),
    },
  ];
  const results: CommandResult[] = [];
  try {
    for (const { name, command, check } of commands) {
      const runs: Measurement[] = [];
      let failure: string | undefined;
      let note: string | undefined;
      for (let i = 0; i < repeat && failure === undefined; i++) {
        rmSync(outDir, { recursive: true, force: true });
        const outcome = timed(command, stdoutPath);
        if ("failure" in outcome) failure = outcome.failure;
        else {
          runs.push(outcome);
          note = check?.();
        }
      }
      results.push({ name, command, runs, ...(failure === undefined ? {} : { failure }), ...(note === undefined ? {} : { note }) });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return results;
}

function report(dataset: Dataset, results: readonly CommandResult[], repeat: number): string {
  const events = dataset.manifest.events;
  const baseline = results[0] !== undefined && results[0].runs.length > 0 ? median(results[0].runs.map((r) => r.wallSeconds)) : Number.NaN;
  const rows = [["command", "wall s", "events/s", "x zcat", "peak RSS MiB", ""]];
  for (const r of results) {
    if (r.failure !== undefined) {
      rows.push([r.name, "-", "-", "-", "-", `FAILED ${r.failure}`]);
      continue;
    }
    const wall = median(r.runs.map((m) => m.wallSeconds));
    const rss = median(r.runs.map((m) => m.peakRssKiB)) / 1024;
    rows.push([r.name, wall.toFixed(2), Math.round(events / wall).toLocaleString("en-US"), (wall / baseline).toFixed(2), rss.toFixed(0), r.note ?? ""]);
  }
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? "").length))) ?? [];
  const table = rows.map((row) => row.map((cell, c) => (c === 0 || c === 5 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  ").trimEnd());

  const lines = [describe(dataset), `${cpus().length} CPUs (${cpus()[0]?.model ?? "unknown"}), node ${process.version}, ${repeat === 1 ? "one run each" : `median of ${repeat} runs`}`, "", ...table, ""];
  const generate = results.find((r) => r.name === "tighten generate");
  if (generate !== undefined && generate.failure === undefined) {
    const ratio = median(generate.runs.map((m) => m.wallSeconds)) / baseline;
    lines.push(`target: generate <= ${GENERATE_TARGET.toFixed(2)}x zcat: ${ratio <= GENERATE_TARGET ? "met" : "MISSED"} (${ratio.toFixed(2)}x)`);
  }
  return lines.join("\n");
}

function saveResults(dataset: Dataset, results: readonly CommandResult[], repeat: number): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const path = join(DATA_ROOT, `results-${dataset.manifest.events}-${stamp}.json`);
  const body = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, parallelism: availableParallelism(), model: cpus()[0]?.model, node: process.version },
    dataset: dataset.manifest,
    repeat,
    results,
  };
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
  return path;
}

const options = parseOptions(process.argv.slice(2));
const dataset = await ensureDataset(options.events);
warmPageCache(listFiles(dataset.dir));
const results = benchmark(dataset, options.repeat);
console.log(report(dataset, results, options.repeat));
console.error(`results saved to ${saveResults(dataset, results, options.repeat)}`);
if (results.some((r) => r.failure !== undefined)) process.exitCode = 1;
