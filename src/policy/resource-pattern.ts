import { covers, overlaps } from "./glob.js";
import { resolveVariables, splitTokens, tokenize, type Token, type VariableValues } from "./iam-string.js";

/**
 * How IAM matches a Resource value against a resource. An ARN pattern is matched segment by
 * segment: partition, service, region and account each on their own, the resource part (which may
 * hold colons) as a whole, so a "*" in the region never reaches into the account. An ARN pattern
 * with fewer than six segments whose last one ends in "*" has that "*" run on to the end ("If the
 * * wildcard is the last character of a resource ARN segment, it can expand to match beyond the
 * colon boundaries"); one without that trailing "*" matches nothing. A value that is not an ARN
 * ("*") is matched against the whole resource. Matching is case-sensitive. Source: IAM User
 * Guide, "IAM JSON policy elements: Resource", Using wildcards in resource ARNs.
 *
 * The resource of a request is either "*" (the action has no resource-level permissions, so IAM
 * authorizes it against "*" and only a Resource of "*" names it) or an ARN, possibly a pattern
 * that mapping derived from many calls (`bucket/logs/*`, `secret:db-??????`): the set of
 * resources the calls touched. Literal "*", "?" and "$" in it are escaped as `${*}`, `${?}`,
 * `${$}`, as mapping writes them.
 */
export interface ResourceSet {
  readonly segments: readonly Token[][] | null; // the six segments of an ARN, null otherwise
  readonly whole: readonly Token[];
}

export function resourceSet(resource: string): ResourceSet {
  const whole = tokenize(resource, { variables: false });
  return { whole, segments: resource.startsWith("arn:") ? arnSegments(whole) : null };
}

/** A Resource/NotResource value of a policy, parsed once. */
export interface ResourcePattern {
  /** Six segments for an ARN pattern; null for a short ARN pattern that matches nothing. */
  readonly segments: readonly Token[][] | null;
  readonly isArn: boolean;
  readonly whole: readonly Token[];
}

export function resourcePattern(value: string, options: { readonly variables: boolean }): ResourcePattern {
  const whole = tokenize(value, options);
  if (!value.startsWith("arn:")) return { whole, isArn: false, segments: null };
  return { whole, isArn: true, segments: arnSegments(whole, true) };
}

/**
 * How a pattern relates to a request's resources: "all" when it names every one of them, "some"
 * when it may name some but not all, "none" when it names none. For one exact resource the answer
 * is "all" or "none".
 */
export type Coverage = "all" | "some" | "none";

/**
 * The pattern's coverage of the request's resources, or null when the pattern holds a variable
 * the context gives no value for and the rest of the ARN does not already rule a match out: IAM
 * cannot evaluate such a value at all.
 */
export function patternCoverage(pattern: ResourcePattern, request: ResourceSet, variables: VariableValues): Coverage | null {
  const pairs = comparablePairs(pattern, request);
  if (pairs === "unrelated") return "none";
  const resolved: [Token[], readonly Token[]][] = [];
  let unresolvable = false;
  for (const [outer, inner] of pairs) {
    const tokens = resolveVariables(outer, variables);
    if (tokens === null) unresolvable = true;
    else resolved.push([tokens, inner]);
  }
  // A segment that cannot match decides, whatever a variable elsewhere would have said.
  if (!resolved.every(([outer, inner]) => overlaps(outer, inner))) return "none";
  if (unresolvable) return null;
  return resolved.every(([outer, inner]) => covers(outer, inner)) ? "all" : "some";
}

/** Pattern and request parts to compare one to one, or "unrelated" when they cannot match at all. */
function comparablePairs(pattern: ResourcePattern, request: ResourceSet): [Token[], readonly Token[]][] | "unrelated" {
  if (!pattern.isArn) return [[pattern.whole as Token[], request.whole]];
  if (pattern.segments === null || request.segments === null) return "unrelated";
  return pattern.segments.map((segment, i) => [segment, request.segments![i] as Token[]]);
}

/**
 * The six segments of an ARN's tokens; `shortExpands` pads a short pattern whose last segment ends
 * in "*" with "*" segments, and gives null for any other short pattern.
 */
function arnSegments(tokens: readonly Token[], shortExpands = false): Token[][] | null {
  const parts = splitTokens(tokens, ":");
  if (parts.length >= 6) {
    const rest = parts.slice(5).flatMap((part, i) => (i === 0 ? part : [{ kind: "char", char: ":" } as Token, ...part]));
    return [...parts.slice(0, 5), rest];
  }
  const last = parts[parts.length - 1] as Token[];
  if (!shortExpands || last[last.length - 1]?.kind !== "any") return null;
  const padded = [...parts];
  while (padded.length < 6) padded.push([{ kind: "any" }]);
  return padded;
}
