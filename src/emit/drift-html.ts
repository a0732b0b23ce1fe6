import type { ConditionalDeny } from "../diff/current-grants.js";
import { groupConditionalDenies } from "../diff/conditional-denies.js";
import type { RiskCategory } from "../diff/risk.js";
import { riskName } from "../diff/removal-groups.js";
import type { DeniedCalls, DriftReport, EcsFinding, EcsFindingKind, NewUsage, RoleDrift, UnusedGrant, WildcardStatement } from "../drift/drift-report.js";
import type { PolicyStatement } from "../policy/policy-document.js";
import { fillTemplate, readTemplate } from "../templates.js";
import { escapeHtml } from "./html-text.js";
import { renderPolicyJson } from "./policy-json.js";
import { printable } from "./printable.js";
import { byUrgency } from "./drift-text.js";
import { provenanceLine, type Provenance } from "./provenance.js";

/**
 * The drift report as one self-contained HTML file: templates/drift/report.html holds the page and
 * its CSS, this module fills in a summary table, then per role a chart of its totals and a table
 * per kind of finding. The page loads nothing (its Content-Security-Policy forbids it) and runs no
 * script. Every string of the report went through a log or a policy, so each one is written by
 * `text` or a helper built on it, never spliced in raw; only this module's own words and numbers are not.
 */
export function renderDriftHtml(report: DriftReport, provenance?: Provenance): string {
  // What breaks once the baseline is applied first, as in the text and Markdown reports.
  const roles = [...report.roles].sort(byUrgency);
  return fillTemplate(readTemplate("drift/report.html"), {
    title: text(`Drift report: ${plural(report.roles.length, "role")}, ${windowText(report.window)}`),
    window: provenance === undefined ? windowHtml(report.window) : `${windowHtml(report.window)}<br>${provenanceLine(provenance, text)}`,
    summary: summaryHtml(roles),
    roles: roles.map((role, index) => roleHtml(role, `role-${index + 1}`)).join("\n"),
  });
}

const ECS_TITLE: Readonly<Record<EcsFindingKind, string>> = {
  "task-and-execution-role": "One role is both the task role and the execution role",
  "execution-role-application-calls": "The application calls AWS with the execution role",
};

interface FindingRow {
  readonly cells: readonly string[];
  readonly detail?: string;
}

interface Column {
  readonly label: string;
  readonly numeric?: boolean;
}

/**
 * Log or policy text as HTML: control characters and bidirectional overrides shown as `\uXXXX`
 * (a reordered ARN misleads a reviewer as surely as markup would), then escaped.
 */
function text(value: string): string {
  return escapeHtml(printable(value));
}

/** An ARN, a resource, a path: long, broken anywhere to fit its column. */
function code(value: string): string {
  return `<code>${text(value)}</code>`;
}

/** An action, a call, an error code: short, kept on one line so `kms:Decrypt` never reads as `kms:Decryp t`. */
function name(value: string): string {
  return `<code class="name">${text(value)}</code>`;
}

/** Locale-free grouping (`12,345`): toLocaleString would follow the machine that writes the file. */
function count(value: number): string {
  if (!Number.isFinite(value)) return text(String(value));
  const [whole = "", fraction] = String(Math.abs(value)).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ",");
  return `${value < 0 ? "-" : ""}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

function plural(value: number, noun: string): string {
  return `${count(value)} ${noun}${value === 1 ? "" : "s"}`;
}

/** "2026-11-01 to 2026-11-30", "2026-11-01 to the newest log" */
function windowText(window: DriftReport["window"]): string {
  return `${window.since} to ${window.until ?? "the newest log"}`;
}

function windowHtml(window: DriftReport["window"]): string {
  const until = window.until === null ? "the newest log" : time(window.until);
  return `Window: ${time(window.since)} to ${until}`;
}

function time(iso: string): string {
  return `<time datetime="${text(iso)}">${text(iso)}</time>`;
}

/** The name after the role ARN's path, the heading a reviewer scans for; the whole ARN when it is not one. */
function roleName(arn: string): string {
  const match = /:role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return match?.[1] ?? arn;
}

/**
 * A table of findings, one row each; a row's detail (a suggested statement) goes in a full-width
 * row below it, since a policy squeezed into one column of seven is unreadable.
 */
function table(columns: readonly Column[], rows: readonly FindingRow[]): string {
  const head = columns.map((column) => `<th scope="col"${column.numeric === true ? ' class="num"' : ""}>${column.label}</th>`).join("");
  const body = rows.map(({ cells, detail }) => {
    const row = `<tr class="finding${detail === undefined ? "" : " has-detail"}">${cells.map((cell, i) => cellHtml(cell, columns[i])).join("")}</tr>`;
    return detail === undefined ? row : `${row}\n<tr class="detail"><td colspan="${columns.length}">${detail}</td></tr>`;
  });
  // A hostile one-line value (an error code, an action) may be wider than the page: the table
  // scrolls by itself instead of the page.
  return `<div class="table-scroll"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body.join("\n")}\n</tbody>\n</table></div>`;
}

function cellHtml(cell: string, column: Column | undefined): string {
  return column?.numeric === true ? `<td class="num">${cell}</td>` : `<td>${cell}</td>`;
}

function list(values: readonly string[], item: (value: string) => string = code): string {
  if (values.length === 0) return `<span class="none">none</span>`;
  return `<ul class="list">${values.map((value) => `<li>${item(value)}</li>`).join("")}</ul>`;
}

const SUMMARY_KINDS: readonly { readonly label: string; readonly of: (role: RoleDrift) => number }[] = [
  { label: "New usage", of: (role) => role.newUsage.length },
  { label: "Denied", of: (role) => role.denied.length },
  { label: "Unused", of: (role) => role.unused.length },
  { label: "Wildcards", of: (role) => role.wildcards.length },
  { label: "ECS", of: (role) => role.ecs.length },
];

function summaryHtml(roles: readonly RoleDrift[]): string {
  if (roles.length === 0) return `<p class="none">No roles were reviewed.</p>`;
  const numberCell = (value: number) => `<td class="num${value > 0 ? " hit" : ""}">${count(value)}</td>`;
  const head = ["Role", ...SUMMARY_KINDS.map((kind) => kind.label)]
    .map((label, i) => `<th scope="col"${i > 0 ? ' class="num"' : ""}>${label}</th>`)
    .join("");
  const rows = roles.map(
    (role, index) =>
      `<tr class="summary-role"><th scope="row"><a href="#role-${index + 1}">${text(roleName(role.role))}</a><br>${code(role.role)}</th>` +
      `${SUMMARY_KINDS.map((kind) => numberCell(kind.of(role))).join("")}</tr>`,
  );
  const totals =
    roles.length > 1
      ? `\n<tfoot><tr><td>All ${plural(roles.length, "role")}</td>${SUMMARY_KINDS.map(
          (kind) => `<td class="num">${count(roles.reduce((sum, role) => sum + kind.of(role), 0))}</td>`,
        ).join("")}</tr></tfoot>`
      : "";
  return `<table class="summary">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody>${totals}\n</table>`;
}

function roleHtml(role: RoleDrift, id: string): string {
  const shortName = roleName(role.role);
  return [
    `<section class="role" id="${id}" aria-labelledby="${id}-heading">`,
    `<h2 id="${id}-heading">Role ${text(shortName)}</h2>`,
    `<p class="arn">${code(role.role)}</p>`,
    `<div class="overview">`,
    chartHtml(role.totals, shortName, id),
    `<div class="baseline"><h3>Baseline</h3>${list(role.baseline)}</div>`,
    `</div>`,
    findings(
      "New usage",
      "Used in the window, not granted by the baseline: these calls break once the baseline is applied.",
      role.newUsage,
      [{ label: "Action" }, { label: "Resource" }, { label: "Calls", numeric: true }, { label: "First seen" }, { label: "Last seen" }, { label: "Why the baseline refuses it" }],
      newUsageCells,
    ),
    findings(
      "Denied calls",
      "Refused with an authorization error in the window. The suggested statement is for a reviewer to decide on, never applied.",
      role.denied,
      [
        { label: "Actions" },
        { label: "Call" },
        { label: "Error" },
        { label: "Calls", numeric: true },
        { label: "Last seen" },
        { label: "Resources" },
      ],
      deniedCells,
      deniedSuggestion,
    ),
    findings(
      "Unused grants",
      "Granted by the baseline, not used in the window.",
      role.unused,
      [{ label: "Action" }, { label: "Resources" }, { label: "Access level" }, { label: "Risks" }, { label: "Last used" }],
      unusedCells,
    ),
    findings(
      "Wildcards",
      "Baseline statements granting a wildcard action, or every resource where the action could name one.",
      role.wildcards,
      [{ label: "Statement" }, { label: "Source" }, { label: "Actions" }, { label: "Resources" }, { label: "Why" }],
      wildcardCells,
    ),
    findings(
      "ECS hygiene",
      "How the role is used by ECS: the agent's calls and the application's should come from different roles.",
      role.ecs,
      [{ label: "Finding" }, { label: "Agent calls" }, { label: "Application calls" }, { label: "Advice" }],
      ecsCells,
    ),
    // Kept apart from unused: no log could have shown them in use, so their absence proves nothing.
    // Shown only when there are some: it is context, not a finding.
    (role.unobservable ?? []).length === 0 ? "" : findings(
      "Unobservable grants",
      "Granted, not seen used, and CloudTrail cannot show a use: keep them; they are not counted as unused.",
      role.unobservable ?? [],
      [{ label: "Action" }, { label: "Resources" }, { label: "Why" }],
      (grant) => [code(grant.action), list(grant.resources), text(grant.why)],
    ),
    conditionalDenyHtml([...role.unused, ...(role.unobservable ?? [])]),
    role.unmapped !== undefined && role.unmapped > 0
      ? `<p class="explain">${count(role.unmapped)} successful call(s) in the window could not be mapped to an action and resource, so drift cannot judge them (see tighten explain).</p>`
      : "",
    `</section>`,
  ].join("\n");
}

function findings<T>(
  title: string,
  explain: string,
  items: readonly T[],
  columns: readonly Column[],
  cells: (item: T) => readonly string[],
  detail?: (item: T) => string,
): string {
  const heading = `<h3>${title} <span class="count">(${count(items.length)})</span></h3>\n<p class="explain">${explain}</p>`;
  if (items.length === 0) return `${heading}\n<p class="none">None.</p>`;
  const rows = items.map((item) => (detail === undefined ? { cells: cells(item) } : { cells: cells(item), detail: detail(item) }));
  return `${heading}\n${table(columns, rows)}`;
}

function unusedCells(grant: UnusedGrant): readonly string[] {
  return [
    name(grant.action),
    list(grant.resources),
    text(grant.accessLevel),
    grant.risks.length === 0 ? `<span class="none">none</span>` : grant.risks.map(riskBadge).join(""),
    grant.lastUsed === null ? `<span class="none">never, in the logs</span>` : time(grant.lastUsed),
  ];
}

function riskBadge(risk: RiskCategory): string {
  return `<span class="risk risk-${text(risk)}">${text(riskName(risk))}</span>`;
}

function newUsageCells(usage: NewUsage): readonly string[] {
  return [name(usage.action), code(usage.resource), count(usage.calls), time(usage.firstSeen), time(usage.lastSeen), text(usage.reason)];
}

function deniedCells(denied: DeniedCalls): readonly string[] {
  return [
    list(denied.actions, name),
    name(denied.call),
    name(denied.errorCode),
    count(denied.calls),
    time(denied.lastSeen),
    list(denied.resources),
  ];
}

function deniedSuggestion(denied: DeniedCalls): string {
  return denied.suggestion === null
    ? `<p class="none">No statement suggested.</p>`
    : `<p class="detail-label">Suggested statement</p><pre>${statementJson(denied.suggestion)}</pre>`;
}

/**
 * The statement as renderPolicyJson writes it (IAM's key order, conditions sorted), by itself,
 * short string arrays on one line as people write them. JSON.stringify leaves DEL, C1 controls and
 * bidirectional overrides as they are; printable turns them into `\uXXXX`, which inside a JSON
 * string is the same character, so the text shown is still the statement a reviewer can copy. It
 * runs line by line to keep the indentation's line breaks.
 */
function statementJson(statement: PolicyStatement): string {
  const ordered = (JSON.parse(renderPolicyJson({ Version: "2012-10-17", Statement: [statement] })) as { Statement: unknown[] }).Statement[0];
  return JSON.stringify(ordered, null, 2)
    .replace(STRING_ARRAY, (array: string) => {
      const oneLine = `[${array.slice(1, -1).trim().split(/,\n\s*/).join(", ")}]`;
      return oneLine.length <= ONE_LINE_ARRAY ? oneLine : array;
    })
    .split("\n")
    .map((line) => escapeHtml(printable(line)))
    .join("\n");
}

// A pretty-printed array of JSON strings only (a string holds no raw line break or unescaped quote).
const STRING_ARRAY = /\[\n\s*"(?:[^"\\]|\\.)*"(?:,\n\s*"(?:[^"\\]|\\.)*")*\n\s*\]/g;
const ONE_LINE_ARRAY = 72;

function wildcardCells(wildcard: WildcardStatement): readonly string[] {
  return [name(wildcard.statement), code(wildcard.source), list(wildcard.actions, name), list(wildcard.resources), text(wildcard.why)];
}

function ecsCells(finding: EcsFinding): readonly string[] {
  return [
    `${text(ECS_TITLE[finding.kind] ?? finding.kind)}<br>${name(finding.kind)}`,
    list(finding.agentCalls, name),
    list(finding.applicationCalls, name),
    text(finding.advice),
  ];
}

// The chart's geometry in SVG user units: three bars standing on one axis, each with its number
// above and its name below.
const CHART = { width: 360, height: 210, axisY: 176, plotHeight: 144, barWidth: 72, labelY: 196 } as const;
const MIN_BAR = 2;
const BARS = [
  { key: "granted", label: "granted", x: 34 },
  { key: "used", label: "used", x: 144 },
  { key: "denied", label: "denied", x: 254 },
] as const;

/** Coordinates to 0.1 unit, written without locale or float noise (`57.6`, not `57.599999`). */
function coordinate(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function chartHtml(totals: RoleDrift["totals"], shortName: string, id: string): string {
  const values = BARS.map((bar) => Math.max(0, Number.isFinite(totals[bar.key]) ? totals[bar.key] : 0));
  const max = Math.max(...values);
  const summary = `Actions of role ${shortName}: ${count(totals.granted)} granted, ${count(totals.used)} used, ${count(totals.denied)} denied`;
  const bars = BARS.map((bar, i) => {
    const value = values[i] ?? 0;
    // A count too small to see next to the largest still gets a sliver: 1 denied of 1,500 granted matters.
    const height = max === 0 || value === 0 ? 0 : Math.max(MIN_BAR, (value / max) * CHART.plotHeight);
    const top = CHART.axisY - height;
    const centre = bar.x + CHART.barWidth / 2;
    return [
      `<g class="bar bar-${bar.key}">`,
      `<title>${plural(value, "action")} ${bar.label}</title>`,
      `<rect x="${bar.x}" y="${coordinate(top)}" width="${CHART.barWidth}" height="${coordinate(height)}" data-value="${value}"></rect>`,
      `<text class="value" x="${centre}" y="${coordinate(top - 6)}">${count(value)}</text>`,
      `<text class="label" x="${centre}" y="${CHART.labelY}">${bar.label}</text>`,
      `</g>`,
    ].join("");
  });
  return [
    `<figure class="chart">`,
    `<svg class="chart" id="${id}-chart" role="img" aria-label="${text(summary)}" viewBox="0 0 ${CHART.width} ${CHART.height}" width="${CHART.width}" height="${CHART.height}">`,
    `<title>${text(summary)}</title>`,
    ...bars,
    `<line class="axis" x1="20" y1="${CHART.axisY}" x2="${CHART.width - 20}" y2="${CHART.axisY}"></line>`,
    `</svg>`,
    `<figcaption>Distinct actions in the window</figcaption>`,
    `</figure>`,
  ].join("\n");
}

/** Denies under a condition tighten cannot decide, one row each: shown only when there are some. */
function conditionalDenyHtml(items: readonly { readonly action: string; readonly conditionallyDenied: readonly ConditionalDeny[] }[]): string {
  const groups = groupConditionalDenies(items);
  if (groups.length === 0) return "";
  return findings(
    "Conditionally denied",
    "A baseline Deny refuses these grants under a condition the logs cannot decide: they hold in some requests only.",
    groups,
    [{ label: "Deny" }, { label: "Condition" }, { label: "May refuse" }],
    (group) => [text(group.statement), code(group.condition), list(group.actions, name)],
  );
}
