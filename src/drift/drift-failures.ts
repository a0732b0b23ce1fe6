import { plural } from "../diff/removal-groups.js";
import type { AcceptedFinding, DriftReport, FailOn, RoleDrift } from "./drift-report.js";

/** One reason a run exits 1: the --fail-on category and what was found, for one line on stderr. */
export interface FailReason {
  readonly category: string;
  readonly found: string;
}

/** The accepted-finding kinds each category counts: their expired acceptances are named in its reason. */
const ACCEPTED_KINDS_OF: Readonly<Record<FailOn, readonly AcceptedFinding["kind"][]>> = {
  drift: ["unused", "high-risk", "new-usage"],
  denied: ["denied"],
  wildcards: [],
  ecs: [],
};

/**
 * Why the report fails `--fail-on`, one reason per category found, in the order given; empty when
 * it passes. Accepted findings are no longer in the report's lists, so they fail nothing; expired
 * ones are, and the reason says when their acceptance expired. Pure.
 */
export function driftFailures(report: DriftReport, failOn: readonly FailOn[]): FailReason[] {
  const reasons: FailReason[] = [];
  for (const category of failOn) {
    const found = foundIn(report.roles, category);
    if (found === null) continue;
    const expired = [...new Set(report.roles.flatMap((role) => (role.accepted ?? []).filter((a) => a.expired && ACCEPTED_KINDS_OF[category].includes(a.kind)).map((a) => a.expires)))].sort();
    reasons.push({ category, found: expired.length === 0 ? found : `${found}; acceptance expired on ${expired.join(", ")}` });
  }
  return reasons;
}

function foundIn(roles: readonly RoleDrift[], category: FailOn): string | null {
  const count = (of: (role: RoleDrift) => number) => {
    const counts = roles.map(of);
    return { total: counts.reduce((a, b) => a + b, 0), roles: counts.filter((n) => n > 0).length };
  };
  const inRoles = (n: number) => `in ${plural(n, "role")}`;
  switch (category) {
    case "drift": {
      const unused = count((role) => role.unused.length);
      const fresh = count((role) => role.newUsage.length);
      const either = count((role) => role.unused.length + role.newUsage.length);
      if (either.total === 0) return null;
      return `${plural(unused.total, "unused grant")} and ${fresh.total} new usage ${inRoles(either.roles)}`;
    }
    case "denied": {
      const calls = count((role) => role.denied.reduce((sum, d) => sum + d.calls, 0));
      return calls.total === 0 && count((role) => role.denied.length).total === 0 ? null : `${plural(calls.total, "denied call")} ${inRoles(count((role) => role.denied.length).roles)}`;
    }
    case "wildcards": {
      const found = count((role) => role.wildcards.length);
      return found.total === 0 ? null : `${plural(found.total, "wildcard statement")} ${inRoles(found.roles)}`;
    }
    case "ecs": {
      const found = count((role) => role.ecs.length);
      return found.total === 0 ? null : `${plural(found.total, "ECS finding")} ${inRoles(found.roles)}`;
    }
  }
}
