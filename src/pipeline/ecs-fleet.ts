import type { ECSClient } from "@aws-sdk/client-ecs";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { AccountRef } from "../aws/sts/account-access.js";
import { describeServices, listClusterArns, listServiceArns } from "../aws/ecs/cluster-services.js";
import type { EcsCallContext } from "../aws/ecs/ecs-errors.js";
import { readRoleTrustPolicy } from "../aws/ecs/role-trust.js";
import { describeTaskDefinition } from "../aws/ecs/task-definitions.js";
import { mapFleet, type FleetReport, type FleetService, type TrustStatus } from "../ecs/fleet.js";
import type { TaskDefinition } from "../ecs/task-definition.js";
import { checkTrustConditions } from "../ecs/trust-conditions.js";
import { parseRoleArn } from "../engines/role-selection.js";
import { compareText } from "../mapping/order.js";

export interface FleetReadOptions {
  readonly ecs: ECSClient;
  readonly iam: IAMClient;
  readonly region: string;
  /** Cluster names or ARNs; none: every cluster of the region. */
  readonly clusters?: readonly string[];
  /** What failure messages start with (default "ecs roles"). */
  readonly prefix?: string;
  /** maxResults of the list calls (ECS's maximum by default): lets tests make ECS paginate. */
  readonly pageSize?: number;
  /** The ECS client of a cluster named by the ARN of another account (--assume-role); default `ecs`. */
  readonly ecsOf?: (cluster: string) => Promise<ECSClient>;
  /**
   * The IAM client of a role's account (--assume-role). Without it, only roles of the clusters'
   * account are checked, with `iam`: GetRole reads the account of the credentials that sign it.
   */
  readonly iamOf?: (account: AccountRef, role: string) => Promise<IAMClient>;
}

/** Why a role's trust policy is not checked offline: task definition files say nothing of IAM. */
export const OFFLINE_TRUST: TrustStatus = { kind: "not-checked", reason: "offline" };

/**
 * The fleet of a region, read-only: ListClusters (unless clusters are named), then per cluster
 * ListServices and DescribeServices, DescribeTaskDefinition once per task definition in use, and
 * IAM GetRole once per role for its trust policy. One call after another: ECS and IAM throttle per
 * account, at rates shared with deployments and every other tool, and a fleet map is not urgent.
 */
export async function readFleet(options: FleetReadOptions): Promise<FleetReport> {
  const { ecs, region } = options;
  const context: EcsCallContext = { prefix: options.prefix ?? "ecs roles", region };
  const named = options.clusters ?? [];
  const clusters = named.length > 0 ? uniqueClusters(named) : await listClusterArns(ecs, context, options.pageSize);

  const definitions = new Map<string, TaskDefinition>();
  const services: FleetService[] = [];
  const accounts = new Set<string>();
  const partitions = new Set<string>();
  for (const cluster of clusters) {
    // ListClusters lists the caller's own clusters; only a named one may be of another account.
    const clusterEcs = named.length > 0 ? ((await options.ecsOf?.(cluster)) ?? ecs) : ecs;
    const serviceArns = await listServiceArns(clusterEcs, cluster, context, options.pageSize);
    for (const described of await describeServices(clusterEcs, cluster, serviceArns, context)) {
      const account = arnAccount(described.clusterArn);
      if (account !== null) accounts.add(account);
      partitions.add(/^arn:([\w-]+):/.exec(described.clusterArn)?.[1] ?? "aws");
      let definition: TaskDefinition | null = null;
      if (described.taskDefinition !== null) {
        definition = definitions.get(described.taskDefinition) ?? (await describeTaskDefinition(clusterEcs, described.taskDefinition, context));
        definitions.set(described.taskDefinition, definition);
      }
      services.push({
        cluster: clusterName(described.clusterArn),
        service: described.serviceName,
        serviceArn: described.serviceArn,
        taskDefinition: definition?.arn ?? described.taskDefinition,
        file: null,
        taskRoleArn: definition?.taskRoleArn ?? null,
        executionRoleArn: definition?.executionRoleArn ?? null,
      });
    }
  }

  const trust = new Map<string, TrustStatus>();
  for (const arn of roleArns(services)) trust.set(arn, await roleTrust(options, arn, accounts, partitions, context.prefix));
  return mapFleet({ source: { kind: "aws", region, clusters: [...new Set(clusters.map(clusterName))].sort(compareText) }, services, trust });
}

/**
 * The fleet of `--task-definition` files: each file is a service named after its family, in no
 * cluster; trust policies are not checked, since that needs IAM.
 */
export function offlineFleet(definitions: readonly TaskDefinition[]): FleetReport {
  const services: FleetService[] = definitions.map((definition) => ({
    cluster: null,
    service: definition.family,
    serviceArn: null,
    taskDefinition: definition.arn ?? (definition.revision !== null ? `${definition.family}:${definition.revision}` : definition.family),
    file: definition.source,
    taskRoleArn: definition.taskRoleArn,
    executionRoleArn: definition.executionRoleArn,
  }));
  const trust = new Map(roleArns(services).map((arn) => [arn, OFFLINE_TRUST]));
  return mapFleet({ source: { kind: "offline", files: [...new Set(definitions.map((d) => d.source))].sort(compareText) }, services, trust });
}

async function roleTrust(options: FleetReadOptions, role: string, accounts: ReadonlySet<string>, partitions: ReadonlySet<string>, prefix: string): Promise<TrustStatus> {
  const parsed = parseRoleArn(role);
  // A task definition may name a role by name alone (RegisterTaskDefinition "taskRoleArn": the
  // short name or full ARN); it is a role of the task's own account.
  const name = parsed?.name ?? (/^[\w+=,.@-]+$/.test(role) ? role : null);
  if (name === null) return { kind: "not-checked", reason: "not a role ARN" };
  const clustersOf = [...accounts].sort(compareText).join(", ");
  let iam = options.iamOf === undefined ? options.iam : undefined;
  if (options.iamOf !== undefined) {
    // A name alone is of its task's account: known when every cluster is of one account.
    const partition = parsed?.partition ?? [...partitions][0] ?? "aws";
    const account = parsed?.account ?? (accounts.size === 1 ? [...accounts][0]! : null);
    if (account === null) return { kind: "not-checked", reason: `named without its account, and the clusters are of several (${clustersOf})` };
    iam = await options.iamOf({ partition, account }, role);
  } else if (parsed !== null && accounts.size > 0 && !accounts.has(parsed.account)) {
    // GetRole reads the caller's account only; without --assume-role the clusters' account is the caller's.
    return { kind: "not-checked", reason: `role of account ${parsed.account}, not the clusters' (${clustersOf}); --assume-role NAME checks it there` };
  }
  const read = await readRoleTrustPolicy(iam!, name, prefix);
  if (!read.found) return { kind: "not-checked", reason: "role not found in IAM" };
  return checkTrustConditions(read.document);
}

function roleArns(services: readonly FleetService[]): string[] {
  const arns = new Set<string>();
  for (const service of services) {
    if (service.taskRoleArn !== null) arns.add(service.taskRoleArn);
    if (service.executionRoleArn !== null) arns.add(service.executionRoleArn);
  }
  return [...arns].sort(compareText);
}

/** `--cluster prod --cluster arn:...:cluster/prod` names one cluster once; the first spelling is kept. */
function uniqueClusters(clusters: readonly string[]): string[] {
  const byName = new Map<string, string>();
  for (const cluster of clusters) if (!byName.has(clusterName(cluster))) byName.set(clusterName(cluster), cluster);
  return [...byName.values()];
}

/** arn:aws:ecs:REGION:ACCOUNT:cluster/NAME -> NAME; a name stays as it is. */
function clusterName(cluster: string): string {
  const match = /^arn:[\w-]+:ecs:[^:]*:\d*:cluster\/(.+)$/.exec(cluster);
  return match === null ? cluster : match[1]!;
}

function arnAccount(arn: string): string | null {
  return /^arn:[\w-]+:[\w-]+:[^:]*:(\d{12}):/.exec(arn)?.[1] ?? null;
}
