import { keepScans, keptScan } from "../../src/cli/scan-memo.js";
import type { ScanRequest, UsageSource } from "../../src/engines/engine.js";
import { scanLocalLogs } from "../../src/engines/local/local-engine.js";
import type { TimeWindow } from "../../src/engines/time-window.js";
import { PARAMETER_SELECTION } from "../../src/mapping/request-parameters.js";

// examples/fleet takes 1-2 s to scan, and several files ask the same scan of it (the whole trail,
// every name apart, by hour: backtest's). Kept as the CLI's in-process runs keep theirs (run-cli.ts).
keepScans();

/**
 * The local engine's scan of `logs` with the default parameter selection, shared with every other
 * file of this worker that asks the same of the same files (src/cli/scan-memo.ts): its answers are
 * what a fresh scan gives, frozen. A test whose subject is the scan itself calls scanLocalLogs.
 */
export function keptLocalScan(logs: readonly string[], window: TimeWindow, shape: Pick<ScanRequest, "names" | "byHour">): Promise<UsageSource> {
  return keptScan({ logs, ...window, names: shape.names, byHour: shape.byHour === true }, () =>
    scanLocalLogs({ logs, window, selection: PARAMETER_SELECTION, ...shape }),
  );
}
