import type { AcceptedFinding, DeniedCalls, DriftReport, EcsFinding, NewUsage, RoleDrift, UnusedGrant, WildcardStatement } from "../../drift/drift-report.js";
import type { PolicyStatement } from "../../policy/policy-document.js";
import { printableJson } from "../shared/printable-json.js";
import { provenanceJson, type Provenance } from "../shared/provenance.js";

/** The shape's version: bumped when a field changes meaning or goes away, not when one is added. */
export const DRIFT_JSON_VERSION = 1;

/**
 * The drift report for machines, in the shape docs/drift-json.md documents. Objects are built key
 * by key so the order never depends on how the report was made; lists keep the report's order,
 * which drift makes deterministic (see the doc).
 */
export function renderDriftJson(report: DriftReport, provenance?: Provenance): string {
  const json = {
    version: DRIFT_JSON_VERSION,
    window: { since: report.window.since, until: report.window.until },
    ...(provenance === undefined ? {} : { provenance: provenanceJson(provenance) }),
    roles: report.roles.map(roleJson),
    // With --accepted only, so that the shape without it stays as it was.
    ...(report.acceptedFrom === undefined ? {} : { acceptedFrom: report.acceptedFrom }),
  };
  return printableJson(json);
}

function roleJson(role: RoleDrift) {
  return {
    role: role.role,
    baseline: [...role.baseline],
    totals: { granted: role.totals.granted, used: role.totals.used, denied: role.totals.denied },
    unused: role.unused.map(unusedJson),
    newUsage: role.newUsage.map(newUsageJson),
    denied: role.denied.map(deniedJson),
    wildcards: role.wildcards.map(wildcardJson),
    ecs: role.ecs.map(ecsJson),
    unobservable: (role.unobservable ?? []).map((u) => ({ action: u.action, resources: [...u.resources], why: u.why, conditionallyDenied: conditionalDenies(u.conditionallyDenied) })),
    unmapped: role.unmapped ?? 0,
    ...(role.accepted === undefined ? {} : { accepted: role.accepted.map(acceptedJson) }),
  };
}

function acceptedJson(a: AcceptedFinding) {
  return { kind: a.kind, action: a.action, resources: [...a.resources], calls: a.calls, reason: a.reason, expires: a.expires, expired: a.expired, entry: a.entry };
}

function unusedJson(u: UnusedGrant) {
  return { action: u.action, resources: [...u.resources], accessLevel: u.accessLevel, risks: [...u.risks], lastUsed: u.lastUsed, conditionallyDenied: conditionalDenies(u.conditionallyDenied) };
}

function conditionalDenies(denies: UnusedGrant["conditionallyDenied"]) {
  return denies.map((d) => ({ statement: d.statement, condition: d.condition }));
}

function newUsageJson(n: NewUsage) {
  return { action: n.action, resource: n.resource, calls: n.calls, firstSeen: n.firstSeen, lastSeen: n.lastSeen, reason: n.reason, eventId: n.eventId ?? null };
}

function deniedJson(d: DeniedCalls) {
  return {
    call: d.call,
    errorCode: d.errorCode,
    actions: [...d.actions],
    resources: [...d.resources],
    calls: d.calls,
    firstSeen: d.firstSeen ?? null,
    lastSeen: d.lastSeen,
    eventId: d.eventId ?? null,
    suggestion: d.suggestion === null ? null : statementJson(d.suggestion),
  };
}

function statementJson(s: PolicyStatement) {
  return { ...(s.Sid === undefined ? {} : { Sid: s.Sid }), Effect: s.Effect, Action: [...s.Action], Resource: [...s.Resource], ...(s.Condition === undefined ? {} : { Condition: s.Condition }) };
}

function wildcardJson(w: WildcardStatement) {
  return { statement: w.statement, source: w.source, actions: [...w.actions], resources: [...w.resources], why: w.why };
}

function ecsJson(f: EcsFinding) {
  return { kind: f.kind, agentCalls: [...f.agentCalls], applicationCalls: [...f.applicationCalls], advice: f.advice };
}
