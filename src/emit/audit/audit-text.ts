import { plural } from "../../diff/removal-groups.js";
import { acceptedAuditText } from "../shared/accepted-findings.js";
import type { AuditFinding, EcsAuditReport, TaskDefinitionAudit } from "../../ecs/audit-report.js";
import { auditFindingCount } from "../../ecs/audit-report.js";
import { printable } from "../shared/printable.js";
import { renderTable } from "../shared/table.js";
import { printLines, styled, tableLines, type TextLine, type TextOptions } from "../shared/text-paint.js";

const INDENT = "  ";

/**
 * The audit for a terminal or a CI log: a summary line, then per task definition its findings
 * (container, variable, the value's length, why), the `secrets` entries that would replace them
 * and the execution role statement they need. The report holds no value to print; every string
 * from a task definition goes through printable (tables do it themselves).
 */
export function renderAuditText(report: EcsAuditReport, options: TextOptions = {}): string {
  const summary = styled(summaryLine(report), auditFindingCount(report) > 0 ? "breaks" : "ok");
  const blocks: TextLine[][] = [[summary], ...report.taskDefinitions.map(taskLines), ...acceptedAuditText(report).map((text) => text.split("\n"))];
  return printLines(blocks.flatMap((block, index) => (index === 0 ? block : ["", ...block])), options).join("\n") + "\n";
}

export function summaryLine(report: EcsAuditReport): string {
  const total = report.taskDefinitions.length;
  const flagged = report.taskDefinitions.filter((audit) => audit.findings.length > 0).length;
  const findings = auditFindingCount(report);
  if (total === 0) return "ECS audit: no task definitions to audit";
  if (findings === 0) return `ECS audit: no credentials in environment in ${plural(total, "task definition")}`;
  return `ECS audit: ${plural(findings, "credential")} in environment, in ${flagged} of ${plural(total, "task definition")} (values are never shown, only their length)`;
}

/** `family:revision`, or the family alone for a bare task definition. */
export function taskLabel(audit: Pick<TaskDefinitionAudit, "family" | "revision">): string {
  return audit.revision === null ? audit.family : `${audit.family}:${audit.revision}`;
}

/** A finding's reasons, and which containers share its value, in one phrase. */
export function findingWhy(finding: AuditFinding): string {
  const why = finding.reasons.map((reason) => reason.why).join("; ");
  return finding.sameValueIn.length === 0 ? why : `${why}; same value in ${finding.sameValueIn.join(", ")}`;
}

function taskLines(audit: TaskDefinitionAudit): TextLine[] {
  const head = `${printable(taskLabel(audit))} (${printable(audit.source)})`;
  if (audit.findings.length === 0) return [`${head}: no credentials in environment`];
  const lines: TextLine[] = [styled(`${head}: ${plural(audit.findings.length, "finding")}`, "breaks")];
  lines.push(
    ...tableLines(
      renderTable(
        ["CONTAINER", "VARIABLE", "LENGTH", "WHY"],
        audit.findings.map((f) => [f.container, f.variable, f.valueLength, findingWhy(f)]),
      ),
      INDENT,
    ),
  );
  lines.push("", `${INDENT}Replace them with these secrets entries (the secret holds the value; create it first):`);
  for (const f of audit.findings) lines.push(`${INDENT.repeat(2)}container ${printable(f.container)}: ${printable(JSON.stringify(f.replacement.secretsEntry))}`);
  const role = audit.executionRoleArn === null ? "The task's execution role" : `Execution role ${printable(audit.executionRoleArn)}`;
  lines.push("", `${INDENT}${role} needs:`, `${INDENT.repeat(2)}${printable(JSON.stringify(audit.executionRoleStatement))}`);
  lines.push("", ...audit.notes.map((note) => `${INDENT}- ${printable(note)}`));
  return lines;
}
