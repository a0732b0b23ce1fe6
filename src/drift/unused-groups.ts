import { HIGH_RISK, SERVICE_LIST_LIMIT, serviceOf } from "../diff/removal-groups.js";
import { RISK_CATEGORIES, worstRisk } from "../diff/risk.js";
import { compareText } from "../mapping/order.js";
import type { UnusedGrant } from "./drift-report.js";

// How the text and Markdown reports show unused grants: a `*` baseline leaves thousands, so the
// high-risk ones are listed one by one and the rest by service, counted when a service has many.

export interface UnusedByService {
  readonly service: string;
  /** Those that are not high risk, sorted by action. */
  readonly grants: readonly UnusedGrant[];
  /** Access levels of `grants` and how many have each, most first. */
  readonly byAccessLevel: readonly (readonly [string, number])[];
  /** Whether `grants` are few enough to list one by one. */
  readonly listed: boolean;
}

export interface UnusedGroups {
  readonly highRisk: readonly UnusedGrant[]; // most severe first, then by action
  readonly services: readonly UnusedByService[]; // services with an unused grant that is not high risk
}

export function isHighRiskGrant(grant: Pick<UnusedGrant, "risks">): boolean {
  return grant.risks.some((risk) => HIGH_RISK.includes(risk));
}

export function groupUnused(unused: readonly UnusedGrant[]): UnusedGroups {
  const severity = (grant: UnusedGrant) => {
    const worst = worstRisk(grant.risks);
    return worst === null ? RISK_CATEGORIES.length : RISK_CATEGORIES.indexOf(worst);
  };
  const highRisk = unused.filter(isHighRiskGrant).sort((a, b) => severity(a) - severity(b) || compareText(a.action, b.action));
  const byService = new Map<string, UnusedGrant[]>();
  for (const grant of unused.filter((g) => !isHighRiskGrant(g))) {
    const service = serviceOf(grant.action);
    const list = byService.get(service) ?? [];
    list.push(grant);
    byService.set(service, list);
  }
  const services = [...byService.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([service, grants]): UnusedByService => {
      const sorted = [...grants].sort((a, b) => compareText(a.action, b.action));
      const levels = new Map<string, number>();
      for (const grant of sorted) levels.set(grant.accessLevel, (levels.get(grant.accessLevel) ?? 0) + 1);
      return {
        service,
        grants: sorted,
        byAccessLevel: [...levels.entries()].sort(([a, m], [b, n]) => n - m || compareText(a, b)),
        listed: sorted.length <= SERVICE_LIST_LIMIT,
      };
    });
  return { highRisk, services };
}
