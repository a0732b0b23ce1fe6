import { printable } from "./printable.js";

/**
 * Escaping for text that came from a policy or a log and ends up in a GitHub pull-request comment.
 * GitHub renders Markdown and a subset of inline HTML, so an S3 key or an IAM role path holding
 * `|`, backticks, `<img onerror=…>` or a newline could break a table, start a heading or inject
 * markup. Both functions return one line that renders as the literal text wherever inline Markdown
 * is parsed: a paragraph, a heading, a list item, a table cell. They are not for raw HTML blocks
 * (the `<summary>` line of a `<details>` block is raw HTML: put no log text there).
 */

// CommonMark lets any ASCII punctuation be backslash-escaped (spec 2.4). These are the ones that
// start inline markup: code, emphasis, links, images, GFM strikethrough and table pipes, GitHub's
// `$` math, and `#` (a heading at the start of a list item's line). `<`, `>` and `&` become
// entities instead, which also hold in the rare place where HTML rather than Markdown is parsed.
const INLINE_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\\\",
  "`": "\\`",
  "*": "\\*",
  _: "\\_",
  "[": "\\[",
  "]": "\\]",
  "|": "\\|",
  "~": "\\~",
  $: "\\$",
  "#": "\\#",
  "!": "\\!",
  "<": "&lt;",
  ">": "&gt;",
  "&": "&amp;",
};

const INLINE_SPECIAL = /[\\`*_[\]|~$#!<>&]/g;

// A block construct only starts a line: a list marker (`-`, `+`, `1.`), a setext underline (`=`),
// an indented code block (leading spaces). Escaping just the first character keeps the common
// text ("my-bucket", "v1.2") readable.
const LINE_START: readonly [RegExp, (match: string) => string][] = [
  [/^[-+=]/, (m) => `\\${m}`],
  [/^(\d+)([.)])/, (m) => m.replace(/[.)]$/, (d) => `\\${d}`)],
  [/^ /, () => "&#32;"],
];

// GFM ends a table row, a paragraph line or a heading at any of these (spec 2.2), and the Unicode
// separators are line breaks to some renderers.
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;

function escapeInline(text: string): string {
  let escaped = text.replace(INLINE_SPECIAL, (char) => INLINE_ESCAPES[char] ?? char);
  for (const [pattern, replace] of LINE_START) {
    if (pattern.test(escaped)) {
      escaped = escaped.replace(pattern, replace);
      break;
    }
  }
  return escaped;
}

/**
 * Literal text for Markdown: line breaks become spaces, other control characters are shown as
 * `\uXXXX` (see printable), and every character that could start markup is escaped.
 */
export function markdownText(text: string): string {
  return escapeInline(printable(text.replace(LINE_BREAKS, " ")));
}

/**
 * A code span showing `text` exactly, control characters (line breaks included) shown as
 * `\uXXXX`. The fence is one backtick longer than the longest run of backticks inside, and is
 * padded with a space when the text starts or ends with a backtick or a space, since CommonMark
 * strips one space from each end of a padded span (spec 6.1).
 *
 * A `|` cannot be shown in a code span that must work both inside and outside a GFM table: a table
 * needs it escaped as `\|` even inside code, and outside a table that backslash would be shown.
 * Text holding a `|` (IAM paths and S3 keys may) is therefore written as escaped plain text, as
 * is the empty string, which has no code span.
 */
export function markdownCode(text: string): string {
  const shown = printable(text);
  if (shown === "" || shown.includes("|")) return escapeInline(shown);
  const longestRun = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = /^[` ]|[` ]$/.test(shown) && shown.trim() !== "" ? " " : "";
  return `${fence}${pad}${shown}${pad}${fence}`;
}
