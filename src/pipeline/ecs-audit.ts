import { auditFindingCount, type EcsAuditReport, type TaskDefinitionAudit } from "../ecs/audit-report.js";
import { findEnvironmentSecrets, type EnvironmentSecret } from "../ecs/environment-secrets.js";
import {
  ACCESS_KEY_NOTE,
  executionRoleStatement,
  KMS_NOTE,
  NO_EXECUTION_ROLE_NOTE,
  ROTATE_NOTE,
  secretLocation,
  secretReplacements,
  type LocationFlags,
  type SecretLocation,
} from "../ecs/secret-replacement.js";
import type { TaskDefinition } from "../ecs/task-definition.js";
import { compareText } from "../mapping/order.js";

/** What `--fail-on` checks; named like the accepted-findings kind. `findings`, the older name, is an alias. */
export const AUDIT_FAIL_ON = ["environment-secret"] as const;
export type AuditFailOn = (typeof AUDIT_FAIL_ON)[number] | "findings";

/**
 * Audits each task definition. The report is sorted by family, revision and source, so the
 * order of `--task-definition` flags or of ECS's service listing does not change the output;
 * findings keep the task definition's own container and entry order.
 */
export function auditTaskDefinitions(definitions: readonly TaskDefinition[], flags: LocationFlags): EcsAuditReport {
  const audits = definitions.map((definition) => auditTaskDefinition(definition, flags));
  audits.sort((a, b) => compareText(a.family, b.family) || (a.revision ?? -1) - (b.revision ?? -1) || compareText(a.source, b.source));
  return { taskDefinitions: audits };
}

export function auditTaskDefinition(definition: TaskDefinition, flags: LocationFlags): TaskDefinitionAudit {
  const location = secretLocation(definition, flags);
  const secrets = findEnvironmentSecrets(definition);
  const replacements = secretReplacements(definition.family, secrets, location);
  const findings = secrets.map((secret, i) => ({ ...secret, replacement: replacements[i]! }));
  return {
    source: definition.source,
    family: definition.family,
    revision: definition.revision,
    arn: definition.arn,
    executionRoleArn: definition.executionRoleArn,
    location,
    findings,
    executionRoleStatement: findings.length === 0 ? null : executionRoleStatement(replacements),
    notes: findings.length === 0 ? [] : notes(definition, findings, location, flags),
  };
}

/** Why the audit fails `--fail-on`: one reason, naming expired acceptances; empty when it passes. Accepted findings fail nothing. */
export function auditFailures(report: EcsAuditReport, failOn: readonly AuditFailOn[]): { readonly category: string; readonly found: string }[] {
  const count = auditFindingCount(report);
  if (failOn.length === 0 || count === 0) return [];
  const flagged = report.taskDefinitions.filter((audit) => audit.findings.length > 0).length;
  const expired = [...new Set(report.taskDefinitions.flatMap((audit) => (audit.accepted ?? []).filter((a) => a.expired).map((a) => a.expires)))].sort();
  const found = `${count} credential${count === 1 ? "" : "s"} in environment in ${flagged} task definition${flagged === 1 ? "" : "s"}`;
  return [{ category: "environment-secret", found: expired.length === 0 ? found : `${found}; acceptance expired on ${expired.join(", ")}` }];
}

const AWS_KEY_RULES = new Set(["value:aws-access-key-id", "value:aws-secret-access-key"]);

function notes(definition: TaskDefinition, findings: readonly EnvironmentSecret[], location: SecretLocation, flags: LocationFlags): string[] {
  const lines: string[] = [];
  if (location.regionFrom === "unknown") lines.push(`The region is unknown (no task definition ARN): the ARNs say ${location.region}; pass --region.`);
  if (location.accountFrom === "unknown") lines.push(`The account is unknown (no task definition or role ARN): the ARNs say ${location.account}; pass --account.`);
  // A flag is a fallback: the task definition's own ARNs say where its tasks run, for each of several definitions.
  if (flags.region !== undefined && location.regionFrom !== "--region" && flags.region !== location.region) {
    lines.push(`--region ${flags.region} is not used here: the task definition ARN says ${location.region}.`);
  }
  if (flags.account !== undefined && location.accountFrom !== "--account" && flags.account !== location.account) {
    lines.push(`--account ${flags.account} is not used here: the ${location.accountFrom.replace(/-/g, " ").replace(/ arn$/, " ARN")} says ${location.account}.`);
  }
  if (definition.executionRoleArn === null) lines.push(NO_EXECUTION_ROLE_NOTE);
  if (findings.some((f) => f.reasons.some((reason) => AWS_KEY_RULES.has(reason.rule)))) lines.push(ACCESS_KEY_NOTE);
  lines.push(KMS_NOTE, ROTATE_NOTE);
  return lines;
}
