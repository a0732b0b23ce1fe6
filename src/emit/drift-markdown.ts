import { accessLevelCounts, HIGH_RISK, plural, riskName, SERVICE_LIST_LIMIT } from "../diff/removal-groups.js";
import type { RiskCategory } from "../diff/risk.js";
import type { DeniedCalls, DriftReport, RoleDrift, UnusedGrant } from "../drift/drift-report.js";
import { groupUnused } from "../drift/unused-groups.js";
import { markdownCode, markdownText } from "./markdown-text.js";
import { printable } from "./printable.js";
import { fencedBlock, markdownTable } from "./markdown-blocks.js";

/**
 * The drift report as a Markdown page or issue comment: a summary table of every role, then per
 * role the findings that need a decision (new usage, denied calls, wildcards, ECS, high-risk
 * unused grants) in the open and the long lists folded in `<details>`. Every string from a policy
 * or log goes through markdownText or markdownCode; the `<summary>` lines, which GitHub reads as
 * raw HTML, hold only this module's words and numbers; suggested statements are in fenced blocks
 * longer than any backtick run they hold.
 */
export function renderDriftMarkdown(report: DriftReport): string {
  const lines = [
    "## Drift report",
    "",
    `Window: from ${markdownCode(report.window.since)} to ${report.window.until === null ? "the newest log" : markdownCode(report.window.until)}; ${plural(report.roles.length, "role")}.`,
    "",
    ...markdownTable(
      ["Role", "Granted", "Used", "Denied", "Unused", "New usage", "Denied calls", "Wildcards", "ECS"],
      ["---", "--:", "--:", "--:", "--:", "--:", "--:", "--:", "--:"],
      report.roles.map((role) => [
        markdownCode(role.role),
        String(role.totals.granted),
        String(role.totals.used),
        String(role.totals.denied),
        String(role.unused.length),
        String(role.newUsage.length),
        String(role.denied.length),
        String(role.wildcards.length),
        String(role.ecs.length),
      ]),
    ),
    "",
    "Granted, Used and Denied count distinct actions; the other columns count findings.",
  ];
  for (const role of report.roles) lines.push("", ...roleMarkdown(role));
  return lines.join("\n") + "\n";
}

function roleMarkdown(role: RoleDrift): string[] {
  const lines = [`### Role ${markdownCode(role.role)}`, "", `Baseline: ${role.baseline.length === 0 ? "none" : role.baseline.map(markdownCode).join(", ")}.`];

  lines.push("", "#### New usage: refused by the baseline, fails once it is applied", "");
  if (role.newUsage.length === 0) lines.push("None.");
  else
    lines.push(
      ...markdownTable(
        ["Action", "Resource", "Calls", "First seen", "Last seen", "Why"],
        ["---", "---", "--:", "---", "---", "---"],
        role.newUsage.map((n) => [markdownCode(n.action), markdownCode(n.resource), String(n.calls), markdownText(n.firstSeen), markdownText(n.lastSeen), markdownText(n.reason)]),
      ),
    );

  lines.push("", "#### Denied: refused with an authorization error", "");
  if (role.denied.length === 0) lines.push("None.");
  else {
    lines.push(
      ...markdownTable(
        ["Call", "Error", "Calls", "Last seen", "Needs", "Resources"],
        ["---", "---", "--:", "---", "---", "---"],
        role.denied.map((d) => [markdownCode(d.call), markdownCode(d.errorCode), String(d.calls), markdownText(d.lastSeen), codes(d.actions), codes(d.resources)]),
      ),
    );
    const suggested = role.denied.filter((d) => d.suggestion !== null);
    if (suggested.length > 0) {
      const body = suggested.flatMap((d, i) => [...(i === 0 ? [] : [""]), ...suggestion(d)]);
      lines.push(...details(`Statements that would allow them: ${plural(suggested.length, "suggestion")}, shown, never applied`, body));
    }
  }

  lines.push("", "#### Wildcards: baseline statements that grant more than they name", "");
  if (role.wildcards.length === 0) lines.push("None.");
  else
    lines.push(
      ...markdownTable(
        ["Statement", "Policy", "Actions", "Resources", "Why"],
        ["---", "---", "---", "---", "---"],
        role.wildcards.map((w) => [markdownCode(w.statement), markdownCode(w.source), codes(w.actions), codes(w.resources), markdownText(w.why)]),
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

  lines.push("", `#### Unused: granted, not used in the window (${role.unused.length})`, "");
  lines.push(...unusedMarkdown(role.unused));

  const unobservable = role.unobservable ?? [];
  if (unobservable.length > 0) {
    lines.push(
      ...details(
        `Unobservable: ${plural(unobservable.length, "grant")} CloudTrail cannot show in use, not counted as unused`,
        markdownTable(["Action", "Resources", "Why"], ["---", "---", "---"], unobservable.map((u) => [markdownCode(u.action), codes(u.resources), markdownText(u.why)])),
      ),
    );
  }
  const unmapped = role.unmapped ?? 0;
  if (unmapped > 0) lines.push("", `${plural(unmapped, "successful call")} could not be mapped to an action or resource: drift cannot judge them.`);
  return lines;
}

function unusedMarkdown(unused: readonly UnusedGrant[]): string[] {
  if (unused.length === 0) return ["None."];
  const groups = groupUnused(unused);
  const lines: string[] = [];
  if (groups.highRisk.length > 0) lines.push(`High risk (${HIGH_RISK.map(riskName).join(", ")}):`, "", ...unusedTable(groups.highRisk));
  else lines.push("None of them high risk.");
  const others = groups.services.flatMap((s) => s.grants);
  if (others.length > 0) {
    const listed = groups.services.filter((s) => s.listed).flatMap((s) => s.grants);
    const counted = groups.services.filter((s) => !s.listed);
    const body = [
      ...(listed.length > 0 ? unusedTable(listed) : []),
      ...(counted.length > 0
        ? [
            ...(listed.length > 0 ? [""] : []),
            `Counted by service (more than ${SERVICE_LIST_LIMIT} in the service):`,
            "",
            ...markdownTable(["Service", "Actions", "By access level"], ["---", "--:", "---"], counted.map((s) => [markdownCode(s.service), String(s.grants.length), accessLevelCounts(s.byAccessLevel, markdownText)])),
          ]
        : []),
    ];
    lines.push(...details(`Other unused grants: ${plural(others.length, "action")}`, body));
  }
  return lines;
}

function unusedTable(grants: readonly UnusedGrant[]): string[] {
  return markdownTable(
    ["Action", "Access level", "Resources", "Last used", "Risks"],
    ["---", "---", "---", "---", "---"],
    grants.map((g) => [markdownCode(g.action), markdownText(g.accessLevel), codes(g.resources), g.lastUsed === null ? "-" : markdownText(g.lastUsed), risks(g.risks)]),
  );
}

function suggestion(d: DeniedCalls): string[] {
  const json = JSON.stringify(d.suggestion, null, 2).split("\n").map(printable).join("\n");
  return [`For ${markdownCode(d.call)} ${markdownCode(d.errorCode)}:`, "", ...fencedBlock(json, "json")];
}

/**
 * A folded block. GitHub renders Markdown inside `<details>` only after a blank line, and reads
 * the `<summary>` line as raw HTML: `summary` must hold no text from a policy or log.
 */
function details(summary: string, body: readonly string[]): string[] {
  return ["", "<details>", `<summary>${summary}</summary>`, "", ...body, "", "</details>"];
}

function codes(values: readonly string[]): string {
  return values.length === 0 ? "-" : values.map(markdownCode).join(", ");
}

function risks(list: readonly RiskCategory[]): string {
  return list.length === 0 ? "-" : list.map((risk) => (HIGH_RISK.includes(risk) ? `**${riskName(risk)}**` : riskName(risk))).join(", ");
}
