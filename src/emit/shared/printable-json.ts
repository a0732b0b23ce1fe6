import { printable } from "./printable.js";

/**
 * A report as JSON: 2-space indent, one trailing newline, and no raw control or bidirectional
 * characters. JSON.stringify escapes C0 controls but leaves DEL, C1 controls and bidi overrides
 * raw, and a terminal acts on those; printable writes them as \uXXXX, which inside a JSON string
 * is the escape for the same character, so the parsed values are unchanged. Line by line, since
 * the line breaks between values are the only raw ones JSON.stringify emits.
 */
export function printableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).split("\n").map(printable).join("\n")}\n`;
}
