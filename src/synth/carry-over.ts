import type { IamCatalog } from "../iam/catalog.js";
import { splitActionName } from "../iam/catalog.js";
import { compareText } from "../mapping/order.js";
import type { PolicyDocument, PolicyStatement } from "../policy/policy-document.js";
import { statementSids } from "./statement-sid.js";

/** A current grant the logs cannot judge, to keep as the current policy has it. */
export interface CarriedGrant {
  readonly action: string;
  readonly resources: readonly string[];
}

/** Every carried-over statement's Sid starts with this, so that a reviewer sees what was not learned from the logs. */
export const CARRIED_OVER_SID_PREFIX = "Unobservable";

/**
 * The generated policy plus the current grants no log could have shown in use (data events the
 * trail does not record, calls CloudTrail never logs), as the current policy grants them: dropping
 * them would break the service, and narrowing them would be a guess. Actions sharing exactly the
 * same resources share a statement; Sids come from content, after a marking prefix.
 */
export function withCarriedOver(document: PolicyDocument, carried: readonly CarriedGrant[], catalog: IamCatalog): PolicyDocument {
  if (carried.length === 0) return document;
  const groups = new Map<string, { actions: string[]; resources: string[] }>();
  for (const grant of carried) {
    const resources = [...grant.resources].sort(compareText);
    const key = JSON.stringify(resources);
    const group = groups.get(key) ?? { actions: [], resources };
    group.actions.push(grant.action);
    groups.set(key, group);
  }
  const contents = [...groups.values()].map((group) => ({ actions: group.actions.sort(compareText), resources: group.resources }));
  const sids = statementSids(contents, (action) => catalog.action(...splitActionName(action))?.accessLevel);
  const statements: PolicyStatement[] = contents.map((content, i) => ({
    Sid: `${CARRIED_OVER_SID_PREFIX}${sids[i] as string}`,
    Effect: "Allow",
    Action: content.actions,
    Resource: content.resources,
  }));
  const all = [...document.Statement, ...statements].sort((a, b) => compareText(a.Sid ?? "", b.Sid ?? ""));
  return { Version: document.Version, Statement: all };
}
