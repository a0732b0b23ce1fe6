import type { UsageRow } from "../engines/usage-row.js";
import type { IamCatalog } from "../iam/catalog.js";
import { splitActionName } from "../iam/catalog.js";
import { conditionsKey } from "./conditions.js";
import { possibleActionNamesFor } from "./event-actions.js";
import { explainRow } from "./explain-row.js";
import type { RowExplanation } from "./explanation.js";
import { compareText, compareTextLists } from "./order.js";
import type { Denied, Evidence, MappingResult, Permission, Unmapped } from "./permission.js";
import { evidenceOf, eventIdOf, smallerEventId } from "./permission.js";
import { DEFAULT_GENERALIZATION, type Generalization } from "./generalization.js";
import { type InstanceProfileRoles, PASS_ROLE, rolePassingCall } from "./passed-roles.js";
import { servicePrefixOf } from "./service-prefix.js";
import { impliedBy } from "./implied-actions.js";
import { dependentActionRules } from "./dependent-actions.js";

/**
 * Usage rows -> what they needed. Successful calls (and calls that failed after authorization,
 * such as NoSuchKey) become Permissions; authorization failures become Denied and are never
 * granted; anything that cannot be named exactly becomes Unmapped with the reason. Calls an AWS
 * service made on the principal's behalf (invokedBy) count as the principal's own: IAM evaluates
 * the principal's policy for them. Rows are expected to be one principal's; evidence of equal
 * (action, resource, conditions) is merged. The output is sorted. A fold over explainRow, so that
 * `tighten explain` shows exactly what `generate` decided (given the same generalization and
 * `profiles`: the roles of the trail's instance profiles, instanceProfileRoles over the whole scan).
 */
export function mapUsage(
  rows: readonly UsageRow[],
  catalog: IamCatalog,
  generalization: Generalization = DEFAULT_GENERALIZATION,
  profiles?: InstanceProfileRoles,
): MappingResult {
  return foldExplanations(rows.map((row) => explainRow(row, catalog, generalization, profiles)));
}

export function foldExplanations(explanations: readonly RowExplanation[]): MappingResult {
  const permissions = new Merged<Permission>();
  const unmapped = new Merged<Unmapped>();
  const denied = new Merged<Denied>();
  const failed = new Merged<Denied>();

  for (const { row, outcome, actions, note } of explanations) {
    const evidence = evidenceOf(row);
    const unmap = (action: string | null, reason: string) =>
      unmapped.add(
        [row.principal, row.eventSource, row.eventName, action ?? "", reason],
        { principal: row.principal, eventSource: row.eventSource, eventName: row.eventName, action, reason, evidence },
      );

    if (outcome === "unknown-service") {
      unmap(null, note ?? `unknown service for eventSource ${row.eventSource}`);
      continue;
    }
    for (const action of actions) if (!action.exists) unmap(action.action, action.unmapped ?? `iam-data has no action ${action.action}`);
    const known = actions.filter((action) => action.exists);

    if (outcome === "unauthenticated") {
      unmap(null, note ?? `failed authentication (${row.errorCode})`);
      continue;
    }
    if (outcome === "denied" || outcome === "failed") {
      const needed = known.filter((action) => !action.candidate);
      const errorCode = row.errorCode ?? "";
      const names = needed.map((a) => a.action).sort(compareText);
      const resources = [...new Set(needed.flatMap((a) => a.resources))].sort(compareText);
      (outcome === "denied" ? denied : failed).add([row.principal, row.eventSource, row.eventName, errorCode, ...names, "", ...resources], {
        principal: row.principal,
        eventSource: row.eventSource,
        eventName: row.eventName,
        errorCode,
        actions: names,
        resources,
        evidence,
      });
      continue;
    }

    for (const { action, resources, unmapped: reason, conditions, implied } of known) {
      if (reason !== null) unmap(action, reason);
      else {
        // One entry per call and action however many of its resources are too long, so that the
        // call is counted once.
        const tooLong = resources.filter((resource) => resource.length > MAX_ARN_LENGTH);
        const [first] = tooLong;
        if (first !== undefined) {
          unmap(
            action,
            tooLong.length === 1
              ? `a resource of ${first.length} characters, longer than any ARN IAM takes (${MAX_ARN_LENGTH}): ${first.slice(0, 80)}...`
              : `${tooLong.length} resources of up to ${Math.max(...tooLong.map((r) => r.length))} characters, longer than any ARN IAM takes (${MAX_ARN_LENGTH}): ${first.slice(0, 80)}..., ...`,
          );
        }
        for (const resource of resources) {
          if (resource.length > MAX_ARN_LENGTH) continue;
          permissions.add([action, resource, conditionsKey(conditions)], {
            action,
            resource,
            ...(conditions === undefined ? {} : { conditions }),
            ...(implied === undefined ? {} : { implied }),
            evidence,
          });
        }
      }
    }
  }

  return { permissions: permissions.sorted(), unmapped: unmapped.sorted(), denied: denied.sorted(), failed: failed.sorted() };
}

/**
 * The longest ARN IAM's APIs take (the arnType of the IAM API Reference: "Maximum length of
 * 2048"); a resource longer than that is text from a log, not a resource a policy can name, and
 * one that long would not fit a policy's size quota beside anything else.
 */
export const MAX_ARN_LENGTH = 2048;

/**
 * The IAM service prefixes mapping may look up for these rows, so that a caller can load only
 * those into the catalog: each eventSource's prefix and the prefixes of the actions it maps to,
 * the actions those imply (implied-actions.ts), "iam" for calls that pass a role (iam:PassRole), and
 * the services of their dependent actions (dependent-actions.ts).
 */
export function servicePrefixesFor(rows: readonly Pick<UsageRow, "eventSource" | "eventName">[]): readonly string[] {
  const prefixes = new Set<string>();
  for (const row of rows) {
    const prefix = servicePrefixOf(row.eventSource);
    if (prefix === "") continue;
    prefixes.add(prefix);
    for (const name of possibleActionNamesFor(prefix, row.eventName)) {
      prefixes.add(splitActionName(name)[0]);
      for (const implied of impliedBy(name).flatMap((rule) => rule.implies)) prefixes.add(splitActionName(implied)[0]);
    }
    if (rolePassingCall(prefix, row.eventName) !== undefined) prefixes.add(splitActionName(PASS_ROLE)[0]);
    for (const name of dependentActionRules(prefix, row.eventName).flatMap((rule) => rule.needs)) prefixes.add(splitActionName(name)[0]);
  }
  return [...prefixes].sort(compareText);
}

/** Items keyed by their identity; equal keys merge their evidence. */
class Merged<T extends { readonly evidence: Evidence }> {
  private readonly items = new Map<string, { readonly key: readonly string[]; item: T }>();

  add(key: readonly string[], item: T): void {
    const id = JSON.stringify(key);
    const existing = this.items.get(id);
    if (existing === undefined) this.items.set(id, { key, item });
    else {
      const merged = { ...existing.item, evidence: mergeEvidence(existing.item.evidence, item.evidence) };
      if (!isImplied(item)) delete (merged as { implied?: string }).implied;
      existing.item = merged;
    }
  }

  sorted(): T[] {
    return [...this.items.values()].sort((a, b) => compareTextLists(a.key, b.key)).map((entry) => entry.item);
  }
}

/** A permission is implied only while every call that needed it implied it; one real call makes it observed. */
function isImplied(item: object): boolean {
  return "implied" in item && (item as { implied?: string }).implied !== undefined;
}

export function mergeEvidence(a: Evidence, b: Evidence): Evidence {
  return {
    count: a.count + b.count,
    firstSeen: a.firstSeen < b.firstSeen ? a.firstSeen : b.firstSeen,
    lastSeen: a.lastSeen > b.lastSeen ? a.lastSeen : b.lastSeen,
    ...eventIdOf(smallerEventId(a.eventId, b.eventId)),
  };
}
