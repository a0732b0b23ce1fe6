import { conditionalDenyLines } from "../diff/diff-text.js";
import { acceptedDriftText } from "../shared/accepted-findings.js";
import { accessLevelCounts, plural, riskName, SERVICE_LIST_LIMIT } from "../../diff/removal-groups.js";
import type { DeniedCalls, DriftReport, RoleDrift, UnusedGrant } from "../../drift/drift-report.js";
import { clipValue, EVENT_ID_LIMIT } from "../shared/markdown-budget.js";
import { groupUnused, isHighRiskGrant } from "../../drift/unused-groups.js";
import { compareText } from "../../mapping/order.js";
import { roleNames } from "../shared/role-names.js";
import { provenanceLine, type Provenance } from "../shared/provenance.js";
import { printable } from "../shared/printable.js";
import { renderTable } from "../shared/table.js";
import { printLines, styled, tableLines, type TextLine, type TextOptions } from "../shared/text-paint.js";

const INDENT = "  ";

/**
 * The drift report for a terminal or a CI log: the window, then per role a header, a summary
 * line and a section per kind of finding, the most urgent first (new usage breaks the service
 * once the baseline is applied). Every line goes through printable (printLines), so control
 * characters cannot reach the terminal; with `color`, section titles take the colour of their
 * consequence.
 */
export function renderDriftText(report: DriftReport, provenance?: Provenance, options: TextOptions = {}): string {
  const window = `Drift ${windowText(report.window)}: ${plural(report.roles.length, "role")}`;
  const head = provenance === undefined ? [window] : [window, provenanceLine(provenance, printable)];
  const names = roleNames(report.roles.map((role) => role.role));
  const roles = [...report.roles].sort(byUrgency);
  const blocks: TextLine[][] = [head, needsDecision(roles, names), ...roles.map((role) => roleLines(role, names.get(role.role) ?? role.role)), ...acceptedDriftText(report).map((text) => text.split("\n"))];
  return printLines(blocks.flatMap((block, index) => (index === 0 ? block : ["", ...block])), options).join("\n") + "\n";
}

/** What breaks once the baseline is applied (new usage, denied calls) first, then high-risk unused grants, then the rest. */
export function byUrgency(a: RoleDrift, b: RoleDrift): number {
  const breaks = (role: RoleDrift) => role.newUsage.length + role.denied.length;
  const highRisk = (role: RoleDrift) => role.unused.filter(isHighRiskGrant).length;
  const other = (role: RoleDrift) => role.unused.length + role.wildcards.length + role.ecs.length;
  return breaks(b) - breaks(a) || highRisk(b) - highRisk(a) || other(b) - other(a) || compareText(a.role, b.role);
}

/** One line per role with something that breaks or needs a decision, before any role's detail. */
function needsDecision(roles: readonly RoleDrift[], names: ReadonlyMap<string, string>): TextLine[] {
  const lines = roles.flatMap((role): TextLine[] => {
    const highRisk = role.unused.filter(isHighRiskGrant).length;
    const parts = [
      ...(role.newUsage.length > 0 ? [`${role.newUsage.length} new usage (fails once the baseline is applied)`] : []),
      ...(role.denied.length > 0 ? [plural(role.denied.length, "denied call group")] : []),
      ...(highRisk > 0 ? [plural(highRisk, "high-risk unused grant")] : []),
    ];
    const line = `${INDENT}${printable(names.get(role.role) ?? role.role)}: ${parts.join(", ")}`;
    return parts.length === 0 ? [] : [styled(line, role.newUsage.length + role.denied.length > 0 ? "breaks" : "decide")];
  });
  return lines.length === 0 ? [styled("Needs a decision: nothing; no new usage, denied calls or high-risk unused grants", "ok")] : [styled("Needs a decision:", "heading"), ...lines];
}

export function windowText(window: DriftReport["window"]): string {
  return `from ${printable(window.since)} to ${window.until === null ? "the newest log" : printable(window.until)}`;
}

function roleLines(role: RoleDrift, name: string): TextLine[] {
  const lines: TextLine[] = [
    styled(`${printable(name)}: ${summaryLine(role)}`, "heading"),
    `${INDENT}${printable(role.role)}; baseline ${role.baseline.length === 0 ? "(none)" : role.baseline.map(printable).join(", ")}`,
  ];
  const section = (count: number, title: TextLine, body: () => TextLine[]) => {
    if (count > 0) lines.push("", title, ...body());
  };

  section(role.newUsage.length, styled(`New usage (${role.newUsage.length}): calls the baseline refuses; they fail once it is applied`, "breaks"), () =>
    tableLines(
      renderTable(
        ["ACTION", "RESOURCE", "CALLS", "FIRST SEEN", "LAST SEEN", "EVENT", "WHY"],
        role.newUsage.map((n) => [n.action, n.resource, n.calls, n.firstSeen, n.lastSeen, n.eventId === undefined ? "-" : clipValue(n.eventId, EVENT_ID_LIMIT), n.reason]),
      ),
      INDENT,
    ),
  );

  section(role.denied.length, styled(`Denied (${role.denied.length}): calls refused with an authorization error`, "breaks"), () =>
    role.denied.flatMap((d) => [
      `${INDENT}${printable(d.call)} ${printable(d.errorCode)}: ${plural(d.calls, "call")}, ${seenText(d)}; needs ${d.actions.map(printable).join(", ")}` +
        (d.resources.length > 0 ? ` on ${d.resources.map(printable).join(", ")}` : ""),
      d.suggestion === null
        ? `${INDENT.repeat(2)}no statement to suggest: the mapping cannot name what it needs`
        : `${INDENT.repeat(2)}would be allowed by (not applied): ${printable(JSON.stringify(d.suggestion))}`,
    ]),
  );

  section(role.unused.length, styled(`Unused (${role.unused.length}): granted, not used in the window`, "cleanup"), () => unusedLines(role.unused));

  section(role.wildcards.length, styled(`Wildcards (${role.wildcards.length}): baseline statements that grant more than they name`, "decide"), () =>
    role.wildcards.map((w) => `${INDENT}${printable(w.statement)} (${printable(w.source)}): ${printable(w.why)}`),
  );

  section(role.ecs.length, styled(`ECS (${role.ecs.length}): the ECS agent's calls and the application's made with one role`, "decide"), () =>
    role.ecs.flatMap((finding) => [
      `${INDENT}${finding.kind}: ${finding.advice}`,
      `${INDENT.repeat(2)}agent calls: ${finding.agentCalls.map(printable).join(", ")}`,
      `${INDENT.repeat(2)}application calls: ${finding.applicationCalls.map(printable).join(", ")}`,
    ]),
  );

  const unobservable = role.unobservable ?? [];
  section(unobservable.length, `Unobservable (${unobservable.length}): granted, not seen used, and CloudTrail cannot show a use; not counted as unused`, () =>
    tableLines(renderTable(["ACTION", "WHY"], unobservable.map((u) => [u.action, u.why])), INDENT),
  );

  lines.push(...conditionalDenyLines([...role.unused, ...unobservable], "the grants hold in some requests only"));

  const unmapped = role.unmapped ?? 0;
  if (unmapped > 0) lines.push("", `Unmapped: ${plural(unmapped, "successful call")} the mapping could not name an action or resource for; drift cannot judge them`);
  return lines;
}

/** "first 2026-11-03T12:00:00Z, last 2026-11-04T00:00:00Z, event 6f1c...": when, and one event to look up in CloudTrail. */
function seenText(d: DeniedCalls): string {
  const first = d.firstSeen === undefined ? [] : [`first ${printable(d.firstSeen)}`];
  const event = d.eventId === undefined ? [] : [`event ${printable(clipValue(d.eventId, EVENT_ID_LIMIT))}`];
  return [...first, `last ${printable(d.lastSeen)}`, ...event].join(", ");
}

/** "12 granted, 9 used, 1 denied | 3 unused, 1 new usage, 1 denied call, 2 wildcard statements, 0 ECS findings" */
function summaryLine(role: RoleDrift): string {
  const { granted, used, denied } = role.totals;
  const findings = [
    `${role.unused.length} unused`,
    `${role.newUsage.length} new usage`,
    plural(role.denied.length, "denied call group"),
    plural(role.wildcards.length, "wildcard statement"),
    plural(role.ecs.length, "ECS finding"),
  ];
  return `actions: ${granted} granted, ${used} used, ${denied} denied | ${findings.join(", ")}`;
}

function unusedLines(unused: readonly UnusedGrant[]): TextLine[] {
  const groups = groupUnused(unused);
  const lines: TextLine[] = [];
  const table = (grants: readonly UnusedGrant[]) =>
    tableLines(
      renderTable(
        ["ACTION", "ACCESS", "RESOURCES", "LAST USED", "RISKS"],
        grants.map((g) => [g.action, g.accessLevel, g.resources.join(", "), g.lastUsed ?? "-", g.risks.map(riskName).join(", ") || "-"]),
      ),
      INDENT.repeat(2),
    );
  if (groups.highRisk.length > 0) lines.push(styled(`${INDENT}High risk (${groups.highRisk.length}):`, "decide"), ...table(groups.highRisk));
  const listed = groups.services.filter((s) => s.listed).flatMap((s) => s.grants);
  if (listed.length > 0) lines.push(`${INDENT}Other (${listed.length}):`, ...table(listed));
  const counted = groups.services.filter((s) => !s.listed);
  if (counted.length > 0) {
    lines.push(`${INDENT}Other, counted by service (more than ${SERVICE_LIST_LIMIT} in the service; --format json lists them):`);
    for (const s of counted) lines.push(`${INDENT.repeat(2)}${printable(s.service)}: ${plural(s.grants.length, "action")} (${accessLevelCounts(s.byAccessLevel, printable)})`);
  }
  return lines;
}
