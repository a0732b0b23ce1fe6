import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../../src/emit/shared/html-text.js";

/** What an HTML parser shows for text escapeHtml wrote: the five references it uses, decoded. */
function shownText(html: string): string {
  const entities: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
  return html.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => entities[entity] ?? entity);
}

describe("escapeHtml", () => {
  it("escapes the five characters that start markup or end an attribute", () => {
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
  });

  it("turns a script element into text", () => {
    expect(escapeHtml("<script>alert(1)</script>")).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("cannot close the report's <style> element or open another tag", () => {
    const escaped = escapeHtml("a</style><style>body{display:none}</style>");
    expect(escaped).toBe("a&lt;/style&gt;&lt;style&gt;body{display:none}&lt;/style&gt;");
    expect(escaped).not.toMatch(/<\/?[a-z]/i);
  });

  it("keeps a value inside its quoted attribute, double or single", () => {
    const hostile = `x" onmouseover="alert(1)' onfocus='alert(2)`;
    const escaped = escapeHtml(hostile);
    expect(`<td title="${escaped}">`).toBe(`<td title="x&quot; onmouseover=&quot;alert(1)&#39; onfocus=&#39;alert(2)">`);
    expect(escaped).not.toMatch(/["']/);
  });

  it("escapes an existing reference again, so it is shown as written", () => {
    expect(escapeHtml("&lt;b&gt; &#x3c;")).toBe("&amp;lt;b&amp;gt; &amp;#x3c;");
  });

  it("leaves other text alone: ARNs, wildcards, non-ASCII", () => {
    const text = "arn:aws:s3:::bucket/régions/*?{{roles}}`=|";
    expect(escapeHtml(text)).toBe(text);
  });

  it("shows any string as itself and writes no markup-significant character", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const escaped = escapeHtml(text);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(escaped.replace(/&(?:amp|lt|gt|quot|#39);/g, "")).not.toContain("&");
        expect(shownText(escaped)).toBe(text);
      }),
    );
  });
});
