import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DuckdbPaths } from "../../../src/engines/local/duckdb-paths.js";
import { ACCOUNT, recordsGzip, roleEvent, writeFile } from "../../support/trail.js";
import { scanned, scratchDir } from "./scratch.js";

const event = (eventName: string) => roleEvent("ecs/payments-service-task", "sqs.amazonaws.com", eventName, { eventID: eventName });

describe("file names with glob syntax", () => {
  it("are read as the files they name, once each", async () => {
    const root = scratchDir();
    const names = ["a.json.gz", "b.json.gz", "*.json.gz", "[a].json.gz", "?.json.gz", "{a,b}.json.gz", "back\\slash.json.gz"];
    names.forEach((name, i) => writeFile(root, name, recordsGzip([event(`Call${i}`)])));
    const source = await scanned([root]);
    expect(source.report).toMatchObject({ events: names.length, filesRead: names.length, skipped: [] });
    const [principal] = await source.principals();
    expect(principal?.calls).toBe(names.length);
    const rows = await source.usage([`arn:aws:iam::${ACCOUNT}:role/ecs/payments-service-task`]);
    expect(rows.map((row) => row.eventName)).toEqual(names.map((_, i) => `Call${i}`));
  });

  it("are named as themselves when skipped or read in part", async () => {
    const root = scratchDir();
    const broken = writeFile(root, "[x].json.gz", recordsGzip([event("A")]).subarray(0, 30));
    const lines = writeFile(root, "*.json", `${JSON.stringify(event("B"))}\n{oops\n`);
    writeFile(root, "x.json.gz", recordsGzip([event("C")]));
    const source = await scanned([root]);
    expect(source.report.skipped.map((file) => file.path)).toEqual([broken]);
    expect(source.report.partlyRead).toEqual([{ path: lines, reason: "skipped 1 unreadable line" }]);
    expect(source.report.events).toBe(2);
  });

  it("leave no alias behind when the scan closes", async () => {
    const root = scratchDir();
    writeFile(root, "*.json.gz", recordsGzip([event("A")]));
    const source = await scanned([root]);
    const { tempDir } = source as unknown as { tempDir: string }; // where the aliases live
    expect(readdirSync(path.join(tempDir, "files"))).toEqual(["0.json.gz"]);
    source.close();
    expect(existsSync(tempDir)).toBe(false);
  });
});

describe("DuckdbPaths", () => {
  it("aliases only paths DuckDB would misread, with the extension that selects decompression, and maps back", async () => {
    const links = path.join(scratchDir(), "links");
    const paths = await DuckdbPaths.create(
      [
        { path: "/logs/plain.json.gz", gzip: true },
        { path: "/logs/*.json.gz", gzip: true },
        { path: "/logs/[a].JSON", gzip: false },
        { path: "/logs/gzipped.json", gzip: true },
      ],
      links,
    );
    expect(paths.forDuckdb("/logs/plain.json.gz")).toBe("/logs/plain.json.gz");
    expect(paths.forDuckdb("/logs/*.json.gz")).toBe(path.join(links, "0.json.gz"));
    expect(paths.forDuckdb("/logs/[a].JSON")).toBe(path.join(links, "1.json"));
    expect(paths.forDuckdb("/logs/gzipped.json")).toBe(path.join(links, "2.json.gz"));
    expect(paths.original(path.join(links, "1.json"))).toBe("/logs/[a].JSON");
    expect(paths.explain(`Malformed JSON in file "${path.join(links, "0.json.gz")}"`)).toBe('Malformed JSON in file "/logs/*.json.gz"');
  });
});

describe("a gzip file without .gz in its name", () => {
  it("is read as gzip", async () => {
    const root = scratchDir();
    writeFile(root, "export.json", recordsGzip([event("A"), event("B")]));
    const source = await scanned([root]);
    expect(source.report).toMatchObject({ events: 2, filesRead: 1, skipped: [] });
  });
});
