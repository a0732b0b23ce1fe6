import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { markdownCode, markdownText } from "../../../src/emit/shared/markdown-text.js";
import { printable } from "../../../src/emit/shared/printable.js";

const HOSTILE = "a|b`<img src=x onerror=alert(1)>`\n# heading";

/** What a CommonMark renderer shows for escaped text: backslash escapes and the entities markdownText writes. */
function shownText(markdown: string): string {
  return markdown.replace(/\\([\s\S])|&(lt|gt|amp|#32);/g, (_, escaped: string | undefined, entity: string | undefined) =>
    escaped !== undefined ? escaped : ({ lt: "<", gt: ">", amp: "&", "#32": " " } as Record<string, string>)[entity!]!,
  );
}

/** The content of a code span, as CommonMark reads it (spec 6.1), or null when `markdown` is not one whole span. */
function shownCode(markdown: string): string | null {
  const fence = /^`+/.exec(markdown)?.[0];
  if (fence === undefined || !markdown.endsWith(fence) || markdown.length < 2 * fence.length + 1) return null;
  let content = markdown.slice(fence.length, -fence.length);
  // The span closes at the first run of exactly fence.length backticks.
  if ((content.match(/`+/g) ?? []).some((run) => run.length === fence.length)) return null;
  if (content.startsWith(" ") && content.endsWith(" ") && content.trim() !== "") content = content.slice(1, -1);
  return content;
}

/** Pipes GFM splits a table row at: those not escaped by a backslash. */
function cellPipes(markdown: string): number {
  let pipes = 0;
  for (let i = 0; i < markdown.length; i += 1) {
    if (markdown[i] === "\\") i += 1;
    else if (markdown[i] === "|") pipes += 1;
  }
  return pipes;
}

describe("markdownText", () => {
  it("keeps a hostile role name on one line, in one table cell, with no markup", () => {
    const escaped = markdownText(HOSTILE);
    expect(escaped).toBe("a\\|b\\`&lt;img src=x onerror=alert(1)&gt;\\` \\# heading");
    expect(escaped).not.toContain("\n");
    expect(cellPipes(escaped)).toBe(0);
    expect(escaped).not.toMatch(/<|>/);
    expect(shownText(escaped)).toBe("a|b`<img src=x onerror=alert(1)>` # heading");
  });

  it("escapes emphasis, links, images, strikethrough, math and entities", () => {
    expect(markdownText("*bold* _it_ ~~gone~~ [x](http://e) ![i](y) $x$ &amp; \\")).toBe(
      "\\*bold\\* \\_it\\_ \\~\\~gone\\~\\~ \\[x\\](http://e) \\!\\[i\\](y) \\$x\\$ &amp;amp; \\\\",
    );
  });

  it("turns every kind of line break into a space", () => {
    expect(markdownText("a\r\nb\rc\nd\u2028e\u2029f")).toBe("a b c d e f");
  });

  it("shows other control characters as \\u escapes, their backslash escaped", () => {
    expect(markdownText("x\u001b[2J\u202ey")).toBe("x\\\\u001b\\[2J\\\\u202ey");
    expect(shownText(markdownText("x\u001b[2J"))).toBe(printable("x\u001b[2J"));
  });

  it("cannot start a block: list item, heading, quote, setext underline, indented code", () => {
    expect(markdownText("- item")).toBe("\\- item");
    expect(markdownText("+ item")).toBe("\\+ item");
    expect(markdownText("1. item")).toBe("1\\. item");
    expect(markdownText("12) item")).toBe("12\\) item");
    expect(markdownText("# h")).toBe("\\# h");
    expect(markdownText("> quote")).toBe("&gt; quote");
    expect(markdownText("===")).toBe("\\===");
    expect(markdownText("    code")).toBe("&#32;   code");
  });

  it("leaves ordinary ARNs readable", () => {
    expect(markdownText("arn:aws:s3:::my-bucket/v1.2/key")).toBe("arn:aws:s3:::my-bucket/v1.2/key");
  });

  it("shows any string exactly, on one line, with no unescaped markup character", () => {
    const risky = fc.constantFrom(..."|`*_[]<>&#\\~$!-+=. 1\n\r\u2028\u001b\u202ea");
    const text = fc.oneof(fc.string({ unit: risky, maxLength: 30 }), fc.string({ unit: "binary", maxLength: 30 }));
    fc.assert(
      fc.property(text, (s) => {
        const escaped = markdownText(s);
        expect(shownText(escaped)).toBe(printable(s.replace(/\r\n|[\r\n\u2028\u2029]/g, " ")));
        expect(escaped).not.toMatch(/[\n\r\u2028\u2029<>]/);
        // Every markup character is escaped: none is left once the escapes are taken out.
        expect(escaped.replace(/\\[\s\S]|&(lt|gt|amp|#32);/g, "")).not.toMatch(/[|`*_[\]~$#!\\]/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("markdownCode", () => {
  it("puts an ARN in a plain code span", () => {
    expect(markdownCode("arn:aws:iam::123456789012:role/app")).toBe("`arn:aws:iam::123456789012:role/app`");
  });

  it("fences backticks with a longer run, padded when the text starts or ends with one", () => {
    expect(markdownCode("a`b")).toBe("``a`b``");
    expect(markdownCode("a``b`c")).toBe("```a``b`c```");
    expect(markdownCode("`a")).toBe("`` `a ``");
    expect(markdownCode("a`")).toBe("`` a` ``");
    expect(markdownCode("``")).toBe("``` `` ```");
    expect(markdownCode(" a ")).toBe("`  a  `");
    expect(markdownCode("  ")).toBe("`  `");
  });

  it("leaves HTML inert inside the span and shows line breaks as \\u escapes", () => {
    const code = markdownCode("x<img src=x onerror=alert(1)>\n# heading");
    expect(code).toBe("`x<img src=x onerror=alert(1)>\\u000a# heading`");
    expect(code).not.toContain("\n");
  });

  it("writes text holding a pipe as escaped plain text, so it is one cell in a table and exact outside one", () => {
    const code = markdownCode(HOSTILE);
    expect(code).toBe("a\\|b\\`&lt;img src=x onerror=alert(1)&gt;\\`\\\\u000a\\# heading");
    expect(cellPipes(code)).toBe(0);
    expect(shownText(code)).toBe(printable(HOSTILE));
  });

  it("writes the empty string as nothing, since a code span cannot be empty", () => {
    expect(markdownCode("")).toBe("");
  });

  it("shows any string exactly, as one code span unless it holds a pipe", () => {
    const risky = fc.constantFrom(..."`` `|<>\n\\a*_");
    const text = fc.oneof(fc.string({ unit: risky, maxLength: 20 }), fc.string({ unit: "binary", maxLength: 20 }));
    fc.assert(
      fc.property(text, (s) => {
        const code = markdownCode(s);
        expect(code).not.toMatch(/[\n\r]/);
        expect(cellPipes(code)).toBe(0);
        if (s === "" || printable(s).includes("|")) expect(shownText(code)).toBe(printable(s));
        else expect(shownCode(code)).toBe(printable(s));
      }),
      { numRuns: 2000 },
    );
  });
});
