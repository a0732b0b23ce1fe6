import type { PolicyDocument, PolicyStatement, TrustPolicyStatement } from "../../policy/policy-document.js";
import { compareText } from "../../mapping/order.js";
import { printableJson } from "../shared/printable-json.js";

/**
 * IAM policy JSON as people write it: 2-space indent, keys in IAM's conventional order
 * (Version, Statement; Sid, Effect, Principal, Action, Resource, Condition), condition operators and keys
 * sorted, a trailing newline. Arrays are kept in the order the document has them. Trust policies
 * have a Principal and no Resource. Names from logs reach the strings, so DEL, C1 controls and
 * bidirectional overrides are written as `\uXXXX` (see printableJson): IAM parses that escape as
 * the same character, so the policy means the same, and a reviewer sees what it holds.
 */
export function renderPolicyJson(document: PolicyDocument<PolicyStatement | TrustPolicyStatement>): string {
  return printableJson(policyJsonObject(document));
}

/** The document as the JSON object IAM reads: each statement with exactly the elements it has (NotAction instead of Action). */
export function policyJsonObject(document: PolicyDocument<PolicyStatement | TrustPolicyStatement>): Record<string, unknown> {
  return { Version: document.Version, Statement: document.Statement.map(orderStatement) };
}

function orderStatement(statement: PolicyStatement | TrustPolicyStatement): Record<string, unknown> {
  return {
    ...(statement.Sid === undefined ? {} : { Sid: statement.Sid }),
    Effect: statement.Effect,
    ...(statement.Principal === undefined ? {} : { Principal: Object.fromEntries(sortedEntries(statement.Principal)) }),
    ...("NotAction" in statement && statement.NotAction !== undefined ? { NotAction: statement.NotAction } : { Action: statement.Action }),
    ...("NotResource" in statement && statement.NotResource !== undefined ? { NotResource: statement.NotResource } : "Resource" in statement ? { Resource: statement.Resource } : {}),
    ...(statement.Condition === undefined ? {} : { Condition: sortedCondition(statement.Condition) }),
  };
}

function sortedCondition(condition: NonNullable<PolicyStatement["Condition"]>): Record<string, unknown> {
  return Object.fromEntries(
    sortedEntries(condition).map(([operator, keys]) => [operator, Object.fromEntries(sortedEntries(keys))]),
  );
}

function sortedEntries<T>(record: Readonly<Record<string, T>>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => compareText(a, b));
}
