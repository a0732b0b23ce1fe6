// Generates the benchmark dataset: N synthetic CloudTrail events in the S3 delivery layout under
// bench/data/<N>/AWSLogs/..., 2,500 events per file. A finished dataset has a manifest.json and is
// reused; an interrupted one (bench/data/<N>.partial) is discarded and regenerated.
//
//   node dist/bench/generate-events.js [N]        (default 1000000; also BENCH_EVENTS=N)

import { existsSync, readFileSync, renameSync, rmSync, mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { WorkerJob, WorkerResult } from "./generate-worker.js";
import { EVENTS_PER_FILE } from "./synthetic-events.js";

export const DATA_ROOT = fileURLToPath(new URL("../../bench/data/", import.meta.url)); // dist/bench -> bench/data
export const DEFAULT_EVENTS = 1_000_000;
/** Bump when synthetic-events.ts changes what it writes, so cached datasets are rebuilt. */
const DATASET_VERSION = 1;

export interface Manifest {
  readonly version: number;
  readonly events: number;
  readonly files: number;
  readonly rawBytes: number;
  readonly gzipBytes: number;
  readonly averageEventBytes: number;
  readonly largestFileBytes: number;
  readonly generationSeconds: number;
}

export interface Dataset {
  readonly dir: string;
  readonly manifest: Manifest;
  readonly cached: boolean;
}

export async function ensureDataset(events: number, log: (line: string) => void = console.error): Promise<Dataset> {
  const dir = join(DATA_ROOT, String(events));
  const manifestPath = join(dir, "manifest.json");
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest;
    if (manifest.version === DATASET_VERSION && manifest.events === events) return { dir, manifest, cached: true };
  }

  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const fileCount = Math.ceil(events / EVENTS_PER_FILE);
  const workers = Math.max(1, Math.min(availableParallelism(), 4, fileCount));
  log(`generating ${events.toLocaleString("en-US")} events in ${fileCount} files with ${workers} workers...`);

  const started = process.hrtime.bigint();
  const results = await Promise.all(
    Array.from({ length: workers }, (_, worker) =>
      runWorker({ root: partial, totalEvents: events, fileCount, worker, workers }),
    ),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  const total = results.reduce(
    (sum, r) => ({
      files: sum.files + r.files,
      events: sum.events + r.events,
      rawBytes: sum.rawBytes + r.rawBytes,
      gzipBytes: sum.gzipBytes + r.gzipBytes,
      largestFile: Math.max(sum.largestFile, r.largestFile),
    }),
    { files: 0, events: 0, rawBytes: 0, gzipBytes: 0, largestFile: 0 },
  );
  const manifest: Manifest = {
    version: DATASET_VERSION,
    events: total.events,
    files: total.files,
    rawBytes: total.rawBytes,
    gzipBytes: total.gzipBytes,
    averageEventBytes: Math.round(total.rawBytes / total.events),
    largestFileBytes: total.largestFile,
    generationSeconds: Math.round(seconds * 10) / 10,
  };
  writeFileSync(join(partial, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return { dir, manifest, cached: false };
}

function runWorker(job: WorkerJob): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./generate-worker.js", import.meta.url), { workerData: job });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`generator worker ${job.worker} exited with code ${code}`));
    });
  });
}

export function describe(dataset: Dataset): string {
  const m = dataset.manifest;
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
  const how = dataset.cached ? "cached" : `generated in ${m.generationSeconds} s (${Math.round(m.events / m.generationSeconds).toLocaleString("en-US")} events/s)`;
  return (
    `${dataset.dir}: ${m.events.toLocaleString("en-US")} events, ${m.files} files, ${mb(m.rawBytes)} raw, ${mb(m.gzipBytes)} gzip, ` +
    `average event ${m.averageEventBytes} bytes, largest file ${mb(m.largestFileBytes)}; ${how}`
  );
}

export function parseEventCount(text: string | undefined): number {
  if (text === undefined || text === "") return DEFAULT_EVENTS;
  const n = Number(text.replaceAll("_", "").replace(/k$/i, "000").replace(/m$/i, "000000"));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`event count must be a positive integer, got "${text}"`);
  return n;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dataset = await ensureDataset(parseEventCount(process.argv[2] ?? process.env.BENCH_EVENTS));
  console.log(describe(dataset));
}
