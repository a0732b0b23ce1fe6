import type { AuditFinding, EcsAuditReport, TaskDefinitionAudit } from "../../ecs/audit-report.js";
import { auditFindingCount } from "../../ecs/audit-report.js";
import type { PolicyStatement } from "../../policy/policy-document.js";
import { printableJson } from "../shared/printable-json.js";

/** The shape's version: bumped when a field changes meaning or goes away, not when one is added. */
export const AUDIT_JSON_VERSION = 1;

/**
 * The audit for machines:
 *
 * ```
 * { version: 1,
 *   totals: { taskDefinitions, flagged, findings },
 *   taskDefinitions: [{ source, family, revision|null, arn|null, executionRoleArn|null,
 *     location: { partition, region, regionFrom, account, accountFrom },
 *     findings: [{ container, variable, valueLength, reasons: [{ rule, why }], sameValueIn: [container],
 *       replacement: { secretName, secretsEntry: { name, valueFrom }, statement } }],
 *     executionRoleStatement: statement|null, notes: [string],
 *     accepted: [{ container, variable, reason, expires, expired, entry }] }],   (with --accepted only)
 *   acceptedFrom: file }                                                        (with --accepted only)
 * ```
 *
 * `rule` is stable ("name:password", "value:aws-access-key-id"); `why` is for people. region and
 * account are "REGION"/"ACCOUNT" with `...From: "unknown"` when nothing said them. No value, nor
 * any part of one, is in the shape. Objects are built key by key so the order is fixed.
 */
export function renderAuditJson(report: EcsAuditReport): string {
  const json = {
    version: AUDIT_JSON_VERSION,
    totals: {
      taskDefinitions: report.taskDefinitions.length,
      flagged: report.taskDefinitions.filter((audit) => audit.findings.length > 0).length,
      findings: auditFindingCount(report),
    },
    taskDefinitions: report.taskDefinitions.map(taskJson),
    // With --accepted only, so that the shape without it stays as it was.
    ...(report.acceptedFrom === undefined ? {} : { acceptedFrom: report.acceptedFrom }),
  };
  return printableJson(json);
}

function taskJson(audit: TaskDefinitionAudit) {
  const l = audit.location;
  return {
    source: audit.source,
    family: audit.family,
    revision: audit.revision,
    arn: audit.arn,
    executionRoleArn: audit.executionRoleArn,
    location: { partition: l.partition, region: l.region, regionFrom: l.regionFrom, account: l.account, accountFrom: l.accountFrom },
    findings: audit.findings.map(findingJson),
    executionRoleStatement: audit.executionRoleStatement === null ? null : statementJson(audit.executionRoleStatement),
    notes: [...audit.notes],
    ...(audit.accepted === undefined ? {} : { accepted: audit.accepted.map((a) => ({ container: a.container, variable: a.variable, reason: a.reason, expires: a.expires, expired: a.expired, entry: a.entry })) }),
  };
}

function findingJson(f: AuditFinding) {
  return {
    container: f.container,
    variable: f.variable,
    valueLength: f.valueLength,
    reasons: f.reasons.map((r) => ({ rule: r.rule, why: r.why })),
    sameValueIn: [...f.sameValueIn],
    replacement: {
      secretName: f.replacement.secretName,
      secretsEntry: { name: f.replacement.secretsEntry.name, valueFrom: f.replacement.secretsEntry.valueFrom },
      statement: statementJson(f.replacement.statement),
    },
  };
}

function statementJson(s: PolicyStatement) {
  return { Effect: s.Effect, Action: [...s.Action], Resource: [...s.Resource] };
}
