import { onTestFinished } from "vitest";
import type { NameReduction, UsageSource } from "../../../src/engines/engine.js";
import { scanLocalLogs, type LocalScanOptions } from "../../../src/engines/local/local-engine.js";
import type { TimeWindow } from "../../../src/engines/time-window.js";
import type { ParameterSelection } from "../../../src/engines/usage-row.js";

export const SELECTION: ParameterSelection = {
  parameters: { "dynamodb.amazonaws.com": ["tableName"], "s3.amazonaws.com": ["bucketName"] },
  objectKey: { "s3.amazonaws.com": "key" },
  lists: [],
  folders: [],
  arnPrefixes: [],
};
export const ALL: TimeWindow = { since: null, until: null };

export { scratchDir } from "../../support/scratch-dir.js";

/** Scans `logs` with the local engine; the source is closed when the test ends. */
export async function scanned(
  logs: string[],
  options: Partial<LocalScanOptions> & { window?: TimeWindow; names?: NameReduction } = {},
): Promise<UsageSource> {
  const source = await scanLocalLogs({ logs, window: ALL, selection: SELECTION, names: "shapes", ...options });
  onTestFinished(() => source.close());
  return source;
}
