/**
 * A policy as the evaluator reads it: every element in one shape whatever form the JSON used
 * (a string or a list, one Statement object or a list of them), values as written. Action names
 * keep their spelling; matching them is case-insensitive (action-pattern.ts).
 */
export interface NormalizedPolicy {
  /**
   * "2012-10-17" or "2008-10-17". A document without Version is read as 2008-10-17, as IAM does,
   * and in it `${...}` is literal text, not a policy variable (IAM User Guide, "IAM JSON policy
   * elements: Version").
   */
  readonly version: PolicyVersion;
  readonly statements: readonly NormalizedStatement[];
}

export type PolicyVersion = "2012-10-17" | "2008-10-17";

export interface NormalizedStatement {
  readonly sid: string | null;
  readonly effect: "Allow" | "Deny";
  /** Action, or NotAction when `actionsExcluded`: the statement covers every action but these. */
  readonly actions: readonly string[];
  readonly actionsExcluded: boolean;
  /** Resource, or NotResource when `resourcesExcluded`. */
  readonly resources: readonly string[];
  readonly resourcesExcluded: boolean;
  /** operator -> condition key -> values; empty when the statement has no Condition. */
  readonly conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}
