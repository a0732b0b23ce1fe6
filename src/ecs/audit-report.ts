import type { PolicyStatement } from "../policy/policy-document.js";
import type { EnvironmentSecret } from "./environment-secrets.js";
import type { SecretLocation, SecretReplacement } from "./secret-replacement.js";

/** `tighten ecs audit`: credentials in plain `environment` entries, and what would replace them. Holds no value. */
export interface EcsAuditReport {
  readonly taskDefinitions: readonly TaskDefinitionAudit[];
  /** The accepted-findings file applied (--accepted), when one was. */
  readonly acceptedFrom?: string;
}

export interface TaskDefinitionAudit {
  /** The file or task definition ARN it was read from. */
  readonly source: string;
  readonly family: string;
  readonly revision: number | null;
  readonly arn: string | null;
  readonly executionRoleArn: string | null;
  readonly location: SecretLocation;
  readonly findings: readonly AuditFinding[];
  /** What the execution role needs for all the replacements; null when nothing is flagged. */
  readonly executionRoleStatement: PolicyStatement | null;
  /** What to know before applying the replacements; empty when nothing is flagged. */
  readonly notes: readonly string[];
  /**
   * Findings an accepted-findings entry covers: out of `findings` while it holds; once expired,
   * in both (it fails again) with `expired` true. Optional: added with --accepted.
   */
  readonly accepted?: readonly AcceptedAuditFinding[];
}

export interface AcceptedAuditFinding {
  readonly container: string;
  readonly variable: string;
  readonly reason: string;
  /** YYYY-MM-DD: the last day the acceptance holds. */
  readonly expires: string;
  readonly expired: boolean;
  /** The entry's position in the file, from 1. */
  readonly entry: number;
}

export interface AuditFinding extends EnvironmentSecret {
  readonly replacement: SecretReplacement;
}

export function auditFindingCount(report: EcsAuditReport): number {
  return report.taskDefinitions.reduce((sum, audit) => sum + audit.findings.length, 0);
}
