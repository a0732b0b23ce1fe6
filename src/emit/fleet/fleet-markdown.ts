import { plural } from "../../diff/removal-groups.js";
import { shortRoleName, shortTaskDefinition, type FleetReport } from "../../ecs/fleet.js";
import { emptyClusters, serviceLabel, trustText } from "./fleet-text.js";
import { markdownCode, markdownText } from "../shared/markdown-text.js";

/**
 * The fleet map as a Markdown page or pull-request comment: a summary, the services table, the
 * findings (what to do), then the roles. Names and ARNs from AWS or a file go through markdownCode,
 * other text of theirs through markdownText; flags and advice are this module's own words.
 */
export function renderFleetMarkdown(report: FleetReport): string {
  const source = report.source;
  const offline = source.kind === "offline";
  const counts = `${plural(report.services.length, "service")}, ${plural(report.roles.length, "role")}, ${plural(report.findings.length, "finding")}`;
  const lines = [
    "## ECS fleet",
    "",
    source.kind === "offline"
      ? `From ${plural(source.files.length, "task definition file")} (${source.files.map(markdownCode).join(", ")}), offline: trust policies not checked. ${counts}.`
      : `Region ${markdownCode(source.region)}, ${plural(source.clusters.length, "cluster")}${source.clusters.length > 0 ? ` (${source.clusters.map(markdownCode).join(", ")})` : ""}: ${counts}.`,
    "",
  ];
  const code = (text: string | null, short: (text: string) => string = (t) => t) => (text === null ? "none" : markdownCode(short(text)));
  if (report.services.length === 0) lines.push("No services.");
  else
    lines.push(
      ...table(
        [...(offline ? [] : ["Cluster"]), "Service", "Task definition", "Task role", "Execution role", "Flags"],
        report.services.map((s) => [
          ...(offline ? [] : [code(s.cluster)]),
          markdownCode(s.service),
          code(s.taskDefinition, shortTaskDefinition),
          code(s.taskRoleArn, shortRoleName),
          code(s.executionRoleArn, shortRoleName),
          s.flags.length === 0 ? "" : s.flags.join(", "),
        ]),
      ),
    );
  const empty = emptyClusters(report);
  if (empty.length > 0) lines.push("", `Clusters without services: ${empty.map(markdownCode).join(", ")}.`);

  lines.push("", "### Findings", "");
  if (report.findings.length === 0) lines.push("None.");
  for (const finding of report.findings) {
    const services = finding.services.map((ref) => markdownCode(serviceLabel(ref))).join(", ");
    const subject = finding.role === null ? services : `${markdownCode(shortRoleName(finding.role))}, used by ${services}`;
    lines.push(`- **${finding.flag}**: ${subject}: ${markdownText(finding.advice)}.`);
  }

  if (report.roles.length > 0) {
    lines.push("", "### Roles", "");
    lines.push(
      ...table(
        ["Role", "Trust", "Task role of", "Execution role of", "Flags"],
        report.roles.map((role) => {
          const users = (as: "task" | "execution") => role.usedBy.filter((use) => use.as === as).map((use) => markdownCode(serviceLabel(use))).join(", ");
          return [markdownCode(role.arn), trustText(role.trust, markdownText), users("task"), users("execution"), role.flags.join(", ")];
        }),
      ),
    );
  }
  return lines.join("\n") + "\n";
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)];
}
