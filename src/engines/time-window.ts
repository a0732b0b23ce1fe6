import { UsageError } from "../usage-error.js";

/** Half-open [since, until) in UTC; null means unbounded. */
export interface TimeWindow {
  readonly since: Date | null;
  readonly until: Date | null;
}

const DURATION = /^(\d+)([dhm])$/;
const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;
// CloudTrail began in November 2013; a duration reaching back before the Unix epoch is a typo (or
// would leave JavaScript's and DuckDB's date range), not a window.
const EARLIEST = Date.UTC(1970, 0, 1);
// Dates without a zone are UTC: CloudTrail's eventTime is, and a window must not shift with the laptop.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses `--since`/`--until`: an ISO date or time, or a duration back from `now` (90d, 12h, 30m). */
export function parseTimePoint(flag: string, value: string, now: Date): Date {
  const duration = DURATION.exec(value);
  if (duration) {
    const unit = duration[2] as keyof typeof UNIT_MS;
    const point = now.getTime() - Number(duration[1]) * UNIT_MS[unit];
    if (!(point >= EARLIEST)) {
      const most = Math.floor((now.getTime() - EARLIEST) / UNIT_MS[unit]);
      throw new UsageError(`${flag} ${value} reaches back before 1970: give at most ${most}${unit}, or an ISO date`);
    }
    return new Date(point);
  }
  if (ISO_DATE.test(value)) {
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value) && value.length > 10;
    const date = new Date(hasZone ? value : `${value.replace(" ", "T")}${value.length === 10 ? "T00:00:00" : ""}Z`);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new UsageError(`${flag} '${value}' is neither an ISO date (2026-11-01, 2026-11-01T12:00Z) nor a duration (90d, 12h, 30m)`);
}

/** `--since all`: no start, said on purpose (the Athena engine bounds a window left unsaid). */
export const SINCE_ALL = "all";

export function parseTimeWindow(since: string | undefined, until: string | undefined, now: Date): TimeWindow {
  const window = {
    since: since === undefined || since === SINCE_ALL ? null : parseTimePoint("--since", since, now),
    until: until === undefined ? null : parseTimePoint("--until", until, now),
  };
  if (window.since && window.until && window.since >= window.until) {
    throw new UsageError(`--since ${since} is not before --until ${until}`);
  }
  return window;
}

/**
 * How far back --engine athena reads when --since is not given. Athena bills every byte a query
 * scans, and without a start the table's partition projection reaches back to the first day it
 * declares (2013 by default): a forgotten --since would read the whole bucket. 90 days is the
 * CloudTrail console's own Event history window.
 */
export const ATHENA_DEFAULT_DAYS = 90;

/**
 * The window of an Athena scan: as given, or, without --since, the last ATHENA_DEFAULT_DAYS days
 * before --until (or now), from the start of that UTC day, so that runs on one day read the same
 * window. `note` is the one stderr line that says so; null when the window is the user's own.
 */
export function athenaTimeWindow(since: string | undefined, until: string | undefined, now: Date): { window: TimeWindow; note: string | null } {
  const given = parseTimeWindow(since, until, now);
  if (since !== undefined) return { window: given, note: null };
  const end = given.until ?? now;
  const start = new Date(Math.floor(end.getTime() / UNIT_MS.d) * UNIT_MS.d - ATHENA_DEFAULT_DAYS * UNIT_MS.d);
  const range = `${start.toISOString().slice(0, 10)}..${given.until === null ? "" : given.until.toISOString().slice(0, 10)}`;
  return {
    window: { since: start, until: given.until },
    note: `athena: --since not given: reading the last ${ATHENA_DEFAULT_DAYS} days (${range}); --since ${SINCE_ALL} reads everything`,
  };
}
