import { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { main } from "../../src/cli/main.js";
import { keepScans, withFreshScans } from "../../src/cli/scan-memo.js";
import { ROOT } from "./cli.js";

/**
 * The CLI run in this process: the same `main` bin/tighten.js runs, given argv, with stdout and
 * stderr captured and the exit code returned. It saves the 0.5-0.9 s a process takes to start, so
 * a test that checks what a command prints runs here; what only a process shows (exit codes on
 * signals, stdout/stderr separation as bytes on two pipes, bin's own error handling, `npx`) stays
 * with `tighten(...)` in cli.ts, which spawns bin/tighten.js.
 *
 * A run sees what the spawned one sees: the repository root as working directory, NO_COLOR=1 and
 * a fixed SOURCE_DATE_EPOCH plus the caller's variables, no terminal on stdin, stdout or stderr,
 * and an empty stdin unless given one. Everything it changes is put back after it, and runs are
 * queued, so that two calls never share the captured streams.
 */
export interface InProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment the spawned runner adds too (see tightenWithEnv). */
const FIXED_ENV: Readonly<Record<string, string>> = { NO_COLOR: "1", SOURCE_DATE_EPOCH: "1798761600" };

export function run(...args: string[]): Promise<InProcessResult> {
  return runWith({}, ...args);
}

/** The same, with environment variables added (an AWS endpoint on loopback, dummy credentials). */
export function runWithEnv(env: Readonly<Record<string, string>>, ...args: string[]): Promise<InProcessResult> {
  return runWith({ env }, ...args);
}

/** The same, with `input` on stdin. */
export function runWithStdin(input: string, ...args: string[]): Promise<InProcessResult> {
  return runWith({ input }, ...args);
}

export interface RunOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly input?: string;
  /** Scans of its own, as a process makes (src/cli/scan-memo.ts withFreshScans), not the kept ones. */
  readonly freshScans?: boolean;
}

// Most runs read examples/ again with the same options: a scan is kept for the same request over
// unchanged files (src/cli/scan-memo.ts), so that only the command's own work runs again.
keepScans();

let queue: Promise<unknown> = Promise.resolve();

export function runWith(options: RunOptions, ...args: string[]): Promise<InProcessResult> {
  const next = queue.then(() => runNow(options, args));
  queue = next.catch(() => undefined);
  return next;
}

/** Process-wide events a run could leave a listener on; a run that does fails the test. */
const WATCHED: readonly [string, NodeJS.EventEmitter, string][] = [
  ["process", process, "SIGINT"],
  ["process", process, "SIGTERM"],
  ["process", process, "exit"],
  ["process", process, "beforeExit"],
  ["process", process, "uncaughtException"],
  ["process", process, "unhandledRejection"],
  ["process", process, "warning"],
  ["stdout", process.stdout, "error"],
  ["stderr", process.stderr, "error"],
];

async function runNow(options: RunOptions, args: readonly string[]): Promise<InProcessResult> {
  const listenersBefore = WATCHED.map(([, emitter, event]) => emitter.listenerCount(event));
  const restoreEnv = replaceEnv({ ...FIXED_ENV, ...options.env });
  const cwd = process.cwd();
  process.chdir(ROOT);
  const stdout = new Capture();
  const stderr = new Capture();
  const restoreStreams = [
    replaceProperty(process, "stdin", Object.assign(Readable.from(options.input === undefined ? [] : [Buffer.from(options.input)]), { isTTY: undefined })),
    replaceProperty(process.stdout, "write", stdout.write),
    replaceProperty(process.stderr, "write", stderr.write),
    // A pipe, as for the spawned CLI: no terminal, so no colour, no redrawn progress line, no width.
    replaceProperty(process.stdout, "isTTY", undefined),
    replaceProperty(process.stderr, "isTTY", undefined),
    replaceProperty(process.stdout, "columns", undefined),
    replaceProperty(process.stderr, "columns", undefined),
    // yargs prints --help and --version with console.log, which writes to stdout in a process.
    replaceProperty(console, "log", (...values: unknown[]) => stdout.write(`${values.map(String).join(" ")}\n`)),
    replaceProperty(console, "error", (...values: unknown[]) => stderr.write(`${values.map(String).join(" ")}\n`)),
  ];
  let code: number;
  try {
    code = options.freshScans === true ? await withFreshScans(() => main(args)) : await main(args);
  } finally {
    for (const restore of restoreStreams.reverse()) restore();
    process.chdir(cwd);
    restoreEnv();
  }
  const leaked = WATCHED.filter(([, emitter, event], i) => emitter.listenerCount(event) > listenersBefore[i]!);
  if (leaked.length > 0) {
    throw new Error(`tighten ${args.join(" ")} left listeners behind: ${leaked.map(([name, , event]) => `${name} "${event}"`).join(", ")}`);
  }
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Text written to a stream, decoded as a pipe's reader would (a character split over two writes stays whole). */
class Capture {
  private readonly decoder = new StringDecoder("utf8");
  private chunks = "";

  readonly write = (chunk: string | Uint8Array, encoding?: BufferEncoding | ((error?: Error | null) => void), done?: (error?: Error | null) => void): boolean => {
    this.chunks += typeof chunk === "string" ? chunk : this.decoder.write(Buffer.from(chunk));
    const callback = typeof encoding === "function" ? encoding : done;
    if (callback !== undefined) process.nextTick(callback);
    return true;
  };

  text(): string {
    return this.chunks + this.decoder.end();
  }
}

/** Sets process.env to the current one plus `added`; the returned function puts back exactly what was there. */
function replaceEnv(added: Readonly<Record<string, string>>): () => void {
  const saved = { ...process.env };
  Object.assign(process.env, added);
  return () => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    for (const [name, value] of Object.entries(saved)) if (process.env[name] !== value) process.env[name] = value;
  };
}

/** Replaces an own or inherited property with a plain value; the returned function restores it as it was. */
function replaceProperty<T extends object>(target: T, key: PropertyKey, value: unknown): () => void {
  const own = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { value, configurable: true, writable: true, enumerable: own?.enumerable ?? true });
  return () => {
    if (own !== undefined) Object.defineProperty(target, key, own);
    else delete (target as Record<PropertyKey, unknown>)[key];
  };
}
