import { groupConditionalDenies } from "../../diff/conditional-denies.js";
import type { RiskCategory } from "../../diff/risk.js";
import { riskName } from "../../diff/removal-groups.js";
import type { AcceptedFinding, DeniedCalls, DriftReport, EcsFinding, EcsFindingKind, NewUsage, RoleDrift, UnusedGrant, WildcardStatement } from "../../drift/drift-report.js";
import type { DriftTrend, TrendCounts } from "../../drift/history.js";
import { isHighRiskGrant } from "../../drift/unused-groups.js";
import type { PolicyStatement } from "../../policy/policy-document.js";
import { fillTemplate, readTemplate } from "../../templates.js";
import { escapeHtml } from "../shared/html-text.js";
import { clipValue, EVENT_ID_LIMIT } from "../shared/markdown-budget.js";
import { renderPolicyJson } from "../policy/policy-json.js";
import { printable } from "../shared/printable.js";
import { byUrgency } from "./drift-text.js";
import { provenanceLine, type Provenance } from "../shared/provenance.js";
import { roleNames } from "../shared/role-names.js";

/**
 * The drift report as one self-contained HTML file for a security lead: templates/drift/report.html
 * holds the page and its CSS (light, dark and print), this module fills in a summary (three counts
 * by consequence, then a table of the roles), then per role its findings folded in `<details>`,
 * most urgent first. Colour says what a finding costs: red breaks production once the baseline is
 * applied (new usage, denied calls), amber needs a decision (high-risk unused grants, wildcards,
 * ECS), blue is cleanup (other unused grants). With a history (`drift --history-dir`), each role's
 * unused, new and denied counts over the last runs are drawn as inline SVG.
 *
 * The page loads nothing (its Content-Security-Policy forbids it) and runs no script. Every string
 * of the report went through a log or a policy, so each one is written by `text` or a helper built
 * on it, never spliced in raw; only this module's own words and numbers are not.
 */
export function renderDriftHtml(report: DriftReport, provenance?: Provenance, trend?: DriftTrend): string {
  // What breaks once the baseline is applied first, as in the text and Markdown reports.
  const roles = [...report.roles].sort(byUrgency);
  const names = roleNames(roles.map((role) => role.role));
  const nameOf = (role: RoleDrift) => names.get(role.role) ?? role.role;
  const usableTrend = trend !== undefined && trend.runs.length >= 2 ? trend : undefined;
  const accepted = report.acceptedFrom === undefined ? "" : `<br>Accepted findings from ${code(report.acceptedFrom)}`;
  return fillTemplate(readTemplate("drift/report.html"), {
    title: text(`Drift report: ${plural(report.roles.length, "role")}, ${windowText(report.window)}`),
    window: `${windowHtml(report.window)}${provenance === undefined ? "" : `<br>${provenanceLine(provenance, text)}`}${accepted}`,
    summary: summaryHtml(roles, nameOf, usableTrend, trend),
    roles: roles.map((role, index) => roleHtml(role, nameOf(role), `role-${index + 1}`, usableTrend)).join("\n"),
  });
}

/** What a finding costs, and the colour that says so. */
type Consequence = "breaks" | "decide" | "cleanup" | "context" | "accepted";

const CONSEQUENCE_TITLE: Readonly<Record<Consequence, string>> = {
  breaks: "Breaks",
  decide: "Needs a decision",
  cleanup: "Cleanup",
  context: "Context",
  accepted: "Accepted",
};

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

/**
 * Log or policy text that may break after `/`, `:` and `-`, where an ARN or a path reads well
 * split, and nowhere else while a part fits. The break points go in after escaping: no reference
 * escapeHtml or printable writes holds one of those characters, so none is cut.
 */
function breakable(value: string): string {
  return text(value).replace(/[/:-]/g, "$&<wbr>");
}

/** An ARN, a resource, a path: long, broken at its separators to fit its column. */
function code(value: string): string {
  return `<code>${breakable(value)}</code>`;
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

/** A role's findings by consequence: each finding counts once, high-risk unused grants as a decision. */
function tally(role: RoleDrift): Readonly<Record<"breaks" | "decide" | "cleanup", number>> {
  const highRisk = role.unused.filter(isHighRiskGrant).length;
  return {
    breaks: role.newUsage.length + role.denied.length,
    decide: highRisk + role.wildcards.length + role.ecs.length,
    cleanup: role.unused.length - highRisk,
  };
}

const SUMMARY_KINDS: readonly { readonly label: string; readonly consequence: Consequence; readonly of: (role: RoleDrift) => number }[] = [
  { label: "New usage", consequence: "breaks", of: (role) => role.newUsage.length },
  { label: "Denied", consequence: "breaks", of: (role) => role.denied.length },
  { label: "High-risk unused", consequence: "decide", of: (role) => role.unused.filter(isHighRiskGrant).length },
  { label: "Wildcards", consequence: "decide", of: (role) => role.wildcards.length },
  { label: "ECS", consequence: "decide", of: (role) => role.ecs.length },
  { label: "Unused", consequence: "cleanup", of: (role) => role.unused.filter((grant) => !isHighRiskGrant(grant)).length },
];

/** The three counts by consequence over all roles, then one row per role. */
function summaryHtml(roles: readonly RoleDrift[], nameOf: (role: RoleDrift) => string, trend: DriftTrend | undefined, anyTrend: DriftTrend | undefined): string {
  if (roles.length === 0) return `<p class="none">No roles were reviewed.</p>`;
  const totals = { breaks: 0, decide: 0, cleanup: 0 };
  const rolesWith = { breaks: 0, decide: 0, cleanup: 0 };
  for (const role of roles) {
    const counts = tally(role);
    for (const key of ["breaks", "decide", "cleanup"] as const) {
      totals[key] += counts[key];
      if (counts[key] > 0) rolesWith[key]++;
    }
  }
  const acceptedCount = roles.reduce((sum, role) => sum + (role.accepted ?? []).length, 0);
  const card = (consequence: Consequence, value: number, what: string, of: string) =>
    `<li class="card ${consequence}${value > 0 ? " hit" : ""}"><span class="card-count">${count(value)}</span> <span class="card-title">${CONSEQUENCE_TITLE[consequence]}</span><span class="card-what">${what}${of}</span></li>`;
  const inRoles = (key: keyof typeof rolesWith) => (totals[key] === 0 ? "" : `, in ${plural(rolesWith[key], "role")}`);
  const cards = [
    card("breaks", totals.breaks, "new usage the baseline refuses, and denied calls", inRoles("breaks")),
    card("decide", totals.decide, "high-risk unused grants, wildcard statements, ECS findings", inRoles("decide")),
    card("cleanup", totals.cleanup, "unused grants that are not high risk", inRoles("cleanup")),
    ...(acceptedCount > 0 ? [card("accepted", acceptedCount, "findings a reviewer accepted, shown apart", "")] : []),
  ];

  const groups = [
    `<tr class="groups"><td></td>`,
    `<th scope="colgroup" colspan="2" class="breaks">Breaks</th>`,
    `<th scope="colgroup" colspan="3" class="decide">Needs a decision</th>`,
    `<th scope="colgroup" class="cleanup">Cleanup</th>`,
    trend === undefined ? "" : `<td></td>`,
    `</tr>`,
  ].join("");
  const head =
    `<tr><th scope="col">Role</th>${SUMMARY_KINDS.map((kind) => `<th scope="col" class="num ${kind.consequence}">${kind.label}</th>`).join("")}` +
    `${trend === undefined ? "" : `<th scope="col">Trend, last ${count(trend.runs.length)} runs</th>`}</tr>`;
  const numberCell = (value: number, consequence: Consequence) => `<td class="num${value > 0 ? ` hit ${consequence}` : ""}">${count(value)}</td>`;
  const rows = roles.map((role, index) => {
    const trendCell = trend === undefined ? "" : `<td class="trend-cell">${summaryTrend(trend.roles.get(role.role) ?? [], nameOf(role))}</td>`;
    return (
      `<tr class="summary-role"><th scope="row"><a href="#role-${index + 1}" title="${text(role.role)}">${breakable(nameOf(role))}</a></th>` +
      `${SUMMARY_KINDS.map((kind) => numberCell(kind.of(role), kind.consequence)).join("")}${trendCell}</tr>`
    );
  });
  const footer =
    roles.length > 1
      ? `\n<tfoot><tr><td>All ${plural(roles.length, "role")}</td>${SUMMARY_KINDS.map(
          (kind) => `<td class="num">${count(roles.reduce((sum, role) => sum + kind.of(role), 0))}</td>`,
        ).join("")}${trend === undefined ? "" : "<td></td>"}</tr></tfoot>`
      : "";
  const history =
    anyTrend !== undefined && anyTrend.runs.length < 2
      ? `\n<p class="explain">Trend: this is the first run kept in the history; the next one draws it.</p>`
      : "";
  return [
    `<ul class="cards">${cards.join("")}</ul>`,
    `<div class="table-scroll"><table class="summary">`,
    `<thead>${groups}\n${head}</thead>`,
    `<tbody>\n${rows.join("\n")}\n</tbody>${footer}`,
    `</table></div>${history}`,
  ].join("\n");
}

/** Per kind of finding, in the order and colour the role's folds use. */
const TREND_KINDS: readonly { readonly key: keyof TrendCounts; readonly label: string; readonly consequence: Consequence }[] = [
  { key: "newUsage", label: "New usage", consequence: "breaks" },
  { key: "denied", label: "Denied", consequence: "breaks" },
  { key: "unused", label: "Unused", consequence: "cleanup" },
];

/** Per kind a labelled row: its name, the line, first -> last. */
function summaryTrend(points: readonly (TrendCounts | null)[], roleName: string): string {
  return `<div class="sparks">${TREND_KINDS.map((kind) => {
    const values = points.map((point) => (point === null ? null : point[kind.key]));
    return `<span class="spark-row"><span class="spark-label">${kind.label}</span>${sparkline(values, kind.consequence, `${kind.label} of role ${roleName}`, SMALL_SPARK)}<span class="spark-span">${trendSpan(values)}</span></span>`;
  }).join("")}</div>`;
}

/** "12 → 3": the oldest and the newest value shown. */
function trendSpan(values: readonly (number | null)[]): string {
  const shown = values.filter((value): value is number => value !== null);
  return shown.length === 0 ? "not reviewed" : shown.length === 1 ? count(shown[0]!) : `${count(shown[0]!)} → ${count(shown[shown.length - 1]!)}`;
}

function roleTrend(points: readonly (TrendCounts | null)[], runs: readonly string[], roleName: string): string {
  const figures = TREND_KINDS.map((kind) => {
    const values = points.map((point) => (point === null ? null : point[kind.key]));
    const span = trendSpan(values);
    return `<figure class="spark-figure"><figcaption>${kind.label}</figcaption>${sparkline(values, kind.consequence, `${kind.label} of role ${roleName}`, LARGE_SPARK)}<span class="spark-span">${span}</span></figure>`;
  });
  const first = runs[0] ?? "";
  const last = runs[runs.length - 1] ?? "";
  return `<div class="trend"><p class="explain">Over the last ${count(runs.length)} runs, ${time(first)} to ${time(last)}:</p>${figures.join("")}</div>`;
}

interface SparkSize {
  readonly width: number;
  readonly height: number;
  readonly pad: number;
}

const SMALL_SPARK: SparkSize = { width: 72, height: 14, pad: 2 };
const LARGE_SPARK: SparkSize = { width: 160, height: 36, pad: 4 };

/** Coordinates to 0.1 unit, written without locale or float noise (`57.6`, not `57.599999`). */
function coordinate(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/**
 * A line over the runs, scaled from 0 to its own largest value, the newest run a dot. A run that
 * did not review the role is a gap, not a zero. Its label reads out every value.
 */
function sparkline(values: readonly (number | null)[], consequence: Consequence, label: string, size: SparkSize): string {
  const finite = values.map((value) => (value === null || !Number.isFinite(value) ? null : Math.max(0, value)));
  const max = Math.max(0, ...finite.filter((value): value is number => value !== null));
  const step = finite.length > 1 ? (size.width - 2 * size.pad) / (finite.length - 1) : 0;
  const x = (i: number) => (finite.length > 1 ? size.pad + i * step : size.width / 2);
  const y = (value: number) => size.height - size.pad - (max === 0 ? 0 : (value / max) * (size.height - 2 * size.pad));
  const segments: string[][] = [];
  let current: string[] = [];
  finite.forEach((value, i) => {
    if (value === null) {
      if (current.length > 0) segments.push(current);
      current = [];
      return;
    }
    current.push(`${coordinate(x(i))},${coordinate(y(value))}`);
  });
  if (current.length > 0) segments.push(current);
  const lines = segments.map((points) => `<polyline points="${points.join(" ")}"></polyline>`).join("");
  const lastIndex = finite.length - 1;
  const lastValue = finite[lastIndex];
  const dot = lastValue === null || lastValue === undefined ? "" : `<circle cx="${coordinate(x(lastIndex))}" cy="${coordinate(y(lastValue))}" r="${size === SMALL_SPARK ? 1.8 : 2.6}"></circle>`;
  const readout = `${label}, oldest run first: ${finite.map((value) => (value === null ? "not reviewed" : count(value))).join(", ")}`;
  return (
    `<svg class="spark ${consequence}" role="img" aria-label="${text(readout)}" viewBox="0 0 ${size.width} ${size.height}" width="${size.width}" height="${size.height}">` +
    `<title>${text(readout)}</title><line class="base" x1="${size.pad}" y1="${size.height - size.pad}" x2="${size.width - size.pad}" y2="${size.height - size.pad}"></line>${lines}${dot}</svg>`
  );
}

function roleHtml(role: RoleDrift, roleName: string, id: string, trend: DriftTrend | undefined): string {
  const counts = tally(role);
  const highRisk = role.unused.filter(isHighRiskGrant);
  const otherUnused = role.unused.filter((grant) => !isHighRiskGrant(grant));
  const tags = (["breaks", "decide", "cleanup"] as const)
    .filter((key) => counts[key] > 0)
    .map((key) => `<span class="tag ${key}">${CONSEQUENCE_TITLE[key]}: ${count(counts[key])}</span>`);
  const accepted = role.accepted ?? [];
  const unobservable = role.unobservable ?? [];
  const folds = [
    fold(FOLDS.newUsage, role.newUsage, newUsageCells),
    fold(FOLDS.denied, role.denied, deniedCells, deniedSuggestion),
    fold(FOLDS.highRisk, highRisk, unusedCells),
    fold(FOLDS.wildcards, role.wildcards, wildcardCells),
    fold(FOLDS.ecs, role.ecs, ecsCells),
    fold(FOLDS.unused, otherUnused, unusedCells),
    // Kept apart from unused: no log could have shown them in use, so their absence proves nothing.
    fold(FOLDS.unobservable, unobservable, (grant) => [name(grant.action), list(grant.resources), text(grant.why)]),
    fold(FOLDS.conditionallyDenied, groupConditionalDenies([...role.unused, ...unobservable]), (group) => [text(group.statement), code(group.condition), list(group.actions, name)]),
    fold(FOLDS.accepted, accepted, acceptedCells),
  ].filter((part) => part !== "");
  const totals = `Distinct actions in the window: ${count(role.totals.granted)} granted, ${count(role.totals.used)} used, ${count(role.totals.denied)} denied.`;
  const points = trend?.roles.get(role.role);
  return [
    `<section class="role" id="${id}" aria-labelledby="${id}-heading">`,
    `<h2 id="${id}-heading">Role ${breakable(roleName)}</h2>`,
    `<p class="arn">${code(role.role)}<br>Baseline: ${role.baseline.length === 0 ? `<span class="none">none</span>` : role.baseline.map(code).join(", ")}</p>`,
    `<p class="tally">${tags.length === 0 ? `<span class="tag clean">nothing to act on</span>` : tags.join(" ")} <span class="totals">${totals}</span></p>`,
    trend === undefined || points === undefined ? "" : roleTrend(points, trend.runs, roleName),
    ...folds,
    role.unmapped !== undefined && role.unmapped > 0
      ? `<p class="explain">${count(role.unmapped)} successful call(s) in the window could not be mapped to an action and resource, so drift cannot judge them (see tighten explain).</p>`
      : "",
    `</section>`,
  ]
    .filter((line) => line !== "")
    .join("\n");
}

/** How one kind of finding is shown: its consequence, title, what it means, its columns. */
interface FoldSpec {
  readonly consequence: Consequence;
  readonly title: string;
  readonly explain: string;
  readonly columns: readonly Column[];
  /** Open as the page loads: what breaks is what a reader came for; the rest opens on a click. */
  readonly open?: boolean;
}

const UNUSED_COLUMNS: readonly Column[] = [{ label: "Action" }, { label: "Resources" }, { label: "Access level" }, { label: "Risks" }, { label: "Last used" }];

/** The kinds of finding, in the order a role shows them: what breaks, what needs a decision, cleanup, context. */
const FOLDS = {
  newUsage: {
    consequence: "breaks",
    title: "New usage",
    explain: "Used in the window, not granted by the baseline: these calls break once the baseline is applied.",
    columns: [{ label: "Action" }, { label: "Resource" }, { label: "Calls", numeric: true }, { label: "First seen" }, { label: "Last seen" }, { label: "Event" }, { label: "Why the baseline refuses it" }],
    open: true,
  },
  denied: {
    consequence: "breaks",
    title: "Denied calls",
    explain: "Refused with an authorization error in the window. The suggested statement is for a reviewer to decide on, never applied.",
    columns: [{ label: "Actions" }, { label: "Call" }, { label: "Error" }, { label: "Calls", numeric: true }, { label: "First seen" }, { label: "Last seen" }, { label: "Event" }, { label: "Resources" }],
    open: true,
  },
  highRisk: {
    consequence: "decide",
    title: "High-risk unused grants",
    explain: "Granted by the baseline, not used in the window, and able to escalate privilege, expose credentials or move data out: remove them or say why they stay.",
    columns: UNUSED_COLUMNS,
  },
  wildcards: {
    consequence: "decide",
    title: "Wildcards",
    explain: "Baseline statements granting a wildcard action, or every resource where the action could name one.",
    columns: [{ label: "Statement" }, { label: "Source" }, { label: "Actions" }, { label: "Resources" }, { label: "Why" }],
  },
  ecs: {
    consequence: "decide",
    title: "ECS hygiene",
    explain: "How the role is used by ECS: the agent's calls and the application's should come from different roles.",
    columns: [{ label: "Finding" }, { label: "Agent calls" }, { label: "Application calls" }, { label: "Advice" }],
  },
  unused: {
    consequence: "cleanup",
    title: "Unused grants",
    explain: "Granted by the baseline, not used in the window, not high risk.",
    columns: UNUSED_COLUMNS,
  },
  unobservable: {
    consequence: "context",
    title: "Unobservable grants",
    explain: "Granted, not seen used, and CloudTrail cannot show a use: keep them; they are not counted as unused.",
    columns: [{ label: "Action" }, { label: "Resources" }, { label: "Why" }],
  },
  conditionallyDenied: {
    consequence: "context",
    title: "Conditionally denied",
    explain: "A baseline Deny refuses these grants under a condition the logs cannot decide: they hold in some requests only.",
    columns: [{ label: "Deny" }, { label: "Condition" }, { label: "May refuse" }],
  },
  accepted: {
    consequence: "accepted",
    title: "Accepted findings",
    explain: "Findings an entry of the accepted-findings file covers: not counted above while the acceptance holds; an expired one is back in its list too.",
    columns: [{ label: "Kind" }, { label: "Action" }, { label: "Resources" }, { label: "Calls", numeric: true }, { label: "Reason" }, { label: "Until" }, { label: "Entry", numeric: true }],
  },
} as const satisfies Record<string, FoldSpec>;

/**
 * One kind of finding folded in a `<details>`, its count and consequence in the `<summary>`; none
 * of the kind, nothing at all (the tally line says what a role has).
 */
function fold<T>(spec: FoldSpec, items: readonly T[], cells: (item: T) => readonly string[], detail?: (item: T) => string): string {
  if (items.length === 0) return "";
  const rows = items.map((item) => (detail === undefined ? { cells: cells(item) } : { cells: cells(item), detail: detail(item) }));
  return [
    `<details class="fold ${spec.consequence}"${spec.open === true ? ' open=""' : ""}>`,
    `<summary><span class="fold-kind">${CONSEQUENCE_TITLE[spec.consequence]}</span> <span class="fold-title">${spec.title}</span> <span class="count">(${count(items.length)})</span></summary>`,
    `<p class="explain">${spec.explain}</p>`,
    table(spec.columns, rows),
    `</details>`,
  ].join("\n");
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
  return [name(usage.action), code(usage.resource), count(usage.calls), time(usage.firstSeen), time(usage.lastSeen), eventCell(usage.eventId), text(usage.reason)];
}

/** One event of the group, to look up in CloudTrail's event history by its id. */
function eventCell(eventId: string | undefined): string {
  return eventId === undefined ? `<span class="none">-</span>` : code(clipValue(eventId, EVENT_ID_LIMIT));
}

function deniedCells(denied: DeniedCalls): readonly string[] {
  return [
    list(denied.actions, name),
    // "service.amazonaws.com:Call" is long: it may break after its `:`.
    code(denied.call),
    name(denied.errorCode),
    count(denied.calls),
    denied.firstSeen === undefined ? `<span class="none">-</span>` : time(denied.firstSeen),
    time(denied.lastSeen),
    eventCell(denied.eventId),
    list(denied.resources),
  ];
}

function acceptedCells(finding: AcceptedFinding): readonly string[] {
  return [
    text(finding.kind),
    name(finding.action),
    list(finding.resources),
    finding.calls === null ? `<span class="none">-</span>` : count(finding.calls),
    text(finding.reason),
    `${time(finding.expires)}${finding.expired ? ` <span class="tag breaks">expired</span>` : ""}`,
    count(finding.entry),
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
