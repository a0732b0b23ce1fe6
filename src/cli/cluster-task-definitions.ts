import { ECSClient } from "@aws-sdk/client-ecs";
import { createEcsClient } from "../aws/ecs/ecs-client.js";
import { readTaskDefinitionsInUse } from "../aws/ecs/task-definitions-in-use.js";
import { configuredRegion } from "../aws/sdk-environment.js";
import type { TaskDefinition } from "../ecs/task-definition.js";
import { UsageError } from "../usage-error.js";
import { ecsAccounts } from "./ecs-accounts.js";

export interface ClusterFlags {
  /** --cluster: names or ARNs; none: every cluster of the region. */
  readonly clusters: readonly string[];
  readonly profile: string | undefined;
  /** --region, checked; otherwise the profile's. */
  readonly region: string | undefined;
  /** What messages start with: "ecs audit". */
  readonly prefix: string;
  /** --assume-role, checked: how clusters named by another account's ARN are read. */
  readonly assumeRole?: string | undefined;
}

/** The task definitions the clusters' services run, read from ECS (read-only) in one region. */
export async function readClusterTaskDefinitions(flags: ClusterFlags): Promise<TaskDefinition[]> {
  if (flags.clusters.some((cluster) => cluster.trim() === "")) throw new UsageError("--cluster needs a cluster name or ARN");
  const profile = flags.profile !== undefined ? { profile: flags.profile } : {};
  const region = flags.region ?? (await configuredRegion(() => new ECSClient(profile)));
  if (region === undefined) {
    throw new UsageError(`${flags.prefix}: no AWS region configured: pass --region, or set AWS_REGION or the profile's region (or --task-definition FILE to work offline)`);
  }
  const ecs = createEcsClient({ ...profile, region });
  const accounts = ecsAccounts({ profile: flags.profile, region, assumeRole: flags.assumeRole, prefix: flags.prefix }, { ecs });
  try {
    return await readTaskDefinitionsInUse({ ecs, region, clusters: flags.clusters, prefix: flags.prefix, ecsOf: accounts.ecsOf });
  } finally {
    accounts.destroy();
    ecs.destroy();
  }
}
