import picomatch from "picomatch";
import type { AcceptedAuditFinding, EcsAuditReport, TaskDefinitionAudit } from "../ecs/audit-report.js";
import { isExpired, type Acceptance, type AcceptedFindings } from "./accepted-findings.js";

/**
 * The audit with the credentials an `environment-secret` entry accepts taken out of `findings`
 * and listed in `accepted`: the entry's taskDefinition glob names the family and its variable
 * glob (default every variable) the entry's name. Expired entries accept nothing; their findings
 * stay and are listed as expired. Pure.
 */
export function acceptAudit(report: EcsAuditReport, accepted: AcceptedFindings, today: string): EcsAuditReport {
  const entries = accepted.entries.filter((entry) => entry.kind === "environment-secret");
  return { ...report, acceptedFrom: accepted.file, taskDefinitions: report.taskDefinitions.map((audit) => acceptTask(audit, entries, today)) };
}

function acceptTask(audit: TaskDefinitionAudit, entries: readonly Acceptance[], today: string): TaskDefinitionAudit {
  const mine = entries.filter((entry) => globMatches(entry.taskDefinition ?? "*", audit.family));
  if (mine.length === 0) return { ...audit, accepted: [] };
  const accepted: AcceptedAuditFinding[] = [];
  const findings = audit.findings.filter((finding) => {
    const matching = mine.filter((entry) => globMatches(entry.variable ?? "*", finding.variable));
    if (matching.length === 0) return true;
    const holding = matching.find((entry) => !isExpired(entry, today));
    const entry = holding ?? [...matching].sort((a, b) => (a.expires < b.expires ? 1 : a.expires > b.expires ? -1 : a.entry - b.entry))[0]!;
    accepted.push({ container: finding.container, variable: finding.variable, reason: entry.reason, expires: entry.expires, expired: holding === undefined, entry: entry.entry });
    return holding === undefined;
  });
  return { ...audit, findings, accepted };
}

function globMatches(pattern: string, value: string): boolean {
  return picomatch.scan(pattern).isGlob ? picomatch.isMatch(value, pattern, { dot: true }) : pattern === value;
}
