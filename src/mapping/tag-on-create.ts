import type { UsageRow } from "../engines/usage-row.js";
import { arnFormatPattern } from "../iam/arn.js";
import { type IamCatalog, qualifiedName, splitActionName } from "../iam/catalog.js";
import type { PolicyCondition } from "../policy/policy-document.js";
import { stripVersionSuffix } from "./event-actions.js";
import type { ActionExplanation } from "./explanation.js";

/**
 * Tag-on-create: a call that creates a resource and tags it in the same request also needs the
 * service's tag action on the new resource, and CloudTrail logs no separate tag call for it.
 * Only when the request carries tags: a create without tags needs no tag action (iam-dataset's
 * 2022 map lists the tag action for every create, tags or not). Each row cites the API or user
 * guide page that says the tag action is required for tags given on create.
 */
export interface TagOnCreate {
  /** "prefix:eventName", version suffix stripped. */
  readonly calls: readonly string[];
  /** The usage-row parameter that holds the request's tags (request-parameters.ts keeps it). */
  readonly tags: string;
  readonly action: string;
  /**
   * The iam-data resource type the call creates, which the tag action names: the call's own ARN
   * of that type when its builder named one, else the type's ARN format with every name `*` in
   * the event's account and Region (the new resource's id is only in the response). "tagged":
   * each type the request's tag specifications name (EC2), as such a pattern.
   */
  readonly creates: string;
  /** The condition that limits the tag grant to tagging on create, where the service has one. */
  readonly createAction?: string;
  readonly source: string;
}

/** EC2 tag specifications: `tagSpecificationSet.items[].resourceType`, kept by the engine as a list of types. */
export const EC2_TAGGED_TYPES = "tagSpecificationSet.items[].resourceType";
/** Tags as a list of {key, value} (RDS, ElastiCache, DynamoDB, SNS, Secrets Manager, ECS, SSM, ECR, KMS): the keys. */
export const TAG_KEYS = "tags[].key";
/** Tags as an object of key -> value (CloudWatch Logs, Lambda, Kinesis), kept as its JSON text. */
export const TAG_OBJECT = "tags";

const EC2 =
  "EC2 User Guide, 'Grant permission to tag Amazon EC2 resources during creation': tagging on create needs ec2:CreateTags on the new resources, and the ec2:CreateAction condition limits it to the creating call";
const RDS =
  "SAR Amazon RDS: rds:AddTagsToResource is a dependent action of the create calls for their aws:RequestTag keys; RDS User Guide, 'Tagging Amazon RDS resources' (tags given in the create request are added with AddTagsToResource permissions)";
const ELASTICACHE =
  "ElastiCache User Guide, 'Tagging resources during creation' / 'Using cost allocation tags': a create request with Tags needs elasticache:AddTagsToResource on the new resource";
const ECS =
  "ECS Developer Guide, 'Grant permission to tag resources on creation': a create action with tags needs ecs:TagResource";

export const TAG_ON_CREATE: readonly TagOnCreate[] = [
  {
    calls: [
      "ec2:RunInstances", "ec2:CreateVolume", "ec2:CreateSnapshot", "ec2:CreateSnapshots", "ec2:CreateSecurityGroup", "ec2:CreateLaunchTemplate",
      "ec2:CreateLaunchTemplateVersion", "ec2:CreateVpc", "ec2:CreateSubnet", "ec2:CreateInternetGateway", "ec2:CreateNatGateway", "ec2:CreateRouteTable",
      "ec2:CreateNetworkInterface", "ec2:AllocateAddress", "ec2:CreateKeyPair", "ec2:ImportKeyPair", "ec2:CreateVpcEndpoint", "ec2:CreateFlowLogs",
      "ec2:CreateImage", "ec2:CopyImage", "ec2:CopySnapshot", "ec2:CreateFleet", "ec2:RequestSpotInstances", "ec2:CreateNetworkAcl",
      "ec2:CreateEgressOnlyInternetGateway", "ec2:CreateDhcpOptions", "ec2:CreateTransitGateway", "ec2:CreatePlacementGroup", "ec2:CreateCapacityReservation",
    ],
    tags: EC2_TAGGED_TYPES,
    action: "ec2:CreateTags",
    creates: "tagged",
    createAction: "ec2:CreateAction",
    source: EC2,
  },
  { calls: ["rds:CreateDBInstance", "rds:CreateDBInstanceReadReplica", "rds:RestoreDBInstanceFromDBSnapshot", "rds:RestoreDBInstanceFromS3", "rds:RestoreDBInstanceToPointInTime"], tags: TAG_KEYS, action: "rds:AddTagsToResource", creates: "db", source: RDS },
  { calls: ["rds:CreateDBCluster", "rds:RestoreDBClusterFromS3", "rds:RestoreDBClusterFromSnapshot", "rds:RestoreDBClusterToPointInTime"], tags: TAG_KEYS, action: "rds:AddTagsToResource", creates: "cluster", source: RDS },
  { calls: ["rds:CreateDBSnapshot", "rds:CopyDBSnapshot"], tags: TAG_KEYS, action: "rds:AddTagsToResource", creates: "snapshot", source: RDS },
  { calls: ["rds:CreateDBClusterSnapshot", "rds:CopyDBClusterSnapshot"], tags: TAG_KEYS, action: "rds:AddTagsToResource", creates: "cluster-snapshot", source: RDS },
  { calls: ["rds:CreateDBSubnetGroup"], tags: TAG_KEYS, action: "rds:AddTagsToResource", creates: "subgrp", source: RDS },
  { calls: ["rds:CreateDBParameterGroup", "rds:CopyDBParameterGroup"], tags: TAG_KEYS, action: "rds:AddTagsToResource", creates: "pg", source: RDS },
  { calls: ["rds:CreateDBClusterParameterGroup", "rds:CopyDBClusterParameterGroup"], tags: TAG_KEYS, action: "rds:AddTagsToResource", creates: "cluster-pg", source: RDS },
  { calls: ["rds:CreateOptionGroup", "rds:CopyOptionGroup"], tags: TAG_KEYS, action: "rds:AddTagsToResource", creates: "og", source: RDS },
  { calls: ["rds:CreateEventSubscription"], tags: TAG_KEYS, action: "rds:AddTagsToResource", creates: "es", source: RDS },
  { calls: ["elasticache:CreateCacheCluster"], tags: TAG_KEYS, action: "elasticache:AddTagsToResource", creates: "cluster", source: ELASTICACHE },
  { calls: ["elasticache:CreateReplicationGroup"], tags: TAG_KEYS, action: "elasticache:AddTagsToResource", creates: "replicationgroup", source: ELASTICACHE },
  { calls: ["elasticache:CreateCacheParameterGroup"], tags: TAG_KEYS, action: "elasticache:AddTagsToResource", creates: "parametergroup", source: ELASTICACHE },
  { calls: ["elasticache:CreateCacheSubnetGroup"], tags: TAG_KEYS, action: "elasticache:AddTagsToResource", creates: "subnetgroup", source: ELASTICACHE },
  { calls: ["elasticache:CreateCacheSecurityGroup"], tags: TAG_KEYS, action: "elasticache:AddTagsToResource", creates: "securitygroup", source: ELASTICACHE },
  { calls: ["elasticache:CreateSnapshot", "elasticache:CopySnapshot"], tags: TAG_KEYS, action: "elasticache:AddTagsToResource", creates: "snapshot", source: ELASTICACHE },
  { calls: ["elasticache:CreateUser"], tags: TAG_KEYS, action: "elasticache:AddTagsToResource", creates: "user", source: ELASTICACHE },
  { calls: ["elasticache:CreateUserGroup"], tags: TAG_KEYS, action: "elasticache:AddTagsToResource", creates: "usergroup", source: ELASTICACHE },
  { calls: ["elasticache:CreateServerlessCache"], tags: TAG_KEYS, action: "elasticache:AddTagsToResource", creates: "serverlesscache", source: ELASTICACHE },
  {
    calls: ["dynamodb:CreateTable"], tags: TAG_KEYS, action: "dynamodb:TagResource", creates: "table",
    source: "DynamoDB Developer Guide, 'Tagging resources in DynamoDB' / 'Using IAM policies for tagging': a CreateTable request with Tags needs dynamodb:TagResource",
  },
  {
    calls: ["sns:CreateTopic"], tags: TAG_KEYS, action: "sns:TagResource", creates: "topic",
    source: "SNS API Reference, CreateTopic Tags: 'To be able to tag a topic on creation, you must have the sns:CreateTopic and sns:TagResource permissions'",
  },
  {
    calls: ["secretsmanager:CreateSecret", "secretsmanager:ReplicateSecretToRegions"], tags: TAG_KEYS, action: "secretsmanager:TagResource", creates: "Secret",
    source: "Secrets Manager API Reference, CreateSecret, Required permissions: 'If you include tags in the secret, you also need secretsmanager:TagResource'",
  },
  { calls: ["ecs:CreateCluster"], tags: TAG_KEYS, action: "ecs:TagResource", creates: "cluster", createAction: "ecs:CreateAction", source: ECS },
  { calls: ["ecs:CreateService"], tags: TAG_KEYS, action: "ecs:TagResource", creates: "service", createAction: "ecs:CreateAction", source: ECS },
  { calls: ["ecs:RegisterTaskDefinition"], tags: TAG_KEYS, action: "ecs:TagResource", creates: "task-definition", createAction: "ecs:CreateAction", source: ECS },
  { calls: ["ecs:RunTask", "ecs:StartTask"], tags: TAG_KEYS, action: "ecs:TagResource", creates: "task", createAction: "ecs:CreateAction", source: ECS },
  { calls: ["ecs:CreateCapacityProvider"], tags: TAG_KEYS, action: "ecs:TagResource", creates: "capacity-provider", createAction: "ecs:CreateAction", source: ECS },
  {
    calls: ["ssm:PutParameter"], tags: TAG_KEYS, action: "ssm:AddTagsToResource", creates: "parameter",
    source: "Systems Manager User Guide, 'Tagging Systems Manager parameters' / PutParameter Tags: tagging a parameter on creation needs ssm:AddTagsToResource",
  },
  {
    calls: ["ecr:CreateRepository"], tags: TAG_KEYS, action: "ecr:TagResource", creates: "repository",
    source: "ECR User Guide, 'Tagging a repository' / 'Using tag-based access control': CreateRepository with tags needs ecr:TagResource",
  },
  {
    calls: ["kms:CreateKey", "kms:ReplicateKey"], tags: TAG_KEYS, action: "kms:TagResource", creates: "key",
    source: "KMS API Reference, CreateKey Tags: 'To use this parameter, you must have kms:TagResource permission in an IAM policy'",
  },
  {
    calls: ["logs:CreateLogGroup"], tags: TAG_OBJECT, action: "logs:TagResource", creates: "log-group",
    source: "CloudWatch Logs API Reference, CreateLogGroup tags: 'To create a log group with tags, you must have both the logs:CreateLogGroup and logs:TagResource permissions'",
  },
  {
    calls: ["lambda:CreateFunction"], tags: TAG_OBJECT, action: "lambda:TagResource", creates: "function",
    source: "Lambda Developer Guide, 'Using attribute-based access control in Lambda' / 'Tags on functions': creating a function with Tags needs lambda:TagResource",
  },
  {
    calls: ["kinesis:CreateStream"], tags: TAG_OBJECT, action: "kinesis:AddTagsToStream", creates: "stream",
    source: "Kinesis API Reference, CreateStream Tags: 'If you pass the Tags parameter, in addition to having the kinesis:CreateStream permission, you must also have the kinesis:AddTagsToStream permission'",
  },
];

const BY_CALL: ReadonlyMap<string, TagOnCreate> = new Map(TAG_ON_CREATE.flatMap((rule) => rule.calls.map((call) => [call, rule] as const)));

/** The tag-on-create rule of a call, whether or not its request carries tags. */
export function tagOnCreateRule(servicePrefix: string, eventName: string): TagOnCreate | undefined {
  return BY_CALL.get(`${servicePrefix}:${stripVersionSuffix(eventName)}`);
}

/** The request parameters tag-on-create reads, per service prefix: what the engine must keep. */
export function tagParameters(servicePrefix: string): readonly string[] {
  return [...new Set(TAG_ON_CREATE.filter((rule) => rule.calls.some((call) => call.startsWith(`${servicePrefix}:`))).map((rule) => rule.tags))].sort();
}

/** The eventSources of the calls above: each service's host is its prefix (service-prefix.ts has no exception for them). */
export function tagOnCreateEventSources(): readonly string[] {
  return [...new Set(TAG_ON_CREATE.flatMap((rule) => rule.calls.map((call) => `${call.slice(0, call.indexOf(":"))}.amazonaws.com`)))].sort();
}

/**
 * The tag action a granted call needs because its request carries tags: on the resource it
 * creates (its own ARN of that type, or the type's pattern), marked implied (no logged call
 * shows it). None when the request has no tags, or the call itself already needs the action.
 */
export function explainTagOnCreate(servicePrefix: string, own: readonly ActionExplanation[], row: UsageRow, catalog: IamCatalog, partition: string): ActionExplanation[] {
  const rule = tagOnCreateRule(servicePrefix, row.eventName);
  if (rule === undefined) return [];
  const tagged = taggedValues(row.parameters[rule.tags]);
  if (tagged.length === 0) return [];
  if (own.some((a) => a.action.toLowerCase() === rule.action.toLowerCase())) return [];
  const why = `the request tags the resource it creates (requestParameters ${rule.tags}), and tagging on create needs ${rule.action}`;
  const actionVia = `tag-on-create of ${stripVersionSuffix(row.eventName)}: ${rule.source}`;
  const action = catalog.action(...splitActionName(rule.action));
  if (action === undefined) {
    return [{ action: rule.action, exists: false, actionVia, candidate: false, resources: [], resourcesVia: null, unmapped: `iam-data has no action ${rule.action}`, implied: why }];
  }
  const common = { action: qualifiedName(action), exists: true, actionVia, candidate: false, implied: why };
  // Tagging what the call could not be granted on would grant more than the call itself.
  const unnamed = own.find((a) => a.exists && !a.candidate && a.unmapped !== null);
  if (unnamed !== undefined) return [{ ...common, resources: [], resourcesVia: null, unmapped: `the resource ${row.eventName} creates is not named, so neither is the one it tags: ${unnamed.unmapped}` }];
  const types = rule.creates === "tagged" ? tagged : [rule.creates];
  const conditions: PolicyCondition | undefined = rule.createAction === undefined ? undefined : { StringEquals: { [rule.createAction]: [stripVersionSuffix(row.eventName)] } };
  const withConditions = conditions === undefined ? {} : { conditions, conditionsVia: `${rule.createAction}: the grant is for tagging on create only (${rule.source})` };
  const resources: string[] = [];
  const vias: string[] = [];
  for (const type of types) {
    const format = catalog.resourceArnFormat(action.service, type);
    if (format === undefined || !action.resourceTypes.some((t) => t.name.toLowerCase() === type.toLowerCase())) {
      return [{ ...common, resources: [], resourcesVia: null, unmapped: `${rule.action} has no resource type "${type}" in iam-data for the resource ${row.eventName} tags` }];
    }
    const pattern = arnFormatPattern(format);
    const named = own.filter((a) => !a.implied && a.unmapped === null).flatMap((a) => a.resources).filter((arn) => arn !== "*" && pattern.test(arn));
    if (named.length > 0) {
      resources.push(...named);
      vias.push(`the ${type} ${row.eventName} creates, as its own resource`);
    } else {
      resources.push(typePattern(format, partition, row));
      vias.push(`any ${type} of the account and Region: the new ${type}'s id is only in the response (scoped pattern)`);
    }
  }
  return [{ ...common, resources: [...new Set(resources)].sort(), resourcesVia: vias.join("; "), unmapped: null, ...withConditions }];
}

/** The tag values a usage-row parameter holds: a list of types or keys, or an object's JSON text when it has a member. */
function taggedValues(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  if (typeof value !== "string") return value;
  const text = value.trim();
  return text === "" || text === "{}" || text === "[]" || text === "null" ? [] : [text];
}

/** An ARN format with partition, Region and account of the event and every other variable `*`. */
function typePattern(format: string, partition: string, row: Pick<UsageRow, "region" | "account">): string {
  const first = format.split(/,\s*(?=arn:)/)[0] as string;
  return first.replace(/\$\{([^}]+)\}/g, (_, name: string) => (name === "Partition" ? partition : name === "Region" ? row.region : name === "Account" ? row.account : "*"));
}
