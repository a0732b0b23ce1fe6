import type { Grant } from "../diff/current-grants.js";
import { risksOf } from "../diff/risk.js";
import { splitActionName, type IamCatalog } from "../iam/catalog.js";
import { whyUnobservable } from "../mapping/unobservable-actions.js";
import { patternCoverage, resourcePattern, resourceSet } from "../policy/resource-pattern.js";
import type { ReplayedCall } from "../policy/replay.js";
import type { UnobservableGrant, UnusedGrant } from "./drift-report.js";

export interface GrantUse {
  /** Calls the role made in the window (successful, replayed through the baseline: any decision). */
  readonly window: readonly Pick<ReplayedCall, "action" | "resource" | "evidence">[];
  /** Calls it made before the window only: where a last use comes from. */
  readonly before: readonly Pick<ReplayedCall, "action" | "resource" | "evidence">[];
  /** Data event types the logs show the trail records (recordedDataEventTypes). */
  readonly recordedDataEvents: ReadonlySet<string>;
}

/**
 * Baseline grants the window shows no use of:
 * - an action with no call in the window: the whole grant, with its resources as granted;
 * - an action called in the window, but some of its granted resource patterns matching none of
 *   those calls: the grant with just those patterns. A NotResource grant ("* except ...") is
 *   judged by action only: what it names is everything but a list.
 * A grant whose use CloudTrail cannot show (logs:PutLogEvents, data events the trail does not
 * record) is not unused, since the logs could not have shown a use: it goes to `unobservable`,
 * unless a call shows it used after all. The last use is the latest call before the window on the
 * unused resources. Sorted by action, as the grants come.
 */
export function unusedGrants(grants: readonly Grant[], use: GrantUse, catalog: IamCatalog): { unused: UnusedGrant[]; unobservable: UnobservableGrant[] } {
  const unused: UnusedGrant[] = [];
  const unobservable: UnobservableGrant[] = [];
  for (const grant of grants) {
    const calls = use.window.filter((call) => sameAction(call.action, grant.action));
    let resources: readonly string[];
    if (calls.length === 0) {
      const why = whyUnobservable(grant.action, use.recordedDataEvents);
      if (why !== null) {
        unobservable.push({ action: grant.action, resources: grant.resources, why, conditionallyDenied: grant.conditionallyDenied });
        continue;
      }
      resources = grant.resources;
    } else {
      resources = grant.resources.filter((pattern) => !isExcept(pattern) && !calls.some((call) => names(pattern, call.resource)));
      if (resources.length === 0) continue;
    }
    const accessLevel = accessLevelOf(grant.action, catalog);
    const before = use.before.filter(
      (call) => sameAction(call.action, grant.action) && (calls.length === 0 || resources.some((pattern) => names(pattern, call.resource))),
    );
    unused.push({
      action: grant.action,
      resources,
      accessLevel,
      risks: risksOf(grant.action, accessLevel, resources),
      lastUsed: before.length === 0 ? null : before.map((call) => call.evidence.lastSeen).reduce((a, b) => (a > b ? a : b)),
      conditionallyDenied: grant.conditionallyDenied,
    });
  }
  return { unused, unobservable };
}

/**
 * Whether a granted pattern names any of a call's resources (the call's resource may itself be a
 * pattern, a folder of S3 keys). A pattern with a variable the logs give no value for is taken
 * as naming it: an unknown is not evidence of non-use.
 */
function names(pattern: string, resource: string): boolean {
  return patternCoverage(resourcePattern(pattern, { variables: true }), resourceSet(resource), {}) !== "none";
}

function isExcept(pattern: string): boolean {
  return pattern.startsWith("* except ");
}

function sameAction(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function accessLevelOf(action: string, catalog: IamCatalog): string {
  const [service, name] = splitActionName(action);
  if (!catalog.hasService(service)) return "Unknown";
  return catalog.action(service, name)?.accessLevel ?? "Unknown";
}
