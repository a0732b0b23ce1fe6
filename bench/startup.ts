// Start-up: how long the commands people wait on take, as multiples of bare `node -e 0` measured in
// the same run, so that the figures carry over between machines and between a quiet and a busy one.
//
//   npm run bench:startup                 (build, then 15 runs of each command)
//   node dist/bench/startup.js --runs 31
//   node dist/bench/startup.js --against /tmp/before   (another built checkout's bin, interleaved)
//
// The commands run interleaved (node, --version, --help, generate, node, ...) so that load from
// elsewhere on the machine hits all of them alike; each figure is the median of its runs.

import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url)); // dist/bench -> repo root

/** Issue 17: a command that touches no AWS API starts within 3x bare node. */
export const NO_AWS_TARGET = 3;
/**
 * Issue 17: `generate` on the shipped examples in at most 0.4 s, on a machine where bare node
 * starts in 0.09 s (the 2-core machine of the issue). As a multiple of bare node: 4.4x.
 */
export const EXAMPLE_GENERATE_TARGET = 0.4 / 0.09;

export interface StartupCommand {
  readonly name: string;
  readonly argv: readonly string[];
  /** The multiple of bare node it must stay within; none for the baseline. */
  readonly target?: number;
}

export interface StartupResult {
  readonly name: string;
  readonly argv: readonly string[];
  readonly seconds: readonly number[];
  readonly target?: number;
  readonly failure?: string;
}

export const STARTUP_COMMANDS: readonly StartupCommand[] = [
  { name: "node -e 0", argv: ["node", "-e", "0"] },
  { name: "tighten --version", argv: ["node", "bin/tighten.js", "--version"], target: NO_AWS_TARGET },
  { name: "tighten --help", argv: ["node", "bin/tighten.js", "--help"], target: NO_AWS_TARGET },
  {
    name: "tighten generate (example)",
    argv: ["node", "bin/tighten.js", "generate", "--logs", "examples/cloudtrail", "--role", "payments-service-task"],
    target: EXAMPLE_GENERATE_TARGET,
  },
];

/** Runs each command `runs` times, interleaved; wall time from just before the spawn to its exit. */
export function measureStartup(runs: number, commands: readonly StartupCommand[] = STARTUP_COMMANDS): StartupResult[] {
  const scratch = mkdtempSync(join(tmpdir(), "tighten-bench-"));
  const seconds = commands.map((): number[] => []);
  const failures = new Map<number, string>();
  try {
    for (let run = 0; run < runs; run++) {
      for (const [index, command] of commands.entries()) {
        if (failures.has(index)) continue;
        // stdout to a file: the terminal's speed is not what is measured.
        const stdout = openSync(join(scratch, "stdout"), "w");
        const started = process.hrtime.bigint();
        const child = spawnSync(command.argv[0] as string, command.argv.slice(1), { cwd: REPO_ROOT, stdio: ["ignore", stdout, "pipe"] });
        const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
        closeSync(stdout);
        if (child.error !== undefined || child.status !== 0) {
          const reason = child.error?.message ?? `exit ${child.status}: ${child.stderr.toString().trim().split("\n").at(-1) ?? ""}`;
          failures.set(index, reason.slice(0, 200));
        } else seconds[index]?.push(elapsed);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return commands.map((command, index) => ({
    name: command.name,
    argv: command.argv,
    seconds: seconds[index] ?? [],
    ...(command.target === undefined ? {} : { target: command.target }),
    ...(failures.has(index) ? { failure: failures.get(index) } : {}),
  }));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The table: median seconds, the multiple of bare node (the first result), and each target met or missed. */
export function startupReport(results: readonly StartupResult[]): string {
  const bare = median(results[0]?.seconds ?? []);
  const runs = Math.max(...results.map((r) => r.seconds.length));
  const width = Math.max(28, ...results.map((r) => r.name.length));
  const lines = [`start-up, median of ${runs} interleaved runs (x node: the multiple of bare node in this run):`];
  for (const r of results) {
    if (r.failure !== undefined) {
      lines.push(`  ${r.name.padEnd(width)}  FAILED ${r.failure}`);
      continue;
    }
    const wall = median(r.seconds);
    const ratio = wall / bare;
    const verdict = r.target === undefined ? "" : `  target <= ${r.target.toFixed(1)}x: ${ratio <= r.target ? "met" : "MISSED"}`;
    lines.push(`  ${r.name.padEnd(width)}  ${wall.toFixed(3)} s  ${ratio.toFixed(2).padStart(5)}x node${verdict}`);
  }
  lines.push(
    `targets (issue 17): commands that touch no AWS API <= ${NO_AWS_TARGET}x bare node; the example generate <= 0.4 s ` +
      `where bare node takes 0.09 s, i.e. <= ${EXAMPLE_GENERATE_TARGET.toFixed(1)}x`,
  );
  return lines.join("\n");
}

/**
 * The commands, each tighten command also as another checkout runs it (its bin/tighten.js, on this
 * tree's examples), so that a change is measured against its parent in the same run.
 */
export function commandsAgainst(other: string): StartupCommand[] {
  const theirs = STARTUP_COMMANDS.filter((command) => command.argv[1] === "bin/tighten.js").map((command) => ({
    ...command,
    name: `${command.name} (${other})`,
    argv: [command.argv[0] as string, join(other, "bin/tighten.js"), ...command.argv.slice(2)],
  }));
  return [...STARTUP_COMMANDS, ...theirs];
}

function parseArgs(argv: readonly string[]): { runs: number; against?: string } {
  const usage = new Error("usage: startup.js [--runs N] [--against DIR]");
  const parsed: { runs: number; against?: string } = { runs: 15 };
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1];
    if (value === undefined) throw usage;
    if (argv[i] === "--runs" && Number.isInteger(Number(value)) && Number(value) >= 1) parsed.runs = Number(value);
    else if (argv[i] === "--against") parsed.against = resolve(value);
    else throw usage;
  }
  return parsed;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { runs, against } = parseArgs(process.argv.slice(2));
  const results = measureStartup(runs, against === undefined ? STARTUP_COMMANDS : commandsAgainst(against));
  console.log(startupReport(results));
  if (results.some((r) => r.failure !== undefined)) process.exitCode = 1;
}
