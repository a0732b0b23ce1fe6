import { describe, expect, it } from "vitest";
import { ONE_THREAD_BELOW_BYTES, scanThreads } from "../../../src/engines/local/duckdb-threads.js";

const MB = 1024 * 1024;

describe("scanThreads", () => {
  it("reads small inputs with one thread, where a second costs CPU and saves no time", () => {
    expect(scanThreads([0.9 * MB], 2)).toBe(1);
    expect(scanThreads(Array.from({ length: 41 }, () => 20_000), 8)).toBe(1);
    expect(scanThreads([], 2)).toBe(1);
  });

  it("uses every core once the files add up to the threshold, however they are split", () => {
    expect(scanThreads([ONE_THREAD_BELOW_BYTES], 2)).toBe(2);
    expect(scanThreads(Array.from({ length: 498 }, () => 22_000), 2)).toBe(2);
    expect(scanThreads([ONE_THREAD_BELOW_BYTES / 2, ONE_THREAD_BELOW_BYTES / 2], 16)).toBe(16);
  });

  it("never asks for fewer than one thread", () => {
    expect(scanThreads([100 * MB], 0)).toBe(1);
  });
});
