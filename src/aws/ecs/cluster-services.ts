import {
  DescribeServicesCommand,
  ListClustersCommand,
  ListServicesCommand,
  type ECSClient,
  type ListClustersCommandInput,
  type ListServicesCommandInput,
  type Service,
} from "@aws-sdk/client-ecs";
import { callEcs, type EcsCallContext } from "./ecs-errors.js";
import { ecsPages } from "./ecs-pages.js";

/** One service as the fleet map needs it. */
export interface ServiceDescription {
  readonly clusterArn: string;
  readonly serviceName: string;
  readonly serviceArn: string;
  /** The task definition ARN the service runs; null when ECS names none (see serviceTaskDefinition). */
  readonly taskDefinition: string | null;
}

/** The largest page ListClusters and ListServices return (ECS API reference, "maxResults": 1 to 100). */
export const ECS_LIST_PAGE_SIZE = 100;

/** DescribeServices takes at most 10 services per call (ECS API reference, DescribeServices "services"). */
export const DESCRIBE_SERVICES_BATCH = 10;

/** Every cluster ARN of the region. */
export async function listClusterArns(client: ECSClient, context: EcsCallContext, pageSize = ECS_LIST_PAGE_SIZE): Promise<string[]> {
  return callEcs("ListClusters", {}, context, async () => {
    const arns: string[] = [];
    const list = (input: ListClustersCommandInput) => client.send(new ListClustersCommand(input));
    for await (const page of ecsPages(list, {}, pageSize)) arns.push(...(page.clusterArns ?? []));
    return arns;
  });
}

/** Every service ARN of a cluster (a name or an ARN); an unknown cluster is a usage error naming it. */
export async function listServiceArns(client: ECSClient, cluster: string, context: EcsCallContext, pageSize = ECS_LIST_PAGE_SIZE): Promise<string[]> {
  return callEcs("ListServices", { cluster }, context, async () => {
    const arns: string[] = [];
    const list = (input: ListServicesCommandInput) => client.send(new ListServicesCommand(input));
    for await (const page of ecsPages(list, { cluster }, pageSize)) arns.push(...(page.serviceArns ?? []));
    return arns;
  });
}

/**
 * The services named, described ten at a time. A service deleted between ListServices and
 * DescribeServices comes back as a failure with reason MISSING: it no longer runs, so it is left
 * out; any other failure reason is unexpected and stops the read.
 */
export async function describeServices(client: ECSClient, cluster: string, serviceArns: readonly string[], context: EcsCallContext): Promise<ServiceDescription[]> {
  const described: ServiceDescription[] = [];
  for (let start = 0; start < serviceArns.length; start += DESCRIBE_SERVICES_BATCH) {
    const batch = serviceArns.slice(start, start + DESCRIBE_SERVICES_BATCH);
    const answer = await callEcs("DescribeServices", { cluster }, context, () => client.send(new DescribeServicesCommand({ cluster, services: batch })));
    const failure = (answer.failures ?? []).find((f) => f.reason !== "MISSING");
    if (failure !== undefined) throw new Error(`ECS DescribeServices for cluster ${cluster} failed for ${failure.arn ?? "a service"}: ${failure.reason ?? ""} ${failure.detail ?? ""}`.trim());
    for (const service of answer.services ?? []) described.push(serviceDescription(service, cluster));
  }
  return described;
}

function serviceDescription(service: Service, cluster: string): ServiceDescription {
  const { serviceName, serviceArn, clusterArn } = service;
  if (serviceName === undefined || serviceArn === undefined) throw new Error(`ECS DescribeServices for cluster ${cluster} returned a service without a name or ARN`);
  return { clusterArn: clusterArn ?? cluster, serviceName, serviceArn, taskDefinition: serviceTaskDefinition(service) };
}

/**
 * The task definition a service is set to run: `taskDefinition`, which is its PRIMARY deployment's
 * (older deployments still draining during a rollout are not the one in use). A service with the
 * EXTERNAL deployment controller has no taskDefinition of its own; its PRIMARY task set's is used.
 */
function serviceTaskDefinition(service: Service): string | null {
  if (service.taskDefinition !== undefined && service.taskDefinition !== "") return service.taskDefinition;
  return service.taskSets?.find((set) => set.status === "PRIMARY")?.taskDefinition ?? null;
}
