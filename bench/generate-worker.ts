// Worker thread: synthesizes, gzips and writes its share of the delivery files. JSON building and
// gzip are both CPU-bound, so one worker per core roughly halves generation time on two cores.

import { parentPort, workerData } from "node:worker_threads";
import { deliveryBody, writeDeliveryFile } from "../examples/s3-delivery.js";
import { EVENTS_PER_FILE, synthesizeFile } from "./synthetic-events.js";

export interface WorkerJob {
  readonly root: string;
  readonly totalEvents: number;
  readonly fileCount: number;
  readonly worker: number;
  readonly workers: number;
}

export interface WorkerResult {
  readonly files: number;
  readonly events: number;
  readonly rawBytes: number;
  readonly gzipBytes: number;
  readonly largestFile: number;
}

const job = workerData as WorkerJob;
const result = { files: 0, events: 0, rawBytes: 0, gzipBytes: 0, largestFile: 0 };
for (let index = job.worker; index < job.fileCount; index += job.workers) {
  const eventCount = Math.min(EVENTS_PER_FILE, job.totalEvents - index * EVENTS_PER_FILE);
  const file = synthesizeFile(index, job.fileCount, eventCount);
  const body = deliveryBody(file.records);
  const rawBytes = Buffer.byteLength(body);
  result.gzipBytes += writeDeliveryFile(job.root, file.path, body);
  result.files += 1;
  result.events += eventCount;
  result.rawBytes += rawBytes;
  result.largestFile = Math.max(result.largestFile, rawBytes);
}
parentPort?.postMessage(result satisfies WorkerResult);
