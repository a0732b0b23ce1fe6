import { splitActionName, type IamCatalog } from "../iam/catalog.js";
import type { ActionNames } from "../policy/action-names.js";
import { statementLabel } from "../policy/evaluate.js";
import { expandActionPattern } from "../policy/expand-actions.js";
import type { NormalizedPolicy, NormalizedStatement } from "../policy/normalized-policy.js";
import type { WildcardStatement } from "./drift-report.js";

/** A baseline policy and where it came from (a file of the baseline directory, "inline NAME", an ARN). */
export interface BaselinePolicy {
  readonly source: string;
  readonly policy: NormalizedPolicy;
}

const WILDCARD = /[*?]/;

/**
 * The Allow statements of the baseline that grant more than they name: a wildcard in an action
 * (`iam:*`, `ssm:GetParameter*`), NotAction (every action but a few), NotResource, or Resource
 * `*` for an action that could name a resource. `Resource: "*"` is the only thing IAM accepts for
 * actions without resource-level permissions (ecr:GetAuthorizationToken, sts:GetCallerIdentity):
 * such a statement is not reported. Deny statements narrow, whatever their wildcards. In policy
 * order, statement order.
 *
 * `names` and `catalog` must hold the services the statements' action patterns name (an Action
 * of `*` or a NotAction is reported without expanding it).
 */
export function wildcardStatements(baseline: readonly BaselinePolicy[], names: ActionNames, catalog: IamCatalog): WildcardStatement[] {
  const found: WildcardStatement[] = [];
  baseline.forEach(({ source, policy }, p) =>
    policy.statements.forEach((statement, s) => {
      if (statement.effect !== "Allow") return;
      const reasons = wildcardReasons(statement, names, catalog);
      if (reasons.length === 0) return;
      found.push({
        statement: statementLabel({ policy: p, statement: s, sid: statement.sid, effect: statement.effect, conditional: false }),
        source,
        actions: statement.actionsExcluded ? [excepted(statement.actions)] : [...statement.actions],
        resources: statement.resourcesExcluded ? [excepted(statement.resources)] : [...statement.resources],
        why: reasons.join("; ") + (Object.keys(statement.conditions).length > 0 ? " (under a Condition)" : ""),
      });
    }),
  );
  return found;
}

function wildcardReasons(statement: NormalizedStatement, names: ActionNames, catalog: IamCatalog): string[] {
  const reasons: string[] = [];
  if (statement.actionsExcluded) {
    reasons.push(`NotAction grants every action except ${statement.actions.join(", ")}`);
  } else {
    const wild = statement.actions.filter((action) => WILDCARD.test(action));
    if (wild.length > 0) reasons.push(`wildcard action ${wild.join(", ")}`);
  }
  if (statement.resourcesExcluded) {
    reasons.push(`NotResource grants every resource except ${statement.resources.join(", ")}`);
  } else if (statement.resources.includes("*") && !statement.actionsExcluded) {
    const naming = statement.actions.filter((pattern) => pattern === "*" || canNameResource(pattern, names, catalog));
    if (naming.length > 0) reasons.push(`Resource * for ${naming.join(", ")}, which can name a resource`);
  }
  return reasons;
}

/** Whether any action the pattern names has resource-level permissions (iam-data). */
function canNameResource(pattern: string, names: ActionNames, catalog: IamCatalog): boolean {
  return expandActionPattern(pattern, names).some((action) => {
    const [service, name] = splitActionName(action);
    const known = catalog.action(service, name);
    return known !== undefined && !known.isWildcardOnly;
  });
}

/** Not* elements read as currentGrants writes a NotResource: "* except A, B". */
function excepted(values: readonly string[]): string {
  return `* except ${[...values].sort().join(", ")}`;
}
