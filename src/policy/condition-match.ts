import { covers } from "./glob.js";
import { resolveVariables, tokenize, type Token } from "./iam-string.js";
import type { NormalizedStatement, PolicyVersion } from "./normalized-policy.js";

/**
 * What is known of a request's context: condition key -> its one value. Keys are matched
 * case-insensitively, as IAM does. A key that is not here is unknown, not absent: replay knows
 * only what the logs show (kms:ViaService of a call S3 made for the role), never the whole context.
 */
export type KnownContext = Readonly<Record<string, string>>;

/** true / false when the known context decides the Condition block, "unknown" when it cannot. */
export type ConditionOutcome = boolean | "unknown";

type Test = (value: string, patterns: readonly Token[][]) => boolean;

const literal = (tokens: readonly Token[]) => tokens.map((t) => (t.kind === "char" ? t.char : t.kind === "any" ? "*" : "?")).join("");
const equals: Test = (value, patterns) => patterns.some((p) => literal(p) === value);
const equalsIgnoreCase: Test = (value, patterns) => patterns.some((p) => literal(p).toLowerCase() === value.toLowerCase());
const like: Test = (value, patterns) => patterns.some((p) => covers(p, literalTokens(value)));

/**
 * The string operators, the only ones replay can evaluate (IAM User Guide, "IAM JSON policy
 * elements: Condition operators"). Any other (Arn*, Numeric*, Date*, Bool, IpAddress, Null, the
 * ForAnyValue/ForAllValues set operators) leaves the block "unknown": reported, never guessed.
 */
const OPERATORS: Readonly<Record<string, { readonly test: Test; readonly negated: boolean }>> = {
  stringequals: { test: equals, negated: false },
  stringnotequals: { test: equals, negated: true },
  stringequalsignorecase: { test: equalsIgnoreCase, negated: false },
  stringnotequalsignorecase: { test: equalsIgnoreCase, negated: true },
  stringlike: { test: like, negated: false },
  stringnotlike: { test: like, negated: true },
};

/**
 * Evaluates a statement's Condition block against what is known of the context: every operator
 * and key must hold (AND), any value of a key may match (OR). One condition known to fail decides
 * "false" whatever the unknown ones would say. `...IfExists` reads as its operator: a key in the
 * known context exists. Variables in values (`${aws:username}`) are resolved from the same
 * context; one without a value matches nothing, and fails a negated operator outright.
 */
export function evaluateConditions(
  conditions: NormalizedStatement["conditions"],
  context: KnownContext,
  version: PolicyVersion,
): ConditionOutcome {
  const known = new Map(Object.entries(context).map(([key, value]) => [key.toLowerCase(), value]));
  let outcome: ConditionOutcome = true;
  for (const [operatorName, keys] of Object.entries(conditions)) {
    const operator = OPERATORS[operatorName.toLowerCase().replace(/ifexists$/, "")];
    for (const [key, values] of Object.entries(keys)) {
      const value = known.get(key.toLowerCase());
      if (operator === undefined || value === undefined) {
        outcome = "unknown";
        continue;
      }
      const resolved = values.map((v) => resolveVariables(tokenize(v, { variables: version === "2012-10-17" }), context));
      const patterns = resolved.filter((p): p is Token[] => p !== null);
      // An unresolvable value never matches; under a negated operator it fails the condition
      // instead of passing it (IAM: an unresolved variable may make the statement invalid).
      if (operator.negated && patterns.length < resolved.length) return false;
      if (operator.test(value, patterns) === operator.negated) return false;
    }
  }
  return outcome;
}

/** A context value as tokens that match only itself ("*" in it is a character, not a wildcard). */
function literalTokens(value: string): Token[] {
  return [...value].map((char) => ({ kind: "char", char }));
}
