import type { KnownContext } from "./condition-match.js";
import type { NormalizedPolicy } from "./normalized-policy.js";
import { resourceSet } from "./resource-pattern.js";
import { matchStatement, type Reading, type StatementMatch } from "./statement-match.js";

export interface EvaluationRequest {
  readonly action: string; // "s3:GetObject", any case
  /** "*" for an action without resource-level permissions; else an ARN, possibly a pattern (resource-pattern.ts). */
  readonly resource: string;
  /**
   * What is known of the request context: decides the Conditions that test only these keys, and
   * gives policy variables (`${aws:username}`) their values. A variable without one names nothing.
   */
  readonly context?: KnownContext;
  /**
   * For a pattern resource: "every" (the default) asks whether the policies allow every resource
   * it names, as replay must; "any" asks whether they may allow at least one, so that "denied"
   * then means every call on the pattern is refused.
   */
  readonly reading?: Reading;
}

/**
 * - allowed: an Allow without conditions applies, and no Deny does or may;
 * - conditionally-allowed: an Allow applies, but it or a Deny that may apply has a Condition the
 *   known context cannot decide: allowed in some request contexts only;
 * - denied: no Allow applies (implicit deny);
 * - explicitly-denied: a Deny without conditions applies.
 */
export type Decision = "allowed" | "conditionally-allowed" | "denied" | "explicitly-denied";

/** A statement that took part in the decision. */
export interface MatchedStatement {
  readonly policy: number; // index into the policies evaluated
  readonly statement: number; // index into that policy's statements
  readonly sid: string | null;
  readonly effect: "Allow" | "Deny";
  readonly conditional: boolean;
}

export interface Evaluation {
  readonly decision: Decision;
  /** The statements the decision rests on, in policy order. */
  readonly statements: readonly MatchedStatement[];
}

/**
 * IAM's evaluation logic for one principal's identity policies, all of them together: an explicit
 * Deny wins over any Allow, an Allow is needed, and without one the request is implicitly denied
 * (IAM User Guide, "Policy evaluation logic", within a single account). Conditions are never
 * guessed: a statement whose Condition the known context cannot decide is reported as deciding
 * only conditionally.
 */
export function evaluate(policies: readonly NormalizedPolicy[], request: EvaluationRequest): Evaluation {
  const statementRequest = { action: request.action, resource: resourceSet(request.resource), context: request.context ?? {}, reading: request.reading ?? "every" };
  const matched: { readonly ref: MatchedStatement; readonly match: StatementMatch }[] = [];
  policies.forEach((policy, p) =>
    policy.statements.forEach((statement, s) => {
      const match = matchStatement(statement, policy.version, statementRequest);
      if (match === "does-not-apply") return;
      const ref = { policy: p, statement: s, sid: statement.sid, effect: statement.effect, conditional: match === "applies-if-conditions" };
      matched.push({ ref, match });
    }),
  );
  const refs = (effect: "Allow" | "Deny", conditional?: boolean) =>
    matched.filter(({ ref }) => ref.effect === effect && (conditional === undefined || ref.conditional === conditional)).map(({ ref }) => ref);

  const denies = refs("Deny", false);
  if (denies.length > 0) return { decision: "explicitly-denied", statements: denies };
  const allows = refs("Allow");
  const maybeDenies = refs("Deny", true);
  if (allows.length === 0) return { decision: "denied", statements: maybeDenies };
  const unconditional = allows.some((ref) => !ref.conditional);
  if (unconditional && maybeDenies.length === 0) return { decision: "allowed", statements: refs("Allow", false) };
  return { decision: "conditionally-allowed", statements: [...allows, ...maybeDenies].sort(byPosition) };
}

function byPosition(a: MatchedStatement, b: MatchedStatement): number {
  return a.policy - b.policy || a.statement - b.statement;
}

/** "AllowS3Read" or, for a statement without Sid, "policy 2 statement 3" (1-based, as people count). */
export function statementLabel(ref: MatchedStatement): string {
  return ref.sid !== null && ref.sid !== "" ? ref.sid : `policy ${ref.policy + 1} statement ${ref.statement + 1}`;
}
