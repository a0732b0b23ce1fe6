import { markdownTable } from "./markdown-blocks.js";

/**
 * GitHub refuses an issue or pull-request comment over 65,536 characters (its API says "Body is
 * too long"). The reports stop below that with room for a caller's own header or footer.
 */
export const MARKDOWN_LIMIT = 60_000;

/** Rows a table shows before it is cut: past this, a reviewer reads the JSON or HTML anyway. */
export const TABLE_ROW_LIMIT = 40;

/** Values one table cell lists (resources, actions) before the rest is counted. */
export const CELL_VALUE_LIMIT = 8;

/** Where a reader finds what a cut Markdown report left out. */
export const FULL_REPORT = "`--format json` or `--format html` has them all";

/** A piece of a report that is either shown whole or replaced by its one-line `cut`. */
export interface MarkdownPart {
  readonly lines: readonly string[];
  /** Said instead when the part does not fit: one short line. */
  readonly cut: string;
}

/** The last line of a report cut short; its length is kept free until then. */
function endNotice(parts: number): string {
  return `_${parts} more section${parts === 1 ? "" : "s"} not shown: this report stops below ${MARKDOWN_LIMIT.toLocaleString("en-US")} characters; ${FULL_REPORT}._`;
}

const NOTICE_ROOM = endNotice(Number.MAX_SAFE_INTEGER).length + 2;

/** Kept free after any report for one line a caller adds (diff's note that the unified diff is left out). */
export const TRAILER_ROOM = 120;

/**
 * The head, then the parts in order while they fit under `limit`. A part too long for what is left
 * is replaced by its cut line; once even cut lines no longer fit, the rest is counted in one line.
 * Parts come most urgent first, so what is dropped is what matters least. The head must be short
 * (callers bound it): it is always shown.
 */
export function fitMarkdown(head: readonly string[], parts: readonly MarkdownPart[], limit = MARKDOWN_LIMIT): string {
  const out = [...head];
  // +1 per line for the "\n" that joins it, +1 for the final one.
  let used = head.reduce((sum, line) => sum + line.length + 1, 1);
  const room = limit - NOTICE_ROOM - TRAILER_ROOM;
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index]!;
    const size = part.lines.reduce((sum, line) => sum + line.length + 1, 0);
    if (used + size <= room) {
      out.push(...part.lines);
      used += size;
      continue;
    }
    const cut = ["", part.cut];
    const cutSize = cut.reduce((sum, line) => sum + line.length + 1, 0);
    if (used + cutSize <= room) {
      out.push(...cut);
      used += cutSize;
      continue;
    }
    out.push("", endNotice(parts.length - index));
    break;
  }
  return out.join("\n") + "\n";
}

/**
 * A GFM table cut to `limit` rows, with a line saying how many were left out and where they are.
 * `noun` names the rows ("denied calls").
 */
export function boundedTable(
  header: readonly string[],
  align: readonly string[],
  rows: readonly (readonly string[])[],
  noun: string,
  limit = TABLE_ROW_LIMIT,
): string[] {
  return boundedRows(header, align, rows, (row) => row, noun, limit);
}

/** The same over items, each made a row only when shown: a report may hold thousands of them. */
export function boundedRows<T>(
  header: readonly string[],
  align: readonly string[],
  items: readonly T[],
  toRow: (item: T) => readonly string[],
  noun: string,
  limit = TABLE_ROW_LIMIT,
): string[] {
  const table = markdownTable(header, align, items.slice(0, limit).map(toRow));
  if (items.length <= limit) return table;
  return [...table, "", `_${items.length - limit} more ${noun} not shown (${items.length} in all): ${FULL_REPORT}._`];
}

/** A cell listing values, at most CELL_VALUE_LIMIT of them, the rest counted. Values arrive escaped, or `show` escapes them. */
export function boundedList(values: readonly string[], empty = "-", show: (value: string) => string = (value) => value): string {
  if (values.length === 0) return empty;
  // Only the values shown are escaped: a cell may stand for thousands.
  const shown = values.slice(0, CELL_VALUE_LIMIT).map(show).join(", ");
  return values.length > CELL_VALUE_LIMIT ? `${shown} and ${values.length - CELL_VALUE_LIMIT} more` : shown;
}

/** Longest single value shown in a cell; IAM allows 2,048-character ARNs and logs hold longer. */
export const VALUE_LIMIT = 300;

/**
 * Longest eventID shown: CloudTrail's are 36-character UUIDs; a forged one in a log may be any
 * length, and a reader needs only enough to search for it.
 */
export const EVENT_ID_LIMIT = 64;

const SURROGATE = /[\ud800-\udfff]/;

/** A value from a log or policy cut to VALUE_LIMIT characters, before it is escaped (an escape cut in half would show). */
export function clipValue(value: string, limit = VALUE_LIMIT): string {
  // Counted in code points, reading no further than the limit: reports clip thousands of values,
  // some of them kilobytes long. A string has no more code points than UTF-16 units.
  if (value.length <= limit) return value;
  // No surrogate among the first `limit` units: they are `limit` code points, and more follow.
  if (!SURROGATE.test(value.slice(0, limit))) return `${value.slice(0, limit - 1)}…`;
  let count = 0;
  let end = 0;
  let cut = 0;
  for (const char of value) {
    if (count === limit) return `${value.slice(0, cut)}…`;
    count += 1;
    end += char.length;
    if (count === limit - 1) cut = end;
  }
  return value;
}
