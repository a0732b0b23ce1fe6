import { describe, expect, it } from "vitest";
import { printLines, styled, tableLines } from "../../../src/emit/shared/text-paint.js";
import { renderTable } from "../../../src/emit/shared/table.js";

const HOSTILE = "role\u001b[31m\nFAKE LINE";

describe("printLines", () => {
  it("escapes what a log carries, line breaks included, before it adds its own colours", () => {
    const lines = printLines([HOSTILE, styled(HOSTILE, "breaks")], { color: true });
    expect(lines).toEqual(["role\\u001b[31m\\u000aFAKE LINE", "\u001b[31mrole\\u001b[31m\\u000aFAKE LINE\u001b[0m"]);
  });

  it("gives the same lines without escapes when not coloured", () => {
    const lines: Parameters<typeof printLines>[0] = ["plain", styled("Denied (2)", "breaks"), styled("", "heading")];
    expect(printLines(lines)).toEqual(["plain", "Denied (2)", ""]);
    expect(printLines(lines, { color: false })).toEqual(printLines(lines));
    // An empty line stays empty: no escape pair around nothing.
    expect(printLines(lines, { color: true })[2]).toBe("");
  });

  it("makes a table's header bold, indented as asked, and leaves its rows plain", () => {
    const table = renderTable(["ACTION", "CALLS"], [["s3:GetObject", 3]]);
    expect(printLines(tableLines(table, "  "), { color: true })).toEqual(["\u001b[1m  ACTION        CALLS\u001b[0m", "  s3:GetObject      3"]);
  });
});
