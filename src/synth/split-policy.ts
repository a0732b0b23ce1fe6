import type { PolicyDocument, PolicyStatement } from "../policy/policy-document.js";

/**
 * IAM's size quotas, counted in characters without whitespace. Source: IAM User Guide, "IAM and
 * AWS STS quotas": managed policy size 6,144 characters; "Role policy size cannot exceed 10,240
 * characters" for all of a role's inline policies together; "IAM doesn't count white space when
 * calculating the size of a policy against these limits". A role has at most 10 managed policies
 * attached by default (20 on request).
 */
export const MANAGED_POLICY_LIMIT = 6144;
export const INLINE_POLICIES_LIMIT = 10240;
export const MANAGED_POLICIES_PER_ROLE = 10;

/** A document's size as IAM counts it: its JSON without any whitespace character. */
export function policySize(document: PolicyDocument): number {
  return JSON.stringify(document).replace(/\s/g, "").length;
}

/**
 * The document as one or more documents of at most `limit` characters each, together granting
 * exactly what it grants. Statements are kept whole and in order, each document filled before
 * the next begins; a statement too large for any document on its own is cut into statements over
 * parts of its resources (or, with one resource, of its actions), named Sid + "Part1", "Part2", ...
 * The same document always splits the same way. Throws when one action on one resource is over
 * the limit, which no split can fix.
 */
export function splitPolicy(document: PolicyDocument, limit: number): PolicyDocument[] {
  if (policySize(document) <= limit) return [document];
  const documents: PolicyStatement[][] = [];
  let current: PolicyStatement[] = [];
  for (const statement of document.Statement.flatMap((s) => fitted(s, limit))) {
    if (current.length > 0 && policySize(withStatements([...current, statement])) > limit) {
      documents.push(current);
      current = [];
    }
    current.push(statement);
  }
  if (current.length > 0) documents.push(current);
  return documents.map(withStatements);
}

function withStatements(statements: readonly PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** The statement, or the parts it is cut into so that each fits in a document of its own. */
function fitted(statement: PolicyStatement, limit: number): PolicyStatement[] {
  if (policySize(withStatements([statement])) <= limit) return [statement];
  const parts = halves(statement);
  if (parts === undefined) throw new Error(`statement ${statement.Sid ?? ""} is over ${limit} characters with one action on one resource`);
  const pieces = parts.flatMap((part) => fitted(part, limit));
  return pieces.map((piece, i) => (statement.Sid === undefined ? piece : { ...piece, Sid: `${statement.Sid}Part${i + 1}` }));
}

function halves(statement: PolicyStatement): [PolicyStatement, PolicyStatement] | undefined {
  const cut = <T>(list: readonly T[]): [T[], T[]] => [list.slice(0, Math.ceil(list.length / 2)), list.slice(Math.ceil(list.length / 2))];
  if (statement.Resource.length > 1) {
    const [a, b] = cut(statement.Resource);
    return [{ ...statement, Resource: a }, { ...statement, Resource: b }];
  }
  if (statement.Action.length > 1) {
    const [a, b] = cut(statement.Action);
    return [{ ...statement, Action: a }, { ...statement, Action: b }];
  }
  return undefined;
}

/** How a role's policy is delivered, after the size quotas. */
export interface FittedPolicies {
  /** "inline": one inline policy; "managed": one or more customer managed policies. */
  readonly kind: "inline" | "managed";
  readonly documents: readonly PolicyDocument[];
  readonly size: number; // of the whole document, as IAM counts it
  readonly limit: number; // per document
  /** Why the output is not what was asked (split, or moved from inline to managed), for stderr; null when it is. */
  readonly note: string | null;
}

/**
 * The role's policy within IAM's quotas. Inline: one policy while it fits 10,240 characters; past
 * that, splitting would not help (the quota is for all inline policies of the role together), so
 * it becomes managed policies of 6,144 each. Managed: split at 6,144 characters.
 */
export function fitPolicy(document: PolicyDocument, preferred: "inline" | "managed"): FittedPolicies {
  const size = policySize(document);
  if (preferred === "inline" && size <= INLINE_POLICIES_LIMIT) {
    return { kind: "inline", documents: [document], size, limit: INLINE_POLICIES_LIMIT, note: null };
  }
  const documents = splitPolicy(document, MANAGED_POLICY_LIMIT);
  const over = preferred === "inline" ? `over the ${INLINE_POLICIES_LIMIT}-character quota for a role's inline policies, ` : "";
  const split = documents.length > 1 ? `split into ${documents.length} managed policies of at most ${MANAGED_POLICY_LIMIT} characters` : null;
  const many = documents.length > MANAGED_POLICIES_PER_ROLE ? ` (more than the ${MANAGED_POLICIES_PER_ROLE} managed policies a role may have attached by default)` : "";
  const note =
    preferred === "inline"
      ? `${size} characters: ${over}${split ?? "emitted as a managed policy"}${many}`
      : split === null
        ? null
        : `${size} characters: ${split}${many}`;
  return { kind: "managed", documents, size, limit: MANAGED_POLICY_LIMIT, note };
}
