import { replayableCalls, type Refusal, type RoleBacktest } from "../../backtest/backtest-role.js";
import type { RefusalCause } from "../../backtest/refusal-cause.js";
import type { Backtest } from "../../backtest/backtest-report.js";
import { fencedBlock } from "../shared/markdown-blocks.js";
import { boundedTable, clipValue, fitMarkdown, FULL_REPORT, type MarkdownPart } from "../shared/markdown-budget.js";
import { markdownCode, markdownText } from "../shared/markdown-text.js";
import { printable } from "../shared/printable.js";
import { printableJson } from "../shared/printable-json.js";
import { renderTable } from "../shared/table.js";
import { printLines, styled, tableLines, type TextLine, type TextOptions } from "../shared/text-paint.js";

/** The whole run: later calls, refused, and the share refused of those the replay could judge. */
export interface BacktestTotals {
  readonly calls: number;
  readonly replayable: number;
  readonly allowed: number;
  readonly refused: number;
  readonly conditional: number;
  readonly undetermined: number;
  readonly notReplayable: number;
  /** refused / replayable, 0 when nothing could be replayed. */
  readonly refusedShare: number;
}

export function backtestTotals(backtest: Backtest): BacktestTotals {
  const sum = (pick: (role: RoleBacktest) => number) => backtest.roles.reduce((total, role) => total + pick(role), 0);
  const replayable = sum((role) => replayableCalls(role.after));
  const refused = sum((role) => role.after.refused);
  return {
    calls: sum((role) => role.after.calls),
    replayable,
    allowed: sum((role) => role.after.allowed),
    refused,
    conditional: sum((role) => role.after.conditional),
    undetermined: sum((role) => role.after.undetermined),
    notReplayable: sum((role) => role.after.notReplayable),
    refusedShare: replayable === 0 ? 0 : refused / replayable,
  };
}

const CAUSE_TEXT: Record<RefusalCause["kind"], string> = {
  "new-action": "new action",
  "new-resource": "new resource",
  "new-context": "new condition",
  "too-narrow": "too narrow",
};

function percent(share: number): string {
  return `${(share * 100).toFixed(share > 0 && share < 0.001 ? 2 : 1)}%`;
}

function share(refused: number, replayable: number): string {
  return replayable === 0 ? "-" : percent(refused / replayable);
}

function causeDetail(refusal: Refusal): string {
  const { cause } = refusal;
  const why = cause.kind === "too-narrow" ? `${cause.why}; ${cause.wouldAllow} would have allowed it` : cause.why;
  return refusal.inPart ? `${why} (the policy grants part of this pattern: these calls are undetermined)` : why;
}

function causeText(refusal: Refusal): string {
  return refusal.inPart ? `${CAUSE_TEXT[refusal.cause.kind]} (in part)` : CAUSE_TEXT[refusal.cause.kind];
}

/** The per-role table's columns: conditional and undetermined only when some role has such calls. */
function roleColumns(backtest: Backtest): { readonly names: string[]; readonly cells: (role: RoleBacktest) => (string | number)[] } {
  const has = (pick: (role: RoleBacktest) => number) => backtest.roles.some((role) => pick(role) > 0);
  const conditional = has((r) => r.after.conditional);
  const undetermined = has((r) => r.after.undetermined);
  return {
    names: ["Role", "Before", "Later", "Allowed", ...(conditional ? ["Conditional"] : []), "Refused", ...(undetermined ? ["Undetermined"] : []), "Share", "Not replayable"],
    cells: (r) => [
      r.role.name,
      r.before.calls,
      r.after.calls,
      r.after.allowed,
      ...(conditional ? [r.after.conditional] : []),
      r.after.refused,
      ...(undetermined ? [r.after.undetermined] : []),
      share(r.after.refused, replayableCalls(r.after)),
      r.after.notReplayable,
    ],
  };
}

function headline(backtest: Backtest): string {
  const t = backtestTotals(backtest);
  const undetermined = t.undetermined > 0 ? `, ${t.undetermined} undetermined (on patterns the policy grants in part)` : "";
  return (
    `Policies made from ${backtest.range.first} .. ${backtest.split}, replayed on ${backtest.split} .. ${backtest.range.last}: ` +
    `${t.refused} of ${t.replayable} later calls refused (${percent(t.refusedShare)})${undetermined}; ` +
    `${t.notReplayable} not replayable, ${t.conditional} conditionally allowed`
  );
}

/** Text: the headline, a table per role, then each role's refusals, what breaks most first. */
export function renderBacktestText(backtest: Backtest, options: TextOptions = {}): string {
  const refused = backtestTotals(backtest).refused > 0;
  const lines: TextLine[] = [styled(headline(backtest), refused ? "breaks" : "ok"), ""];
  const columns = roleColumns(backtest);
  lines.push(...tableLines(renderTable(columns.names.map((name) => name.toUpperCase()), backtest.roles.map(columns.cells))));
  for (const role of backtest.roles.filter((r) => r.refusals.length > 0)) {
    lines.push("", styled(`${role.role.name}: refused`, "breaks"));
    lines.push(
      ...tableLines(renderTable(
        ["ACTION", "CAUSE", "CALLS", "RESOURCES", "FIRST", "EXAMPLE", "WHY"],
        role.refusals.map((r) => [r.action, causeText(r), r.calls, r.resources, r.evidence.firstSeen, r.examples[0] ?? "", causeDetail(r)]),
      )),
    );
  }
  const unreplayed = backtest.roles.filter((r) => r.notReplayable.length > 0);
  for (const role of unreplayed) {
    lines.push("", styled(`${role.role.name}: not replayable (the logs do not name what these calls needed)`, "decide"));
    lines.push(...tableLines(renderTable(["CALL", "ACTION", "CALLS", "REASON"], role.notReplayable.map((u) => [`${u.eventSource}:${u.eventName}`, u.action ?? "-", u.evidence.count, u.reason]))));
  }
  return printLines(lines, options).join("\n") + "\n";
}

/**
 * Markdown: the same, for a pull request, bounded by MARKDOWN_LIMIT; refusals first (what breaks
 * once the policies are applied), the clean roles in one line, long tables cut with a count.
 */
export function renderBacktestMarkdown(backtest: Backtest): string {
  const t = backtestTotals(backtest);
  const head = ["## tighten backtest", "", markdownText(headline(backtest))];
  const parts: MarkdownPart[] = [];
  const refusing = backtest.roles.filter((r) => r.refusals.length > 0);
  for (const role of refusing) {
    parts.push({
      lines: [
        "",
        `### ${markdownCode(clipValue(role.role.name))}: ${role.after.refused} of ${replayableCalls(role.after)} later calls refused`,
        "",
        ...boundedTable(
          ["Action", "Cause", "Calls", "Resources", "Example", "Why"],
          ["---", "---", "--:", "--:", "---", "---"],
          role.refusals.map((r) => [
            markdownCode(r.action),
            causeText(r),
            String(r.calls),
            String(r.resources),
            r.examples[0] === undefined ? "" : markdownCode(clipValue(r.examples[0])),
            markdownText(clipValue(causeDetail(r))),
          ]),
          "refused actions",
        ),
      ],
      cut: `_${markdownCode(clipValue(role.role.name))}: ${role.after.refused} later calls refused, too many rows to show here: ${FULL_REPORT}._`,
    });
  }
  const clean = backtest.roles.filter((r) => r.refusals.length === 0);
  if (clean.length > 0) {
    const more = clean.length > CLEAN_NAME_LIMIT ? ` and ${clean.length - CLEAN_NAME_LIMIT} more` : "";
    parts.push({ lines: ["", `No later call refused: ${clean.slice(0, CLEAN_NAME_LIMIT).map((r) => markdownCode(clipValue(r.role.name))).join(", ")}${more}.`], cut: `_${clean.length} roles with no later call refused._` });
  }
  const columns = roleColumns(backtest);
  parts.push({
    lines: [
      "",
      "<details>",
      "<summary>Per role</summary>",
      "",
      ...boundedTable(
        columns.names,
        columns.names.map((_, i) => (i === 0 ? "---" : "--:")),
        backtest.roles.map((r) => columns.cells(r).map((cell, i) => (i === 0 ? markdownCode(clipValue(String(cell))) : String(cell)))),
        "roles",
      ),
      "",
      "</details>",
    ],
    cut: `_The per-role table is too long to show here: ${FULL_REPORT}._`,
  });
  if (t.notReplayable > 0) {
    const rows = backtest.roles.flatMap((r) => r.notReplayable.map((u) => `${r.role.name} ${u.eventSource}:${u.eventName} (${u.evidence.count}): ${clipValue(u.reason)}`));
    const shown = rows.slice(0, NOT_REPLAYABLE_LIMIT).map(printable);
    if (rows.length > shown.length) shown.push(`... ${rows.length - shown.length} more`);
    parts.push({ lines: ["", "<details>", "<summary>Not replayable</summary>", "", ...fencedBlock(shown.join("\n"), "text"), "", "</details>"], cut: `_Not replayable calls: ${FULL_REPORT}._` });
  }
  return fitMarkdown(head, parts);
}

const CLEAN_NAME_LIMIT = 50;
const NOT_REPLAYABLE_LIMIT = 100;

/** JSON (docs/backtest-json.md). */
export function renderBacktestJson(backtest: Backtest): string {
  const report = {
    version: 1,
    range: backtest.range,
    split: backtest.split,
    totals: backtestTotals(backtest),
    roles: backtest.roles.map((r) => ({
      role: r.role.arn,
      name: r.role.name,
      before: r.before,
      after: r.after,
      refusals: r.refusals.map((refusal) => ({
        action: refusal.action,
        cause: refusal.cause.kind,
        why: refusal.cause.why,
        wouldAllow: refusal.cause.kind === "too-narrow" ? refusal.cause.wouldAllow : null,
        inPart: refusal.inPart,
        calls: refusal.calls,
        resources: refusal.resources,
        examples: refusal.examples,
        firstSeen: refusal.evidence.firstSeen,
        lastSeen: refusal.evidence.lastSeen,
      })),
      notReplayable: r.notReplayable.map((u) => ({ eventSource: u.eventSource, eventName: u.eventName, action: u.action, reason: u.reason, calls: u.evidence.count })),
    })),
  };
  return printableJson(report);
}
