import { parseRoleArn } from "../engines/role-selection.js";
import { compareText } from "../mapping/order.js";
import type { TrustConditions } from "./trust-conditions.js";

/**
 * The fleet map: which roles each ECS service runs with, and the role set-ups worth a second look.
 * The pipeline collects services and trust policies (from AWS, or task definition files offline);
 * everything here is pure.
 */

/** A service and the roles its task definition names. */
export interface FleetService {
  /** The cluster's name; null offline, where a task definition file stands for a service. */
  readonly cluster: string | null;
  /** The service's name; offline, the task definition's family. */
  readonly service: string;
  readonly serviceArn: string | null;
  /** The task definition's ARN (offline: its ARN if the file has one, else family[:revision]); null when ECS names none. */
  readonly taskDefinition: string | null;
  /** Offline: the --task-definition file. */
  readonly file: string | null;
  readonly taskRoleArn: string | null;
  readonly executionRoleArn: string | null;
}

/** What is known of a role's trust policy: checked, or why not. */
export type TrustStatus = TrustConditions | { readonly kind: "not-checked"; readonly reason: string };

export type FleetSource =
  | { readonly kind: "aws"; readonly region: string; readonly clusters: readonly string[] }
  | { readonly kind: "offline"; readonly files: readonly string[] };

export interface FleetInput {
  readonly source: FleetSource;
  readonly services: readonly FleetService[];
  /** By role ARN (as the task definitions write it); a role missing here is reported as not checked. */
  readonly trust: ReadonlyMap<string, TrustStatus>;
}

export type FleetFlag = "no-task-role" | "task-role-is-execution-role" | "shared-role" | "trust-without-conditions";

/** Every flag, in the order reports list them: per service first, then per role. */
export const FLEET_FLAGS: readonly FleetFlag[] = ["no-task-role", "task-role-is-execution-role", "shared-role", "trust-without-conditions"];

/** What to do about each flag, with the reason; shown with the findings. */
export const FLAG_ADVICE: Readonly<Record<FleetFlag, string>> = {
  // ECS Developer Guide, "Amazon ECS task IAM role" and "Amazon ECS container instance IAM role".
  "no-task-role":
    "the task definition names no task role: give the service one of its own (taskRoleArn) if it calls AWS; without one, containers on EC2 container instances can reach the instance role through the instance metadata service, and that role is shared by every task on the host",
  "task-role-is-execution-role":
    "one role is both the task role and the execution role: split it, so that the application cannot pull images or read the secrets meant for injection, and the ECS agent holds none of the application's permissions",
  "shared-role":
    "several services run with one role: give each its own, since a shared role holds the union of what every one of them needs, and a policy generated from its CloudTrail use cannot be narrowed to one service",
  // ECS Developer Guide, "Amazon ECS task IAM role": trust policy with aws:SourceAccount / aws:SourceArn.
  "trust-without-conditions":
    "the trust policy lets ecs-tasks.amazonaws.com assume the role without an aws:SourceAccount or aws:SourceArn condition: add one (StringEquals aws:SourceAccount = the account, or ArnLike aws:SourceArn = arn:aws:ecs:REGION:ACCOUNT:*) so that ECS assumes it only for this account's tasks",
};

export interface FlaggedService extends FleetService {
  readonly flags: readonly FleetFlag[];
}

export interface RoleUse {
  readonly cluster: string | null;
  readonly service: string;
  readonly as: "task" | "execution";
}

export interface FleetRole {
  readonly arn: string;
  readonly usedBy: readonly RoleUse[];
  readonly trust: TrustStatus;
  readonly flags: readonly FleetFlag[];
}

export interface ServiceRef {
  readonly cluster: string | null;
  readonly service: string;
}

/** One flag raised: on a service (no-task-role, task-role-is-execution-role) or on a role (shared-role, trust-without-conditions). */
export interface FleetFinding {
  readonly flag: FleetFlag;
  /** The role at fault; null for no-task-role. */
  readonly role: string | null;
  readonly services: readonly ServiceRef[];
  readonly advice: string;
}

export interface FleetReport {
  readonly source: FleetSource;
  /** Sorted by cluster (offline: none), service, task definition, file. */
  readonly services: readonly FlaggedService[];
  /** Every role some service names, sorted by ARN. */
  readonly roles: readonly FleetRole[];
  /** In FLEET_FLAGS order, then by role, then by service. */
  readonly findings: readonly FleetFinding[];
}

/** The fleet map with its flags, the same for the same input whatever order it came in. */
export function mapFleet(input: FleetInput): FleetReport {
  const services = [...input.services].sort(compareServices);
  const uses = roleUses(services);
  const roles = [...uses.keys()].sort(compareText).map((arn) => {
    const usedBy = uses.get(arn)!;
    const trust = input.trust.get(arn) ?? { kind: "not-checked" as const, reason: "not read" };
    const flags: FleetFlag[] = [];
    if (distinctServices(usedBy).length > 1) flags.push("shared-role");
    if (trust.kind === "unconditioned") flags.push("trust-without-conditions");
    return { arn, usedBy, trust, flags };
  });
  const roleFlags = new Map(roles.map((role) => [role.arn, role.flags]));

  const flagged = services.map((service): FlaggedService => {
    const flags = new Set<FleetFlag>(serviceFlags(service));
    for (const arn of rolesOf(service)) for (const flag of roleFlags.get(arn) ?? []) flags.add(flag);
    return { ...service, flags: FLEET_FLAGS.filter((flag) => flags.has(flag)) };
  });

  const findings: FleetFinding[] = [];
  for (const service of services) {
    for (const flag of serviceFlags(service)) {
      findings.push({ flag, role: flag === "no-task-role" ? null : service.taskRoleArn, services: [{ cluster: service.cluster, service: service.service }], advice: FLAG_ADVICE[flag] });
    }
  }
  for (const role of roles) {
    for (const flag of role.flags) findings.push({ flag, role: role.arn, services: distinctServices(role.usedBy), advice: FLAG_ADVICE[flag] });
  }
  findings.sort(compareFindings);
  return { source: input.source, services: flagged, roles, findings: dedupeFindings(findings) };
}

export function hasFindings(report: FleetReport): boolean {
  return report.findings.length > 0;
}

/** The flags a service's own task definition raises. Without a task definition nothing is known of its roles. */
function serviceFlags(service: FleetService): FleetFlag[] {
  if (service.taskDefinition === null) return [];
  if (service.taskRoleArn === null) return ["no-task-role"];
  if (service.taskRoleArn === service.executionRoleArn) return ["task-role-is-execution-role"];
  return [];
}

function rolesOf(service: FleetService): string[] {
  return [service.taskRoleArn, service.executionRoleArn].filter((arn): arn is string => arn !== null);
}

function roleUses(services: readonly FleetService[]): Map<string, RoleUse[]> {
  const uses = new Map<string, RoleUse[]>();
  const add = (arn: string | null, use: RoleUse) => {
    if (arn === null) return;
    const list = uses.get(arn) ?? [];
    if (!list.some((u) => u.cluster === use.cluster && u.service === use.service && u.as === use.as)) list.push(use);
    uses.set(arn, list);
  };
  // Services are sorted already, and task comes before execution for each: usedBy stays sorted.
  for (const service of services) {
    add(service.taskRoleArn, { cluster: service.cluster, service: service.service, as: "task" });
    add(service.executionRoleArn, { cluster: service.cluster, service: service.service, as: "execution" });
  }
  return uses;
}

/**
 * Services by (cluster, service name): two revisions of one family given offline are one service,
 * and so are not "several services" sharing a role; the same name in two clusters is two.
 */
function distinctServices(refs: readonly ServiceRef[]): ServiceRef[] {
  const seen = new Map<string, ServiceRef>();
  for (const ref of refs) seen.set(JSON.stringify([ref.cluster, ref.service]), { cluster: ref.cluster, service: ref.service });
  return [...seen.values()].sort(compareRefs);
}

function dedupeFindings(findings: readonly FleetFinding[]): FleetFinding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = JSON.stringify([finding.flag, finding.role, finding.services]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function compareServices(a: FleetService, b: FleetService): number {
  return compareRefs(a, b) || compareText(a.taskDefinition ?? "", b.taskDefinition ?? "") || compareText(a.file ?? "", b.file ?? "");
}

/** Offline services (no cluster) first, then by cluster, then by service name. */
function compareRefs(a: ServiceRef, b: ServiceRef): number {
  if (a.cluster !== b.cluster) {
    if (a.cluster === null) return -1;
    if (b.cluster === null) return 1;
    return compareText(a.cluster, b.cluster);
  }
  return compareText(a.service, b.service);
}

function compareFindings(a: FleetFinding, b: FleetFinding): number {
  const byFlag = FLEET_FLAGS.indexOf(a.flag) - FLEET_FLAGS.indexOf(b.flag);
  if (byFlag !== 0) return byFlag;
  const byRole = compareText(a.role ?? "", b.role ?? "");
  if (byRole !== 0) return byRole;
  for (let i = 0; i < Math.min(a.services.length, b.services.length); i += 1) {
    const order = compareRefs(a.services[i]!, b.services[i]!);
    if (order !== 0) return order;
  }
  return a.services.length - b.services.length;
}

/** "ecs/payments-task" for a role ARN (its path and name, as --role accepts it); anything else as it is. */
export function shortRoleName(arn: string): string {
  const role = parseRoleArn(arn);
  return role === null ? arn : `${role.path}${role.name}`.replace(/^\//, "");
}

/** "payments:42" for a task definition ARN; anything else as it is. */
export function shortTaskDefinition(taskDefinition: string): string {
  const match = /^arn:[\w-]+:ecs:[^:]*:\d*:task-definition\/(.+)$/.exec(taskDefinition);
  return match === null ? taskDefinition : match[1]!;
}
