/**
 * A statement's Condition element: operator -> condition key -> values, e.g.
 * `{ StringEquals: { "kms:ViaService": ["s3.eu-west-1.amazonaws.com"] } }`. Several values of one
 * key match if any matches; several keys and operators must all match. Source: IAM User Guide,
 * "IAM JSON policy elements: Condition" and "Creating a condition with multiple keys or values".
 */
export type PolicyCondition = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/**
 * Who a resource-based or trust policy statement applies to: `{ Service: ["ecs-tasks.amazonaws.com"] }`,
 * `{ AWS: [account or role ARNs] }`, `{ Federated: [...] }`. Identity policies have none.
 */
export type PolicyPrincipal = Readonly<Record<string, readonly string[]>>;

/** IAM policy JSON as tighten writes it: arrays everywhere, keys in IAM's conventional order. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: PolicyPrincipal;
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  /**
   * Only on a Deny kept from the current policy as it was written (a guardrail, see
   * diff/guardrails.ts): it then has NotAction instead of Action (Action is empty), or NotResource
   * instead of Resource. tighten's own statements never have them.
   */
  readonly NotAction?: readonly string[];
  readonly NotResource?: readonly string[];
  readonly Condition?: PolicyCondition;
}

/**
 * A role trust policy statement: who may assume the role. IAM rejects a Resource element in a
 * trust policy ("Has prohibited field Resource"), so this is the one statement without it.
 * Source: IAM User Guide, "Role trust policies" / IAM JSON policy element reference.
 */
export interface TrustPolicyStatement extends Omit<PolicyStatement, "Resource" | "Principal"> {
  readonly Principal: PolicyPrincipal;
}

export interface PolicyDocument<S extends PolicyStatement | TrustPolicyStatement = PolicyStatement> {
  readonly Version: "2012-10-17";
  readonly Statement: readonly S[];
}

export type TrustPolicyDocument = PolicyDocument<TrustPolicyStatement>;
