import { conditionalDenyMarkdown } from "../diff/diff-markdown.js";
import { accessLevelCounts, HIGH_RISK, plural, riskName, SERVICE_LIST_LIMIT } from "../../diff/removal-groups.js";
import type { RiskCategory } from "../../diff/risk.js";
import type { AcceptedFinding, DeniedCalls, DriftReport, RoleDrift, UnusedGrant } from "../../drift/drift-report.js";
import type { DriftTrend, TrendCounts } from "../../drift/history.js";
import { groupUnused } from "../../drift/unused-groups.js";
import { byUrgency } from "./drift-text.js";
import { markdownCode, markdownText } from "../shared/markdown-text.js";
import { printable } from "../shared/printable.js";
import { fencedBlock } from "../shared/markdown-blocks.js";
import { boundedList, boundedRows, boundedTable, clipValue, EVENT_ID_LIMIT, fitMarkdown, FULL_REPORT, type MarkdownPart } from "../shared/markdown-budget.js";
import { roleNames } from "../shared/role-names.js";
import { provenanceLine, type Provenance } from "../shared/provenance.js";

/**
 * The drift report as a Markdown page or issue comment, bounded by MARKDOWN_LIMIT. It leads with
 * what breaks once the baseline is applied or needs a decision, across all roles: new usage,
 * denied calls, high-risk unused grants. Then a table of the roles with findings (clean ones in
 * one line), then each of those roles with the rest, long lists folded in `<details>`. Roles are
 * shown by name, their ARN in a detail line. Every string from a policy or log goes through
 * markdownText or markdownCode; the `<summary>` lines, which GitHub reads as raw HTML, hold only
 * this module's words and numbers; suggested statements are in fenced blocks longer than any
 * backtick run they hold.
 *
 * With a history (`drift --history-dir`), a table gives each role's unused, new and denied counts
 * over the last runs as a text sparkline and first -> last: GitHub strips inline `<svg>` from
 * comments and pages, so the SVG lines are the HTML report's, and this table works wherever the
 * Markdown is read (a comment, a terminal, an email).
 */
export function renderDriftMarkdown(report: DriftReport, provenance?: Provenance, trend?: DriftTrend): string {
  const names = roleNames(report.roles.map((role) => role.role));
  const name = (role: RoleDrift) => markdownCode(clipValue(names.get(role.role) ?? role.role));
  const roles = [...report.roles].sort(byUrgency);
  const withFindings = roles.filter((role) => !isClean(role));
  const clean = roles.filter(isClean);
  const head = [
    "## Drift report",
    "",
    `Window: from ${markdownCode(report.window.since)} to ${report.window.until === null ? "the newest log" : markdownCode(report.window.until)}; ${plural(report.roles.length, "role")}, ${withFindings.length} with findings.`,
    ...(provenance === undefined ? [] : ["", provenanceLine(provenance, (value) => markdownCode(clipValue(value)))]),
  ];
  const parts: MarkdownPart[] = [
    ...needsDecision(roles, name),
    ...roleTable(withFindings, clean, name),
    ...trendTable(roles, trend, name),
    ...acceptedMarkdown(roles, name),
    ...withFindings.map((role) => roleDetail(role, name)),
  ];
  return fitMarkdown(head, parts);
}

type RoleName = (role: RoleDrift) => string;

/** Nothing to act on or decide: unobservable grants and unmapped calls are context, not findings. */
function isClean(role: RoleDrift): boolean {
  return role.unused.length + role.newUsage.length + role.denied.length + role.wildcards.length + role.ecs.length === 0;
}

function needsDecision(roles: readonly RoleDrift[], name: RoleName): MarkdownPart[] {
  const newUsage = roles.flatMap((role) => role.newUsage.map((n) => ({ role, n })));
  const denied = roles.flatMap((role) => role.denied.map((d) => ({ role, d })));
  const highRisk = roles.flatMap((role) => groupUnused(role.unused).highRisk.map((g) => ({ role, g })));
  const parts: MarkdownPart[] = [];
  if (newUsage.length + denied.length + highRisk.length === 0) {
    return [{ lines: ["", "Nothing breaks once the baselines are applied: no new usage, no denied calls, no high-risk unused grants."], cut: "" }];
  }
  if (newUsage.length > 0)
    parts.push({
      lines: [
        "",
        `### New usage: ${plural(newUsage.length, "action")} the baseline refuses; these calls fail once it is applied`,
        "",
        ...boundedRows(
          ["Role", "Action", "Resource", "Calls", "First seen", "Last seen", "Event", "Why"],
          ["---", "---", "---", "--:", "---", "---", "---", "---"],
          newUsage,
          ({ role, n }) => [
            name(role),
            markdownCode(n.action),
            markdownCode(clipValue(n.resource)),
            String(n.calls),
            markdownText(n.firstSeen),
            markdownText(n.lastSeen),
            eventCell(n.eventId),
            markdownText(clipValue(n.reason)),
          ],
          "new usage rows",
        ),
      ],
      cut: `_New usage: ${plural(newUsage.length, "row")}, too long to show here: ${FULL_REPORT}._`,
    });
  if (denied.length > 0) {
    parts.push({
      lines: [
        "",
        `### Denied: ${plural(denied.length, "call group")} refused with an authorization error`,
        "",
        ...boundedRows(
          ["Role", "Call", "Error", "Calls", "First seen", "Last seen", "Event", "Needs", "Resources"],
          ["---", "---", "---", "--:", "---", "---", "---", "---", "---"],
          denied,
          ({ role, d }) => [
            name(role),
            markdownCode(clipValue(d.call)),
            markdownCode(clipValue(d.errorCode)),
            String(d.calls),
            d.firstSeen === undefined ? "-" : markdownText(d.firstSeen),
            markdownText(d.lastSeen),
            eventCell(d.eventId),
            codes(d.actions),
            codes(d.resources),
          ],
          "denied call groups",
        ),
      ],
      cut: `_Denied: ${plural(denied.length, "call group")}, too long to show here: ${FULL_REPORT}._`,
    });
    const suggested = denied.filter(({ d }) => d.suggestion !== null);
    if (suggested.length > 0) {
      const shown = suggested.slice(0, SUGGESTION_LIMIT);
      const body = shown.flatMap(({ role, d }, i) => [...(i === 0 ? [] : [""]), ...suggestion(name(role), d)]);
      if (suggested.length > shown.length) body.push("", `_${suggested.length - shown.length} more suggestions not shown: ${FULL_REPORT}._`);
      parts.push({
        lines: details(`Statements that would allow them: ${plural(suggested.length, "suggestion")}, shown, never applied`, body),
        cut: `_Suggested statements: ${plural(suggested.length, "suggestion")}, too long to show here: ${FULL_REPORT}._`,
      });
    }
  }
  if (highRisk.length > 0)
    parts.push({
      lines: [
        "",
        `### High-risk grants: ${plural(highRisk.length, "grant")} not used in the window (${HIGH_RISK.map(riskName).join(", ")})`,
        "",
        ...boundedRows(
          ["Role", "Action", "Access level", "Resources", "Last used", "Risks"],
          ["---", "---", "---", "---", "---", "---"],
          highRisk,
          ({ role, g }) => [name(role), markdownCode(g.action), markdownText(g.accessLevel), codes(g.resources), g.lastUsed === null ? "-" : markdownText(g.lastUsed), risks(g.risks)],
          "high-risk grants",
        ),
      ],
      cut: `_High-risk grants: ${plural(highRisk.length, "row")}, too long to show here: ${FULL_REPORT}._`,
    });
  return parts;
}

/** One event of the group to look up in CloudTrail, clipped: a forged eventID may be any length. */
function eventCell(eventId: string | undefined): string {
  return eventId === undefined ? "-" : markdownCode(clipValue(eventId, EVENT_ID_LIMIT));
}

/** Suggested statements shown before the rest is counted: each is a policy statement in a fence. */
const SUGGESTION_LIMIT = 10;

/** Names listed in the one line of clean roles. */
const CLEAN_NAME_LIMIT = 50;

function roleTable(withFindings: readonly RoleDrift[], clean: readonly RoleDrift[], name: RoleName): MarkdownPart[] {
  const parts: MarkdownPart[] = [];
  if (withFindings.length > 0)
    parts.push({
      lines: [
        "",
        "### Roles with findings",
        "",
        ...boundedTable(
          ["Role", "Granted", "Used", "Denied", "Unused", "New usage", "Denied calls", "Wildcards", "ECS"],
          ["---", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:"],
          withFindings.map((role) => [
            name(role),
            String(role.totals.granted),
            String(role.totals.used),
            String(role.totals.denied),
            String(role.unused.length),
            String(role.newUsage.length),
            String(role.denied.length),
            String(role.wildcards.length),
            String(role.ecs.length),
          ]),
          "roles",
        ),
        "",
        "Granted, Used and Denied count distinct actions; the other columns count findings.",
      ],
      cut: `_${plural(withFindings.length, "role")} with findings, too many to table here: ${FULL_REPORT}._`,
    });
  if (clean.length > 0) {
    const listed = clean.slice(0, CLEAN_NAME_LIMIT).map(name).join(", ");
    const more = clean.length > CLEAN_NAME_LIMIT ? ` and ${clean.length - CLEAN_NAME_LIMIT} more` : "";
    parts.push({ lines: ["", `Clean, nothing to act on: ${listed}${more}.`], cut: `_${plural(clean.length, "clean role")}: ${FULL_REPORT}._` });
  }
  return parts;
}

/** One role's rest: what it is, its wildcards and ECS findings, then the long lists folded. */
function roleDetail(role: RoleDrift, name: RoleName): MarkdownPart {
  const baseline = role.baseline.length === 0 ? "none" : boundedList(role.baseline.map((source) => markdownCode(clipValue(source))));
  const lines = ["", `### Role ${name(role)}`, "", `ARN ${markdownCode(clipValue(role.role))}. Baseline: ${baseline}.`];

  if (role.wildcards.length > 0)
    lines.push(
      "",
      "#### Wildcards: baseline statements that grant more than they name",
      "",
      ...boundedTable(
        ["Statement", "Policy", "Actions", "Resources", "Why"],
        ["---", "---", "---", "---", "---"],
        role.wildcards.map((w) => [markdownCode(clipValue(w.statement)), markdownCode(clipValue(w.source)), codes(w.actions), codes(w.resources), markdownText(clipValue(w.why))]),
        "wildcard statements",
      ),
    );

  if (role.ecs.length > 0) {
    lines.push("", "#### ECS: the agent's calls and the application's made with one role", "");
    for (const finding of role.ecs) {
      lines.push(`- **${finding.kind}**: ${markdownText(finding.advice)}`);
      lines.push(`  - Agent calls: ${codes(finding.agentCalls)}`);
      lines.push(`  - Application calls: ${codes(finding.applicationCalls)}`);
    }
  }

  lines.push(...unusedMarkdown(role.unused));

  const unobservable = role.unobservable ?? [];
  if (unobservable.length > 0) {
    lines.push(
      ...details(
        `Unobservable: ${plural(unobservable.length, "grant")} CloudTrail cannot show in use, not counted as unused`,
        boundedTable(["Action", "Resources", "Why"], ["---", "---", "---"], unobservable.map((u) => [markdownCode(u.action), codes(u.resources), markdownText(clipValue(u.why))]), "unobservable grants"),
      ),
    );
  }
  lines.push(...conditionalDenyMarkdown([...role.unused, ...unobservable], "the grants hold in some requests only"));
  const unmapped = role.unmapped ?? 0;
  if (unmapped > 0) lines.push("", `${plural(unmapped, "successful call")} could not be mapped to an action or resource: drift cannot judge them.`);
  return { lines, cut: `_Role ${name(role)}: details too long to show here: ${FULL_REPORT}._` };
}

/** All of a role's unused grants, folded: the high-risk ones are also in the report's lead. */
function unusedMarkdown(unused: readonly UnusedGrant[]): string[] {
  if (unused.length === 0) return [];
  const groups = groupUnused(unused);
  const listed = [...groups.highRisk, ...groups.services.filter((s) => s.listed).flatMap((s) => s.grants)];
  const counted = groups.services.filter((s) => !s.listed);
  const body = [
    ...(listed.length > 0 ? unusedTable(listed) : []),
    ...(counted.length > 0
      ? [
          ...(listed.length > 0 ? [""] : []),
          `Counted by service (more than ${SERVICE_LIST_LIMIT} in the service):`,
          "",
          ...boundedTable(["Service", "Actions", "By access level"], ["---", "--:", "---"], counted.map((s) => [markdownCode(s.service), String(s.grants.length), accessLevelCounts(s.byAccessLevel, markdownText)]), "services"),
        ]
      : []),
  ];
  return details(`Unused: ${plural(unused.length, "grant")} not used in the window, ${groups.highRisk.length} high risk`, body);
}

function unusedTable(grants: readonly UnusedGrant[]): string[] {
  return boundedRows(
    ["Action", "Access level", "Resources", "Last used", "Risks"],
    ["---", "---", "---", "---", "---"],
    grants,
    (g) => [markdownCode(g.action), markdownText(g.accessLevel), codes(g.resources), g.lastUsed === null ? "-" : markdownText(g.lastUsed), risks(g.risks)],
    "unused grants",
  );
}

function suggestion(role: string, d: DeniedCalls): string[] {
  const json = JSON.stringify(d.suggestion, null, 2).split("\n").map(printable).join("\n");
  return [`For ${role} ${markdownCode(clipValue(d.call))} ${markdownCode(clipValue(d.errorCode))}:`, "", ...fencedBlock(json, "json")];
}

/**
 * A folded block. GitHub renders Markdown inside `<details>` only after a blank line, and reads
 * the `<summary>` line as raw HTML: `summary` must hold no text from a policy or log.
 */
function details(summary: string, body: readonly string[]): string[] {
  return ["", "<details>", `<summary>${summary}</summary>`, "", ...body, "", "</details>"];
}

function codes(values: readonly string[]): string {
  return boundedList(values, "-", (value) => markdownCode(clipValue(value)));
}

function risks(list: readonly RiskCategory[]): string {
  return list.length === 0 ? "-" : list.map((risk) => (HIGH_RISK.includes(risk) ? `**${riskName(risk)}**` : riskName(risk))).join(", ");
}

const SPARK_BARS = "▁▂▃▄▅▆▇█";

/** `▁▃█` scaled from 0 to the series' largest value; `·` for a run that did not review the role. */
export function textSparkline(values: readonly (number | null)[]): string {
  const max = Math.max(0, ...values.filter((value): value is number => value !== null));
  return values
    .map((value) => (value === null ? "·" : SPARK_BARS[max === 0 ? 0 : Math.round((Math.max(0, value) / max) * (SPARK_BARS.length - 1))]))
    .join("");
}

/** Each role's counts over the last runs; nothing until the history holds two runs. */
function trendTable(roles: readonly RoleDrift[], trend: DriftTrend | undefined, name: RoleName): MarkdownPart[] {
  if (trend === undefined) return [];
  if (trend.runs.length < 2) return [{ lines: ["", "Trend: this is the first run kept in the history; the next one draws it."], cut: "" }];
  const cell = (points: readonly (TrendCounts | null)[], key: keyof TrendCounts) => {
    const values = points.map((point) => (point === null ? null : point[key]));
    const shown = values.filter((value): value is number => value !== null);
    if (shown.length === 0) return "-";
    const span = shown.length === 1 ? String(shown[0]) : `${shown[0]} → ${shown[shown.length - 1]}`;
    return `${markdownCode(textSparkline(values))} ${span}`;
  };
  const first = trend.runs[0] ?? "";
  const last = trend.runs[trend.runs.length - 1] ?? "";
  return [
    {
      lines: [
        "",
        `### Trend over the last ${trend.runs.length} runs, ${markdownCode(clipValue(first))} to ${markdownCode(clipValue(last))}`,
        "",
        ...boundedTable(
          ["Role", "New usage", "Denied", "Unused"],
          ["---", "---", "---", "---"],
          roles.map((role) => {
            const points = trend.roles.get(role.role) ?? [];
            return [name(role), cell(points, "newUsage"), cell(points, "denied"), cell(points, "unused")];
          }),
          "roles",
        ),
        "",
        "Oldest run first; `·` is a run that did not review the role.",
      ],
      cut: `_Trend: ${plural(roles.length, "role")}, too long to show here: ${FULL_REPORT}._`,
    },
  ];
}

/** Findings a reviewer accepted, apart from the rest and folded: they need nothing until they expire. */
function acceptedMarkdown(roles: readonly RoleDrift[], name: RoleName): MarkdownPart[] {
  const accepted = roles.flatMap((role) => (role.accepted ?? []).map((a) => ({ role, a })));
  if (accepted.length === 0) return [];
  const expired = accepted.filter(({ a }) => a.expired).length;
  return [
    {
      lines: details(
        `Accepted: ${plural(accepted.length, "finding")} an accepted-findings entry covers, ${expired} expired`,
        boundedTable(
          ["Role", "Kind", "Action", "Resources", "Calls", "Reason", "Until", "Entry"],
          ["---", "---", "---", "---", "--:", "---", "---", "--:"],
          accepted.map(({ role, a }) => acceptedRow(name(role), a)),
          "accepted findings",
        ),
      ),
      cut: `_Accepted: ${plural(accepted.length, "finding")}, too long to show here: ${FULL_REPORT}._`,
    },
  ];
}

function acceptedRow(role: string, a: AcceptedFinding): string[] {
  return [role, markdownText(a.kind), markdownCode(clipValue(a.action)), codes(a.resources), a.calls === null ? "-" : String(a.calls), markdownText(clipValue(a.reason)), `${markdownText(a.expires)}${a.expired ? " **expired**" : ""}`, String(a.entry)];
}
