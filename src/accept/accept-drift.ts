import type { AcceptedFinding, DriftReport, RoleDrift } from "../drift/drift-report.js";
import { isHighRiskGrant } from "../drift/unused-groups.js";
import { matchesSpec, parseIamPrincipalArn } from "../engines/role-selection.js";
import { actionMatches } from "../policy/action-pattern.js";
import { covers } from "../policy/glob.js";
import { tokenize } from "../policy/iam-string.js";
import { isExpired, type Acceptance, type AcceptedFindings, type AcceptedKind } from "./accepted-findings.js";

/** A finding as an acceptance sees it. */
interface Candidate {
  readonly kind: AcceptedFinding["kind"];
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly calls: number | null;
}

/** The kinds an entry without `kind` covers: high-risk grants must be accepted by name. */
const KINDLESS: readonly AcceptedKind[] = ["unused", "new-usage", "denied"];

/**
 * The report with the accepted findings taken out of each role's lists and shown in its
 * `accepted`. A finding is accepted when an entry's role names the role, its kind fits, each of
 * the finding's actions matches one of the entry's action patterns and each of its resources is
 * covered by one of the entry's resource patterns. An entry past its expiry (`today`,
 * YYYY-MM-DD, is after it) accepts nothing: its findings stay where they were, so they fail
 * `--fail-on` again, and are listed as expired. Pure.
 */
export function acceptDrift(report: DriftReport, accepted: AcceptedFindings, today: string): DriftReport {
  return { ...report, acceptedFrom: accepted.file, roles: report.roles.map((role) => acceptRole(role, accepted.entries, today)) };
}

function acceptRole(role: RoleDrift, entries: readonly Acceptance[], today: string): RoleDrift {
  const arn = parseIamPrincipalArn(role.role);
  const mine = arn === null ? [] : entries.filter((entry) => entry.role !== null && entry.kind !== "environment-secret" && matchesSpec(entry.role, arn));
  if (mine.length === 0) return { ...role, accepted: [] };
  const accepted: AcceptedFinding[] = [];
  const keep = <T>(items: readonly T[], candidate: (item: T) => Candidate): T[] =>
    items.filter((item) => {
      const finding = candidate(item);
      const matching = mine.filter((entry) => entryCovers(entry, finding));
      if (matching.length === 0) return true;
      const holding = matching.find((entry) => !isExpired(entry, today));
      // Of several expired entries, the latest expiry is the one a reviewer last agreed to.
      const entry = holding ?? [...matching].sort((a, b) => (a.expires < b.expires ? 1 : a.expires > b.expires ? -1 : a.entry - b.entry))[0]!;
      accepted.push({
        kind: finding.kind,
        action: finding.actions.join(", "),
        resources: [...finding.resources],
        calls: finding.calls,
        reason: entry.reason,
        expires: entry.expires,
        expired: holding === undefined,
        entry: entry.entry,
      });
      return holding === undefined;
    });
  return {
    ...role,
    unused: keep(role.unused, (u) => ({ kind: isHighRiskGrant(u) ? "high-risk" : "unused", actions: [u.action], resources: u.resources, calls: null })),
    newUsage: keep(role.newUsage, (n) => ({ kind: "new-usage", actions: [n.action], resources: [n.resource], calls: n.calls })),
    denied: keep(role.denied, (d) => ({ kind: "denied", actions: d.actions, resources: d.resources, calls: d.calls })),
    accepted,
  };
}

function entryCovers(entry: Acceptance, finding: Candidate): boolean {
  const kindFits = entry.kind === null ? KINDLESS.includes(finding.kind) : entry.kind === finding.kind;
  if (!kindFits) return false;
  if (!finding.actions.every((action) => entry.actions.some((pattern) => actionMatches(pattern, action)))) return false;
  // A call that named no resource is covered only by an entry for every resource.
  const resources = finding.resources.length === 0 ? ["*"] : finding.resources;
  return resources.every((resource) => entry.resources.some((pattern) => resourceCovers(pattern, resource)));
}

/** IAM resource matching (case-sensitive; * and ?), a pattern against a finding's resource, itself maybe a pattern. */
function resourceCovers(pattern: string, resource: string): boolean {
  return covers(tokenize(pattern, { variables: false }), tokenize(resource, { variables: false }));
}
