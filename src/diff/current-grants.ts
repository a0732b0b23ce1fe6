import { actionMatches } from "../policy/action-pattern.js";
import type { ActionNames } from "../policy/action-names.js";
import { expandActionPattern } from "../policy/expand-actions.js";
import type { NormalizedPolicy, NormalizedStatement } from "../policy/normalized-policy.js";
import { compareText } from "../mapping/order.js";

/** What a set of identity policies allows one action on, after Deny. */
export interface Grant {
  readonly action: string; // iam-data's casing
  /** Resource patterns as written; a NotResource statement reads "* except A, B". Sorted. */
  readonly resources: readonly string[];
  /** Every statement that grants it has a Condition: allowed in some request contexts only. */
  readonly conditional: boolean;
}

/** The service prefixes whose action names `policies` need expanded, or undefined for all services. */
export function servicesNamedBy(policies: readonly NormalizedPolicy[]): string[] | undefined {
  const services = new Set<string>();
  for (const statement of policies.flatMap((policy) => policy.statements)) {
    if (statement.effect !== "Allow") continue;
    // NotAction grants every action of every service but a few.
    if (statement.actionsExcluded) return undefined;
    for (const pattern of statement.actions) {
      if (pattern === "*") return undefined;
      services.add(pattern.slice(0, pattern.indexOf(":")).toLowerCase());
    }
  }
  return [...services].sort();
}

/**
 * Every action the policies allow, expanded against iam-data (`iam:*` -> each IAM action), with the
 * resources each Allow names. An action an unconditional Deny refuses on every resource is not
 * granted at all; a narrower or conditional Deny leaves it granted, and replaying the role's calls
 * (which the diff does) decides whether it refuses something the role needs. Sorted by action.
 */
export function currentGrants(policies: readonly NormalizedPolicy[], names: ActionNames): Grant[] {
  const statements = policies.flatMap((policy) => policy.statements);
  const denies = statements.filter(deniesEverywhere);
  const grants = new Map<string, { resources: Set<string>; conditional: boolean }>();
  for (const statement of statements) {
    if (statement.effect !== "Allow") continue;
    const conditional = Object.keys(statement.conditions).length > 0;
    const resources = statement.resourcesExcluded ? [`* except ${[...statement.resources].sort().join(", ")}`] : statement.resources;
    for (const action of actionsOf(statement, names)) {
      if (denies.some((deny) => namesAction(deny, action))) continue;
      const grant = grants.get(action) ?? { resources: new Set<string>(), conditional: true };
      for (const resource of resources) grant.resources.add(resource);
      grant.conditional &&= conditional;
      grants.set(action, grant);
    }
  }
  return [...grants.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([action, grant]) => ({ action, resources: [...grant.resources].sort(), conditional: grant.conditional }));
}

function actionsOf(statement: NormalizedStatement, names: ActionNames): string[] {
  if (!statement.actionsExcluded) return statement.actions.flatMap((pattern) => expandActionPattern(pattern, names));
  return expandActionPattern("*", names).filter((action) => !statement.actions.some((pattern) => actionMatches(pattern, action)));
}

function namesAction(statement: NormalizedStatement, action: string): boolean {
  return statement.actions.some((pattern) => actionMatches(pattern, action)) !== statement.actionsExcluded;
}

function deniesEverywhere(statement: NormalizedStatement): boolean {
  return (
    statement.effect === "Deny" &&
    Object.keys(statement.conditions).length === 0 &&
    !statement.resourcesExcluded &&
    statement.resources.includes("*")
  );
}
