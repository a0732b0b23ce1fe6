import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { partRead } from "../../../src/engines/local/file-records.js";
import { ACCOUNT, recordsGzip, roleEvent, writeFile } from "../../support/trail.js";
import { scanned, scratchDir } from "./scratch.js";

const TASK_ARN = `arn:aws:iam::${ACCOUNT}:role/ecs/payments-service-task`;
const event = (i: number) =>
  JSON.stringify(roleEvent("ecs/payments-service-task", "sqs.amazonaws.com", "SendMessage", { eventID: `e-${i}`, requestParameters: { queueUrl: `q-${i}`, body: "x".repeat(i % 300) } }));
const lines = (count: number) => Array.from({ length: count }, (_, i) => event(i));

describe("one-event-per-line files read only in part", () => {
  it("names a truncated gzip with the events read before the cut", async () => {
    const root = scratchDir();
    const whole = gzipSync(`${lines(3000).join("\n")}\n`);
    const file = writeFile(root, "lake-export.json.gz", whole.subarray(0, Math.floor(whole.length / 2)));
    const source = await scanned([root]);
    const { events } = source.report;
    expect(events).toBeGreaterThan(1000);
    expect(events).toBeLessThan(2000);
    expect(source.report.partlyRead).toEqual([{ path: file, reason: `truncated gzip after ${events.toLocaleString("en-US")} events: read the events before it` }]);
    expect(source.report.filesRead).toBe(1);
    expect(source.report.skipped).toEqual([]);
    expect((await source.principals())[0]?.calls).toBe(events);
  });

  it("names a gzip cut exactly between two lines, which leaves no unreadable line behind", async () => {
    const root = scratchDir();
    // Two gzip members: the second, cut short, starts with a whole line.
    const head = gzipSync(`${lines(10).join("\n")}\n`);
    const tail = gzipSync(`${lines(10).join("\n")}\n`);
    const file = writeFile(root, "cut.json.gz", Buffer.concat([head, tail.subarray(0, 12)]));
    const source = await scanned([root]);
    expect(source.report.events).toBe(10);
    expect(source.report.partlyRead).toEqual([{ path: file, reason: "truncated gzip after 10 events: read the events before it" }]);
    expect(source.report.records?.unreadableLines).toBe(0);
  });

  it("names a file with lines that are not JSON, counting them, and reads the rest", async () => {
    const root = scratchDir();
    const body = [event(1), "{not json", event(2), event(3).slice(0, 40), event(4), ""].join("\n");
    const plain = writeFile(root, "plain.json", body);
    const gzipped = writeFile(root, "gzipped.json.gz", gzipSync(body));
    const source = await scanned([root]);
    expect(source.report.events).toBe(6);
    expect(source.report.partlyRead).toEqual([
      { path: gzipped, reason: "skipped 2 unreadable lines" },
      { path: plain, reason: "skipped 2 unreadable lines" },
    ]);
    expect(source.report.records?.unreadableLines).toBe(4);
    expect((await source.usage([TASK_ARN])).reduce((sum, row) => sum + row.count, 0)).toBe(3); // each event twice: one file is a copy
  });

  it("names a line of a Records file that is not JSON", async () => {
    const root = scratchDir();
    // Two delivery files run together; the first line is longer than the head sniffed for layout.
    const good = JSON.stringify({ Records: lines(10).map((line) => JSON.parse(line)) });
    const file = writeFile(root, "two-documents.json", `${good}\n{"Records":[{"eventVer\n`);
    const source = await scanned([root]);
    expect(source.report.events).toBe(10);
    expect(source.report.partlyRead).toEqual([{ path: file, reason: "skipped 1 unreadable line" }]);
  });

  it("leaves whole files alone", async () => {
    const root = scratchDir();
    writeFile(root, "whole.json.gz", gzipSync(`${lines(50).join("\n")}\n`));
    writeFile(root, "delivery.json.gz", recordsGzip(lines(5).map((line) => JSON.parse(line))));
    const source = await scanned([root]);
    expect(source.report).toMatchObject({ events: 55, partlyRead: [], skipped: [], records: { unreadableLines: 0 } });
  });
});

describe("partRead", () => {
  const records = { events: 1204, unreadable: 0, notEvents: 0, undated: 0, future: 0 };

  it("says nothing of a file read whole", () => {
    expect(partRead(records, { complete: true })).toBeNull();
    expect(partRead(records, undefined)).toBeNull();
  });

  it("counts the line a cut leaves unreadable as part of the cut, not as a bad line before it", () => {
    const cut = { complete: false, truncated: true, reason: "truncated gzip" } as const;
    expect(partRead({ ...records, unreadable: 1 }, cut)).toEqual({ reason: "truncated gzip after 1,204 events: read the events before it", unreadableLines: 0 });
    expect(partRead({ ...records, unreadable: 3 }, cut)).toEqual({
      reason: "truncated gzip after 1,204 events: read the events before it; skipped 2 unreadable lines before it",
      unreadableLines: 2,
    });
  });

  it("names corrupt data the same way", () => {
    const corrupt = { complete: false, truncated: false, reason: "corrupt gzip data (incorrect header check)" } as const;
    expect(partRead(records, corrupt)?.reason).toBe("corrupt gzip data (incorrect header check) after 1,204 events: read the events before it");
  });

  it("counts bad lines of a plain file", () => {
    expect(partRead({ ...records, unreadable: 1 }, undefined)).toEqual({ reason: "skipped 1 unreadable line", unreadableLines: 1 });
  });
});
