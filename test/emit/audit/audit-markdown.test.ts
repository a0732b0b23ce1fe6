import { describe, expect, it } from "vitest";
import { renderAuditMarkdown } from "../../../src/emit/audit/audit-markdown.js";
import { exampleReport, HOSTILE_VALUE, hostileReport } from "./audit-report-fixture.js";

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

/** Text with its code spans (unescaped backtick runs and what they enclose) taken out. */
const withoutCodeSpans = (text: string) => text.replace(/(?<!\\)(`+)[^`].*?(?<!`)\1(?!`)/g, "");

/** The `|` that separate cells: not escaped with a backslash. */
const cellSeparators = (line: string) => line.replace(/\\\\/g, "").match(/(?<!\\)\|/g)?.length ?? 0;

describe("renderAuditMarkdown", () => {
  it("the example fleet: a summary table, then the flagged task definition with its replacement in JSON", () => {
    const markdown = renderAuditMarkdown(exampleReport({ region: "us-east-1" }));
    expect(markdown).toContain(
      [
        "| Task definition | Source | Findings |",
        "| --- | --- | --: |",
        "| `notifications-service` | `examples/ecs/notifications-service.json` | 1 |",
        "| `payments-service:42` | `examples/ecs/payments-service.json` | 0 |",
        "| `reports-service:7` | `examples/ecs/reports-service.json` | 0 |",
      ].join("\n"),
    );
    expect(markdown).toContain("| `notifications` | `SMTP_PASSWORD` | 25 | name has PASSWORD in it |");
    expect(markdown).toContain(
      [
        "Container `notifications`:",
        "",
        "```json",
        "[",
        "  {",
        '    "name": "SMTP_PASSWORD",',
        '    "valueFrom": "arn:aws:secretsmanager:us-east-1:111122223333:secret:notifications-service/SMTP_PASSWORD"',
        "  }",
        "]",
        "```",
      ].join("\n"),
    );
    expect(markdown).toContain("The execution role `arn:aws:iam::111122223333:role/ecs/notifications-service-execution` needs:");
    expect(markdown).toContain('    "arn:aws:secretsmanager:us-east-1:111122223333:secret:notifications-service/SMTP_PASSWORD-??????"');
    // Clean task definitions are in the table only.
    expect(markdown).not.toContain("### `payments-service:42`");
  });

  describe("with hostile names", () => {
    const markdown = renderAuditMarkdown(hostileReport());
    const parsed = parsedLines(markdown);

    it("lets no markup through where Markdown is parsed: outside code spans, which show it literally", () => {
      const text = parsed.join("\n");
      expect(withoutCodeSpans(text)).not.toMatch(/<(img|script|b)\b/i);
      expect(text).toContain("`task-definitions/<script>alert(1)</script>.json`");
      expect(text).toContain("&lt;img src=x onerror=alert(1)&gt;");
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      // The line break in the variable name would have started a heading.
      expect(parsed.filter((line) => line.startsWith("#") && !line.startsWith("## ") && !line.startsWith("### "))).toEqual([]);
    });

    it("keeps every table row to its columns", () => {
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

    it("fences the JSON longer than any backtick run a name holds", () => {
      expect(markdown).toContain("````json");
    });

    it("never shows the value", () => {
      expect(markdown).not.toContain(HOSTILE_VALUE.slice(0, 6));
    });
  });
});
