import { compareText } from "../mapping/order.js";
import type { ActionChange } from "./role-diff.js";
import { RISK_CATEGORIES, worstRisk, type RiskCategory } from "./risk.js";

// How a review ranks and groups removals: the text, Markdown and JSON reports share it.

/**
 * The categories a reviewer must see one by one. Resource exposure and infrastructure
 * modification cover every Permissions management and Write action: listing them would list most
 * of a `*` grant (about 18,000 actions), so they are counted by service instead.
 */
export const HIGH_RISK: readonly RiskCategory[] = ["privilege-escalation", "credentials-exposure", "data-exfiltration"];

/** More removed actions than this in one service are shown as one line of counts. */
export const SERVICE_LIST_LIMIT = 20;

export function isHighRisk(change: Pick<ActionChange, "risks">): boolean {
  return change.risks.some((risk) => HIGH_RISK.includes(risk));
}

/** "privilege escalation" */
export function riskName(risk: RiskCategory): string {
  return risk.replace(/-/g, " ");
}

export function serviceOf(action: string): string {
  const colon = action.indexOf(":");
  return colon < 0 ? action : action.slice(0, colon);
}

function severity(change: ActionChange): number {
  const worst = worstRisk(change.risks);
  return worst === null ? RISK_CATEGORIES.length : RISK_CATEGORIES.indexOf(worst);
}

/** Most severe first, then by action. */
export function bySeverity(a: ActionChange, b: ActionChange): number {
  return severity(a) - severity(b) || compareText(a.action, b.action);
}

export function byAction(a: ActionChange, b: ActionChange): number {
  return compareText(a.action, b.action);
}

/** The removals of one service. */
export interface ServiceRemovals {
  readonly service: string;
  /** Those that are not high risk, sorted by action. */
  readonly actions: readonly ActionChange[];
  /** Their access levels and counts, most actions first. */
  readonly byAccessLevel: readonly (readonly [string, number])[];
  /** How many high-risk removals the service has besides: they are listed on their own. */
  readonly highRisk: number;
  /** Whether `actions` are few enough to list one by one. */
  readonly listed: boolean;
}

export interface RemovalGroups {
  readonly highRisk: readonly ActionChange[]; // most severe first
  readonly services: readonly ServiceRemovals[]; // by service, every service with a removal
}

export function groupRemovals(changes: readonly ActionChange[]): RemovalGroups {
  const removed = changes.filter((change) => change.change === "removed");
  const byService = new Map<string, ActionChange[]>();
  for (const change of removed) {
    const service = serviceOf(change.action);
    const list = byService.get(service);
    if (list === undefined) byService.set(service, [change]);
    else list.push(change);
  }
  const services = [...byService.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([service, all]): ServiceRemovals => {
      const actions = all.filter((change) => !isHighRisk(change)).sort(byAction);
      return {
        service,
        actions,
        byAccessLevel: countByAccessLevel(actions),
        highRisk: all.length - actions.length,
        listed: actions.length <= SERVICE_LIST_LIMIT,
      };
    });
  return { highRisk: removed.filter(isHighRisk).sort(bySeverity), services };
}

/** Access levels and how many of `changes` have each, most first. */
export function countByAccessLevel(changes: readonly ActionChange[]): readonly (readonly [string, number])[] {
  const levels = new Map<string, number>();
  for (const change of changes) levels.set(change.accessLevel, (levels.get(change.accessLevel) ?? 0) + 1);
  return [...levels.entries()].sort(([a, m], [b, n]) => n - m || compareText(a, b));
}

/** Removals counted by their most severe risk, in severity order; categories with none left out. */
export function removalsByRisk(changes: readonly ActionChange[]): readonly (readonly [RiskCategory, number])[] {
  const removed = changes.filter((change) => change.change === "removed");
  return RISK_CATEGORIES.map((risk) => [risk, removed.filter((change) => worstRisk(change.risks) === risk).length] as const).filter(
    ([, count]) => count > 0,
  );
}

/**
 * "Write 301; Read 160; Permissions management, Write 4". iam-data gives some actions two access
 * levels joined by a comma, so the counts are separated by semicolons.
 */
export function accessLevelCounts(counts: readonly (readonly [string, number])[], escape: (level: string) => string): string {
  return counts.map(([level, count]) => `${escape(level)} ${count}`).join("; ");
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

