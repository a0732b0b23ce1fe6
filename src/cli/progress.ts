import type { ScanProgress } from "../engines/engine.js";

export interface ProgressLine {
  readonly update: ((progress: ScanProgress) => void) | undefined;
  done(): void;
}

/** A one-line progress display on stderr, only when a person is watching it. */
export function progressLine(stream: NodeJS.WriteStream, quiet: boolean): ProgressLine {
  if (quiet || !stream.isTTY) return { update: undefined, done() {} };
  let shown = false;
  return {
    update(progress) {
      const percent = Math.round(progress.fraction * 100);
      const seconds = progress.elapsedMs / 1000;
      const eta = progress.fraction > 0.02 ? `, ~${Math.round(seconds / progress.fraction - seconds)} s left` : "";
      const files = Math.round(progress.fraction * progress.filesTotal);
      stream.write(`\rscanning: ~${files} of ${progress.filesTotal} files (${percent}%) in ${seconds.toFixed(0)} s${eta}   `);
      shown = true;
    },
    done() {
      if (shown) stream.write("\r\x1b[K");
    },
  };
}
