import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvRecords, type CsvRecord } from "../../../src/engines/athena/result-csv.js";
import { resultCsv } from "./athena-wire.js";

async function records(chunks: readonly (Uint8Array | string)[]): Promise<CsvRecord[]> {
  const all: CsvRecord[] = [];
  for await (const record of csvRecords(toAsync(chunks))) all.push(record);
  return all;
}

async function* toAsync<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}

/** `bytes` cut at `cuts` (offsets, any order): chunk boundaries fall inside UTF-8 sequences too. */
function cutAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  return chunks;
}

describe("csvRecords: Athena's result files", () => {
  it("tells NULL (an empty field without quotes) from the empty string (\"\")", async () => {
    expect(await records([',"",text\n'])).toEqual([[null, "", "text"]]);
    expect(await records(['"a",,""\n'])).toEqual([["a", null, ""]]);
  });

  it("keeps commas, line breaks, doubled quotes and non-ASCII text inside quotes", async () => {
    expect(await records(['"a,b","line 1\nline 2\r\nline 3","say ""hi""","日本 ✓ 😀"\n'])).toEqual([
      ["a,b", "line 1\nline 2\r\nline 3", 'say "hi"', "日本 ✓ 😀"],
    ]);
  });

  it("reads a line with nothing on it as one NULL (a one-column row), and no record after the last line break", async () => {
    expect(await records(['"x"\n\n"y"\n'])).toEqual([["x"], [null], ["y"]]);
    expect(await records(['"x"\n'])).toEqual([["x"]]);
    expect(await records([""])).toEqual([]);
  });

  it("takes CRLF line ends and a last line without one", async () => {
    expect(await records(['"a","b"\r\n"c",\r\n"d","e"'])).toEqual([["a", "b"], ["c", null], ["d", "e"]]);
  });

  it("reads unquoted values as they are", async () => {
    expect(await records(["a,12,true\n"])).toEqual([["a", "12", "true"]]);
  });

  it.each([
    ['"a","b\n', "the file ends inside a quoted field (cut short?) (line 2)"],
    ['"a"x,"b"\n', "text after the closing quote of a field (line 1)"],
    ['a"b\n', "a quote inside an unquoted field (line 1)"],
    ['"a"\r"b"\n', "a carriage return outside quotes that does not end a line (line 1)"],
  ])("refuses %j: %s", async (text, message) => {
    await expect(records([text])).rejects.toThrow(`Athena's result file is not valid CSV: ${message}`);
  });

  it("refuses bytes that are not UTF-8", async () => {
    await expect(records([new Uint8Array([0x22, 0xff, 0x22, 0x0a])])).rejects.toThrow(TypeError);
  });

  it("gives back any rows Athena writes, however the bytes are cut into chunks", async () => {
    const value = fc.option(
      fc.oneof(fc.string({ unit: "binary", maxLength: 12 }), fc.constantFrom("", '"', ",", "\n", "\r\n", "\r", '""', ' "x", ', "é😀")),
      { nil: null },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }).chain((width) => fc.array(fc.array(value, { minLength: width, maxLength: width }), { maxLength: 20 })),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (rows, cuts) => {
          const width = rows[0]?.length ?? 1;
          const columns = Array.from({ length: width }, (_, i) => ({ name: `c${i}`, type: "varchar" as const }));
          const bytes = new TextEncoder().encode(resultCsv(columns, rows));
          expect(await records(cutAt(bytes, cuts))).toEqual([columns.map((column) => column.name), ...rows]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
