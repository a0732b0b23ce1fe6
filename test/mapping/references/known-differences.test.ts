/** The known-differences table itself: one row per case, each with its reason, in the right list. */
import { describe, expect, it } from "vitest";
import { KNOWN_DIFFERENCES, TO_FIX, WE_ARE_RIGHT } from "./known-differences.js";

describe("known-differences.ts", () => {
  console.log(
    `known differences: ${KNOWN_DIFFERENCES.length} rows, ${WE_ARE_RIGHT.length} where we are right, ${TO_FIX.length} to fix`,
  );

  it("has one row per (reference, case)", () => {
    const keys = KNOWN_DIFFERENCES.map((row) => `${row.reference} ${row.case}`);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  it("says why for every row", () => {
    expect(KNOWN_DIFFERENCES.filter((row) => row.why.trim().length < 20).map((row) => row.case)).toEqual([]);
  });

  it("keeps the two kinds apart", () => {
    expect(WE_ARE_RIGHT.every((row) => row.verdict === "we-are-right")).toBe(true);
    expect(TO_FIX.every((row) => row.verdict === "to-fix")).toBe(true);
  });

  it("records a difference in every row", () => {
    const same = KNOWN_DIFFERENCES.filter(
      (row) => JSON.stringify([...row.ours].sort()) === JSON.stringify([...row.theirs].sort()),
    );
    // Equal lists are a difference only when iam-data lacks the action: the test files check that.
    expect(same.every((row) => row.verdict === "we-are-right" && (row.reference === "trailscraper-cases" || row.reference === "iam-dataset-all"))).toBe(true);
  });
});
