import { actionMatches } from "./action-pattern.js";
import { evaluateConditions, type KnownContext } from "./condition-match.js";
import type { NormalizedStatement, PolicyVersion } from "./normalized-policy.js";
import { patternCoverage, resourcePattern, type ResourcePattern, type ResourceSet } from "./resource-pattern.js";

/** A request as statements see it: the action, its resources parsed once, what is known of its context. */
export interface StatementRequest {
  readonly action: string;
  readonly resource: ResourceSet;
  readonly context: KnownContext;
  readonly reading: Reading;
}

/** How a pattern request is read: must every resource it names be allowed, or any one? */
export type Reading = "every" | "any";

/**
 * "applies-if-conditions": action and resource match, and whether the statement applies depends
 * on a Condition the known context cannot decide (CloudTrail does not record most of the request
 * context: source VPC, tags, MFA...).
 */
export type StatementMatch = "applies" | "applies-if-conditions" | "does-not-apply";

/**
 * Whether one statement applies to a request. Against a request whose resource is a pattern (the
 * calls touched some of the resources it names), an Allow applies only when it names all of them
 * and a Deny as soon as it may name one: replay must not report as allowed a call that may have
 * been refused. A Resource list is read one value at a time, so two values that only together
 * cover a pattern do not count as covering it.
 */
export function matchStatement(statement: NormalizedStatement, version: PolicyVersion, request: StatementRequest): StatementMatch {
  const actionNamed = statement.actions.some((pattern) => actionMatches(pattern, request.action));
  if (actionNamed === statement.actionsExcluded) return "does-not-apply";
  if (!resourcesMatch(statement, version, request)) return "does-not-apply";
  const conditions = evaluateConditions(statement.conditions, request.context, version);
  return conditions === "unknown" ? "applies-if-conditions" : conditions ? "applies" : "does-not-apply";
}

function resourcesMatch(statement: NormalizedStatement, version: PolicyVersion, request: StatementRequest): boolean {
  const coverages = patternsOf(statement, version).map((p) => patternCoverage(p, request.resource, request.context));
  // Read for every resource, an Allow must name them all and a Deny any one; read for any one,
  // the other way round.
  const wide = (statement.effect === "Deny") === (request.reading === "every");
  if (!statement.resourcesExcluded) {
    // A value with an unresolved variable names nothing; the others still count.
    return coverages.some((c) => c === "all" || (wide && c === "some"));
  }
  // NotResource: one value IAM cannot evaluate (unresolved variable) leaves the whole statement
  // undecidable, and IAM then does not apply it.
  if (coverages.includes(null)) return false;
  return wide ? !coverages.includes("all") : coverages.every((c) => c === "none");
}

const parsed = new WeakMap<NormalizedStatement, readonly ResourcePattern[]>();

function patternsOf(statement: NormalizedStatement, version: PolicyVersion): readonly ResourcePattern[] {
  let patterns = parsed.get(statement);
  if (patterns === undefined) {
    // Policy variables exist only in 2012-10-17 policies; in older ones "${" is plain text.
    const options = { variables: version === "2012-10-17" };
    patterns = statement.resources.map((value) => resourcePattern(value, options));
    parsed.set(statement, patterns);
  }
  return patterns;
}
