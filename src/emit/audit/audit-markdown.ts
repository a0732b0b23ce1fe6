import { plural } from "../../diff/removal-groups.js";
import { acceptedAuditMarkdown } from "../shared/accepted-findings.js";
import type { EcsAuditReport, TaskDefinitionAudit } from "../../ecs/audit-report.js";
import { findingWhy, summaryLine, taskLabel } from "./audit-text.js";
import { markdownCode, markdownText } from "../shared/markdown-text.js";
import { printable } from "../shared/printable.js";
import { fencedBlock, markdownTable } from "../shared/markdown-blocks.js";

/**
 * The audit as a Markdown page or pull-request comment: a summary table of every task definition,
 * then per flagged one its findings, the `secrets` entries per container and the execution role
 * statement in fenced JSON blocks. Strings from a task definition go through markdownText or
 * markdownCode; the fenced blocks are longer than any backtick run they hold.
 */
export function renderAuditMarkdown(report: EcsAuditReport): string {
  const lines = ["## ECS audit: credentials in environment", "", `${markdownText(summaryLine(report).replace(/^ECS audit: /, ""))}.`];
  if (report.taskDefinitions.length > 0) {
    lines.push(
      "",
      ...markdownTable(
        ["Task definition", "Source", "Findings"],
        ["---", "---", "--:"],
        report.taskDefinitions.map((audit) => [markdownCode(taskLabel(audit)), markdownCode(audit.source), String(audit.findings.length)]),
      ),
    );
  }
  for (const audit of report.taskDefinitions.filter((a) => a.findings.length > 0)) lines.push("", ...taskMarkdown(audit));
  lines.push(...acceptedAuditMarkdown(report));
  return lines.join("\n") + "\n";
}

function taskMarkdown(audit: TaskDefinitionAudit): string[] {
  const lines = [
    `### ${markdownCode(taskLabel(audit))}: ${plural(audit.findings.length, "finding")}`,
    "",
    ...markdownTable(
      ["Container", "Variable", "Value length", "Why"],
      ["---", "---", "--:", "---"],
      audit.findings.map((f) => [markdownCode(f.container), markdownCode(f.variable), String(f.valueLength), markdownText(findingWhy(f))]),
    ),
    "",
    "Replace them with these `secrets` entries (the secret holds the value; create it first):",
  ];
  const containers = [...new Set(audit.findings.map((f) => f.container))];
  for (const container of containers) {
    const entries = audit.findings.filter((f) => f.container === container).map((f) => f.replacement.secretsEntry);
    lines.push("", `Container ${markdownCode(container)}:`, "", ...fencedBlock(json(entries), "json"));
  }
  const role = audit.executionRoleArn === null ? "The task's execution role" : `The execution role ${markdownCode(audit.executionRoleArn)}`;
  lines.push("", `${role} needs:`, "", ...fencedBlock(json(audit.executionRoleStatement), "json"), "", ...audit.notes.map((note) => `- ${markdownText(note)}`));
  return lines;
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2).split("\n").map(printable).join("\n");
}

