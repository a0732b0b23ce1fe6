import type { ConditionalDeny } from "../../diff/current-grants.js";
import { groupConditionalDenies } from "../../diff/conditional-denies.js";
import type { ActionChange, ChangeKind, CurrentPolicySource, RoleDiff } from "../../diff/role-diff.js";
import { countChanges } from "../../diff/role-diff.js";
import { SERVICE_LIST_LIMIT, accessLevelCounts, byAction, groupRemovals, isHighRisk, plural, removalsByRisk, riskName } from "../../diff/removal-groups.js";
import { roleNames } from "../shared/role-names.js";
import { provenanceLine, type Provenance } from "../shared/provenance.js";
import { compareText } from "../../mapping/order.js";
import { printable } from "../shared/printable.js";
import { renderTable } from "../shared/table.js";


export interface DiffTextOptions {
  /** ANSI colours, for a terminal. */
  readonly color: boolean;
}

type Style = "red" | "yellow" | "green" | "cyan" | "boldRed";

const ANSI: Readonly<Record<Style, string>> = {
  red: "\u001b[31m",
  yellow: "\u001b[33m",
  green: "\u001b[32m",
  cyan: "\u001b[36m",
  boldRed: "\u001b[1;31m",
};
const RESET = "\u001b[0m";

const CHANGE_STYLE: Readonly<Record<ChangeKind, Style>> = {
  added: "green",
  removed: "red",
  narrowed: "yellow",
  unobservable: "cyan",
  kept: "green",
};

const INDENT = "  ";

/**
 * The review of what tightening does, for a terminal: per role its name and summary, its ARN and
 * policies, then what breaks first (actions the current policy refuses, denied calls), then the
 * removed, narrowed, unobservable and kept actions and the unmapped count. Roles with refused or
 * denied calls come first.
 * Every string from a policy or log is made printable; colour codes are added after that, so they
 * are the only escape sequences in the output.
 */
export function renderDiffText(diffs: readonly RoleDiff[], options: DiffTextOptions, provenance?: Provenance): string {
  const paint = (text: string, style: Style | null) => (options.color && style !== null && text !== "" ? `${ANSI[style]}${text}${RESET}` : text);
  const names = roleNames(diffs.map((diff) => diff.role));
  const roles = [...diffs].sort(byUrgency).map((diff) => roleLines(diff, names.get(diff.role) ?? diff.role, paint).join("\n") + "\n");
  return [...(provenance === undefined ? [] : [`${provenanceLine(provenance, printable)}\n`]), ...roles].join("\n");
}

/** Roles with calls the current policy refuses or denied calls first, then those losing high-risk grants. */
export function byUrgency(a: RoleDiff, b: RoleDiff): number {
  const breaks = (diff: RoleDiff) => diff.changes.filter((c) => c.change === "added").length + diff.denied.length;
  const highRisk = (diff: RoleDiff) => diff.changes.filter((c) => c.change === "removed" && isHighRisk(c)).length;
  return breaks(b) - breaks(a) || highRisk(b) - highRisk(a) || compareText(a.role, b.role);
}

type Paint = (text: string, style: Style | null) => string;

function roleLines(diff: RoleDiff, name: string, paint: Paint): string[] {
  const changes = [...diff.changes].sort(byAction);
  const of = (kind: ChangeKind) => changes.filter((change) => change.change === kind);
  const lines = [`${printable(name)}: ${summaryLine(diff)}`, `${INDENT}${header(diff)}`];
  const section = (kind: ChangeKind, count: number, title: string, body: () => string[]) => {
    if (count > 0) lines.push("", paint(title, CHANGE_STYLE[kind]), ...body());
  };

  const added = of("added");
  section("added", added.length, `Added (${added.length}): granted by the generated policy, refused by the current one`, () =>
    riskTable(["ACTION", "ACCESS", "CALLS", "LAST SEEN", "RISKS"], added, (c) => [c.action, c.accessLevel, c.used?.calls ?? 0, c.used?.lastSeen ?? "-"], {
      style: "green",
      paint,
      notes: true,
    }),
  );

  if (diff.denied.length > 0) {
    const denied = [...diff.denied].sort((a, b) => compareText(a.action, b.action) || compareText(a.errorCode, b.errorCode));
    lines.push("", `Denied (${denied.length}): authorization failures seen in the logs`);
    lines.push(...indent(renderTable(["ACTION", "ERROR", "CALLS"], denied.map((d) => [d.action, d.errorCode, d.calls]))));
  }
  const removed = of("removed");
  section("removed", removed.length, `Removed (${removed.length}): granted, never used`, () => removedLines(removed, paint));

  const narrowed = of("narrowed");
  section("narrowed", narrowed.length, `Narrowed (${narrowed.length}): used, and granted on more resources than it needs`, () =>
    narrowed.map((c) => paint(`${INDENT}${printable(c.action)}: ${resources(c.current)} -> ${resources(c.generated)}${usedSuffix(c)}`, "yellow")),
  );

  const unobservable = of("unobservable");
  section("unobservable", unobservable.length, `Unobservable (${unobservable.length}): granted, not seen used, and CloudTrail cannot show a use: kept`, () =>
    riskTable(["ACTION", "ACCESS", "RISKS"], unobservable, (c) => [c.action, c.accessLevel], { style: "cyan", paint, notes: true }),
  );

  const kept = of("kept");
  section("kept", kept.length, `Kept (${kept.length}): used, and granted on exactly the resources it needs`, () =>
    indent(renderTable(["ACTION", "CALLS", "LAST SEEN"], kept.map((c) => [c.action, c.used?.calls ?? 0, c.used?.lastSeen ?? "-"]))).map((line, index) =>
      index === 0 ? line : paint(line, "green"),
    ),
  );

  lines.push(...conditionalDenyLines(diff.changes.filter((c) => c.change !== "added"), "generate --current keeps the Deny as written"));

  if (diff.unmapped > 0) {
    lines.push("", `Unmapped: ${plural(diff.unmapped, "successful call")} the mapping could not name an action or resource for; the diff cannot judge them`);
  }
  return lines;
}

/**
 * One paragraph per Deny whose Condition tighten cannot decide: the grants it may refuse are
 * granted in some requests only, and tightening keeps the Deny (generate --current).
 */
export function conditionalDenyLines(items: readonly { readonly action: string; readonly conditionallyDenied: readonly ConditionalDeny[] }[], consequence: string): string[] {
  const groups = groupConditionalDenies(items);
  if (groups.length === 0) return [];
  const lines = ["", `Conditionally denied (${plural(groups.length, "Deny statement")}): refuses under a condition the logs cannot decide; ${consequence}`];
  for (const group of groups) {
    const actions = group.actions.length <= SERVICE_LIST_LIMIT ? `: ${group.actions.map(printable).join(", ")}` : " (--format json lists them)";
    lines.push(`${INDENT}${printable(group.statement)} when ${printable(group.condition)}`, `${INDENT.repeat(2)}may refuse ${plural(group.actions.length, "granted action")}${actions}`);
  }
  return lines;
}

function header(diff: RoleDiff): string {
  const current = diff.current.length === 0 ? "no current policy" : `current policy ${diff.current.map(source).join(", ")}`;
  const boundary = diff.permissionsBoundary === null ? "" : `; permissions boundary ${printable(diff.permissionsBoundary)}`;
  return `${printable(diff.role)}; ${current}${boundary}`;
}

function source(s: CurrentPolicySource): string {
  return `${printable(s.source)} (${plural(s.statements, "statement")})`;
}

/** "3 added, 41 removed (2 privilege escalation, 39 infrastructure modification), 4 narrowed, 2 unobservable, 9 kept" */
function summaryLine(diff: RoleDiff): string {
  const counts = countChanges(diff);
  const risks = removalsByRisk(diff.changes).map(([risk, count]) => `${count} ${riskName(risk)}`);
  const removed = `${counts.removed} removed${risks.length > 0 ? ` (${risks.join(", ")})` : ""}`;
  return `${counts.added} added, ${removed}, ${counts.narrowed} narrowed, ${counts.unobservable} unobservable, ${counts.kept} kept`;
}

function removedLines(removed: readonly ActionChange[], paint: Paint): string[] {
  const groups = groupRemovals(removed);
  const lines: string[] = [];
  if (groups.highRisk.length > 0) {
    lines.push(`${INDENT}High risk (${groups.highRisk.length}):`);
    lines.push(...riskTable(["ACTION", "ACCESS", "RISKS"], groups.highRisk, (c) => [c.action, c.accessLevel], { style: "red", paint, depth: 2 }));
  }
  const listed = groups.services.filter((s) => s.listed).flatMap((s) => s.actions);
  if (listed.length > 0) {
    lines.push(`${INDENT}Other (${listed.length}):`);
    lines.push(...riskTable(["ACTION", "ACCESS", "RISKS"], listed, (c) => [c.action, c.accessLevel], { style: "red", paint, depth: 2 }));
  }
  const counted = groups.services.filter((s) => !s.listed);
  if (counted.length > 0) {
    lines.push(`${INDENT}Other, counted by service (more than ${SERVICE_LIST_LIMIT} in the service):`);
    for (const s of counted) {
      const levels = accessLevelCounts(s.byAccessLevel, printable);
      const besides = s.highRisk > 0 ? `, besides ${s.highRisk} high risk above` : "";
      lines.push(paint(`${INDENT}${INDENT}${printable(s.service)}: ${plural(s.actions.length, "action")} (${levels})${besides}`, "red"));
    }
  }
  return lines;
}

/**
 * A table whose last column is the risks, so that privilege escalation can be shown in bold
 * without disturbing the alignment renderTable computed.
 */
function riskTable(
  header: readonly string[],
  changes: readonly ActionChange[],
  cells: (change: ActionChange) => (string | number)[],
  { style, paint, notes = false, depth = 1 }: { style: Style; paint: Paint; notes?: boolean; depth?: number },
): string[] {
  const rows = changes.map((change) => [...cells(change), change.risks.map(riskName).join(", ") || "-"]);
  const [head = "", ...body] = indent(renderTable(header, rows), depth);
  const lines = [head];
  body.forEach((line, index) => {
    const change = changes[index]!;
    if (change.risks.includes("privilege-escalation")) {
      const risk = printable(String(rows[index]!.at(-1)));
      lines.push(paint(line.slice(0, line.length - risk.length), style) + paint(risk, "boldRed"));
    } else {
      lines.push(paint(line, style));
    }
    if (notes && change.note !== null) lines.push(paint(`${INDENT.repeat(depth + 1)}${printable(change.note)}`, style));
  });
  return lines;
}

function resources(list: readonly string[]): string {
  return list.length === 0 ? "(nothing)" : list.map(printable).join(", ");
}

function usedSuffix(change: ActionChange): string {
  const parts = [];
  if (change.used !== null) parts.push(`${plural(change.used.calls, "call")}, last ${printable(change.used.lastSeen)}`);
  if (change.currentConditional) parts.push("current grant conditional");
  return parts.length > 0 ? `  (${parts.join("; ")})` : "";
}

function indent(table: string, depth = 1): string[] {
  return table
    .trimEnd()
    .split("\n")
    .map((line) => `${INDENT.repeat(depth)}${line}`);
}
