import type { ConditionalDeny } from "../../diff/current-grants.js";
import { groupConditionalDenies } from "../../diff/conditional-denies.js";
import type { ActionChange, ChangeKind, RoleDiff } from "../../diff/role-diff.js";
import { CHANGE_KINDS, hasDifferences } from "../../diff/role-diff.js";
import { compareText } from "../../mapping/order.js";
import { accessLevelCounts, byAction, countByAccessLevel, groupRemovals, HIGH_RISK, isHighRisk, plural, riskName, SERVICE_LIST_LIMIT, serviceOf } from "../../diff/removal-groups.js";
import { markdownCode, markdownText } from "../shared/markdown-text.js";
import { fencedBlock, markdownTable } from "../shared/markdown-blocks.js";
import { boundedList, boundedTable, clipValue, fitMarkdown, FULL_REPORT, MARKDOWN_LIMIT, type MarkdownPart } from "../shared/markdown-budget.js";
import { roleNames } from "../shared/role-names.js";
import { provenanceLine, type Provenance } from "../shared/provenance.js";
import { byUrgency } from "./diff-text.js";

const CHANGE_TITLE: Readonly<Record<ChangeKind, string>> = {
  added: "Added: refused by the current policy, granted by the generated one",
  removed: "Removed: granted, never used",
  narrowed: "Narrowed: used, granted on more resources than needed",
  unobservable: "Unobservable: not seen used, CloudTrail cannot show a use; kept",
  kept: "Kept: used, granted as needed",
};

/**
 * The diff as a pull-request comment, bounded by MARKDOWN_LIMIT: per role a title (its name, the
 * ARN in a detail line), a summary table, then what needs a decision open (actions the current
 * policy refuses, denied calls, high-risk removals) and the rest folded in `<details>` blocks.
 * Roles that would change come first, those with the most refused and denied calls first; roles
 * with nothing to change share one line. Every string from a policy or log goes through
 * markdownText or markdownCode; the `<summary>` lines, which GitHub reads as raw HTML, hold only
 * this module's words and numbers.
 */
export function renderDiffMarkdown(diffs: readonly RoleDiff[], provenance?: Provenance): string {
  const names = roleNames(diffs.map((diff) => diff.role));
  const name = (diff: RoleDiff) => markdownCode(clipValue(names.get(diff.role) ?? diff.role));
  const ordered = [...diffs].sort(byUrgency);
  const changing = ordered.filter((diff) => !isClean(diff));
  const clean = ordered.filter(isClean);
  const parts: MarkdownPart[] = changing.map((diff, index) => ({
    lines: [...(index === 0 ? [] : [""]), ...roleMarkdown(diff, name(diff))],
    cut: `_Role ${name(diff)}: too long to show here: ${FULL_REPORT}._`,
  }));
  if (clean.length > 0) {
    const listed = clean.slice(0, CLEAN_NAME_LIMIT).map(name).join(", ");
    const more = clean.length > CLEAN_NAME_LIMIT ? ` and ${clean.length - CLEAN_NAME_LIMIT} more` : "";
    parts.push({ lines: [...(changing.length === 0 ? [] : [""]), `Nothing to change: ${listed}${more}.`], cut: `_${plural(clean.length, "role")} with nothing to change: ${FULL_REPORT}._` });
  }
  return fitMarkdown(provenance === undefined ? [] : [provenanceLine(provenance, (value) => markdownCode(clipValue(value))), ""], parts);
}

/** Names listed in the one line of roles with nothing to change. */
const CLEAN_NAME_LIMIT = 50;

/** Nothing tightening would change and nothing refused: one line says so. */
function isClean(diff: RoleDiff): boolean {
  return !hasDifferences(diff) && diff.denied.length === 0 && diff.unmapped === 0 && diff.changes.every((c) => c.conditionallyDenied.length === 0);
}

function roleMarkdown(diff: RoleDiff, name: string): string[] {
  const changes = [...diff.changes].sort(byAction);
  const of = (kind: ChangeKind) => changes.filter((change) => change.change === kind);
  const lines = [`### Role ${name}`, "", `ARN ${markdownCode(clipValue(diff.role))}. ${context(diff)}`, ""];

  lines.push(
    ...markdownTable(
      ["Change", "Actions", "Of which high risk"],
      ["---", "--:", "--:"],
      CHANGE_KINDS.map((kind) => [CHANGE_TITLE[kind], String(of(kind).length), String(of(kind).filter(isHighRisk).length)]),
    ),
    "",
    `High risk: ${HIGH_RISK.map(riskName).join(", ")}.`,
  );

  const added = of("added");
  if (added.length > 0) {
    lines.push(
      "",
      "#### Added: calls the current policy refuses",
      "",
      ...boundedTable(
        ["Action", "Access level", "Calls", "Last seen", "Risks", "Note"],
        ["---", "---", "--:", "---", "---", "---"],
        added.map((c) => [markdownCode(c.action), markdownText(c.accessLevel), calls(c), lastSeen(c), risks(c), note(c)]),
        "added actions",
      ),
    );
  }

  if (diff.denied.length > 0) {
    const denied = [...diff.denied].sort((a, b) => compareText(a.action, b.action) || compareText(a.errorCode, b.errorCode));
    lines.push(
      "",
      "#### Denied: refused in the logs",
      "",
      ...boundedTable(["Action", "Error", "Calls"], ["---", "---", "--:"], denied.map((d) => [markdownCode(clipValue(d.action)), markdownCode(clipValue(d.errorCode)), String(d.calls)]), "denied actions"),
    );
  }

  const removed = of("removed");
  const groups = groupRemovals(removed);
  lines.push("", "#### High-risk removals", "");
  if (groups.highRisk.length === 0) {
    lines.push("None.");
  } else {
    lines.push(...boundedTable(["Action", "Access level", "Risks"], ["---", "---", "---"], groups.highRisk.map((c) => [markdownCode(c.action), markdownText(c.accessLevel), risks(c)]), "high-risk removals"));
  }
  const others = removed.length - groups.highRisk.length;
  if (others > 0) lines.push("", `${plural(others, "other removal")}: listed by service below.`);

  if (removed.length > 0) {
    // Grouped once: against `Action: "*"` some 22,000 removals fall in 450 services.
    const removedIn = new Map<string, ActionChange[]>();
    for (const change of removed) {
      const list = removedIn.get(serviceOf(change.action));
      if (list === undefined) removedIn.set(serviceOf(change.action), [change]);
      else list.push(change);
    }
    lines.push(
      ...details(
        `Removed by service: ${plural(removed.length, "action")} in ${plural(groups.services.length, "service")}`,
        boundedTable(
          ["Service", "Removed", "High risk", "By access level", "Other actions"],
          ["---", "--:", "--:", "---", "---"],
          groups.services.map((s) => [
            markdownCode(s.service),
            String(s.actions.length + s.highRisk),
            String(s.highRisk),
            accessLevelCounts(
              countByAccessLevel(removedIn.get(s.service) ?? []),
              markdownText,
            ),
            s.actions.length === 0
              ? "-"
              : s.listed
                ? s.actions.map((c) => markdownCode(c.action)).join(", ")
                : `${s.actions.length} (more than ${SERVICE_LIST_LIMIT}, not listed)`,
          ]),
          "services",
        ),
      ),
    );
  }

  const narrowed = of("narrowed");
  if (narrowed.length > 0) {
    lines.push(
      ...details(
        `Narrowed: ${plural(narrowed.length, "action")}`,
        boundedTable(
          ["Action", "Current resources", "Generated resources", "Calls", "Risks"],
          ["---", "---", "---", "--:", "---"],
          narrowed.map((c) => [markdownCode(c.action), resources(c.current) + (c.currentConditional ? " (conditional)" : ""), resources(c.generated), calls(c), risks(c)]),
          "narrowed actions",
        ),
      ),
    );
  }

  const unobservable = of("unobservable");
  if (unobservable.length > 0) {
    lines.push(
      ...details(
        `Unobservable: ${plural(unobservable.length, "action")}, kept`,
        boundedTable(
          ["Action", "Access level", "Risks", "Why CloudTrail cannot show a use"],
          ["---", "---", "---", "---"],
          unobservable.map((c) => [markdownCode(c.action), markdownText(c.accessLevel), risks(c), note(c)]),
          "unobservable actions",
        ),
      ),
    );
  }

  lines.push(...conditionalDenyMarkdown(diff.changes.filter((c) => c.change !== "added"), "generate --current keeps the Deny as written"));

  const kept = of("kept");
  if (kept.length > 0) {
    lines.push(
      ...details(
        `Kept: ${plural(kept.length, "action")}`,
        boundedTable(["Action", "Calls", "Last seen"], ["---", "--:", "---"], kept.map((c) => [markdownCode(c.action), calls(c), lastSeen(c)]), "kept actions"),
      ),
    );
  }

  if (diff.unmapped > 0) {
    lines.push("", `${plural(diff.unmapped, "successful call")} could not be mapped to an action or resource: the diff cannot judge them.`);
  }
  return lines;
}

function context(diff: RoleDiff): string {
  const sources =
    diff.current.length === 0
      ? "Current policy: none."
      : `Current policy: ${diff.current.map((s) => `${markdownCode(s.source)} (${plural(s.statements, "statement")})`).join(", ")}.`;
  const boundary = diff.permissionsBoundary === null ? "" : ` Permissions boundary: ${markdownCode(diff.permissionsBoundary)}.`;
  return sources + boundary;
}

/**
 * A folded block. GitHub renders Markdown inside `<details>` only after a blank line, and reads
 * the `<summary>` line as raw HTML: `summary` must hold no text from a policy or log.
 */
function details(summary: string, body: readonly string[]): string[] {
  return ["", "<details>", `<summary>${summary}</summary>`, "", ...body, "", "</details>"];
}

function risks(change: ActionChange): string {
  return change.risks.length === 0 ? "-" : change.risks.map((risk) => (HIGH_RISK.includes(risk) ? `**${riskName(risk)}**` : riskName(risk))).join(", ");
}

function resources(list: readonly string[]): string {
  return boundedList(list, "(nothing)", (value) => markdownCode(clipValue(value)));
}

function calls(change: ActionChange): string {
  return String(change.used?.calls ?? 0);
}

function lastSeen(change: ActionChange): string {
  return change.used === null ? "-" : markdownText(change.used.lastSeen);
}

function note(change: ActionChange): string {
  return change.note === null ? "-" : markdownText(clipValue(change.note));
}

/** One row per Deny whose Condition tighten cannot decide, with the granted actions it may refuse. */
export function conditionalDenyMarkdown(items: readonly { readonly action: string; readonly conditionallyDenied: readonly ConditionalDeny[] }[], consequence: string): string[] {
  const groups = groupConditionalDenies(items);
  if (groups.length === 0) return [];
  return details(
    `Conditionally denied: ${plural(groups.length, "Deny statement")} under a condition the logs cannot decide; ${consequence}`,
    boundedTable(
      ["Deny", "Condition", "May refuse"],
      ["---", "---", "---"],
      groups.map((g) => [
        markdownText(clipValue(g.statement)),
        markdownCode(clipValue(g.condition)),
        g.actions.length <= SERVICE_LIST_LIMIT ? g.actions.map(markdownCode).join(", ") : `${plural(g.actions.length, "granted action")} (JSON lists them)`,
      ]),
      "Deny statements",
    ),
  );
}

/**
 * The report with the unified diff of the policies after it, folded, in a fence longer than any
 * backtick run inside. The patch is cut at a line boundary so the whole stays under
 * MARKDOWN_LIMIT; the text format prints it whole.
 */
export function withUnifiedMarkdown(report: string, unified: string): string {
  const fenced = (body: string) => fencedBlock(body, "diff");
  const wrap = (body: string, note: string[]) => ["", "<details>", "<summary>Unified diff of the normalized policies</summary>", "", ...fenced(body), ...note, "", "</details>", ""].join("\n");
  const whole = wrap(unified.replace(/\n$/, ""), []);
  if (report.length + whole.length < MARKDOWN_LIMIT) return report + whole;
  const lines = unified.replace(/\n$/, "").split("\n");
  const room = MARKDOWN_LIMIT - report.length - wrap("", ["", "_Cut: 0000000000 more lines of the unified diff; `--format text --unified` prints it whole._"]).length - 16;
  // fitMarkdown keeps TRAILER_ROOM free after the report for this line.
  if (room < 200) return `${report}\n_The unified diff is left out to stay under the limit; \`--format text --unified\` prints it._\n`;
  const kept: string[] = [];
  let size = 0;
  for (const line of lines) {
    if (size + line.length + 1 > room) break;
    kept.push(line);
    size += line.length + 1;
  }
  return report + wrap(kept.join("\n"), ["", `_Cut: ${lines.length - kept.length} more lines of the unified diff; \`--format text --unified\` prints it whole._`]);
}
