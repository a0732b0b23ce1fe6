import { plural } from "../../diff/removal-groups.js";
import { shortRoleName, shortTaskDefinition, type FleetFinding, type FleetReport, type FleetRole, type FleetSource, type ServiceRef, type TrustStatus } from "../../ecs/fleet.js";
import { ECS_TASKS_PRINCIPAL } from "../../ecs/trust-conditions.js";
import { printable } from "../shared/printable.js";
import { renderTable } from "../shared/table.js";
import { printLines, styled, tableLines, type TextLine, type TextOptions } from "../shared/text-paint.js";

const INDENT = "  ";

/**
 * The fleet map for a terminal or a CI log: a headline, one table row per service (roles by path
 * and name), each role's trust and users, then the findings with what to do. Every string from AWS
 * or a file goes through printable (tables do it themselves).
 */
export function renderFleetText(report: FleetReport, options: TextOptions = {}): string {
  const offline = report.source.kind === "offline";
  const header = [...(offline ? [] : ["CLUSTER"]), "SERVICE", "TASK DEFINITION", "TASK ROLE", "EXECUTION ROLE", "FLAGS"];
  const rows = report.services.map((s) => [
    ...(offline ? [] : [s.cluster ?? "-"]),
    s.service,
    s.taskDefinition === null ? "(none)" : shortTaskDefinition(s.taskDefinition),
    s.taskRoleArn === null ? "(none)" : shortRoleName(s.taskRoleArn),
    s.executionRoleArn === null ? "(none)" : shortRoleName(s.executionRoleArn),
    s.flags.length === 0 ? "-" : s.flags.join(","),
  ]);
  const lines: TextLine[] = [headline(report), ""];
  lines.push(...(report.services.length === 0 ? ["No services."] : tableLines(renderTable(header, rows))));
  const empty = emptyClusters(report);
  if (empty.length > 0) lines.push("", `Clusters without services: ${empty.map(printable).join(", ")}`);
  if (report.roles.length > 0) lines.push("", styled(`Roles (${report.roles.length})`, "heading"), ...report.roles.flatMap(roleLines));
  lines.push("", report.findings.length === 0 ? styled("No findings.", "ok") : styled(`Findings (${report.findings.length})`, "decide"), ...report.findings.flatMap(findingLines));
  return printLines(lines, options).join("\n") + "\n";
}

/** "ECS fleet in us-east-1, 2 clusters: 13 services, 5 roles, 4 findings" */
function headline(report: FleetReport): string {
  const counts = `${plural(report.services.length, "service")}, ${plural(report.roles.length, "role")}, ${plural(report.findings.length, "finding")}`;
  return `${sourceText(report.source)}: ${counts}`;
}

function sourceText(source: FleetSource): string {
  if (source.kind === "offline") return `ECS fleet from ${plural(source.files.length, "task definition file")} (offline: trust policies not checked)`;
  return `ECS fleet in ${printable(source.region)}, ${plural(source.clusters.length, "cluster")}`;
}

export function emptyClusters(report: FleetReport): string[] {
  if (report.source.kind === "offline") return [];
  const used = new Set(report.services.map((s) => s.cluster));
  return report.source.clusters.filter((cluster) => !used.has(cluster));
}

function roleLines(role: FleetRole): string[] {
  const as = (kind: "task" | "execution") => role.usedBy.filter((use) => use.as === kind).map((use) => printable(serviceLabel(use)));
  const task = as("task");
  const execution = as("execution");
  return [
    `${INDENT}${printable(role.arn)}${role.flags.length > 0 ? `  [${role.flags.join(",")}]` : ""}`,
    `${INDENT.repeat(2)}trust: ${trustText(role.trust, printable)}`,
    ...(task.length > 0 ? [`${INDENT.repeat(2)}task role of: ${task.join(", ")}`] : []),
    ...(execution.length > 0 ? [`${INDENT.repeat(2)}execution role of: ${execution.join(", ")}`] : []),
  ];
}

function findingLines(finding: FleetFinding): string[] {
  const services = finding.services.map((ref) => printable(serviceLabel(ref))).join(", ");
  const subject = finding.role === null ? services : `${printable(shortRoleName(finding.role))}, used by ${services}`;
  return [`${INDENT}${finding.flag}: ${subject}`, `${INDENT.repeat(2)}${finding.advice}`];
}

/** "prod/api", or the service alone offline (cluster names cannot hold a slash). */
export function serviceLabel(ref: ServiceRef): string {
  return ref.cluster === null ? ref.service : `${ref.cluster}/${ref.service}`;
}

/** What a role's trust status says, in words; `quote` escapes the statement labels taken from IAM. */
export function trustText(trust: TrustStatus, quote: (text: string) => string): string {
  switch (trust.kind) {
    case "conditioned":
      return `conditioned on ${trust.keys.join(", ")}`;
    case "unconditioned":
      return `no aws:SourceAccount or aws:SourceArn condition (${trust.statements.map(quote).join(", ")})`;
    case "no-ecs-tasks":
      return `does not trust ${ECS_TASKS_PRINCIPAL}: ECS cannot assume it for a task`;
    case "not-checked":
      return `not checked: ${quote(trust.reason)}`;
  }
}
