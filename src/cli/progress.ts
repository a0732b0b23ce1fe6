import type { ScanProgress } from "../engines/engine.js";

export interface ProgressLine {
  readonly update: ((progress: ScanProgress) => void) | undefined;
  done(): void;
}

/** Without a terminal (CI, a scheduler's log), a line this often: enough to show life, few enough to read. */
export const PLAIN_INTERVAL_MS = 10_000;

/**
 * Progress of a scan on stderr: on a terminal, one line redrawn in place; elsewhere a plain line
 * every PLAIN_INTERVAL_MS, so that a log shows the scan is alive. Nothing with --quiet.
 */
export function progressLine(stream: NodeJS.WriteStream, quiet: boolean): ProgressLine {
  if (quiet) return { update: undefined, done() {} };
  if (stream.isTTY !== true) {
    let next = PLAIN_INTERVAL_MS;
    return {
      update(progress) {
        if (progress.elapsedMs < next) return;
        next = progress.elapsedMs + PLAIN_INTERVAL_MS;
        stream.write(`${describe(progress)}\n`);
      },
      done() {},
    };
  }
  let shown = false;
  return {
    update(progress) {
      stream.write(`\r${describe(progress)}   `);
      shown = true;
    },
    done() {
      if (shown) stream.write("\r\x1b[K");
    },
  };
}

/** "scanning: 120 of 205 MB (58%), 40 MB/s, in 3 s, ~2 s left"; by files where bytes are not known. */
function describe(progress: ScanProgress): string {
  const seconds = progress.elapsedMs / 1000;
  const percent = Math.round(progress.fraction * 100);
  const eta = progress.fraction > 0.02 && progress.fraction < 1 ? `, ~${Math.round(seconds / progress.fraction - seconds)} s left` : "";
  if (progress.bytes !== undefined) {
    const rate = seconds > 0 ? `, ${megabytes(progress.bytes.read / seconds)} MB/s` : "";
    return `scanning: ${megabytes(progress.bytes.read)} of ${megabytes(progress.bytes.total)} MB (${percent}%)${rate} in ${seconds.toFixed(0)} s${eta}`;
  }
  const files = Math.round(progress.fraction * progress.filesTotal);
  return `scanning: ~${files} of ${progress.filesTotal} files (${percent}%) in ${seconds.toFixed(0)} s${eta}`;
}

function megabytes(bytes: number): string {
  const mb = bytes / 1_000_000;
  return mb >= 10 ? Math.round(mb).toLocaleString("en-US") : mb.toFixed(1);
}
