import { printable } from "./printable.js";

/** What a coloured line means: the colour follows the consequence, as the HTML report's does. */
export type TextStyle = "breaks" | "decide" | "cleanup" | "ok" | "heading";

export interface TextOptions {
  /** ANSI colours, for a terminal (`--color`). JSON, Markdown, HTML and Terraform never get them. */
  readonly color?: boolean;
}

export interface StyledLine {
  readonly text: string;
  readonly style: TextStyle;
}

/** One line of a text report, plain or with its style. A line break inside one is log text: it is escaped. */
export type TextLine = string | StyledLine;

export function styled(text: string, style: TextStyle): StyledLine {
  return { text, style };
}

const SGR: Readonly<Record<TextStyle, string>> = {
  breaks: "\u001b[31m", // red: fails once the policy is applied
  decide: "\u001b[33m", // yellow: a reviewer decides
  cleanup: "\u001b[36m", // cyan: safe to remove, or context
  ok: "\u001b[32m", // green: nothing to do
  heading: "\u001b[1m", // bold: table headers, a role's first line
};
const RESET = "\u001b[0m";

/**
 * The report's lines as they are printed: every line made printable (log text may hold escape
 * sequences and line breaks, which must not start a line of their own), then the styled ones
 * painted, so that the escapes added here are the only ones in the output. Without `color`, the
 * same lines without any.
 */
export function printLines(lines: readonly TextLine[], options: TextOptions = {}): string[] {
  return lines.map((line) => {
    if (typeof line === "string") return printable(line);
    const text = printable(line.text);
    return options.color === true && text !== "" ? `${SGR[line.style]}${text}${RESET}` : text;
  });
}

/** A table (renderTable's text, its cells already printable) as lines, its header row bold. */
export function tableLines(table: string, indent = ""): TextLine[] {
  const [header = "", ...rows] = table.trimEnd().split("\n");
  return [styled(`${indent}${header}`, "heading"), ...rows.map((row) => `${indent}${row}`)];
}
