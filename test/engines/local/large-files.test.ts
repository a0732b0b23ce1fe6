import { gzipSync, constants } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DEFAULT_MEMORY_BYTES, memorySetting, scanMemoryBytes } from "../../../src/engines/local/duckdb-memory.js";
import { recordsGzip, roleEvent, writeFile } from "../../support/trail.js";
import { failureExit } from "../../../src/cli/exit-codes.js";
import { memoryGrowth, ScanMemoryError } from "../../../src/engines/local/local-engine.js";
import { scanned, scratchDir } from "./scratch.js";

const MB = 1024 * 1024;
const GB = 1024 * MB;

/**
 * A delivery file of about `megabytes` MB uncompressed, of small S3 events (the costly kind to hold).
 * Each event is written into one buffer: joined into one string first, the 100 MB took three times
 * as long (about 2 s) to build and encode.
 */
function largeRecords(megabytes: number): { body: Buffer; events: number } {
  const event = (i: number) =>
    `{"eventVersion":"1.09","eventID":"e-${i}","eventTime":"2026-11-02T10:00:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1",` +
    `"userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/r/x","sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::111122223333:role/r${i % 5}"}}},` +
    `"requestParameters":{"bucketName":"b","key":"k/${i}"},"resources":[{"ARN":"arn:aws:s3:::b","type":"AWS::S3::Bucket"}]}`;
  const text = Buffer.allocUnsafe(megabytes * MB + 4096);
  let at = text.write('{"Records":[');
  let events = 0;
  for (let size = 0; size < megabytes * MB; events++) {
    const json = event(events);
    at += text.write(events === 0 ? json : `,${json}`, at);
    size += json.length + 1;
  }
  at += text.write("]}", at);
  return { body: gzipSync(text.subarray(0, at), { level: constants.Z_BEST_SPEED }), events };
}

describe("large files", () => {
  it("reads a 100 MB delivery file, which the default 512 MB of DuckDB memory cannot hold", async () => {
    const root = scratchDir();
    const { body, events } = largeRecords(100);
    writeFile(root, "large.json.gz", body);
    const source = await scanned([root]);
    expect(source.report).toMatchObject({ events, filesRead: 1, skipped: [] });
    expect((await source.principals()).reduce((sum, p) => sum + p.calls, 0)).toBe(events);
  }, 180_000); // about 10 s on a quiet 2-core machine

  it("names and skips a file DuckDB cannot read in the memory it has, and reads the rest", async () => {
    const root = scratchDir();
    const large = writeFile(root, "large.json.gz", largeRecords(40).body);
    writeFile(root, "small.json.gz", recordsGzip([roleEvent("app", "sqs.amazonaws.com", "SendMessage")]));
    const source = await scanned([root], { memoryLimit: "160MB" });
    expect(source.report.skipped).toEqual([{ path: large, reason: expect.stringMatching(/^Out of Memory Error: /) }]);
    expect(source.report).toMatchObject({ events: 1, filesRead: 1 });
  });
});

describe("scanMemoryBytes", () => {
  it("keeps the default for files of delivery size", () => {
    expect(scanMemoryBytes([5 * MB, 4 * MB, 1 * MB], 2, 24 * GB)).toBe(DEFAULT_MEMORY_BYTES);
  });

  it("grows with the files the threads may hold at once", () => {
    expect(scanMemoryBytes([100 * MB, 1 * MB], 2, 24 * GB)).toBe(24 * 101 * MB);
    expect(scanMemoryBytes([100 * MB, 100 * MB, 100 * MB], 2, 24 * GB)).toBe(24 * 200 * MB);
  });

  it("leaves a quarter of the machine to the rest", () => {
    expect(scanMemoryBytes([2 * GB], 2, 24 * GB)).toBe(18 * GB);
  });

  it("is written as DuckDB reads it", () => {
    expect(memorySetting(24 * 101 * MB)).toBe("2424MiB");
  });
});

describe("memoryGrowth", () => {
  it("doubles the engine's own limit twice when a scan outgrows it", () => {
    expect(memoryGrowth(512 * MB, 24 * GB)).toEqual([1 * GB, 2 * GB]);
  });

  it("never past the machine's share", () => {
    expect(memoryGrowth(512 * MB, 2 * GB)).toEqual([1 * GB]);
    expect(memoryGrowth(18 * GB, 24 * GB)).toEqual([]);
  });
});

describe("a scan that runs out of memory at its largest limit", () => {
  it("ends in one line that says what to do, as bad input (exit 2), not as a bug", () => {
    const error = new ScanMemoryError("Out of Memory Error: failed to allocate data of size 1.0 MiB (2047.8 MiB/2048.0 MiB used)");
    const written: string[] = [];
    expect(failureExit(error, { debug: false, write: (text) => written.push(text) })).toBe(2);
    expect(written).toEqual([
      "tighten: the scan ran out of memory (failed to allocate data of size 1.0 MiB (2047.8 MiB/2048.0 MiB used)): read fewer logs at once, with --since/--until or fewer --logs folders\n",
    ]);
  });
});
