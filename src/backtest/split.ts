import { parseTimePoint } from "../engines/time-window.js";
import { UsageError } from "../usage-error.js";

/** Where `--split` cuts the window: a share of its span, or a point in time. */
export type SplitSpec =
  | { readonly kind: "share"; readonly share: number; readonly text: string }
  | { readonly kind: "time"; readonly at: Date; readonly text: string };

const HOUR_MS = 3_600_000;
const SHARE = /^(\d+(?:\.\d+)?)%$/;

/** `70%` (of the span the logs cover) or a time (`2026-11-20T00:00Z`, or a duration back from now such as `7d`). */
export function parseSplit(value: string, now: Date): SplitSpec {
  const share = SHARE.exec(value);
  if (share !== null) {
    const percent = Number(share[1]);
    if (percent <= 0 || percent >= 100) throw new UsageError(`--split ${value}: give a share between 0% and 100%, such as 70%`);
    return { kind: "share", share: percent / 100, text: value };
  }
  try {
    return { kind: "time", at: parseTimePoint("--split", value, now), text: value };
  } catch {
    throw new UsageError(`--split '${value}' is neither a share of the window (70%) nor a time (2026-11-20T00:00Z, or a duration back such as 7d)`);
  }
}

/**
 * The split as a time, on an hour: the scan groups calls by hour, so an hour boundary parts them
 * exactly. A share is taken of the span from the first to the last call seen. The split must
 * leave calls on both sides.
 */
export function splitTime(spec: SplitSpec, range: { readonly first: Date; readonly last: Date }): Date {
  const at = spec.kind === "time" ? spec.at : new Date(range.first.getTime() + spec.share * (range.last.getTime() - range.first.getTime()));
  const hour = new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
  if (hour.getTime() <= range.first.getTime() || hour.getTime() > range.last.getTime()) {
    const span = `${range.first.toISOString()} .. ${range.last.toISOString()}`;
    throw new UsageError(`--split ${spec.text}: falls at ${hour.toISOString()}, which leaves no calls on one side of the logs' span ${span}`);
  }
  return hour;
}
