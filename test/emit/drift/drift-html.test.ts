import { describe, expect, it } from "vitest";
import type { DriftReport } from "../../../src/drift/drift-report.js";
import type { DriftTrend } from "../../../src/drift/history.js";
import { renderDriftHtml } from "../../../src/emit/drift/drift-html.js";
import { escapeHtml } from "../../../src/emit/shared/html-text.js";
import { DRIFT_REPORT, HOSTILE_ROLE, HOSTILE_ROLE_NAME, IMG, PAYMENTS_ROLE, SCRIPT } from "./drift-report-fixture.js";

const html = renderDriftHtml(DRIFT_REPORT);

/** Text as the page shows it once parsed: the break points gone, the references escapeHtml writes decoded. */
function decoded(fragment: string): string {
  const entities: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
  return fragment.replace(/<wbr>/g, "").replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => entities[entity] ?? entity);
}

/** A value as `breakable` writes it: escaped, a `<wbr>` after each `/`, `:` and `-`. */
function withBreaks(value: string): string {
  return escapeHtml(value).replace(/[/:-]/g, "$&<wbr>");
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
  "svg", "line", "polyline", "circle", "details", "summary", "wbr",
]);
const ATTRIBUTES = new Set([
  "lang", "charset", "http-equiv", "content", "name", "class", "id", "href", "scope", "colspan", "datetime", "aria-labelledby",
  "aria-label", "role", "viewbox", "width", "height", "x1", "y1", "x2", "y2", "points", "cx", "cy", "r", "open", "title",
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
    expect(html).toContain("&lt;/<wbr>style&gt;{{roles}}");
    expect(html).not.toContain("\u202e");
    expect(html).toContain("\\u202e");
    // The template's slots are filled in one pass: a log's `{{roles}}` stays text.
    expect(html).not.toMatch(/\{\{(?:title|window|summary)\}\}/);
    expect(html.split("{{roles}}")).toHaveLength(2);
  });

  it("sums up every role's findings at the top by consequence, what breaks first, then a section per role", () => {
    const summary = html.slice(html.indexOf('<table class="summary">'), html.indexOf("</table>", html.indexOf('<table class="summary">')));
    const rows = [...summary.matchAll(/<tr class="summary-role">(.*?)<\/tr>/g)].map((m) => m[1]!);
    expect(rows).toHaveLength(2);
    const counts = (row: string) => [...row.matchAll(/<td class="num[^"]*">([\d,]+)<\/td>/g)].map((m) => m[1]);
    // New usage and denied (breaks), high-risk unused, wildcards and ECS (a decision), other unused (cleanup).
    expect(counts(rows[0]!)).toEqual(["2", "2", "2", "1", "1", "1"]);
    expect(counts(rows[1]!)).toEqual(["1", "1", "1", "1", "1", "0"]);
    expect(rows[0]).toContain('<td class="num hit breaks">2</td>');
    expect(rows[0]).toContain('<td class="num hit decide">2</td>');
    expect(rows[0]).toContain('<td class="num hit cleanup">1</td>');
    // By name, the ARN on hover.
    expect(rows[0]).toContain(`<a href="#role-1" title="${PAYMENTS_ROLE}">${withBreaks("payments-service-task")}</a>`);
    expect(rows[1]).toContain(`<a href="#role-2" title="${escapeHtml(HOSTILE_ROLE)}">${withBreaks(HOSTILE_ROLE_NAME)}</a>`);
    expect(summary).toContain("<tfoot><tr><td>All 2 roles</td>");
    expect(summary).toContain('<th scope="colgroup" colspan="2" class="breaks">Breaks</th>');

    // Three counts by consequence above the table, each finding once.
    const cards = html.slice(html.indexOf('<ul class="cards">'), html.indexOf("</ul>", html.indexOf('<ul class="cards">')));
    expect([...cards.matchAll(/<li class="card (\w+)[^"]*"><span class="card-count">(\d+)<\/span>/g)].map((m) => [m[1], m[2]])).toEqual([
      ["breaks", "6"],
      ["decide", "7"],
      ["cleanup", "1"],
    ]);

    expect(section("role-1")).toContain(`<h2 id="role-1-heading">Role ${withBreaks("payments-service-task")}</h2>`);
    expect(section("role-1")).toContain(`<code>${withBreaks(PAYMENTS_ROLE)}</code>`);
    expect(section("role-2")).toContain(`<h2 id="role-2-heading">Role ${withBreaks(HOSTILE_ROLE_NAME)}</h2>`);
    expect(html).toContain("Window: <time datetime=\"2026-11-02T00:00:00Z\">2026-11-02T00:00:00Z</time> to <time");
  });

  it("folds each kind of finding in a <details> coloured by consequence, what breaks open and first", () => {
    const folds = [...section("role-1").matchAll(/<details class="fold (\w+)"( open="")?>\n<summary><span class="fold-kind">[^<]*<\/span> <span class="fold-title">([^<]*)<\/span> <span class="count">\((\d+)\)<\/span>/g)].map(
      ([, consequence, open, title, n]) => [consequence, open === ' open=""', title, Number(n)],
    );
    expect(folds).toEqual([
      ["breaks", true, "New usage", 2],
      ["breaks", true, "Denied calls", 2],
      ["decide", false, "High-risk unused grants", 2],
      ["decide", false, "Wildcards", 1],
      ["decide", false, "ECS hygiene", 1],
      ["cleanup", false, "Unused grants", 1],
    ]);
    expect(section("role-1")).toContain('<span class="tag breaks">Breaks: 4</span> <span class="tag decide">Needs a decision: 4</span> <span class="tag cleanup">Cleanup: 1</span>');
    expect(section("role-1")).toContain("Distinct actions in the window: 48 granted, 12 used, 2 denied.");
    // The bar chart repeated the table: gone.
    expect(html).not.toContain("<rect");
  });

  it("breaks long names after /, : and - only, and never inside an escape", () => {
    expect(section("role-1")).toContain("<code>arn:<wbr>aws:<wbr>s3:<wbr>:<wbr>:<wbr>acme-<wbr>uploads/<wbr>&lt;script&gt;alert(1)&lt;/<wbr>script&gt;</code>");
    // Actions stay on one line.
    expect(section("role-1")).toContain('<code class="name">dynamodb:Query</code>');
    for (const match of html.matchAll(/&[^;\s]*<wbr>/g)) throw new Error(`a break inside a reference: ${match[0]}`);
  });

  it("shows first and last seen and one event id on denied and new rows", () => {
    const role = DRIFT_REPORT.roles[0]!;
    const withFirst = {
      ...DRIFT_REPORT,
      roles: [
        {
          ...role,
          denied: [{ ...role.denied[0]!, firstSeen: "2026-11-02T01:02:03Z", eventId: "<b>evt</b>" }],
          newUsage: role.newUsage.map((n) => ({ ...n, eventId: "6f1c2a9e-0b7d" })),
        },
      ],
    };
    const page = renderDriftHtml(withFirst);
    expect(page).toContain('<th scope="col">First seen</th><th scope="col">Last seen</th><th scope="col">Event</th><th scope="col">Resources</th>');
    expect(page).toContain('<td><time datetime="2026-11-02T01:02:03Z">2026-11-02T01:02:03Z</time></td><td><time datetime="2026-11-08T22:10:05Z">');
    expect(page).toContain("<td><code>&lt;b&gt;evt&lt;/<wbr>b&gt;</code></td>");
    expect(page).toContain("<td><code>6f1c2a9e-<wbr>0b7d</code></td>");
    // Without one, a dash.
    expect(section("role-1")).toMatch(/<th scope="col">Event<\/th>/);
    expect(section("role-1")).toContain('<td><time datetime="2026-11-02T06:00:13Z">2026-11-02T06:00:13Z</time></td><td><time datetime="2026-11-08T23:58:40Z">');
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

  it("draws each role's unused, new and denied over the last runs as inline SVG, a gap where a run did not review it", () => {
    const trend: DriftTrend = {
      runs: ["2026-10-26T00:00:00Z", "2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z"],
      roles: new Map([
        [PAYMENTS_ROLE, [{ unused: 6, newUsage: 0, denied: 1 }, { unused: 3, newUsage: 1, denied: 2 }, { unused: 3, newUsage: 2, denied: 2 }]],
        [HOSTILE_ROLE, [null, { unused: 1, newUsage: 0, denied: 0 }, { unused: 1, newUsage: 1, denied: 1 }]],
      ]),
    };
    const page = renderDriftHtml(DRIFT_REPORT, undefined, trend);
    expect(page).toContain('<th scope="col">Trend, last 3 runs</th>');
    expect(page).toContain('aria-label="Unused of role payments-service-task, oldest run first: 6, 3, 3"');
    expect(page).toContain(`aria-label="New usage of role ${escapeHtml(HOSTILE_ROLE_NAME)}, oldest run first: not reviewed, 0, 1"`);
    // 72 x 14 in the summary, 2 units of padding: 6 is the top, 3 half way; the newest a dot.
    expect(page).toContain('<polyline points="2,2 36,7 70,7"></polyline><circle cx="70" cy="7" r="1.8"></circle>');
    // A run without the role is a gap: the line starts at the second run.
    expect(page).toContain('<svg class="spark breaks" role="img" aria-label="New usage of role');
    expect(page).toMatch(/oldest run first: not reviewed, 0, 1<\/title><line class="base" x1="2" y1="12" x2="70" y2="12"><\/line><polyline points="36,12 70,2"><\/polyline>/);
    const role1 = page.slice(page.indexOf('<section class="role" id="role-1"'));
    expect(role1).toContain('<p class="explain">Over the last 3 runs, <time datetime="2026-10-26T00:00:00Z">');
    expect(role1).toContain('<span class="spark-span">6 → 3</span>');
    expect(page).not.toMatch(/<script|<style[^>]*>[^]*<style/);
    // One run is no trend yet: said, not drawn.
    const first = renderDriftHtml(DRIFT_REPORT, undefined, { runs: ["2026-11-09T00:00:00Z"], roles: new Map() });
    expect(first).toContain("Trend: this is the first run kept in the history");
    expect(first).not.toContain("<polyline");
  });

  it("shows accepted findings in a fold of their own", () => {
    const role = {
      ...DRIFT_REPORT.roles[0]!,
      accepted: [{ kind: "denied" as const, action: "kms:Decrypt", resources: [`arn:aws:kms:us-east-1:111122223333:key/${SCRIPT}`], calls: 3, reason: `batch job ${IMG}`, expires: "2026-12-31", expired: true, entry: 2 }],
    };
    const page = renderDriftHtml({ ...DRIFT_REPORT, roles: [role], acceptedFrom: "accepted.json" });
    expect(page).toContain('<details class="fold accepted">');
    expect(page).toContain('<span class="fold-title">Accepted findings</span> <span class="count">(1)</span>');
    expect(page).toContain(`batch job ${escapeHtml(IMG)}`);
    expect(page).toContain('<span class="tag breaks">expired</span>');
    expect(page).toContain("Accepted findings from <code>accepted.json</code>");
  });

  it("is byte-identical for the same report, however it was built", () => {
    expect(renderDriftHtml(DRIFT_REPORT)).toBe(html);
    expect(renderDriftHtml(JSON.parse(JSON.stringify(DRIFT_REPORT)) as DriftReport)).toBe(html);
  });

  it("lists grants no log could show in use apart from unused ones, and says how many calls it could not judge", () => {
    const role = { ...DRIFT_REPORT.roles[0]!, unobservable: [{ action: "logs:PutLogEvents", resources: ["*"], why: `never recorded ${SCRIPT}`, conditionallyDenied: [] }], unmapped: 3 };
    const html = renderDriftHtml({ ...DRIFT_REPORT, roles: [role] });
    expect(html).toContain('<span class="fold-title">Unobservable grants</span> <span class="count">(1)</span>');
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

  it("folds nothing for a kind of finding a role does not have, and says a clean role has nothing to act on", () => {
    const clean = renderDriftHtml({
      window: { since: "2026-11-02", until: null },
      roles: [{ role: PAYMENTS_ROLE, baseline: [], unused: [], newUsage: [], denied: [], wildcards: [], ecs: [], totals: { granted: 0, used: 0, denied: 0 } }],
    });
    expect(clean).not.toContain("<details");
    expect(clean).toContain('<span class="tag clean">nothing to act on</span>');
    expect(clean).not.toContain("<tfoot>");
    expect(clean).not.toContain(" hit");
  });
});
