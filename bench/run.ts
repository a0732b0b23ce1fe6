// The throughput benchmark: times `tighten roles`, `tighten generate --all-roles` and `generate
// --role` of one service over the synthetic dataset against a baseline of decompressing the same
// files with one zcat process, all in the same run, so the figures are ratios that hold across
// machines. Wall time and peak RSS come from GNU time.
//
//   npm run bench                                   (1,000,000 events, each command once)
//   node dist/bench/run.js --events 200000 --repeat 3
//   npm run bench -- --events 100000 --peer trailscraper ../shared/peers/trailscraper/src
//
// Start-up is timed too, against bare `node -e 0` in the same run (startup.ts): `tighten --version`,
// `--help` and `generate` on the shipped examples, median of STARTUP_RUNS each.

import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Dataset, DATA_ROOT, describe, ensureDataset, parseEventCount } from "./generate-events.js";
import { measureStartup, startupReport, type StartupResult } from "./startup.js";
import { FIRST_TASK_ROLE } from "./synthetic-events.js";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url)); // dist/bench -> repo root
const GNU_TIME = "/usr/bin/time";
/** The goal from the engine study: full aggregation in at most 0.6x the time of a plain zcat. */
const GENERATE_TARGET = 0.6;
/** Start-up runs per command (startup.ts), fewer than its own default: the scan is what this run is for. */
const STARTUP_RUNS = 7;

interface Options {
  readonly events: number;
  readonly repeat: number;
  /** A trailscraper source tree (the directory holding the `trailscraper` package) to time beside tighten. */
  readonly trailscraper: string | undefined;
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

const USAGE = "usage: run.js [--events N] [--repeat K] [--peer trailscraper PATH]";

function parseOptions(argv: readonly string[]): Options {
  let events = parseEventCount(process.env.BENCH_EVENTS);
  let repeat = 1;
  let trailscraper: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value; ${USAGE}`);
    if (flag === "--events") events = parseEventCount(value);
    else if (flag === "--repeat") repeat = parseEventCount(value);
    else if (flag === "--peer") {
      const where = argv[i + 2];
      if (value !== "trailscraper" || where === undefined) throw new Error(`--peer takes "trailscraper PATH"; ${USAGE}`);
      if (!existsSync(join(where, "trailscraper", "cli.py"))) throw new Error(`--peer trailscraper ${where}: no trailscraper/cli.py there`);
      trailscraper = where;
      i++;
    } else throw new Error(`unknown argument "${flag}"; ${USAGE}`);
    i++;
  }
  return { events, repeat, trailscraper };
}

/**
 * trailscraper's own pipeline, `select | generate`, over the same files: select reads every
 * delivery file and prints the records, generate turns them into one policy. The window is wide
 * open so that it reads what tighten reads.
 */
function trailscraperCommand(source: string, dir: string): string[] {
  const cli = "import sys; from trailscraper.cli import root_group; sys.exit(root_group())";
  return [
    "sh",
    "-c",
    'PYTHONPATH="$1" "$4" -c "$2" select --log-dir "$3" --from 2000-01-01 --to 2100-01-01 | PYTHONPATH="$1" "$4" -c "$2" generate',
    "sh",
    source,
    cli,
    dir,
    PYTHON,
  ];
}

// Debian's python3-* packages (peers/trailscraper/README.md) are installed for the system Python,
// which a pyenv or venv python3 earlier on PATH would not see.
const PYTHON = process.env.BENCH_PYTHON ?? (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");

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

function benchmark(dataset: Dataset, repeat: number, trailscraper: string | undefined): CommandResult[] {
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
    {
      // One service's role, as a team tightens it: the scan reads request parameters for its calls only.
      name: `tighten generate --role ${FIRST_TASK_ROLE}`,
      command: ["node", "bin/tighten.js", "generate", "--logs", dataset.dir, "--role", FIRST_TASK_ROLE, "--quiet"],
      check: () => `${readFileSync(stdoutPath).length} bytes of policy`,
    },
    ...(trailscraper === undefined
      ? []
      : [{ name: "trailscraper select | generate", command: trailscraperCommand(trailscraper, dataset.dir), check: () => `${readFileSync(stdoutPath).length} bytes of policy` }]),
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
    const peer = results.find((r) => r.name.startsWith("trailscraper"));
    if (peer !== undefined && peer.failure === undefined) {
      const times = median(peer.runs.map((m) => m.wallSeconds)) / median(generate.runs.map((m) => m.wallSeconds));
      lines.push(`beside the peer: tighten generate is ${times.toFixed(0)}x faster than trailscraper select | generate on the same files`);
    }
  }
  return lines.join("\n");
}

function saveResults(dataset: Dataset, results: readonly CommandResult[], startup: readonly StartupResult[], repeat: number): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const path = join(DATA_ROOT, `results-${dataset.manifest.events}-${stamp}.json`);
  const body = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, parallelism: availableParallelism(), model: cpus()[0]?.model, node: process.version },
    dataset: dataset.manifest,
    repeat,
    startup,
    results,
  };
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
  return path;
}

const options = parseOptions(process.argv.slice(2));
const dataset = await ensureDataset(options.events);
warmPageCache(listFiles(dataset.dir));
const startupResults = measureStartup(STARTUP_RUNS);
console.log(`${startupReport(startupResults)}\n`);
const results = benchmark(dataset, options.repeat, options.trailscraper);
console.log(report(dataset, results, options.repeat));
console.error(`results saved to ${saveResults(dataset, results, startupResults, options.repeat)}`);
if ([...startupResults, ...results].some((r) => r.failure !== undefined)) process.exitCode = 1;
