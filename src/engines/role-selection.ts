import picomatch from "picomatch";
import { UsageError } from "../usage-error.js";
import type { PrincipalSummary } from "./engine.js";

export interface RoleArn {
  readonly arn: string;
  readonly kind: "role" | "user";
  readonly partition: string;
  readonly account: string;
  readonly path: string; // "/ecs/" or "/"
  readonly name: string;
}

const IAM_PRINCIPAL_ARN = /^arn:([\w-]+):iam::(\d{12}):(role|user)\/(?:(.*)\/)?([^/]+)$/;
// Roles AWS manages: their policies cannot be edited, so --all-roles leaves them out.
const AWS_MANAGED_PATHS = ["/aws-service-role/", "/aws-reserved/"];

export function parseRoleArn(arn: string): RoleArn | null {
  const principal = parseIamPrincipalArn(arn);
  return principal?.kind === "role" ? principal : null;
}

/** A role or IAM user ARN; the policies of both can be tightened. */
export function parseIamPrincipalArn(arn: string): RoleArn | null {
  const match = IAM_PRINCIPAL_ARN.exec(arn);
  if (!match) return null;
  const [, partition = "", account = "", kind, inner, name = ""] = match;
  return { arn, kind: kind as RoleArn["kind"], partition, account, path: inner ? `/${inner}/` : "/", name };
}

export function isAwsManagedRole(role: RoleArn): boolean {
  return AWS_MANAGED_PATHS.some((prefix) => role.path.startsWith(prefix));
}

/**
 * The roles `--role` names, among those seen. A spec is a full ARN, a path/name, or a name, each
 * possibly a glob; a spec that matches nothing is an error naming it and the roles that were seen.
 */
export function selectRoles(specs: readonly string[], seen: readonly PrincipalSummary[]): RoleArn[] {
  const roles = seenRoles(seen);
  const selected = new Map<string, RoleArn>();
  for (const spec of specs) {
    const matches = roles.filter((role) => matchesSpec(spec, role));
    if (matches.length === 0) throw new UsageError(unknownRoleMessage(spec, roles));
    for (const role of matches) selected.set(role.arn, role);
  }
  return sortRoles([...selected.values()]);
}

/** Every role seen, less the AWS-managed ones; for --all-roles. */
export function allRoles(seen: readonly PrincipalSummary[]): { roles: RoleArn[]; awsManaged: RoleArn[]; malformed: string[] } {
  const roles = seenRoles(seen);
  return {
    roles: roles.filter((role) => !isAwsManagedRole(role)),
    awsManaged: roles.filter(isAwsManagedRole),
    // Read as a role's (":role/" in an IAM ARN) but naming none: no name, or no 12-digit account.
    // CloudTrail writes no such ARN; a hand-made or damaged trail may, and it is said, not dropped.
    malformed: seen.map((p) => p.principal).filter((arn) => /^arn:[^:]*:iam:/.test(arn) && arn.includes(":role/") && parseRoleArn(arn) === null).sort(),
  };
}

/** Every role and IAM user seen, AWS-managed roles included: what coverage is measured over. */
export function allIamPrincipals(seen: readonly PrincipalSummary[]): RoleArn[] {
  return sortRoles(seen.map((principal) => parseIamPrincipalArn(principal.principal)).filter((p) => p !== null));
}

function seenRoles(seen: readonly PrincipalSummary[]): RoleArn[] {
  return sortRoles(seen.map((principal) => parseRoleArn(principal.principal)).filter((role) => role !== null));
}

function sortRoles(roles: RoleArn[]): RoleArn[] {
  return roles.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
}

/**
 * What every principal a --role spec can name holds, for a scan focused on them: its last path
 * segment, the role's name, which both a role ARN and the assumed-role ARN of its sessions carry
 * (matchesSpec compares names, path/names and ARNs exactly). Undefined when a spec is a glob,
 * which may name any role.
 */
export function roleFocus(specs: readonly string[]): string[] | undefined {
  if (specs.length === 0 || specs.some((spec) => picomatch.scan(spec).isGlob)) return undefined;
  return [...new Set(specs.map((spec) => spec.slice(spec.lastIndexOf("/") + 1)))].sort();
}

/** Whether a --role spec (name, path/name or ARN, each possibly a glob) names the role. */
export function matchesSpec(spec: string, role: RoleArn): boolean {
  const [target, pattern] = spec.startsWith("arn:")
    ? [role.arn, spec]
    : spec.includes("/")
      ? [`${role.path}${role.name}`.replace(/^\//, ""), spec.replace(/^\//, "")]
      : [role.name, spec];
  return picomatch.scan(pattern).isGlob ? picomatch.isMatch(target, pattern, { dot: true }) : target === pattern;
}

function unknownRoleMessage(spec: string, roles: readonly RoleArn[]): string {
  if (roles.length === 0) return `--role ${spec}: no role made any call in these logs`;
  const names = roles.map((role) => `${role.path}${role.name}`.replace(/^\//, ""));
  const shown = names.slice(0, 8).join(", ") + (names.length > 8 ? `, ... (${names.length} in all; see tighten roles)` : "");
  return `--role ${spec}: no such role in these logs; roles seen: ${shown}`;
}
