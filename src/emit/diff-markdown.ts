import type { ActionChange, ChangeKind, RoleDiff } from "../diff/role-diff.js";
import { CHANGE_KINDS } from "../diff/role-diff.js";
import { compareText } from "../mapping/order.js";
import { accessLevelCounts, byAction, countByAccessLevel, groupRemovals, HIGH_RISK, isHighRisk, plural, riskName, SERVICE_LIST_LIMIT, serviceOf } from "../diff/removal-groups.js";
import { markdownCode, markdownText } from "./markdown-text.js";
import { markdownTable } from "./markdown-blocks.js";

const CHANGE_TITLE: Readonly<Record<ChangeKind, string>> = {
  added: "Added: refused by the current policy, granted by the generated one",
  removed: "Removed: granted, never used",
  narrowed: "Narrowed: used, granted on more resources than needed",
  unobservable: "Unobservable: not seen used, CloudTrail cannot show a use; kept",
  kept: "Kept: used, granted as needed",
};

/**
 * The diff as a pull-request comment: per role a title, a summary table, the high-risk removals,
 * then the details folded in `<details>` blocks. Every string from a policy or log goes through
 * markdownText or markdownCode; the `<summary>` lines, which GitHub reads as raw HTML, hold only
 * this module's words and numbers.
 */
export function renderDiffMarkdown(diffs: readonly RoleDiff[]): string {
  return diffs.map((diff) => roleMarkdown(diff).join("\n") + "\n").join("\n");
}

function roleMarkdown(diff: RoleDiff): string[] {
  const changes = [...diff.changes].sort(byAction);
  const of = (kind: ChangeKind) => changes.filter((change) => change.change === kind);
  const lines = [`### Role ${markdownCode(diff.role)}`, "", context(diff), ""];

  lines.push(
    ...markdownTable(
      ["Change", "Actions", "Of which high risk"],
      ["---", "--:", "--:"],
      CHANGE_KINDS.map((kind) => [CHANGE_TITLE[kind], String(of(kind).length), String(of(kind).filter(isHighRisk).length)]),
    ),
    "",
    `High risk: ${HIGH_RISK.map(riskName).join(", ")}.`,
  );

  const removed = of("removed");
  const groups = groupRemovals(removed);
  lines.push("", "#### High-risk removals", "");
  if (groups.highRisk.length === 0) {
    lines.push("None.");
  } else {
    lines.push(...markdownTable(["Action", "Access level", "Risks"], ["---", "---", "---"], groups.highRisk.map((c) => [markdownCode(c.action), markdownText(c.accessLevel), risks(c)])));
  }
  const others = removed.length - groups.highRisk.length;
  if (others > 0) lines.push("", `${plural(others, "other removal")}: listed by service below.`);

  if (removed.length > 0) {
    lines.push(
      ...details(
        `Removed by service: ${plural(removed.length, "action")} in ${plural(groups.services.length, "service")}`,
        markdownTable(
          ["Service", "Removed", "High risk", "By access level", "Other actions"],
          ["---", "--:", "--:", "---", "---"],
          groups.services.map((s) => [
            markdownCode(s.service),
            String(s.actions.length + s.highRisk),
            String(s.highRisk),
            accessLevelCounts(
              countByAccessLevel(removed.filter((c) => serviceOf(c.action) === s.service)),
              markdownText,
            ),
            s.actions.length === 0
              ? "-"
              : s.listed
                ? s.actions.map((c) => markdownCode(c.action)).join(", ")
                : `${s.actions.length} (more than ${SERVICE_LIST_LIMIT}, not listed)`,
          ]),
        ),
      ),
    );
  }

  const narrowed = of("narrowed");
  if (narrowed.length > 0) {
    lines.push(
      ...details(
        `Narrowed: ${plural(narrowed.length, "action")}`,
        markdownTable(
          ["Action", "Current resources", "Generated resources", "Calls", "Risks"],
          ["---", "---", "---", "--:", "---"],
          narrowed.map((c) => [markdownCode(c.action), resources(c.current) + (c.currentConditional ? " (conditional)" : ""), resources(c.generated), calls(c), risks(c)]),
        ),
      ),
    );
  }

  const added = of("added");
  if (added.length > 0) {
    lines.push(
      ...details(
        `Added: ${plural(added.length, "action")} the current policy refuses`,
        markdownTable(
          ["Action", "Access level", "Calls", "Last seen", "Risks", "Note"],
          ["---", "---", "--:", "---", "---", "---"],
          added.map((c) => [markdownCode(c.action), markdownText(c.accessLevel), calls(c), lastSeen(c), risks(c), note(c)]),
        ),
      ),
    );
  }

  const unobservable = of("unobservable");
  if (unobservable.length > 0) {
    lines.push(
      ...details(
        `Unobservable: ${plural(unobservable.length, "action")}, kept`,
        markdownTable(
          ["Action", "Access level", "Risks", "Why CloudTrail cannot show a use"],
          ["---", "---", "---", "---"],
          unobservable.map((c) => [markdownCode(c.action), markdownText(c.accessLevel), risks(c), note(c)]),
        ),
      ),
    );
  }

  const kept = of("kept");
  if (kept.length > 0) {
    lines.push(
      ...details(
        `Kept: ${plural(kept.length, "action")}`,
        markdownTable(["Action", "Calls", "Last seen"], ["---", "--:", "---"], kept.map((c) => [markdownCode(c.action), calls(c), lastSeen(c)])),
      ),
    );
  }

  if (diff.denied.length > 0) {
    const denied = [...diff.denied].sort((a, b) => compareText(a.action, b.action) || compareText(a.errorCode, b.errorCode));
    lines.push(
      ...details(
        `Denied: ${plural(denied.length, "action")} refused in the logs`,
        markdownTable(["Action", "Error", "Calls"], ["---", "---", "--:"], denied.map((d) => [markdownCode(d.action), markdownCode(d.errorCode), String(d.calls)])),
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
  return list.length === 0 ? "(nothing)" : list.map(markdownCode).join(", ");
}

function calls(change: ActionChange): string {
  return String(change.used?.calls ?? 0);
}

function lastSeen(change: ActionChange): string {
  return change.used === null ? "-" : markdownText(change.used.lastSeen);
}

function note(change: ActionChange): string {
  return change.note === null ? "-" : markdownText(change.note);
}
