import type { MatchedStatement } from "../../policy/evaluate.js";
import { printableJson } from "../shared/printable-json.js";
import { statementLabel } from "../../policy/evaluate.js";
import type { ReplayedCall, RoleVerification } from "../../policy/replay.js";
import { deniedCalls } from "../../policy/replay.js";
import { printLines, styled, tableLines, type TextLine, type TextOptions } from "../shared/text-paint.js";
import { renderTable } from "../shared/table.js";

/** The policy files replayed against, in the order given: statements are named by file. */
export type PolicyFiles = readonly string[];

export interface VerifySummary {
  readonly replayed: number; // distinct (action, resource) pairs
  readonly allowed: number;
  readonly conditional: number;
  readonly denied: number;
  readonly notReplayable: number;
  /** Successful CloudTrail calls, each counted once however many actions it needed (CallTally). */
  readonly calls: number;
  readonly allowedCalls: number;
  readonly deniedCalls: number;
  readonly conditionalCalls: number;
  /** Calls on a pattern the policy grants in part: the logs cannot tell which of them it would refuse. */
  readonly undeterminedCalls: number;
  readonly notReplayableCalls: number;
}

export function summarize(result: RoleVerification): VerifySummary {
  const { tally } = result;
  return {
    replayed: result.calls.length,
    allowed: result.calls.filter((c) => c.decision === "allowed").length,
    conditional: result.calls.filter((c) => c.decision === "conditionally-allowed").length,
    denied: deniedCalls(result).length,
    notReplayable: result.notReplayable.length,
    calls: tally.calls,
    allowedCalls: tally.allowed,
    deniedCalls: tally.refused,
    conditionalCalls: tally.conditional,
    undeterminedCalls: tally.undetermined,
    notReplayableCalls: tally.notReplayable,
  };
}

/** Whether verify found calls the policy refuses, or may refuse (exit code 1). */
export function hasRefusals(summary: VerifySummary): boolean {
  return summary.deniedCalls > 0 || summary.undeterminedCalls > 0;
}

/** "implicit: no statement allows it" or "explicit: policy.json DenyDeletes". */
function why(call: ReplayedCall, files: PolicyFiles): string {
  if (call.decision === "denied") {
    const conditional = call.statements.length > 0 ? `; a conditional Deny may also apply: ${statementNames(call.statements, files)}` : "";
    return `no statement allows it${conditional}`;
  }
  return `explicit Deny: ${statementNames(call.statements, files)}`;
}

function statementNames(statements: readonly MatchedStatement[], files: PolicyFiles): string {
  return statements.map((s) => `${files[s.policy] ?? "?"} ${statementLabel(s)}${s.conditional ? " (conditional)" : ""}`).join(", ");
}

/** The text report: a summary line, then the denied, conditional and unreplayable calls. */
export function renderVerifyText(result: RoleVerification, files: PolicyFiles, options: TextOptions = {}): string {
  const s = summarize(result);
  const undetermined = s.undeterminedCalls > 0 ? `, ${s.undeterminedCalls} on patterns the policy grants in part (undetermined)` : "";
  const headline =
    `${result.role.arn} against ${files.join(", ")}: ${s.calls} calls replayed: ${s.allowedCalls} allowed, ${s.deniedCalls} denied, ` +
      `${s.conditionalCalls} conditionally allowed${undetermined}, ${s.notReplayableCalls} not replayable ` +
      `(${s.replayed} action/resource pairs: ${s.allowed} allowed, ${s.denied} denied, ${s.conditional} conditional)`;
  const lines: TextLine[] = [styled(headline, hasRefusals(s) ? "breaks" : "ok")];
  const denied = deniedCalls(result);
  if (denied.length > 0) {
    lines.push("", styled("Denied: the policy would refuse these observed calls", "breaks"), "");
    lines.push(
      ...tableLines(renderTable(
        ["ACTION", "RESOURCE", "CALLS", "FIRST SEEN", "LAST SEEN", "WHY"],
        denied.map((c) => [c.action, c.resource, c.evidence.count, c.evidence.firstSeen, c.evidence.lastSeen, why(c, files)]),
      )),
    );
  }
  const conditional = result.calls.filter((c) => c.decision === "conditionally-allowed");
  if (conditional.length > 0) {
    lines.push("", styled("Conditionally allowed: a Condition decides, and CloudTrail does not show the request context it tests", "decide"), "");
    lines.push(
      ...tableLines(renderTable(
        ["ACTION", "RESOURCE", "CALLS", "FIRST SEEN", "LAST SEEN", "STATEMENTS"],
        conditional.map((c) => [c.action, c.resource, c.evidence.count, c.evidence.firstSeen, c.evidence.lastSeen, statementNames(c.statements, files)]),
      )),
    );
  }
  if (result.notReplayable.length > 0) {
    lines.push("", styled("Not replayable: the logs do not say which resource (or action) these calls needed", "decide"), "");
    lines.push(
      ...tableLines(renderTable(
        ["CALL", "ACTION", "CALLS", "FIRST SEEN", "LAST SEEN", "REASON"],
        result.notReplayable.map((u) => [`${u.eventSource}:${u.eventName}`, u.action ?? "-", u.evidence.count, u.evidence.firstSeen, u.evidence.lastSeen, u.reason]),
      )),
    );
  }
  // Every line made printable (role ARN, file names, table cells), then painted.
  return printLines(lines, options).join("\n") + "\n";
}

/** The JSON report: the same content, statements named by file and label. */
export function renderVerifyJson(result: RoleVerification, files: PolicyFiles): string {
  const call = (c: ReplayedCall) => ({
    action: c.action,
    resource: c.resource,
    decision: c.decision,
    calls: c.calls,
    count: c.evidence.count,
    firstSeen: c.evidence.firstSeen,
    lastSeen: c.evidence.lastSeen,
    statements: c.statements.map((s) => ({ policy: files[s.policy] ?? null, statement: statementLabel(s), effect: s.effect, conditional: s.conditional })),
  });
  const report = {
    role: result.role.arn,
    policies: files,
    summary: summarize(result),
    denied: deniedCalls(result).map(call),
    conditionallyAllowed: result.calls.filter((c) => c.decision === "conditionally-allowed").map(call),
    notReplayable: result.notReplayable.map((u) => ({
      eventSource: u.eventSource,
      eventName: u.eventName,
      action: u.action,
      reason: u.reason,
      count: u.evidence.count,
      firstSeen: u.evidence.firstSeen,
      lastSeen: u.evidence.lastSeen,
    })),
  };
  return printableJson(report);
}
