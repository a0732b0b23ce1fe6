import { compareText } from "../mapping/order.js";
import { statementLabel } from "../policy/evaluate.js";
import type { NormalizedPolicy, NormalizedStatement } from "../policy/normalized-policy.js";
import type { PolicyDocument, PolicyStatement } from "../policy/policy-document.js";
import { resourceSet } from "../policy/resource-pattern.js";
import { matchStatement, type StatementRequest } from "../policy/statement-match.js";

/** The current policy's Deny statements, sorted into those the replacement keeps and those it leaves out. */
export interface Guardrails {
  /** As written in the current policy (Not* elements and Condition kept), in policy order. */
  readonly kept: readonly PolicyStatement[];
  /** Their Sids, or "policy N statement M". */
  readonly keptLabels: readonly string[];
  /** Labels of the unconditional Denies that refuse nothing the replacement grants, so are left out. */
  readonly dropped: readonly string[];
  /**
   * Grants of calls the role made that a kept unconditional Deny refuses on every resource they
   * name: the logs show the calls succeeding, so the replacement would refuse what ran (and the
   * policy given is likely not the one that was in force).
   */
  readonly refusedUse: readonly { readonly action: string; readonly resource: string; readonly deny: string }[];
}

/** No current policy: nothing kept, nothing dropped, nothing refused. */
export const NO_GUARDRAILS: Guardrails = { kept: [], keptLabels: [], dropped: [], refusedUse: [] };

/**
 * Which current Deny statements the generated policy keeps. A Deny under a Condition is kept as it
 * was, whatever its keys: the replacement's Allows hold no condition, so the guardrail (a region
 * fence, a VPC fence) exists only in that Deny, and calls after tightening may meet it. An
 * unconditional Deny is kept when it may refuse part of what the replacement grants (a grant
 * generalized to a folder, one carried over); one that cannot is left out and named, never
 * dropped silently.
 */
export function guardrails(
  policies: readonly NormalizedPolicy[],
  generated: PolicyDocument,
  used: readonly { readonly action: string; readonly resource: string }[] = [],
): Guardrails {
  const kept: PolicyStatement[] = [];
  const keptLabels: string[] = [];
  const dropped: string[] = [];
  const refusedUse: Guardrails["refusedUse"][number][] = [];
  // Parsed once, when the first unconditional Deny is kept. Read for any one resource, a Deny
  // applies only when it names all of a grant's.
  let parsed: { action: string; resource: string; request: StatementRequest }[] | undefined;
  const requests = () => (parsed ??= used.map(({ action, resource }) => ({ action, resource, request: { action, resource: resourceSet(resource), context: {}, reading: "any" } })));
  policies.forEach((policy, p) =>
    policy.statements.forEach((statement, s) => {
      if (statement.effect !== "Deny") return;
      const label = statementLabel({ policy: p, statement: s, sid: statement.sid, effect: "Deny", conditional: false });
      const conditional = Object.keys(statement.conditions).length > 0;
      if (conditional || refusesPartOf(statement, policy, generated)) {
        kept.push(asWritten(statement, policy.version));
        keptLabels.push(label);
        if (!conditional) {
          for (const { action, resource, request } of requests()) {
            if (matchStatement(statement, policy.version, request) === "applies") refusedUse.push({ action, resource, deny: label });
          }
        }
      } else dropped.push(label);
    }),
  );
  return { kept, keptLabels, dropped, refusedUse };
}

/** The generated document with the kept guardrails after its own statements. */
export function withGuardrails(document: PolicyDocument, kept: readonly PolicyStatement[]): PolicyDocument {
  return kept.length === 0 ? document : { Version: document.Version, Statement: [...document.Statement, ...kept] };
}

function refusesPartOf(deny: NormalizedStatement, policy: NormalizedPolicy, generated: PolicyDocument): boolean {
  return generated.Statement.some(
    (allow) =>
      allow.Effect === "Allow" &&
      allow.Action.some((action) =>
        // Read for every resource, a Deny applies as soon as it may name one of a pattern's resources.
        allow.Resource.some((resource) => matchStatement(deny, policy.version, { action, resource: resourceSet(resource), context: {}, reading: "every" }) !== "does-not-apply"),
      ),
  );
}

function asWritten(statement: NormalizedStatement, version: NormalizedPolicy["version"]): PolicyStatement {
  // The replacement is a 2012-10-17 document, where "${" starts a policy variable; in a
  // 2008-10-17 policy it was text, so it is kept as text with IAM's "${$}" escape.
  const text = (value: string) => (version === "2012-10-17" ? value : value.replace(/\$/g, "${$}"));
  const sorted = (values: readonly string[]) => values.map(text).sort(compareText);
  return {
    ...(statement.sid === null ? {} : { Sid: statement.sid }),
    Effect: "Deny",
    Action: statement.actionsExcluded ? [] : sorted(statement.actions),
    ...(statement.actionsExcluded ? { NotAction: sorted(statement.actions) } : {}),
    Resource: statement.resourcesExcluded ? [] : sorted(statement.resources),
    ...(statement.resourcesExcluded ? { NotResource: sorted(statement.resources) } : {}),
    ...(Object.keys(statement.conditions).length === 0 ? {} : { Condition: conditionsAsText(statement.conditions, text) }),
  };
}

function conditionsAsText(conditions: NormalizedStatement["conditions"], text: (value: string) => string): NormalizedStatement["conditions"] {
  return Object.fromEntries(Object.entries(conditions).map(([operator, keys]) => [operator, Object.fromEntries(Object.entries(keys).map(([key, values]) => [key, values.map(text)]))]));
}
