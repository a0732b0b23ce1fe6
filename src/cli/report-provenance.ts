import type { Provenance } from "../emit/shared/provenance.js";
import type { UsageSource } from "../engines/engine.js";
import { compareText } from "../mapping/order.js";
import { tightenVersion } from "../project-files.js";
import { UsageError } from "../usage-error.js";

/** Where a report's data came from: the scan's own counts and the principals it saw. */
export async function reportProvenance(source: UsageSource, engine: "local" | "athena", policies: string, env: NodeJS.ProcessEnv = process.env): Promise<Provenance> {
  const principals = await source.principals();
  const first = principals.map((p) => p.firstSeen).sort(compareText)[0] ?? null;
  const last = principals.map((p) => p.lastSeen).sort(compareText).at(-1) ?? null;
  const accounts = [...new Set(principals.map((p) => /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(p.principal)?.[1]).filter((a): a is string => a !== undefined))].sort(compareText);
  return {
    firstEvent: first,
    lastEvent: last,
    events: source.report.events,
    // Athena reads a table, not files: its report counts none.
    files: engine === "athena" ? null : source.report.filesRead,
    accounts,
    engine,
    policies,
    version: tightenVersion(),
    generated: generationTime(env),
  };
}

/**
 * SOURCE_DATE_EPOCH (seconds since 1970, reproducible-builds.org) fixes the time a report says it
 * was made, so a rerun on the same logs gives the same bytes; without it, the clock.
 */
export function generationTime(env: NodeJS.ProcessEnv, now: () => Date = () => new Date()): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === "") return now().toISOString().replace(/\.\d{3}Z$/, "Z");
  if (!/^\d+$/.test(epoch)) throw new UsageError(`SOURCE_DATE_EPOCH ${epoch}: expected whole seconds since 1970`);
  return new Date(Number(epoch) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

