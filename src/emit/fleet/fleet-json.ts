import type { FleetFinding, FleetReport, FleetRole, FlaggedService, FleetSource, TrustStatus } from "../../ecs/fleet.js";
import { printable } from "../shared/printable.js";

/** The shape's version: bumped when a field changes meaning or goes away, not when one is added. */
export const FLEET_JSON_VERSION = 1;

/**
 * The fleet map for machines, in the shape docs/ecs-roles-json.md documents. Objects are built key
 * by key so the order never depends on how the report was made; lists keep the report's order,
 * which mapFleet makes deterministic.
 */
export function renderFleetJson(report: FleetReport): string {
  const json = {
    version: FLEET_JSON_VERSION,
    source: sourceJson(report.source),
    services: report.services.map(serviceJson),
    roles: report.roles.map(roleJson),
    findings: report.findings.map(findingJson),
  };
  // As drift-json: JSON.stringify leaves DEL, C1 controls and bidi overrides raw; printable writes
  // them as \uXXXX, the JSON escape for the same character, line by line since the line breaks
  // between values are the only raw ones JSON.stringify emits.
  return JSON.stringify(json, null, 2).split("\n").map(printable).join("\n") + "\n";
}

function sourceJson(source: FleetSource) {
  return source.kind === "aws"
    ? { kind: source.kind, region: source.region, clusters: [...source.clusters], files: [] }
    : { kind: source.kind, region: null, clusters: [], files: [...source.files] };
}

function serviceJson(s: FlaggedService) {
  return {
    cluster: s.cluster,
    service: s.service,
    serviceArn: s.serviceArn,
    taskDefinition: s.taskDefinition,
    file: s.file,
    taskRole: s.taskRoleArn,
    executionRole: s.executionRoleArn,
    flags: [...s.flags],
  };
}

function roleJson(role: FleetRole) {
  return {
    arn: role.arn,
    trust: trustJson(role.trust),
    usedBy: role.usedBy.map((use) => ({ cluster: use.cluster, service: use.service, as: use.as })),
    flags: [...role.flags],
  };
}

function trustJson(trust: TrustStatus) {
  return {
    status: trust.kind,
    keys: trust.kind === "conditioned" ? [...trust.keys] : [],
    statements: trust.kind === "unconditioned" ? [...trust.statements] : [],
    reason: trust.kind === "not-checked" ? trust.reason : null,
  };
}

function findingJson(f: FleetFinding) {
  return { flag: f.flag, role: f.role, services: f.services.map((ref) => ({ cluster: ref.cluster, service: ref.service })), advice: f.advice };
}
