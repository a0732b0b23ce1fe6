import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { namePatterns, type NamePatternOptions } from "../../src/mapping/name-patterns.js";
import { escapeResourceName } from "../../src/iam/arn.js";
import { patternCoverage, resourcePattern, resourceSet } from "../../src/policy/resource-pattern.js";
import { objectKeys, type NameUse } from "./fixtures.js";

const WEEK: NamePatternOptions["span"] = { firstSeen: "2026-11-01T00:00:00Z", lastSeen: "2026-11-14T00:00:00Z" };
const SHAPE: NamePatternOptions = { rule: "shape", span: WEEK };
const UUIDS = Array.from({ length: 12 }, (_, i) => `${(i + 10).toString(16).padStart(8, "a")}-7b1d-4c55-9a2e-${String(i).padStart(12, "5")}`);

function patternsOf(keys: readonly NameUse[], options: NamePatternOptions = SHAPE): string[] {
  return namePatterns(objectKeys(keys), options).map((p) => p.pattern);
}

/** Whether IAM would let a pattern (relative to a bucket) match a key. */
function grants(patterns: readonly string[], key: string): boolean {
  const arn = `arn:aws:s3:::b/${escapeResourceName(key)}`;
  return patterns.some((p) => patternCoverage(resourcePattern(`arn:aws:s3:::b/${p}`, { variables: false }), resourceSet(arn), {}) === "all");
}

/** Read once a day at task start, every day of the span. */
const daily = (name: string): NameUse => ({ name, calls: 14, firstSeen: "2026-11-01T08:00:00Z", lastSeen: "2026-11-13T08:00:00Z" });

describe("namePatterns, rule shape", () => {
  it("turns generated folders into * and keeps the fixed file names after them", () => {
    const keys = UUIDS.flatMap((id) => [`uploads/${id}/original.jpg`, `uploads/${id}/thumb-256.jpg`, `uploads/${id}/thumb-1024.jpg`]);
    expect(patternsOf(keys)).toEqual(["uploads/*/original.jpg", "uploads/*/thumb-*.jpg"]);
    expect(grants(patternsOf(keys), "uploads/0b5e9a1c-2d3f-4a5b-8c7d-9e0f1a2b3c4d/original.jpg")).toBe(true);
    expect(grants(patternsOf(keys), "private/x/original.jpg")).toBe(false);
  });

  it("grants a generated folder's files when they come in many kinds", () => {
    const kinds = ["cat.png", "report.pdf", "notes.txt"];
    expect(patternsOf(UUIDS.flatMap((id) => kinds.slice(0, 2).map((k) => `uploads/${id}/${k}`)))).toEqual(["uploads/*/cat.png", "uploads/*/report.pdf"]);
    expect(patternsOf(UUIDS.flatMap((id) => kinds.map((k) => `uploads/${id}/${k}`)))).toEqual(["uploads/*/*"]);
  });

  it("ends a pattern at a date folder: exports roll over to next month's folder", () => {
    const keys = ["exports/2026/11/batch-301.csv.gz", "exports/2026/11/batch-8812.csv.gz"];
    expect(patternsOf(keys)).toEqual(["exports/*"]);
    expect(grants(patternsOf(keys), "exports/2026/12/batch-77.csv.gz")).toBe(true);
    // Even one such name: the date is in a folder, so tomorrow's names are in another.
    expect(patternsOf(["receipts/2026/11/30/01JDQ6ZK8W3M5N7P9R2T4V6X8Y.json"])).toEqual(["receipts/*"]);
    expect(patternsOf(["analytics/year=2026/month=11/day=30/part-0f3c2a4e7b1d4c55.parquet"])).toEqual(["analytics/*"]);
    expect(patternsOf(["lake/events/dt=2026-11-30/part-1.json"])).toEqual(["lake/events/*"]);
    expect(patternsOf(["lake/2026-11/summary.json"])).toEqual(["lake/*"]);
  });

  it("keeps a date inside a file name to that token", () => {
    expect(patternsOf(["reports/report-2026-11-30.pdf"])).toEqual(["reports/report-*.pdf"]);
  });

  it("names a stable name exactly: the same key read again and again over the window", () => {
    expect(patternsOf([daily("config/media.json"), daily("config/limits.json")])).toEqual(["config/limits.json", "config/media.json"]);
    const [why] = namePatterns(objectKeys([daily("config/media.json")]), SHAPE).map((p) => p.why);
    expect(why).toMatch(/used 14 times over 12\.0 days: a stable name/);
  });

  it("turns numbers that differ between names into *, and only those", () => {
    const batches = ["exports/batch-301.csv.gz", "exports/batch-8812.csv.gz", "exports/batch-77.csv.gz", "exports/batch-4410.csv.gz", "exports/batch-12.csv.gz"];
    expect(patternsOf(batches)).toEqual(["exports/batch-*.csv.gz"]);
    expect(grants(patternsOf(batches), "exports/batch-9999.csv.gz")).toBe(true);
    expect(patternsOf(["v2/run-1/out.csv", "v2/run-2/out.csv"])).toEqual(["v2/run-*/out.csv"]);
  });

  it("never turns a word in a folder name into a wildcard", () => {
    const keys = UUIDS.slice(0, 4).flatMap((id) => [`users/alice/${id}.jpg`, `users/bob/${id}.jpg`]);
    expect(patternsOf(keys)).toEqual(["users/alice/*.jpg", "users/bob/*.jpg"]);
    expect(grants(patternsOf(keys), "users/carol/x.jpg")).toBe(false);
  });

  it("names a few plain names used briefly exactly, and a folder that keeps getting new ones as the folder", () => {
    expect(patternsOf(["docs/Quarterly Report.pdf", "docs/Team.png"])).toEqual(["docs/Quarterly Report.pdf", "docs/Team.png"]);
    expect(patternsOf(["docs/Quarterly Report.pdf", "docs/Team.png", "docs/Welcome.txt"])).toEqual(["docs/*"]);
  });

  it("grants at the root only generated names that sit there, keeping what they share", () => {
    expect(patternsOf(UUIDS.map((id) => `${id}.json`))).toEqual(["*.json"]);
    // A date folder at the root keeps its century: the bucket's other top folders stay out.
    expect(patternsOf(["2026/11/30/a.json"])).toEqual(["20*"]);
  });

  it("reads date trees under shard prefixes as one tree: next week's shard is another value of the token", () => {
    const shards = ["a3f9", "07c2", "b1e0", "9d4c"].map((shard, i) => `${shard}/2026/11/2${i}/10/events.json.gz`);
    expect(patternsOf(shards)).toEqual(["????/*"]);
    // Shards of several lengths: no one shape, so any folder holding a date tree.
    expect(patternsOf([...shards, "5f0e1/2026/11/24/10/events.json.gz"])).toEqual(["*/*"]);
    // Below a fixed folder the token may be anything, the tree still a folder.
    expect(patternsOf(shards.map((key) => `raw/${key}`))).toEqual(["raw/*/*"]);
  });

  it("escapes IAM's special characters in what it keeps of a name", () => {
    expect(patternsOf([daily("odd*name?.txt")])).toEqual(["odd${*}name${?}.txt"]);
    expect(patternsOf([`x$/${UUIDS[0]}.json`])).toEqual(["x${$}/*.json"]);
  });

  it("folds names past the engine's bound into their shared folder, and drops what that folder covers", () => {
    const folded = { template: null, names: 500, calls: 500, firstSeen: WEEK.firstSeen, lastSeen: WEEK.lastSeen, min: "inbox/a/1.eml", max: "inbox/z/9.eml", sample: [] };
    const keys = objectKeys([`inbox/${UUIDS[0]}/x.eml`]);
    expect(namePatterns({ distinct: 501, exact: false, shapes: [...keys.shapes, folded] }, SHAPE).map((p) => p.pattern)).toEqual(["inbox/*"]);
  });
});

describe("namePatterns, other rules and prefix overrides", () => {
  const keys = [daily("config/app.json"), ...UUIDS.slice(0, 3).map((id) => `uploads/${id}/original.jpg`), "uploads/readme.txt"];

  it("folder: each first path segment's common folder", () => {
    expect(patternsOf(keys, { rule: "folder", span: WEEK })).toEqual(["config/*", "uploads/*"]);
  });

  it("exact: every name, where the scan kept them all", () => {
    const exact = namePatterns(objectKeys(keys, true), { rule: "exact", span: WEEK }).map((p) => p.pattern);
    expect(exact).toEqual(["config/app.json", ...UUIDS.slice(0, 3).map((id) => `uploads/${id}/original.jpg`).sort(), "uploads/readme.txt"]);
  });

  it("exact on a folded scan falls back to the shape of what it cannot name, and says so", () => {
    const many = UUIDS.map((id) => `uploads/${id}/original.jpg`);
    const [pattern] = namePatterns(objectKeys(many), { rule: "exact", span: WEEK });
    expect(pattern).toMatchObject({ pattern: "uploads/*/original.jpg", why: expect.stringContaining("the scan folded these names by shape") });
  });

  it("a prefix rule wins over the default, the longest prefix first", () => {
    const overrides = [{ prefix: "uploads/", rule: "*" as const }, { prefix: "config/", rule: "folder" as const }];
    expect(patternsOf(keys, { ...SHAPE, overrides })).toEqual(["config/*", "uploads/*"]);
    expect(patternsOf(keys, { ...SHAPE, overrides: [{ prefix: "", rule: "folder" }, { prefix: "config/", rule: "shape" }] })).toEqual(["config/app.json", "uploads/*"]);
  });
});

describe("namePatterns, properties", () => {
  const piece = fc.constantFrom("uploads", "exports", "cfg", "2026", "11", "30", "batch-301", "v2", "a.json", "x.csv", UUIDS[0]!, UUIDS[1]!, "01JDQ6ZK8W3M5N7P9R2T4V6X8Y", "1764547200", "0f3c2a4e7b1d4c55", "é", "a*b", "q?", "$");
  const name = fc.array(piece, { minLength: 1, maxLength: 5 }).map((parts) => parts.join("/"));
  const use = fc.record({ name, calls: fc.integer({ min: 1, max: 20 }), day: fc.integer({ min: 1, max: 13 }), days: fc.integer({ min: 0, max: 12 }) }).map(
    ({ name, calls, day, days }): NameUse => ({
      name,
      calls,
      firstSeen: `2026-11-${String(day).padStart(2, "0")}T08:00:00Z`,
      lastSeen: `2026-11-${String(Math.min(14, day + days)).padStart(2, "0")}T09:00:00Z`,
    }),
  );

  it("cover every name seen, whatever the rule", () => {
    fc.assert(
      fc.property(fc.array(use, { minLength: 1, maxLength: 30 }), fc.constantFrom("shape", "folder", "exact") as fc.Arbitrary<"shape" | "folder" | "exact">, (uses, rule) => {
        const keys = objectKeys(uses, rule === "exact");
        const patterns = namePatterns(keys, { rule, span: WEEK }).map((p) => p.pattern);
        for (const u of uses) expect(grants(patterns, typeof u === "string" ? u : u.name), `${JSON.stringify(u)} in ${patterns.join(" ")}`).toBe(true);
      }),
      { numRuns: 400, seed: 11 },
    );
  });

  it("never grant a top-level folder no name was in", () => {
    fc.assert(
      fc.property(fc.array(use, { minLength: 1, maxLength: 30 }), (uses) => {
        const patterns = patternsOf(uses);
        const atRoot = patterns.some((p) => p.startsWith("*"));
        if (!atRoot) expect(grants(patterns, "zz-never-used/a.json")).toBe(false);
      }),
      { numRuns: 400, seed: 12 },
    );
  });
});
