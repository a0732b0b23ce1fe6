import { describe, expect, it } from "vitest";
import type { DriftReport } from "../../src/drift/drift-report.js";
import { renderDriftHtml } from "../../src/emit/drift-html.js";
import { escapeHtml } from "../../src/emit/html-text.js";
import { DRIFT_REPORT, HOSTILE_ROLE, HOSTILE_ROLE_NAME, IMG, PAYMENTS_ROLE, SCRIPT } from "./drift-report-fixture.js";

const html = renderDriftHtml(DRIFT_REPORT);

/** Text as the page shows it once parsed: the references escapeHtml writes, decoded. */
function decoded(fragment: string): string {
  const entities: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
  return fragment.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => entities[entity] ?? entity);
}

/** The HTML of one role's section. */
function section(id: string): string {
  const start = html.indexOf(`<section class="role" id="${id}"`);
  expect(start).toBeGreaterThan(0);
  return html.slice(start, html.indexOf("</section>", start));
}

interface Tag {
  readonly element: string;
  readonly attributes: readonly (readonly [string, string])[];
}

/**
 * The start tags of `document`, read as the renderer writes them: each attribute `name="value"`
 * with no `"` inside the value. A tag written any other way (an unquoted or single-quoted value, a
 * stray character) fails the test instead of being misread.
 */
function tags(document: string): Tag[] {
  return [...document.matchAll(/<([a-zA-Z][\w-]*)((?:\s[a-z][\w-]*="[^"]*")*)\s*\/?>|<[a-zA-Z]/gi)].map((match) => {
    if (match[1] === undefined) throw new Error(`malformed tag at ${match.index}: ${document.slice(match.index, match.index + 80)}`);
    const attributes = [...match[2]!.matchAll(/\s([a-z][\w-]*)="([^"]*)"/gi)].map((m) => [m[1]!, m[2]!] as const);
    return { element: match[1], attributes };
  });
}

// Every element the renderer and the template write. A hostile string that became markup would
// add one (an <img>, a <script>) or an attribute outside this list.
const ELEMENTS = new Set([
  "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section", "h1", "h2", "h3", "p", "a", "br",
  "div", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "ul", "li", "code", "pre", "span", "time", "figure", "figcaption",
  "svg", "g", "rect", "text", "line",
]);
const ATTRIBUTES = new Set([
  "lang", "charset", "http-equiv", "content", "name", "class", "id", "href", "scope", "colspan", "datetime", "aria-labelledby",
  "aria-label", "role", "viewbox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "data-value",
]);

describe("renderDriftHtml", () => {
  it("writes one HTML5 document that loads nothing and runs nothing", () => {
    expect(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">")).toBe(true);
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<(?:img|link|iframe|object|embed|base|form|input|image|use|foreignObject)\b/i);
    expect(html).not.toMatch(/@import|url\(|https?:|\bxlink:/i);
    // Attributes only: the escaped text `&lt;img src=x` is text, in content or in an aria-label.
    const references = tags(html).flatMap((tag) => tag.attributes.filter(([name]) => /^(?:src|href|srcset|action|poster|data)$/i.test(name)));
    expect(references).toEqual([["href", "#role-1"], ["href", "#role-2"]]);
  });

  it("writes only its own elements and attributes, every attribute value quoted", () => {
    const all = tags(html);
    expect(all.length).toBeGreaterThan(100);
    for (const { element, attributes } of all) {
      expect(ELEMENTS, element).toContain(element.toLowerCase());
      for (const [attribute] of attributes) expect(ATTRIBUTES, `${element} ${attribute}`).toContain(attribute.toLowerCase());
    }
  });

  it("shows hostile strings from logs and policies as text", () => {
    for (const hostile of [SCRIPT, IMG, HOSTILE_ROLE, HOSTILE_ROLE_NAME]) {
      expect(html).not.toContain(hostile);
      expect(html).toContain(escapeHtml(hostile));
    }
    // The template's own </style> is the only one: a resource's does not end the style sheet early.
    expect(html.split("</style>")).toHaveLength(2);
    expect(html).toContain("&lt;/style&gt;{{roles}}");
    expect(html).not.toContain("\u202e");
    expect(html).toContain("\\u202e");
    // The template's slots are filled in one pass: a log's `{{roles}}` stays text.
    expect(html).not.toMatch(/\{\{(?:title|window|summary)\}\}/);
    expect(html.split("{{roles}}")).toHaveLength(2);
  });

  it("sums up every role's findings at the top, what breaks first, then a section per role", () => {
    const summary = html.slice(html.indexOf('<table class="summary">'), html.indexOf("</table>", html.indexOf('<table class="summary">')));
    const rows = [...summary.matchAll(/<tr class="summary-role">(.*?)<\/tr>/g)].map((m) => m[1]!);
    expect(rows).toHaveLength(2);
    const counts = (row: string) => [...row.matchAll(/<td class="num[^"]*">([\d,]+)<\/td>/g)].map((m) => m[1]);
    // New usage, denied, unused, wildcards, ECS: the columns that break production lead.
    expect(counts(rows[0]!)).toEqual(["2", "2", "3", "1", "1"]);
    expect(counts(rows[1]!)).toEqual(["1", "1", "1", "1", "1"]);
    expect(rows[0]).toContain(`<a href="#role-1">payments-service-task</a>`);
    expect(rows[1]).toContain(`<a href="#role-2">${escapeHtml(HOSTILE_ROLE_NAME)}</a>`);
    expect(summary).toContain("<tfoot><tr><td>All 2 roles</td>");

    expect(section("role-1")).toContain(`<h2 id="role-1-heading">Role payments-service-task</h2>`);
    expect(section("role-1")).toContain(`<code>${PAYMENTS_ROLE}</code>`);
    expect(section("role-2")).toContain(`<h2 id="role-2-heading">Role ${escapeHtml(HOSTILE_ROLE_NAME)}</h2>`);
    expect(html).toContain("Window: <time datetime=\"2026-11-02T00:00:00Z\">2026-11-02T00:00:00Z</time> to <time");
  });

  it("lists every finding of every role in its section", () => {
    DRIFT_REPORT.roles.forEach((role, index) => {
      const text = decoded(section(`role-${index + 1}`));
      const strings = [
        ...role.baseline,
        ...role.unused.flatMap((grant) => [grant.action, ...grant.resources, grant.accessLevel, ...(grant.lastUsed === null ? [] : [grant.lastUsed])]),
        ...role.newUsage.flatMap((usage) => [usage.action, usage.resource, usage.firstSeen, usage.lastSeen, usage.reason]),
        ...role.denied.flatMap((denied) => [...denied.actions, denied.call, denied.errorCode, denied.lastSeen, ...denied.resources]),
        ...role.wildcards.flatMap((wildcard) => [wildcard.statement, wildcard.source, ...wildcard.actions, ...wildcard.resources, wildcard.why]),
        ...role.ecs.flatMap((finding) => [finding.kind, ...finding.agentCalls, ...finding.applicationCalls, finding.advice]),
      ];
      for (const string of strings) expect(text, string).toContain(string);
      const rows = section(`role-${index + 1}`).match(/<tr class="finding/g) ?? [];
      expect(rows).toHaveLength(role.unused.length + role.newUsage.length + role.denied.length + role.wildcards.length + role.ecs.length);
    });
    expect(section("role-1")).toContain('<td class="num">18,342</td>');
    expect(section("role-1")).toContain('<span class="risk risk-privilege-escalation">privilege escalation</span>');
    expect(section("role-1")).toContain("never, in the logs");
  });

  it("shows each suggested statement as JSON that parses back to it", () => {
    const pres = [...section("role-1").matchAll(/<pre>([\s\S]*?)<\/pre>/g)].map((m) => JSON.parse(decoded(m[1]!)) as unknown);
    expect(pres).toEqual(DRIFT_REPORT.roles[0]!.denied.map((denied) => denied.suggestion));
    expect(section("role-1")).toContain("  &quot;Action&quot;: [&quot;kms:Decrypt&quot;],\n");
    expect(section("role-2")).toContain('<p class="none">No statement suggested.</p>');
  });

  it("draws each role's totals as three bars, the largest full height", () => {
    const bars = (id: string) =>
      [...section(id).matchAll(/<g class="bar bar-(\w+)"><title>([^<]*)<\/title><rect [^>]*height="([\d.]+)" data-value="(\d+)"><\/rect><text class="value"[^>]*>([\d,]+)<\/text>/g)].map(
        ([, kind, title, height, value, label]) => ({ kind, title, height: Number(height), value: Number(value), label }),
      );
    expect(bars("role-1")).toEqual([
      { kind: "granted", title: "48 actions granted", height: 144, value: 48, label: "48" },
      { kind: "used", title: "12 actions used", height: 36, value: 12, label: "12" },
      { kind: "denied", title: "2 actions denied", height: 6, value: 2, label: "2" },
    ]);
    // 9 and 1 of 1,500 are under a unit high: each still gets a visible sliver.
    expect(bars("role-2").map((bar) => [bar.value, bar.height, bar.label])).toEqual([[1500, 144, "1,500"], [9, 2, "9"], [1, 2, "1"]]);
    expect(section("role-1")).toContain('role="img" aria-label="Actions of role payments-service-task: 48 granted, 12 used, 2 denied"');
    expect(section("role-2")).toContain(`aria-label="Actions of role ${escapeHtml(HOSTILE_ROLE_NAME)}: 1,500 granted, 9 used, 1 denied"`);
  });

  it("is byte-identical for the same report, however it was built", () => {
    expect(renderDriftHtml(DRIFT_REPORT)).toBe(html);
    expect(renderDriftHtml(JSON.parse(JSON.stringify(DRIFT_REPORT)) as DriftReport)).toBe(html);
  });

  it("lists grants no log could show in use apart from unused ones, and says how many calls it could not judge", () => {
    const role = { ...DRIFT_REPORT.roles[0]!, unobservable: [{ action: "logs:PutLogEvents", resources: ["*"], why: `never recorded ${SCRIPT}`, conditionallyDenied: [] }], unmapped: 3 };
    const html = renderDriftHtml({ ...DRIFT_REPORT, roles: [role] });
    expect(html).toContain("Unobservable grants <span class=\"count\">(1)</span>");
    expect(html).toContain("logs:PutLogEvents");
    expect(html).toContain("never recorded &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("3 successful call(s) in the window could not be mapped");
  });

  it("says so when the window is open-ended or no role was reviewed", () => {
    const empty = renderDriftHtml({ window: { since: "2026-11-02", until: null }, roles: [] });
    expect(empty).toContain("<title>Drift report: 0 roles, 2026-11-02 to the newest log</title>");
    expect(empty).toContain("Window: <time datetime=\"2026-11-02\">2026-11-02</time> to the newest log");
    expect(empty).toContain('<p class="none">No roles were reviewed.</p>');
    expect(empty).not.toContain("<section class=\"role\"");
  });

  it("says None for a kind of finding a role does not have, and draws empty bars for no actions", () => {
    const clean = renderDriftHtml({
      window: { since: "2026-11-02", until: null },
      roles: [{ role: PAYMENTS_ROLE, baseline: [], unused: [], newUsage: [], denied: [], wildcards: [], ecs: [], totals: { granted: 0, used: 0, denied: 0 } }],
    });
    expect(clean.match(/<p class="none">None\.<\/p>/g)).toHaveLength(5);
    expect(clean.match(/height="0" data-value="0"/g)).toHaveLength(3);
    expect(clean).not.toContain("<tfoot>");
    expect(clean).not.toContain(' hit"');
  });
});
