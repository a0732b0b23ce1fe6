import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { run } from "../../support/run-cli.js";
import { recordsGzip, roleEvent, writeFile } from "../../support/trail.js";
import { scanned, scratchDir } from "./scratch.js";

// 20,000 levels made DuckDB overflow its stack (signal 11, exit 139, no message) when it detected
// the structure of a Records document. A crash cannot be caught in-process, so the built CLI runs.
const DEPTH = 20_000;
const deepObject = `${'{"a":'.repeat(DEPTH)}1${"}".repeat(DEPTH)}`;
const deepArray = `${"[".repeat(DEPTH)}1${"]".repeat(DEPTH)}`;

/** An S3 GetObject event as JSON text with `fields` spliced in as raw JSON. */
function eventText(id: number, fields: Record<string, string>): string {
  const base = JSON.stringify(roleEvent("ecs/payments-service-task", "s3.amazonaws.com", "GetObject", { eventID: `e-${id}`, requestParameters: undefined }));
  return `${base.slice(0, -1)}${Object.entries(fields).map(([name, raw]) => `,${JSON.stringify(name)}:${raw}`).join("")}}`;
}

const EVENTS = [
  eventText(1, { requestParameters: deepObject }),
  eventText(2, { requestParameters: `{"bucketName":${deepObject},"key":${deepArray}}` }),
  eventText(3, { requestParameters: deepArray, responseElements: deepObject }),
  eventText(4, { requestParameters: '{"bucketName":"receipts","key":"a.json"}', additionalEventData: deepArray }),
];

describe("deeply nested values", () => {
  it.each([
    ["a delivery file", "delivery.json.gz", gzipSync(`{"Records":[${EVENTS.join(",")}]}`)],
    ["a pretty-printed delivery file", "pretty.json", `{\n  "Records": [\n${EVENTS.join(",\n")}\n  ]\n}\n`],
    ["one event per line", "lines.json.gz", gzipSync(`${EVENTS.join("\n")}\n`)],
    ["a JSON array of events", "array.json", `[${EVENTS.join(",")}]`],
  ])("are read in %s, never a crash", async (_, name, body) => {
    const root = scratchDir();
    writeFile(root, name, body);
    const result = await run("roles", "--logs", root, "--format", "json");
    expect(result.stderr).toMatch(/^read 4 events from 1 files in /);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject([{ calls: 4 }]);
  });
});

describe("a value nested too deep to parse in the memory DuckDB has", () => {
  const depth = 2_000_000; // 12 MB of requestParameters, which json_extract_string cannot parse in 512 MB
  const selection = { parameters: { "s3.amazonaws.com": ["bucketName"] }, objectKey: { "s3.amazonaws.com": "key" }, lists: [], folders: [], arnPrefixes: [] };
  function trail(): { root: string; deep: string } {
    const root = scratchDir();
    const deep = writeFile(root, "deep.json.gz", gzipSync(`{"Records":[${eventText(1, { requestParameters: `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}` })}]}`));
    writeFile(root, "plain.json.gz", recordsGzip([roleEvent("ecs/payments-service-task", "sqs.amazonaws.com", "SendMessage")]));
    return { root, deep };
  }

  it("names its file and skips it under a memory limit the caller set, and reads the rest", async () => {
    const { root, deep } = trail();
    const source = await scanned([root], { selection, memoryLimit: "512MB" });
    expect(source.report.skipped).toEqual([{ path: deep, reason: expect.stringMatching(/^Out of Memory Error: /) }]);
    expect(source.report.events).toBe(1);
  }, 120_000);

  it("is read once the engine's own limit grows (512 MB, then 1 GB)", async () => {
    const { root } = trail();
    const source = await scanned([root], { selection });
    expect(source.report.skipped).toEqual([]);
    expect(source.report.events).toBe(2);
  }, 120_000);
});
