import { whyUnobservable } from "../mapping/unobservable-actions.js";
import type { CarriedGrant } from "../synth/carry-over.js";
import type { Grant } from "./current-grants.js";

/** A grant tighten keeps but cannot carry over as it is, and why. */
export interface UncarriedGrant {
  readonly action: string;
  readonly reason: string;
}

export interface Unobservable {
  /** Kept in the generated policy as the current policy grants them. */
  readonly carried: readonly CarriedGrant[];
  /** Unobservable, but granted under a Condition or by NotResource, which a statement of resources cannot copy. */
  readonly uncarried: readonly UncarriedGrant[];
}

/**
 * The current grants the role did not use and the logs could not have shown in use. A grant under
 * a Condition, or on "every resource but", is not copied: copying it without its condition would
 * widen it, so it is reported for the reviewer to keep by hand.
 */
export function unobservableGrants(grants: readonly Grant[], used: ReadonlySet<string>, recordedDataEvents: ReadonlySet<string>): Unobservable {
  const carried: CarriedGrant[] = [];
  const uncarried: UncarriedGrant[] = [];
  for (const grant of grants) {
    if (used.has(grant.action.toLowerCase())) continue;
    const why = whyUnobservable(grant.action, recordedDataEvents);
    if (why === null) continue;
    if (grant.conditional || grant.resources.some((resource) => resource.startsWith("* except "))) {
      uncarried.push({ action: grant.action, reason: `${why}; granted under a Condition or NotResource in the current policy, so not copied: keep it by hand` });
    } else {
      carried.push({ action: grant.action, resources: grant.resources });
    }
  }
  return { carried, uncarried };
}
