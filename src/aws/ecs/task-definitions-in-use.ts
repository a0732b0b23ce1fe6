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
  const inUse = new Set<string>();
  for (const cluster of clusters) {
    const services = await describeServices(ecs, cluster, await listServiceArns(ecs, cluster, context, options.pageSize), context);
    for (const service of services) if (service.taskDefinition !== null) inUse.add(service.taskDefinition);
  }
  const definitions: TaskDefinition[] = [];
  for (const arn of [...inUse].sort()) definitions.push(await describeTaskDefinition(ecs, arn, context));
  return definitions;
}
