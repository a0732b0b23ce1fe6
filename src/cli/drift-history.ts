import path from "node:path";
import type { DriftReport } from "../drift/drift-report.js";
import { driftTrend, historyFileName, historySlot, readHistory, runTime, type DriftTrend } from "../drift/history.js";
import { renderDriftJson } from "../emit/drift/drift-json.js";
import type { Provenance } from "../emit/shared/provenance.js";
import { writeFileAtomic } from "./output-files.js";

/**
 * `drift --history-dir DIR`: files this run's JSON report in DIR (src/drift/history.ts names it;
 * the same run again is not written twice, another run of the same time gets `-2` and a line on
 * stderr), then reads the runs kept there, this one included, for the trend. A file that is not a
 * drift report is named on stderr and skipped.
 */
export async function recordDriftRun(dir: string, report: DriftReport, provenance: Provenance, stderr: NodeJS.WritableStream): Promise<DriftTrend> {
  const json = renderDriftJson(report, provenance);
  const time = runTime({ provenance, window: report.window });
  const slot = historySlot(dir, time, json);
  if (!slot.same) {
    await writeFileAtomic(path.join(dir, slot.file), json);
    if (slot.ordinal > 1) {
      stderr.write(`--history-dir: ${path.join(dir, historyFileName(time))} holds another run with the same last event; this one is kept as ${slot.file}\n`);
    }
  }
  const runs = readHistory(dir, (line) => stderr.write(`${line}\n`));
  return driftTrend(runs, report.roles.map((role) => role.role));
}
