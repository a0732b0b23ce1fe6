import { parseArn } from "../../iam/arn.js";
import { stripVersionSuffix } from "../event-actions.js";
import {
  type ArnBuilder,
  type ArnContext,
  arnInEventAccount,
  byResourceType,
  type Found,
  found,
  foundInResources,
  stringListParameter,
  stringParameter,
  viaParameter,
} from "./arn-context.js";

/** The cluster ECS uses when a call names none. Source: ECS API Reference, e.g. RunTask `cluster`. */
const DEFAULT_CLUSTER = "default";

/**
 * Clusters `cluster/NAME`, services `service/CLUSTER/NAME`, tasks `task/CLUSTER/ID`, task
 * definitions `task-definition/FAMILY:REVISION`. `cluster`, `service`, `services`, `clusters`
 * hold names or ARNs. Task ids are one per task (the engine does not keep them), so task actions
 * are granted on every task of the cluster, `task/CLUSTER/*`; task definition revisions change on
 * every deploy, so a task definition is granted as `FAMILY:*`. Both are the forms the ECS
 * Developer Guide's policy examples use. Source: ECS Developer Guide, "Amazon ECS identity-based
 * policy examples" and "Amazon Resource Names (ARNs) and IDs".
 */
export const ecsArns: ArnBuilder = (context) =>
  byResourceType(context, {
    cluster: (c, required) => clusterArns(c, required),
    service: serviceArns,
    task: taskArns,
    "task-definition": taskDefinitionArns,
    "container-instance": containerInstanceArns,
  });

/**
 * Container instances are `container-instance/CLUSTER/ID`. ListTasks is authorized on them, not
 * on the cluster; it names the cluster only, so it is granted on the cluster's instances (a scoped
 * pattern; `default` when it names none). Source: Service Authorization Reference, Amazon ECS:
 * ListTasks (container-instance); ECS API Reference, ListTasks `cluster`.
 */
function containerInstanceArns(context: ArnContext): Found {
  const named = foundInResources(context, "container-instance");
  if (named !== undefined || context.action.name !== "ListTasks") return named;
  const cluster = clusterOf(context);
  return found([ecsArn(context, cluster.account, `container-instance/${cluster.name}/*`)], `${cluster.via} (scoped pattern: every container instance of the cluster)`);
}

/** The cluster a call acts in: its name, account and where it was read. */
function clusterOf(context: ArnContext): { name: string; account: string; via: string } {
  // CreateCluster names the cluster it creates `clusterName`; every other call names the one it acts in `cluster`.
  const name = stripVersionSuffix(context.row.eventName) === "CreateCluster" ? "clusterName" : "cluster";
  const cluster = stringParameter(context.row, name);
  if (cluster === undefined) return { name: DEFAULT_CLUSTER, account: context.row.account, via: "default cluster (none named)" };
  const arn = parseArn(cluster);
  if (arn === undefined) return { name: cluster, account: context.row.account, via: viaParameter(name) };
  return { name: arn.resource.replace(/^cluster\//, ""), account: arn.account, via: viaParameter(name) };
}

function ecsArn(context: ArnContext, account: string, resource: string): string {
  return `arn:${context.partition}:ecs:${context.row.region}:${account}:${resource}`;
}

function clusterArns(context: ArnContext, required: boolean): Found {
  const listed = stringListParameter(context.row, "clusters");
  if (listed.length > 0) {
    return found(listed.map((c) => (parseArn(c) !== undefined ? c : arnInEventAccount(context, "ecs", `cluster/${c}`))), viaParameter("clusters"));
  }
  // An optional cluster (TagResource names any resource) is not the default cluster.
  if (!required && stringParameter(context.row, "cluster") === undefined) return foundInResources(context, "cluster");
  const cluster = clusterOf(context);
  return found([ecsArn(context, cluster.account, `cluster/${cluster.name}`)], cluster.via);
}

function serviceArns(context: ArnContext): Found {
  const cluster = clusterOf(context);
  for (const name of ["services", "service", "serviceName"]) {
    const services = stringListParameter(context.row, name);
    if (services.length === 0) continue;
    const arns = services.map((s) => (parseArn(s) !== undefined ? s : ecsArn(context, cluster.account, `service/${cluster.name}/${s}`)));
    return found(arns, `${viaParameter(name)} + ${cluster.via}`);
  }
  return foundInResources(context, "service");
}

function taskArns(context: ArnContext): Found {
  const cluster = clusterOf(context);
  return found([ecsArn(context, cluster.account, `task/${cluster.name}/*`)], `${cluster.via} (every task of the cluster)`);
}

function taskDefinitionArns(context: ArnContext): Found {
  const named = stringParameter(context.row, "taskDefinition") ?? stringParameter(context.row, "family");
  if (named === undefined) return foundInResources(context, "task-definition");
  const via = `${viaParameter(stringParameter(context.row, "taskDefinition") !== undefined ? "taskDefinition" : "family")} (every revision)`;
  const arn = parseArn(named);
  const family = (arn === undefined ? named : arn.resource.replace(/^task-definition\//, "")).replace(/:\d+$/, "");
  const account = arn?.account ?? context.row.account;
  return found([ecsArn(context, account, `task-definition/${family}:*`)], via);
}
