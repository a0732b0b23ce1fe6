import { describe, expect, it } from "vitest";
import { PLAIN_INTERVAL_MS, progressLine } from "../../src/cli/progress.js";

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

  it("shows bytes read, the rate and what is left when the engine knows the bytes", () => {
    const { stream, written } = fakeStream(true);
    progressLine(stream, false).update?.({ fraction: 0.6, filesTotal: 400, elapsedMs: 3_000, bytes: { read: 123_000_000, total: 205_000_000 } });
    expect(written).toEqual(["\rscanning: 123 of 205 MB (60%), 41 MB/s in 3 s, ~2 s left   "]);
  });

  it("without a terminal, writes a plain line every ten seconds, not on every update", () => {
    const { stream, written } = fakeStream(false);
    const progress = progressLine(stream, false);
    for (let ms = 0; ms <= 25_000; ms += 250) progress.update?.({ fraction: ms / 50_000, filesTotal: 80, elapsedMs: ms });
    progress.done();
    expect(written).toEqual([
      `scanning: ~16 of 80 files (20%) in ${PLAIN_INTERVAL_MS / 1000} s, ~40 s left\n`,
      "scanning: ~32 of 80 files (40%) in 20 s, ~30 s left\n",
    ]);
  });

  it("is silent with --quiet", () => {
    const { stream, written } = fakeStream(true);
    const progress = progressLine(stream, true);
    expect(progress.update).toBeUndefined();
    progress.done();
    expect(written).toEqual([]);
  });
});
