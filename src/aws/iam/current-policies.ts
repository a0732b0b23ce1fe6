import { compareText } from "../../mapping/order.js";

/** One policy that applies to a role today, as diff and drift compare against it. */
export interface CurrentPolicy {
  /** Where it came from, for reports: "inline NAME", a managed policy ARN, or a file path. */
  readonly source: string;
  readonly kind: "inline" | "managed" | "file";
  /** The document as parsed JSON (object), URL-decoded if it came URL-encoded. */
  readonly document: unknown;
}

export interface CurrentRolePolicies {
  readonly roleArn: string;
  /** Inline policies by name, then managed policies by ARN. */
  readonly policies: readonly CurrentPolicy[];
  /** The permissions boundary's ARN and document when the role has one (reported, not evaluated as a grant). */
  readonly permissionsBoundary?: { readonly arn: string; readonly document: unknown };
}

/** The policies of one role in report order. */
export function sortPolicies(inline: readonly CurrentPolicy[], managed: readonly CurrentPolicy[]): CurrentPolicy[] {
  const order = (a: CurrentPolicy, b: CurrentPolicy) => compareText(a.source, b.source);
  return [...[...inline].sort(order), ...[...managed].sort(order)];
}
