import type { IamCatalog } from "../iam/catalog.js";
import { splitActionName } from "../iam/catalog.js";
import { canonicalConditions, conditionsKey, singleConditionKey } from "../mapping/conditions.js";
import type { Permission } from "../mapping/permission.js";
import { compareText } from "../mapping/order.js";
import type { PolicyCondition, PolicyDocument, PolicyStatement } from "../policy/policy-document.js";
import { isCoveredBy, withoutCoveredResources } from "./covered-resources.js";
import { statementSids } from "./statement-sid.js";

/**
 * Permissions -> the smallest policy that grants exactly them: ARNs an action's own patterns
 * already match are dropped, and actions that need exactly the same resources under the same
 * conditions share a statement, so every action without resource-level permissions lands in the
 * one unconditional `"Resource": "*"` statement. Conditions never narrow what is granted without
 * them: a resource an action may use unconditionally (a KMS key the role also calls directly) is
 * not repeated under a condition, and conditions on one key differing only in values (kms:ViaService
 * s3 and sqs) become one condition listing both. Actions are never wildcarded. Everything is
 * sorted and Sids come from content, so equal input in any order gives byte-identical output.
 */
export function synthesize(permissions: readonly Permission[], catalog: IamCatalog): PolicyDocument {
  // action -> resource -> the conditions it was needed under (undefined: unconditionally)
  const byAction = new Map<string, Map<string, (PolicyCondition | undefined)[]>>();
  for (const { action, resource, conditions } of permissions) {
    if (action.includes("*") || action.includes("?")) throw new Error(`wildcard in permission action ${action}`);
    const resources = byAction.get(action) ?? new Map<string, (PolicyCondition | undefined)[]>();
    resources.set(resource, [...(resources.get(resource) ?? []), conditions]);
    byAction.set(action, resources);
  }

  const groups = new Map<string, { resources: string[]; conditions: PolicyCondition | undefined; actions: string[] }>();
  for (const [action, resources] of byAction) {
    // conditionsKey -> the action's resources needed under those conditions
    const byConditions = new Map<string, { conditions: PolicyCondition | undefined; resources: Set<string> }>();
    for (const [resource, list] of resources) {
      for (const conditions of combined(list)) {
        const key = conditionsKey(conditions);
        const entry = byConditions.get(key) ?? { conditions, resources: new Set<string>() };
        entry.resources.add(resource);
        byConditions.set(key, entry);
      }
    }
    const unconditional = normalized([...(byConditions.get("")?.resources ?? [])]);
    for (const [key, entry] of byConditions) {
      const list = key === "" ? unconditional : normalized([...entry.resources].filter((r) => !isCoveredBy(unconditional, r)));
      if (list.length === 0) continue;
      const groupKey = JSON.stringify([list, key]);
      const group = groups.get(groupKey) ?? { resources: list, conditions: entry.conditions, actions: [] };
      group.actions.push(action);
      groups.set(groupKey, group);
    }
  }

  const contents = [...groups.values()].map((g) => ({
    actions: g.actions.sort(compareText),
    resources: g.resources,
    ...(g.conditions === undefined ? {} : { conditions: canonicalConditions(g.conditions) }),
  }));
  const sids = statementSids(contents, (action) => accessLevelOf(action, catalog));
  const statements: PolicyStatement[] = contents.map((c, i) => ({
    Sid: sids[i] as string,
    Effect: "Allow",
    Action: c.actions,
    Resource: c.resources,
    ...(c.conditions === undefined ? {} : { Condition: c.conditions }),
  }));
  statements.sort((a, b) => compareText(a.Sid ?? "", b.Sid ?? ""));
  return { Version: "2012-10-17", Statement: statements };
}

/** "*" already covers every ARN the action could name; a pattern covers the exact ARNs it matches. */
function normalized(resources: readonly string[]): string[] {
  return resources.includes("*") ? ["*"] : withoutCoveredResources(resources).sort(compareText);
}

/**
 * The conditions one (action, resource) was needed under, as few as grant all of them: none if it
 * was ever needed without one; single-key conditions on the same operator and key as one condition
 * with all their values (values of one key are alternatives, so this grants each and nothing
 * else); anything else as it is.
 */
function combined(list: readonly (PolicyCondition | undefined)[]): (PolicyCondition | undefined)[] {
  if (list.some((c) => c === undefined || Object.keys(c).length === 0)) return [undefined];
  const merged = new Map<string, PolicyCondition>();
  for (const conditions of list as PolicyCondition[]) {
    const single = singleConditionKey(conditions);
    const key = single === undefined ? conditionsKey(conditions) : JSON.stringify([single.operator, single.key]);
    const existing = merged.get(key);
    if (existing === undefined || single === undefined) {
      merged.set(key, canonicalConditions(conditions));
      continue;
    }
    const values = [...(existing[single.operator]?.[single.key] ?? []), ...single.values];
    merged.set(key, canonicalConditions({ [single.operator]: { [single.key]: values } }));
  }
  return [...merged.values()];
}

function accessLevelOf(action: string, catalog: IamCatalog): string | undefined {
  return catalog.action(...splitActionName(action))?.accessLevel;
}
