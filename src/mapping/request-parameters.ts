import type { ParameterSelection } from "../engines/usage-row.js";
import { routeParameters } from "./apigateway-routes.js";
import { rolePassingEventSources, rolePassingLists, rolePassingNested, rolePassingParameters } from "./passed-roles.js";
import { FLAGS_BY_SOURCE, REQUEST_FLAGS } from "./request-features.js";
import { ITEM_VALUES } from "./item-actions.js";
import { servicePrefixOf } from "./service-prefix.js";
import { EC2_TAGGED_TYPES, TAG_KEYS, tagOnCreateEventSources, tagParameters } from "./tag-on-create.js";
import { DEPENDENT_LISTS, dependentFolders, dependentParameters } from "./dependent-actions.js";

/**
 * Event sources whose calls pass roles (passed-roles.ts) besides those selected below for their
 * resources; each source's selection gets its PassRole parameters added.
 */
const ROLE_PASSING_SOURCES = [
  "appsync.amazonaws.com", "cloudformation.amazonaws.com", "codebuild.amazonaws.com", "codepipeline.amazonaws.com", "cognito-idp.amazonaws.com",
  "eks.amazonaws.com", "glue.amazonaws.com", "mediaconvert.amazonaws.com", "sagemaker.amazonaws.com", "ses.amazonaws.com", "transfer.amazonaws.com",
];

/**
 * Each event source's names plus the request features it is read for (request-features.ts) and the
 * role parameters of its service's calls (nested names joined by ".").
 */
function withPassedRoles(parameters: Readonly<Record<string, readonly string[]>>): Readonly<Record<string, readonly string[]>> {
  const sources = [...new Set([...Object.keys(parameters), ...Object.keys(FLAGS_BY_SOURCE), ...ROLE_PASSING_SOURCES, ...rolePassingEventSources()])].sort();
  return Object.fromEntries(
    sources.map((source) => {
      const own = [...(parameters[source] ?? []), ...(FLAGS_BY_SOURCE[source] ?? [])];
      return [source, [...own, ...rolePassingParameters(servicePrefixOf(source)).filter((name) => !own.includes(name))]];
    }),
  );
}

/**
 * Each event source's names plus the tag parameters of its service's tag-on-create calls
 * (tag-on-create.ts): the tag keys of a list of tags, EC2's tagged resource types, or an object of
 * tags as its text, which is configuration and as bounded as the other names.
 */
function withTagParameters(parameters: Readonly<Record<string, readonly string[]>>): Readonly<Record<string, readonly string[]>> {
  // Only the creating calls' own hosts: streams.dynamodb shares DynamoDB's prefix but creates nothing.
  const tagging = new Set(tagOnCreateEventSources());
  const sources = [...new Set([...Object.keys(parameters), ...tagging])].sort();
  return Object.fromEntries(
    sources.map((source) => {
      const names = parameters[source] ?? [];
      const tags = tagging.has(source) ? tagParameters(servicePrefixOf(source)) : [];
      return [source, [...names, ...tags.filter((name) => !names.includes(name))]];
    }),
  );
}

/**
 * Each event source's names plus the request parameters its dependent-action rows read
 * (dependent-actions.ts): S3 buckets, object names and URIs (kept only up to their folder, see
 * folders), and the configuration values that decide whether the actions are needed.
 */
function withDependentParameters(parameters: Readonly<Record<string, readonly string[]>>): Readonly<Record<string, readonly string[]>> {
  const dependent = dependentParameters();
  const sources = [...new Set([...Object.keys(parameters), ...Object.keys(dependent)])].sort();
  return Object.fromEntries(
    sources.map((source) => {
      const names = parameters[source] ?? [];
      const extra = dependent[source] ?? [];
      return [source, [...names, ...extra.filter((name) => !names.includes(name))]];
    }),
  );
}

const TAG_NESTED = {
  [TAG_KEYS]: { list: "tags", field: "key" },
  [EC2_TAGGED_TYPES]: { list: "tagSpecificationSet.items", field: "resourceType" },
} as const;

/**
 * The requestParameters the ARN builders read, per eventSource. The engine GROUPs BY these, so only
 * names that identify a resource belong here: never keys, version ids, task or execution ids,
 * bodies or tokens, whose values are as many as the calls. Names come from each service's
 * CloudTrail log examples and API references. The engine extracts each service's names from
 * its own events only (engines/local/parameter-columns.ts). A name with "." reads a nested member
 * (`overrides.taskRoleArn`): role ARNs the call passes (passed-roles.ts), never a whole object.
 */
export const PARAMETER_SELECTION: ParameterSelection = {
  parameters: withDependentParameters(withTagParameters(withPassedRoles({
    // Account Management: AccountId names a member account (not the caller's); its presence is what matters.
    "account.amazonaws.com": ["AccountId"],
    // API Gateway: the path parameters of its routes (ids and names, never bodies).
    "apigateway.amazonaws.com": routeParameters(),
    // Athena: the workgroup a query runs in (`primary` when the call names none).
    "athena.amazonaws.com": ["workGroup"],
    "bedrock.amazonaws.com": ["modelId"],
    "cloudtrail.amazonaws.com": ["name", "trailName", "resourceIdList", "resourceId"],
    // CloudFront: `id` names the call's own resource (a distribution, a policy; GetInvalidation's is the
    // invalidation, one per CreateInvalidation, not per call), `name` a function, `resource` an ARN to tag.
    "cloudfront.amazonaws.com": ["id", "distributionId", "name", "resource"],
    // Transactions and PartiQL name their tables per item: kept reduced to kind and table (item-actions.ts).
    "dynamodb.amazonaws.com": ["tableName", "indexName", ...Object.keys(ITEM_VALUES)],
    // EC2 nests lists as `xxxSet: {items: [...]}`, which arrive as JSON text: only sets of resource
    // ids are kept (never tagSpecificationSet, filterSet, or the *Request wrappers that carry a ClientToken).
    "ec2.amazonaws.com": [
      "instanceId", "instancesSet", "imageId", "snapshotId", "volumeId", "groupId", "groupSet", "vpcId", "subnetId",
      "routeTableId", "internetGatewayId", "networkInterfaceId", "allocationId", "DeleteNatGatewayRequest", "DeleteFlowLogsRequest",
      "networkInterfaceSet", "resourcesSet", "CreateNatGatewayRequest.SubnetId", "CreateNatGatewayRequest.AllocationId", "CreateFlowLogsRequest.ResourceId",
    ],
    "ec2-instance-connect.amazonaws.com": ["instanceId"],
    "ecr.amazonaws.com": ["repositoryName", "registryId"],
    // ECS: `task`/`tasks` are one per task and stay out; tasks are granted per cluster.
    "ecs.amazonaws.com": ["cluster", "clusterName", "clusters", "service", "services", "serviceName", "taskDefinition", "family"],
    "elasticloadbalancing.amazonaws.com": ["targetGroupArn", "loadBalancerArn", "listenerArn", "ruleArn", "resourceArns"],
    // SES v1 identity management (DeleteIdentity, ...) has no resource-level permissions: only sending names identities.
    "email.amazonaws.com": ["source", "sourceArn", "template", "configurationSetName"],
    "events.amazonaws.com": ["eventBusName", "name", "rule", "entries[].eventBusName"],
    "firehose.amazonaws.com": ["deliveryStreamName"],
    // Glue Data Catalog: `name` is a table, a database, a crawler or a job, by call (glue-arns.ts).
    "glue.amazonaws.com": ["catalogId", "databaseName", "name", "tableName", "databaseInput.name", "tableInput.name"],
    "guardduty.amazonaws.com": ["detectorId"],
    // IAM: `path` only matters for the Create* calls, whose resource it is part of.
    "iam.amazonaws.com": [
      "userName", "roleName", "groupName", "policyArn", "policyName", "instanceProfileName", "serialNumber",
      "openIDConnectProviderArn", "sAMLProviderArn", "path",
    ],
    "kinesis.amazonaws.com": ["streamName", "streamARN", "consumerARN"],
    // customKeyStoreType decides whether CreateCustomKeyStore also needs cloudhsm:DescribeClusters.
    "kms.amazonaws.com": ["keyId", "sourceKeyId", "destinationKeyId", "aliasName", "targetKeyId", "customKeyStoreType"],
    "lambda.amazonaws.com": ["functionName"],
    // StartQuery takes lists of groups (at most 50: bounded by the API).
    "logs.amazonaws.com": ["logGroupName", "logGroupIdentifier", "logGroupNames", "logGroupIdentifiers"],
    "monitoring.amazonaws.com": ["alarmNames", "alarmName"],
    "rds.amazonaws.com": [
      "dBInstanceIdentifier", "dBSnapshotIdentifier", "dBClusterIdentifier", "dBClusterSnapshotIdentifier", "dBSubnetGroupName",
      "dBParameterGroupName", "dBClusterParameterGroupName", "optionGroupName", "resourceName",
      "globalClusterIdentifier", "subscriptionName", "blueGreenDeploymentIdentifier",
    ],
    "rolesanywhere.amazonaws.com": ["profileId", "trustAnchorId", "crlId"],
    "route53resolver.amazonaws.com": [
      "resolverQueryLogConfigId", "resolverRuleId", "resolverEndpointId", "firewallRuleGroupId", "firewallDomainListId",
    ],
    // x-amz-copy-source holds the source key: kept only up to its folder (see folders).
    "s3.amazonaws.com": ["bucketName", "x-amz-copy-source", "configId", "configurationARN"],
    "secretsmanager.amazonaws.com": ["secretId", "secretIdList", "name"],
    "securityhub.amazonaws.com": ["hubArn"],
    // SES v2, and v1's sending calls, which CloudTrail may also log under ses.amazonaws.com.
    "ses.amazonaws.com": ["fromEmailAddress", "fromEmailAddressIdentityArn", "emailIdentity", "configurationSetName", "source", "sourceArn", "template"],
    "sns.amazonaws.com": ["topicArn", "targetArn", "name"],
    // tags: whether CreateQueue also needed sqs:TagQueue (one tag set per queue, not per call).
    "sqs.amazonaws.com": ["queueUrl", "queueName", "queueOwnerAWSAccountId", "tags"],
    // SSM: sessionId (one per session), commandId and associationId (one per run) stay out.
    "ssm.amazonaws.com": ["name", "names", "path", "documentName", "instanceIds", "instanceId", "target", "resourceId", "resourceType"],
    // Step Functions: `executionArn` is one per execution: kept only up to its state machine (see arnPrefixes).
    "states.amazonaws.com": ["stateMachineArn", "activityArn", "executionArn"],
    "streams.dynamodb.amazonaws.com": ["streamArn"],
    // STS: roleSessionName is one per session and stays out.
    "sts.amazonaws.com": ["roleArn", "name"],
  }))),
  objectKey: {
    "logs.amazonaws.com": "logStreamName",
    "s3.amazonaws.com": "key",
  },
  // Some multipart calls are logged with the object only in resources[] (AWS::S3::Object).
  objectKeyResources: { "s3.amazonaws.com": "AWS::S3::Object" },
  lists: [
    "alarmNames", "clusters", "instanceIds", "logGroupIdentifiers", "logGroupNames", "names", "resourceArns", "resourceIdList", "secretIdList", "services",
    // Lists of role ARNs a call passes (Redshift iamRoles): passed-roles.ts.
    ...rolePassingLists(),
    // Grafana's authenticationProviders decides its IAM Identity Center dependencies (dependent-actions.ts).
    ...DEPENDENT_LISTS,
  ],
  // Object names and S3 URIs the dependent actions of a call read (dependent-actions.ts): as many as the objects, so only their folder.
  folders: ["x-amz-copy-source", ...dependentFolders()],
  arnPrefixes: ["executionArn"],
  flags: REQUEST_FLAGS,
  nested: {
    ...ITEM_VALUES,
    // Role ARNs inside lists of objects (Auto Scaling lifecycleHookSpecificationList[].roleARN): passed-roles.ts.
    ...rolePassingNested(),
    // Whether a create request carries tags, bounded to tag keys and EC2's tagged resource types (tag-on-create.ts).
    ...TAG_NESTED,
    // PutEvents names its bus per entry; "" (no name) is the default bus.
    "entries[].eventBusName": { list: "entries", field: "eventBusName" },
  },
};
