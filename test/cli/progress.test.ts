import { describe, expect, it } from "vitest";
import { progressLine } from "../../src/cli/progress.js";

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream, written };
}

describe("progressLine", () => {
  it("redraws one line on a terminal and clears it when done", () => {
    const { stream, written } = fakeStream(true);
    const progress = progressLine(stream, false);
    progress.update?.({ fraction: 0.5, filesTotal: 400, elapsedMs: 10_000 });
    progress.done();
    expect(written).toEqual(["\rscanning: ~200 of 400 files (50%) in 10 s, ~10 s left   ", "\r\x1b[K"]);
  });

  it("is silent when stderr is not a terminal, or with --quiet", () => {
    for (const [isTTY, quiet] of [[false, false], [true, true]] as const) {
      const { stream, written } = fakeStream(isTTY);
      const progress = progressLine(stream, quiet);
      expect(progress.update).toBeUndefined();
      progress.done();
      expect(written).toEqual([]);
    }
  });
});
