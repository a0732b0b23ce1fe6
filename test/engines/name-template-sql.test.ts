// The engine groups names by their mask in SQL, mapping computes masks in TypeScript: both come from
// NAME_MASK_PATTERN and must agree on every name, or a shape would be judged from names the engine
// grouped otherwise.

import { DuckDBInstance, VARCHAR, LIST, listValue } from "@duckdb/node-api";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nameMaskSql } from "../../src/engines/name-template-sql.js";
import { maskSpans, nameMask, nameTemplate } from "../../src/mapping/name-tokens.js";

let instance: DuckDBInstance;

beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:");
});
afterAll(() => instance.closeSync());

async function duckdbMasks(names: readonly string[]): Promise<string[]> {
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(
      `SELECT ${nameMaskSql("name", "duckdb")} AS mask FROM (SELECT unnest($names) AS name, generate_subscripts($names, 1) AS i) ORDER BY i`,
      { names: listValue([...names]) },
      { names: LIST(VARCHAR) },
    );
    return reader.getRowObjectsJson().map((row) => String(row.mask));
  } finally {
    connection.closeSync();
  }
}

const PIECES = [
  "uploads", "original.jpg", "thumb-256.jpg", "/", "-", "_", ".", "=", "year", "{", "}", "{{", "{#}", "*", "?", "$", " ", "é", "中", "\u202e",
  "6f1c2a4e-7b1d-4c55-9a2e-5d8c1e6b7a90", "6F1C2A4E-7B1D-4C55-9A2E-5D8C1E6B7A90", "2026-11-30", "2026-11-30T10:15:00Z", "2026-11-30T10-15-00.123+01:00",
  "20261130", "20261130T1015Z", "1764547200", "1764547200123", "2026", "11", "301", "123456", "01JDQ6ZK8W3M5N7P9R2T4V6X8Y", "01jdq6zk8w3m5n7p9r2t4v6x8y",
  "0f3c2a4e7b1d4c55", "deadbeef", "9f3c", "b1", "ec", "v2", "aB3dE9fGh2kL4mN6", "k8s0a1b2c3d4e5f6g7h8", "ULID", "report",
];

describe("nameMaskSql (DuckDB) and nameMask (TypeScript)", () => {
  it("agree on names built from the tokens the rules tell apart", async () => {
    const names = fc.sample(fc.array(fc.constantFrom(...PIECES), { maxLength: 9 }).map((parts) => parts.join("")), { numRuns: 3000, seed: 20261203 });
    expect(await duckdbMasks(names)).toEqual(names.map(nameMask));
  });

  it("agree on arbitrary text", async () => {
    const names = fc.sample(fc.string({ unit: "binary", maxLength: 40 }), { numRuns: 1000, seed: 7 });
    expect(await duckdbMasks(names)).toEqual(names.map(nameMask));
  });

  it("agree on names of long runs, which TypeScript walks in linear time (a backtracking regular expression took seconds per 100,000 letters)", async () => {
    const long = "k".repeat(400_000);
    const names = [`${long}`, `${long}7`, `7${long}`, `a/${long}/deadbeef-${long}1.txt`, `${"deadbeef".repeat(50_000)}-2026-11-30`, `x${"ab1".repeat(100_000)}`];
    expect(await duckdbMasks(names)).toEqual(names.map(nameMask));
    expect(maskSpans(`${long}/v2`).map((s) => [s.text.length, s.masked])).toEqual([[400_001, false], [2, true]]);
  });

  it("mask every token that may vary, and keep literal braces readable", () => {
    expect(nameMask("uploads/6f1c2a4e-7b1d-4c55-9a2e-5d8c1e6b7a90/thumb-256.jpg")).toBe("uploads/{#}/thumb-{#}.jpg");
    expect(nameMask("receipts/2026/11/30/01JDQ6ZK8W3M5N7P9R2T4V6X8Y.json")).toBe("receipts/{#}/{#}/{#}/{#}.json");
    expect(nameMask("exports/2026-11-30/batch-301.csv.gz")).toBe("exports/{#}/batch-{#}.csv.gz");
    expect(nameMask("config/settings.json")).toBe("config/settings.json");
    expect(nameMask("a{b}/{#}/v2")).toBe("a{{b}/{{#}/{#}");
    expect(maskSpans("a/v2-x").map((s) => [s.text, s.masked])).toEqual([["a/", false], ["v2", true], ["-x", false]]);
  });

  it("classify tokens for the mapping: generated ones in the template, varying ones left as written", () => {
    expect(nameTemplate("uploads/6f1c2a4e-7b1d-4c55-9a2e-5d8c1e6b7a90/original.jpg")).toBe("uploads/{uuid}/original.jpg");
    expect(nameTemplate("receipts/2026/11/30/01JDQ6ZK8W3M5N7P9R2T4V6X8Y.json")).toBe("receipts/{year}/11/30/{ulid}.json");
    expect(nameTemplate("tmp/1764547200123-report.pdf")).toBe("tmp/{epoch}-report.pdf");
    expect(nameTemplate("ecs/payments/0f3c2a4e7b1d4c559a2e5d8c1e6b7a90")).toBe("ecs/payments/{hex}");
  });
});
