import { plural } from "../../diff/removal-groups.js";
import type { AcceptedFinding, DriftReport } from "../../drift/drift-report.js";
import type { EcsAuditReport } from "../../ecs/audit-report.js";
import { boundedList, boundedTable, clipValue } from "./markdown-budget.js";
import { markdownCode, markdownText } from "./markdown-text.js";
import { printable } from "./printable.js";
import { roleNames } from "./role-names.js";
import { renderTable } from "./table.js";

/**
 * The accepted findings of a drift report (text) or an ECS audit (text, Markdown), with --accepted,
 * as one section at the report's end (the drift Markdown and HTML renderers draw their own): they need no decision until they expire. An expired acceptance is
 * shown here with its date, and its finding is back in the report's own lists.
 */

interface Row {
  readonly role: string;
  readonly kind: string;
  readonly what: string;
  readonly resources: readonly string[];
  readonly status: string;
  readonly reason: string;
  readonly entry: number;
}

/** "until 2027-03-31", or "acceptance expired on 2026-11-30: fails again". */
export function acceptanceStatus(finding: Pick<AcceptedFinding, "expires" | "expired">): string {
  return finding.expired ? `acceptance expired on ${finding.expires}: fails again` : `until ${finding.expires}`;
}

function driftRows(report: DriftReport): Row[] {
  const names = roleNames(report.roles.map((role) => role.role));
  return report.roles.flatMap((role) =>
    (role.accepted ?? []).map((a) => ({
      role: names.get(role.role) ?? role.role,
      kind: a.kind,
      what: a.calls === null ? a.action : `${a.action} (${plural(a.calls, "call")})`,
      resources: a.resources,
      status: acceptanceStatus(a),
      reason: a.reason,
      entry: a.entry,
    })),
  );
}

function auditRows(report: EcsAuditReport): Row[] {
  return report.taskDefinitions.flatMap((audit) =>
    (audit.accepted ?? []).map((a) => ({
      role: audit.revision === null ? audit.family : `${audit.family}:${audit.revision}`,
      kind: "environment-secret",
      what: `${a.container} ${a.variable}`,
      resources: [],
      status: acceptanceStatus(a),
      reason: a.reason,
      entry: a.entry,
    })),
  );
}

function title(rows: readonly Row[], file: string | undefined): string {
  const expired = rows.filter((row) => row.status.startsWith("acceptance expired")).length;
  const from = file === undefined ? "" : ` in ${file}`;
  return `Accepted (${rows.length}${expired > 0 ? `, ${expired} expired` : ""}): findings an entry${from} covers; not failed on until it expires`;
}

function textLines(rows: readonly Row[], file: string | undefined, first: string): string[] {
  if (file === undefined) return [];
  if (rows.length === 0) return [`Accepted: none of the entries of ${printable(file)} matched a finding`];
  const table = renderTable(
    [first, "KIND", "FINDING", "RESOURCES", "ACCEPTED", "ENTRY", "REASON"],
    rows.map((row) => [row.role, row.kind, row.what, row.resources.join(", ") || "-", row.status, row.entry, row.reason]),
  );
  return [[printable(title(rows, file)), ...table.trimEnd().split("\n").map((line) => `  ${line}`)].join("\n")];
}

/** The text report's section; [] without --accepted. */
export function acceptedDriftText(report: DriftReport): string[] {
  return textLines(driftRows(report), report.acceptedFrom, "ROLE");
}

export function acceptedAuditText(report: EcsAuditReport): string[] {
  return textLines(auditRows(report), report.acceptedFrom, "TASK DEFINITION");
}

function markdownLines(rows: readonly Row[], file: string | undefined, first: string): string[] {
  if (file === undefined) return [];
  if (rows.length === 0) return ["", `Accepted: none of the entries of ${markdownCode(clipValue(file))} matched a finding.`];
  return [
    "",
    "<details>",
    // The summary is raw HTML to GitHub: only this module's words and numbers in it.
    `<summary>Accepted: ${plural(rows.length, "finding")}, not failed on until their acceptance expires</summary>`,
    "",
    `From ${markdownCode(clipValue(file))}.`,
    "",
    ...boundedTable(
      [first, "Kind", "Finding", "Resources", "Accepted", "Entry", "Reason"],
      ["---", "---", "---", "---", "---", "--:", "---"],
      rows.map((row) => [
        markdownCode(clipValue(row.role)),
        row.kind,
        markdownCode(clipValue(row.what)),
        boundedList(row.resources.map((r) => markdownCode(clipValue(r)))),
        markdownText(row.status),
        String(row.entry),
        markdownText(clipValue(row.reason)),
      ]),
      "accepted findings",
    ),
    "",
    "</details>",
  ];
}

export function acceptedAuditMarkdown(report: EcsAuditReport): string[] {
  return markdownLines(auditRows(report), report.acceptedFrom, "Task definition");
}
