import { describe, expect, it } from "vitest";
import { renderDriftMarkdown } from "../../../src/emit/drift/drift-markdown.js";
import { hostileReport } from "../../drift/fixtures.js";

/** The lines outside fenced code blocks, where Markdown and HTML are parsed. */
function parsedLines(markdown: string): string[] {
  const lines: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split("\n")) {
    const opening = /^(`{3,})/.exec(line)?.[1];
    if (fence === null && opening !== undefined) fence = opening;
    else if (fence !== null && line.startsWith(fence) && line.trim() === fence) fence = null;
    else if (fence === null) lines.push(line);
  }
  expect(fence, "every fenced block is closed").toBeNull();
  return lines;
}

/** The `|` that separate cells: not escaped with a backslash. */
const cellSeparators = (line: string) => line.replace(/\\\\/g, "").match(/(?<!\\)\|/g)?.length ?? 0;

describe("renderDriftMarkdown", () => {
  const markdown = renderDriftMarkdown(hostileReport());
  const parsed = parsedLines(markdown);

  it("lets no markup from a log through where Markdown is parsed", () => {
    const text = parsed.join("\n");
    expect(text).not.toMatch(/<script/i);
    expect(text).toContain("&lt;script&gt;");
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    // A line break in a log value would have started a line of its own.
    expect(parsed.filter((line) => line.startsWith("next"))).toEqual([]);
  });

  it("keeps every table row to its columns: pipes from logs are escaped", () => {
    let columns = 0;
    for (const line of parsed) {
      if (!line.startsWith("|")) {
        columns = 0;
        continue;
      }
      const separators = cellSeparators(line);
      if (columns === 0) columns = separators;
      expect(separators, line).toBe(columns);
    }
  });

  it("puts no log text in a <summary> line, which GitHub reads as raw HTML", () => {
    for (const line of parsed.filter((l) => l.startsWith("<summary>"))) expect(line).toMatch(/^<summary>[\w\s:,]+<\/summary>$/);
  });

  it("shows the suggested statement in a fence longer than the backtick runs it holds", () => {
    const fence = /^(`{3,})json$/m.exec(markdown)?.[1] ?? "";
    expect(fence.length).toBeGreaterThan(6);
    const body = markdown.slice(markdown.indexOf(`${fence}json\n`) + fence.length + 5, markdown.indexOf(`\n${fence}\n`));
    expect(JSON.parse(body)).toEqual(hostileReport().roles[0]!.denied[0]!.suggestion);
  });

  it("gives new-usage and denied rows an Event column, the id escaped and clipped", () => {
    expect(markdown).toContain("| Role | Action | Resource | Calls | First seen | Last seen | Event | Why |");
    expect(markdown).toContain("| Role | Call | Error | Calls | First seen | Last seen | Event | Needs | Resources |");
    const forged = { ...hostileReport(), roles: hostileReport().roles.map((role) => ({ ...role, newUsage: role.newUsage.map((n) => ({ ...n, eventId: "x".repeat(5000) })) })) };
    const row = renderDriftMarkdown(forged).split("\n").find((line) => line.includes("xxxx"))!;
    expect(row).toContain(`\`${"x".repeat(63)}…\``);
  });

  it("is byte-identical from one call to the next", () => {
    expect(renderDriftMarkdown(hostileReport())).toBe(markdown);
  });
});
