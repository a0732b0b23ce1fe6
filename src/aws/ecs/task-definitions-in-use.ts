import type { ECSClient } from "@aws-sdk/client-ecs";
import type { TaskDefinition } from "../../ecs/task-definition.js";
import { describeServices, listClusterArns, listServiceArns } from "./cluster-services.js";
import type { EcsCallContext } from "./ecs-errors.js";
import { describeTaskDefinition } from "./task-definitions.js";

export interface TaskDefinitionsInUseOptions {
  readonly ecs: ECSClient;
  readonly region: string;
  /** Cluster names or ARNs; none: every cluster of the region. */
  readonly clusters?: readonly string[];
  /** What failure messages start with ("ecs audit"). */
  readonly prefix: string;
  /** maxResults of the list calls (ECS's maximum by default): lets tests make ECS paginate. */
  readonly pageSize?: number;
  /** The ECS client of a cluster named by the ARN of another account (--assume-role); default `ecs`. */
  readonly ecsOf?: (cluster: string) => Promise<ECSClient>;
}

/**
 * The task definitions the clusters' services run, each described once however many services
 * share it, in ARN order. Only ECS reads (ListClusters, ListServices, DescribeServices,
 * DescribeTaskDefinition), one after another, since ECS throttles per account and region.
 */
export async function readTaskDefinitionsInUse(options: TaskDefinitionsInUseOptions): Promise<TaskDefinition[]> {
  const { ecs, region } = options;
  const context: EcsCallContext = { prefix: options.prefix, region };
  const named = options.clusters ?? [];
  const clusters = named.length > 0 ? [...new Set(named)] : await listClusterArns(ecs, context, options.pageSize);
  // A task definition is described in its service's account, with the client that listed the service.
  const inUse = new Map<string, ECSClient>();
  for (const cluster of clusters) {
    // ListClusters lists the caller's own clusters; only a named one may be of another account.
    const clusterEcs = named.length > 0 ? ((await options.ecsOf?.(cluster)) ?? ecs) : ecs;
    const services = await describeServices(clusterEcs, cluster, await listServiceArns(clusterEcs, cluster, context, options.pageSize), context);
    for (const service of services) if (service.taskDefinition !== null && !inUse.has(service.taskDefinition)) inUse.set(service.taskDefinition, clusterEcs);
  }
  const definitions: TaskDefinition[] = [];
  for (const [arn, client] of [...inUse].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) definitions.push(await describeTaskDefinition(client, arn, context));
  return definitions;
}
