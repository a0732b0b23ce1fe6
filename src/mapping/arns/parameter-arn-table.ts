/**
 * Where a resource's name is read for services without a hand-written ARN builder (and for the
 * resource types a hand-written builder does not handle): one row per (service prefix, resource
 * type, source). The ARN itself is always iam-data's ARN format of that resource type, filled in by
 * parameter-arns.ts: `${Partition}` from the region, `${Region}` and `${Account}` from the event
 * (IAM's formats have no region), the row's variable from the value. A value that is itself an
 * ARN of the type is taken as it is (cross-account resources keep their own account).
 */

/** `fills` of a row whose value must be an ARN of the type (no bare name is accepted). */
export const VALUE_IS_ARN = "ARN";

/** Where the value comes from. */
export type ValueFrom =
  /**
   * requestParameters[parameter]: a string, a list of strings, or (EC2's nested shapes, which
   * reach the mapping as JSON text) an object in which every string under the key `field`, at any
   * depth, is a name. EC2's query-protocol wrappers give `{"tag": 1, "content": "fl-..."}`
   * objects: their `content` is the name.
   */
  | { readonly parameter: string; readonly field?: string }
  /** The IAM user who made the call, for IAM's user calls that default to the caller. */
  | "caller"
  /** The format names nothing but partition, region and account: the account's one resource. */
  | "account"
  /** The call creates the resource: its id does not exist before the call, so `*` stands for it. */
  | "created"
  /**
   * The call names none of the type and acts on whichever the account has (a Describe that lists
   * them all, a default the service picks): `*` for the name, in the event's account and Region, a
   * scoped pattern rather than an omission or `*`. Only in a row after the rows that read a name.
   */
  | "unnamed";

export interface ParameterArnRow {
  readonly service: string; // IAM service prefix
  /** iam-data resource type; "*" (ARN values only): whichever of the action's types the ARN fits. */
  readonly resourceType: string;
  readonly from: ValueFrom;
  /** The ARN-format variable a bare name fills (`RoleNameWithPath`), or VALUE_IS_ARN. */
  readonly fills: string;
  /** Only for these actions (IAM names), when the value means something else elsewhere. */
  readonly only?: readonly string[];
  /** Only when another parameter has this value (SSM ListTagsForResource `resourceType`). */
  readonly when?: { readonly parameter: string; readonly equals: string };
  /** Not when this parameter is present (it names a resource of another kind). */
  readonly unless?: string;
  /** The name the call acts on when it names none (Athena's `primary` workgroup). */
  readonly orDefault?: string;
  /** Names (bare, before filling) this row applies to, when one parameter holds several kinds of id. */
  readonly idPattern?: RegExp;
  /** Names owned by AWS itself, whose ARN has an empty account (SSM's `AWS-*` documents). */
  readonly awsOwned?: RegExp;
  readonly source: string;
}

const p = (parameter: string, field?: string): ValueFrom => (field === undefined ? { parameter } : { parameter, field });

const IAM = "IAM API Reference (request parameters) and IAM User Guide, 'IAM identifiers: IAM ARNs'";
const EC2 = "EC2 API Reference (request parameters as CloudTrail logs them: EC2 query shapes, `xxxSet.items[]`)";
/** EC2 resource id prefix -> resource type and ARN variable. Source: EC2 User Guide, "Resource IDs". */
const EC2_ID_PREFIXES: readonly (readonly [resourceType: string, fills: string, idPattern: RegExp])[] = [
  ["instance", "InstanceId", /^i-/],
  ["volume", "VolumeId", /^vol-/],
  ["snapshot", "SnapshotId", /^snap-/],
  ["image", "ImageId", /^ami-/],
  ["security-group", "SecurityGroupId", /^sg-/],
  ["subnet", "SubnetId", /^subnet-/],
  ["vpc", "VpcId", /^vpc-/],
  ["network-interface", "NetworkInterfaceId", /^eni-/],
  ["route-table", "RouteTableId", /^rtb-/],
  ["internet-gateway", "InternetGatewayId", /^igw-/],
  ["natgateway", "NatGatewayId", /^nat-/],
  ["elastic-ip", "AllocationId", /^eipalloc-/],
  ["network-acl", "NaclId", /^acl-/],
  ["launch-template", "LaunchTemplateId", /^lt-/],
  ["vpc-endpoint", "VpcEndpointId", /^vpce-/],
  ["dhcp-options", "DhcpOptionsId", /^dopt-/],
];
const EC2_CREATE =
  "EC2 User Guide, 'Example policies for working with the AWS CLI or an AWS SDK': a new resource is granted as TYPE/* because its id does not exist before the call";
const RDS = "RDS API Reference (request parameters) and RDS User Guide, 'Amazon Resource Names (ARNs) in Amazon RDS'";
const SSM = "Systems Manager API Reference (request parameters)";
const CLOUDFRONT = "CloudFront API Reference (request parameters; CloudTrail logs them in camel case)";
/**
 * SSM reserves the prefixes aws, amazon and amzn for documents AWS owns and shares; their ARNs
 * have no account. Sources: SSM API Reference, CreateDocument `Name` ("You can't use the following
 * strings as document name prefixes"); Systems Manager User Guide, Automation identity-based
 * policy examples ("The account ID shouldn't be specified in the ARN for AWS owned public documents").
 */
const AWS_OWNED_DOCUMENT = /^(aws|amazon|amzn)/i;
/** EC2 instance ids start with "i-", hybrid managed nodes with "mi-". Source: SSM User Guide, "Managed nodes". */
const EC2_INSTANCE_ID = /^i-/;
const MANAGED_INSTANCE_ID = /^mi-/;

export const PARAMETER_ARN_ROWS: readonly ParameterArnRow[] = [
  // IAM (global: its ARN formats have no region). A name without its path fits the ARN with any path.
  { service: "iam", resourceType: "user", from: p("userName"), fills: "UserNameWithPath", source: IAM },
  {
    service: "iam", resourceType: "user", from: "caller", fills: "UserNameWithPath",
    source: "IAM API Reference, e.g. GetUser, ListAccessKeys, CreateAccessKey: without UserName, the user whose credentials signed the request",
  },
  { service: "iam", resourceType: "role", from: p("roleName"), fills: "RoleNameWithPath", source: IAM },
  { service: "iam", resourceType: "group", from: p("groupName"), fills: "GroupNameWithPath", source: IAM },
  { service: "iam", resourceType: "policy", from: p("policyArn"), fills: VALUE_IS_ARN, source: IAM },
  { service: "iam", resourceType: "policy", from: p("policyName"), fills: "PolicyNameWithPath", only: ["CreatePolicy"], source: `${IAM}: CreatePolicy PolicyName and Path` },
  { service: "iam", resourceType: "instance-profile", from: p("instanceProfileName"), fills: "InstanceProfileNameWithPath", source: IAM },
  { service: "iam", resourceType: "mfa", from: p("serialNumber"), fills: VALUE_IS_ARN, source: `${IAM}: a virtual MFA device's serial number is its ARN` },
  { service: "iam", resourceType: "oidc-provider", from: p("openIDConnectProviderArn"), fills: VALUE_IS_ARN, source: IAM },
  { service: "iam", resourceType: "saml-provider", from: p("sAMLProviderArn"), fills: VALUE_IS_ARN, source: IAM },

  // EC2: top-level ids, and the ids inside EC2's `xxxSet: {items: [...]}` lists.
  { service: "ec2", resourceType: "instance", from: p("instanceId"), fills: "InstanceId", source: EC2 },
  { service: "ec2", resourceType: "instance", from: p("instancesSet", "instanceId"), fills: "InstanceId", source: `${EC2}: StartInstances, StopInstances, TerminateInstances` },
  { service: "ec2", resourceType: "image", from: p("imageId"), fills: "ImageId", source: EC2 },
  { service: "ec2", resourceType: "snapshot", from: p("snapshotId"), fills: "SnapshotId", source: EC2 },
  { service: "ec2", resourceType: "volume", from: p("volumeId"), fills: "VolumeId", source: EC2 },
  { service: "ec2", resourceType: "security-group", from: p("groupId"), fills: "SecurityGroupId", source: EC2 },
  { service: "ec2", resourceType: "security-group", from: p("groupSet", "groupId"), fills: "SecurityGroupId", source: `${EC2}: CreateNetworkInterface groupSet` },
  { service: "ec2", resourceType: "vpc", from: p("vpcId"), fills: "VpcId", source: EC2 },
  { service: "ec2", resourceType: "subnet", from: p("subnetId"), fills: "SubnetId", source: EC2 },
  { service: "ec2", resourceType: "route-table", from: p("routeTableId"), fills: "RouteTableId", source: EC2 },
  // RunInstances: the image, key pair and interfaces in its sets; the instance, volumes and interface it creates.
  { service: "ec2", resourceType: "image", from: p("instancesSet", "imageId"), fills: "ImageId", only: ["RunInstances"], source: `${EC2}: RunInstances ImageId (instancesSet.items[].imageId)` },
  { service: "ec2", resourceType: "key-pair", from: p("instancesSet", "keyName"), fills: "KeyPairName", only: ["RunInstances"], source: `${EC2}: RunInstances KeyName (instancesSet.items[].keyName)` },
  { service: "ec2", resourceType: "network-interface", from: p("networkInterfaceSet", "networkInterfaceId"), fills: "NetworkInterfaceId", only: ["RunInstances"], source: `${EC2}: RunInstances NetworkInterface.N.NetworkInterfaceId` },
  { service: "ec2", resourceType: "subnet", from: p("networkInterfaceSet", "subnetId"), fills: "SubnetId", only: ["RunInstances"], source: `${EC2}: RunInstances NetworkInterface.N.SubnetId` },
  { service: "ec2", resourceType: "security-group", from: p("networkInterfaceSet", "groupId"), fills: "SecurityGroupId", only: ["RunInstances"], source: `${EC2}: RunInstances NetworkInterface.N.SecurityGroupId` },
  ...(["instance", "volume", "network-interface"] as const).map((resourceType): ParameterArnRow => ({
    service: "ec2", resourceType, from: "created", fills: { instance: "InstanceId", volume: "VolumeId", "network-interface": "NetworkInterfaceId" }[resourceType], only: ["RunInstances"],
    source: `${EC2_CREATE}; RunInstances creates the instance, its root volume and its primary network interface`,
  })),
  ...(["subnet", "security-group"] as const).map((resourceType): ParameterArnRow => ({
    service: "ec2", resourceType, from: "unnamed", fills: resourceType === "subnet" ? "SubnetId" : "SecurityGroupId", only: ["RunInstances"],
    source: "EC2 User Guide, 'Launch an instance': without a subnet or security group, EC2 uses the default VPC's subnet and security group, named only in responseElements",
  })),
  // CreateNatGateway and CreateFlowLogs are logged in a request wrapper that also holds a ClientToken: only its ids are kept.
  ...(["SubnetId", "AllocationId"] as const).flatMap((name) =>
    [undefined, "content"].map((field): ParameterArnRow => ({
      service: "ec2", resourceType: name === "SubnetId" ? "subnet" : "elastic-ip", from: p(`CreateNatGatewayRequest.${name}`, field), fills: name,
      source: `${EC2}: CreateNatGateway ${name}, logged in CreateNatGatewayRequest`,
    })),
  ),
  { service: "ec2", resourceType: "natgateway", from: "created", fills: "NatGatewayId", only: ["CreateNatGateway"], source: EC2_CREATE },
  ...(
    [
      ["vpc", "VpcId", /^vpc-/],
      ["subnet", "SubnetId", /^subnet-/],
      ["network-interface", "NetworkInterfaceId", /^eni-/],
      ["transit-gateway", "TransitGatewayId", /^tgw-(?!attach-)/],
      ["transit-gateway-attachment", "TransitGatewayAttachmentId", /^tgw-attach-/],
    ] as const
  ).map(([resourceType, fills, idPattern]): ParameterArnRow => ({
    service: "ec2", resourceType, from: p("CreateFlowLogsRequest.ResourceId", "content"), fills, idPattern, only: ["CreateFlowLogs"],
    source: `${EC2}: CreateFlowLogs ResourceId.N (items {content}), logged in CreateFlowLogsRequest`,
  })),
  { service: "ec2", resourceType: "vpc-flow-log", from: "created", fills: "VpcFlowLogId", only: ["CreateFlowLogs"], source: EC2_CREATE },
  // CreateTags / DeleteTags name any EC2 resource by id; the id's prefix says its type.
  ...EC2_ID_PREFIXES.map(([resourceType, fills, idPattern]): ParameterArnRow => ({
    service: "ec2", resourceType, from: p("resourcesSet", "resourceId"), fills, idPattern, only: ["CreateTags", "DeleteTags"],
    source: `${EC2}: CreateTags / DeleteTags ResourceId.N (resourcesSet.items[].resourceId); id prefixes from the EC2 User Guide, 'Resource IDs'`,
  })),
  { service: "ec2", resourceType: "internet-gateway", from: p("internetGatewayId"), fills: "InternetGatewayId", source: EC2 },
  { service: "ec2", resourceType: "network-interface", from: p("networkInterfaceId"), fills: "NetworkInterfaceId", source: EC2 },
  { service: "ec2", resourceType: "elastic-ip", from: p("allocationId"), fills: "AllocationId", source: EC2 },
  { service: "ec2", resourceType: "natgateway", from: p("DeleteNatGatewayRequest", "NatGatewayId"), fills: "NatGatewayId", source: `${EC2}: DeleteNatGateway is logged as DeleteNatGatewayRequest` },
  { service: "ec2", resourceType: "vpc-flow-log", from: p("DeleteFlowLogsRequest", "FlowLogId"), fills: "VpcFlowLogId", source: `${EC2}: DeleteFlowLogs is logged as DeleteFlowLogsRequest` },
  ...(
    [
      ["AllocateAddress", "elastic-ip", "AllocationId"],
      ["CreateInternetGateway", "internet-gateway", "InternetGatewayId"],
      ["CreateNetworkInterface", "network-interface", "NetworkInterfaceId"],
      ["CreateRouteTable", "route-table", "RouteTableId"],
      ["CreateSecurityGroup", "security-group", "SecurityGroupId"],
      ["CreateSnapshot", "snapshot", "SnapshotId"],
      ["CreateSubnet", "subnet", "SubnetId"],
      ["CreateVolume", "volume", "VolumeId"],
      ["CreateVpc", "vpc", "VpcId"],
      ["RegisterImage", "image", "ImageId"],
    ] as const
  ).map(([action, resourceType, fills]): ParameterArnRow => ({ service: "ec2", resourceType, from: "created", fills, only: [action], source: EC2_CREATE })),
  { service: "ec2-instance-connect", resourceType: "instance", from: p("instanceId"), fills: "InstanceId", source: "EC2 Instance Connect API Reference, SendSSHPublicKey / SendSerialConsoleSSHPublicKey InstanceId" },

  // RDS: identifiers are names; ListTagsForResource and the tagging calls name any resource by ARN.
  { service: "rds", resourceType: "db", from: p("dBInstanceIdentifier"), fills: "DbInstanceName", source: RDS },
  { service: "rds", resourceType: "snapshot", from: p("dBSnapshotIdentifier"), fills: "SnapshotName", source: RDS },
  { service: "rds", resourceType: "cluster", from: p("dBClusterIdentifier"), fills: "DbClusterInstanceName", source: RDS },
  { service: "rds", resourceType: "cluster-snapshot", from: p("dBClusterSnapshotIdentifier"), fills: "ClusterSnapshotName", source: RDS },
  { service: "rds", resourceType: "subgrp", from: p("dBSubnetGroupName"), fills: "SubnetGroupName", source: RDS },
  { service: "rds", resourceType: "pg", from: p("dBParameterGroupName"), fills: "ParameterGroupName", source: RDS },
  { service: "rds", resourceType: "cluster-pg", from: p("dBClusterParameterGroupName"), fills: "ClusterParameterGroupName", source: RDS },
  { service: "rds", resourceType: "og", from: p("optionGroupName"), fills: "OptionGroupName", source: RDS },
  { service: "rds", resourceType: "global-cluster", from: p("globalClusterIdentifier"), fills: "GlobalCluster", source: `${RDS}: GlobalClusterIdentifier (global clusters have no Region in their ARN)` },
  { service: "rds", resourceType: "es", from: p("subscriptionName"), fills: "SubscriptionName", source: `${RDS}: SubscriptionName of an event subscription` },
  { service: "rds", resourceType: "deployment", from: p("blueGreenDeploymentIdentifier"), fills: "BlueGreenDeploymentIdentifier", source: `${RDS}: BlueGreenDeploymentIdentifier` },
  ...(
    [
      ["db", "DbInstanceName", ["DescribeDBInstances", "DescribeDBLogFiles", "DescribePendingMaintenanceActions"]],
      ["cluster", "DbClusterInstanceName", ["DescribeDBClusters"]],
      ["snapshot", "SnapshotName", ["DescribeDBSnapshots"]],
      ["cluster-snapshot", "ClusterSnapshotName", ["DescribeDBClusterSnapshots"]],
      ["subgrp", "SubnetGroupName", ["DescribeDBSubnetGroups"]],
      ["pg", "ParameterGroupName", ["DescribeDBParameterGroups", "DescribeDBParameters"]],
      ["cluster-pg", "ClusterParameterGroupName", ["DescribeDBClusterParameterGroups", "DescribeDBClusterParameters"]],
      ["og", "OptionGroupName", ["DescribeOptionGroups"]],
      ["global-cluster", "GlobalCluster", ["DescribeGlobalClusters"]],
      ["es", "SubscriptionName", ["DescribeEventSubscriptions"]],
      ["deployment", "BlueGreenDeploymentIdentifier", ["DescribeBlueGreenDeployments"]],
    ] as const
  ).map(([resourceType, fills, only]): ParameterArnRow => ({
    service: "rds", resourceType, from: "unnamed", fills, only,
    source: `${RDS}: a Describe call without its identifier describes every resource of the type in the account and Region`,
  })),
  { service: "rds", resourceType: "*", from: p("resourceName"), fills: VALUE_IS_ARN, source: `${RDS}: ListTagsForResource, AddTagsToResource, RemoveTagsFromResource ResourceName` },

  // CloudTrail: trails by name or ARN; tags by resource ARN.
  { service: "cloudtrail", resourceType: "trail", from: p("name"), fills: "TrailName", source: "CloudTrail API Reference, CreateTrail/DeleteTrail/StartLogging/StopLogging/GetTrailStatus Name (name or ARN)" },
  { service: "cloudtrail", resourceType: "trail", from: p("trailName"), fills: "TrailName", source: "CloudTrail API Reference, GetEventSelectors/PutEventSelectors/GetInsightSelectors TrailName (name or ARN)" },
  { service: "cloudtrail", resourceType: "*", from: p("resourceIdList"), fills: VALUE_IS_ARN, source: "CloudTrail API Reference, ListTags ResourceIdList" },
  { service: "cloudtrail", resourceType: "*", from: p("resourceId"), fills: VALUE_IS_ARN, source: "CloudTrail API Reference, AddTags/RemoveTags ResourceId" },

  // CloudFront (global: no region in its ARNs; CloudTrail logs versioned names, GetDistribution2020_05_31).
  {
    service: "cloudfront", resourceType: "distribution", from: p("distributionId"), fills: "DistributionId",
    source: `${CLOUDFRONT}: CreateInvalidation / GetInvalidation / ListInvalidations DistributionId`,
  },
  {
    service: "cloudfront", resourceType: "distribution", from: p("id"), fills: "DistributionId",
    only: ["GetDistribution", "GetDistributionConfig", "UpdateDistribution", "DeleteDistribution", "UpdateDistributionWithStagingConfig"],
    source: `${CLOUDFRONT}: GetDistribution / GetDistributionConfig / UpdateDistribution / DeleteDistribution Id (GetInvalidation's Id is the invalidation)`,
  },
  // Each of these actions names one resource type, which its `Id` is (GetCachePolicy, UpdateOriginAccessControl, ...).
  ...(["cache-policy", "origin-request-policy", "response-headers-policy", "origin-access-control", "origin-access-identity"] as const).map(
    (resourceType): ParameterArnRow => ({
      service: "cloudfront", resourceType, from: p("id"), fills: "Id", source: `${CLOUDFRONT}: the Get/Update/Delete calls of a ${resourceType} take its Id`,
    }),
  ),
  ...(["function", "key-value-store"] as const).map((resourceType): ParameterArnRow => ({
    service: "cloudfront", resourceType, from: p("name"), fills: "Name", source: `${CLOUDFRONT}: the calls of a ${resourceType} take its Name (an ARN is taken as it is)`,
  })),
  { service: "cloudfront", resourceType: "*", from: p("resource"), fills: VALUE_IS_ARN, source: `${CLOUDFRONT}: TagResource / UntagResource / ListTagsForResource Resource (an ARN)` },

  // Systems Manager, beyond parameters (ssm-arns.ts): documents, managed nodes, tagged resources.
  {
    service: "ssm", resourceType: "session", from: "unnamed", fills: "SessionId", only: ["TerminateSession", "ResumeSession"],
    source: `${SSM}: TerminateSession / ResumeSession SessionId, one value per session, which usage rows do not keep`,
  },
  { service: "ssm", resourceType: "document", from: p("documentName"), fills: "DocumentName", awsOwned: AWS_OWNED_DOCUMENT, source: `${SSM}: SendCommand / StartSession DocumentName` },
  { service: "ssm", resourceType: "document", from: p("name"), fills: "DocumentName", awsOwned: AWS_OWNED_DOCUMENT, source: `${SSM}: GetDocument, DescribeDocument, UpdateDocument, DeleteDocument Name` },
  { service: "ssm", resourceType: "instance", from: p("instanceIds"), fills: "InstanceId", idPattern: EC2_INSTANCE_ID, source: `${SSM}: SendCommand InstanceIds` },
  { service: "ssm", resourceType: "managed-instance", from: p("instanceIds"), fills: "InstanceId", idPattern: MANAGED_INSTANCE_ID, source: `${SSM}: SendCommand InstanceIds` },
  { service: "ssm", resourceType: "instance", from: p("instanceId"), fills: "InstanceId", idPattern: EC2_INSTANCE_ID, source: `${SSM}: UpdateInstanceInformation, ListInstanceAssociations InstanceId` },
  { service: "ssm", resourceType: "managed-instance", from: p("instanceId"), fills: "InstanceId", idPattern: MANAGED_INSTANCE_ID, source: `${SSM}: UpdateInstanceInformation InstanceId` },
  { service: "ssm", resourceType: "instance", from: p("target"), fills: "InstanceId", idPattern: EC2_INSTANCE_ID, source: `${SSM}: StartSession Target` },
  { service: "ssm", resourceType: "managed-instance", from: p("target"), fills: "InstanceId", idPattern: MANAGED_INSTANCE_ID, source: `${SSM}: StartSession Target` },
  { service: "ssm", resourceType: "instance", from: p("resourceId"), fills: "InstanceId", idPattern: EC2_INSTANCE_ID, only: ["PutComplianceItems"], source: `${SSM}: PutComplianceItems ResourceId (ResourceType ManagedInstance)` },
  { service: "ssm", resourceType: "managed-instance", from: p("resourceId"), fills: "InstanceId", idPattern: MANAGED_INSTANCE_ID, only: ["PutComplianceItems"], source: `${SSM}: PutComplianceItems ResourceId` },
  ...(
    [
      ["Parameter", "parameter", "ParameterNameWithoutLeadingSlash"],
      ["Document", "document", "DocumentName"],
      ["ManagedInstance", "managed-instance", "InstanceId"],
      ["MaintenanceWindow", "maintenancewindow", "ResourceId"],
      ["PatchBaseline", "patchbaseline", "PatchBaselineIdResourceId"],
      ["OpsItem", "opsitem", "ResourceId"],
    ] as const
  ).map(([kind, resourceType, fills]): ParameterArnRow => ({
    service: "ssm", resourceType, from: p("resourceId"), fills, when: { parameter: "resourceType", equals: kind },
    only: ["AddTagsToResource", "ListTagsForResource", "RemoveTagsFromResource"],
    source: `${SSM}: AddTagsToResource / ListTagsForResource / RemoveTagsFromResource ResourceType and ResourceId`,
  })),

  // Elastic Load Balancing: every resource is named by ARN.
  ...["targetGroupArn", "loadBalancerArn", "listenerArn", "ruleArn"].map((parameter): ParameterArnRow => ({
    service: "elasticloadbalancing", resourceType: "*", from: p(parameter), fills: VALUE_IS_ARN, source: `Elastic Load Balancing API Reference (v2), ${parameter.replace(/^./, (c) => c.toUpperCase())}`,
  })),
  { service: "elasticloadbalancing", resourceType: "*", from: p("resourceArns"), fills: VALUE_IS_ARN, source: "Elastic Load Balancing API Reference (v2), AddTags / RemoveTags / DescribeTags ResourceArns" },

  // CloudWatch alarms, by name.
  { service: "cloudwatch", resourceType: "alarm", from: p("alarmNames"), fills: "AlarmName", source: "CloudWatch API Reference, DescribeAlarms / DeleteAlarms / EnableAlarmActions / DisableAlarmActions AlarmNames" },
  { service: "cloudwatch", resourceType: "alarm", from: p("alarmName"), fills: "AlarmName", source: "CloudWatch API Reference, PutMetricAlarm / SetAlarmState / DescribeAlarmHistory AlarmName" },
  {
    service: "cloudwatch", resourceType: "alarm", from: "unnamed", fills: "AlarmName", only: ["DescribeAlarms", "DescribeAlarmHistory"],
    source: "CloudWatch API Reference, DescribeAlarms: without AlarmNames (or with only a prefix or state filter) it describes the account's alarms in the Region",
  },

  // Athena: queries run in a workgroup, `primary` when the call names none.
  {
    service: "athena", resourceType: "workgroup", from: p("workGroup"), fills: "WorkGroupName", orDefault: "primary",
    only: ["StartQueryExecution", "ListQueryExecutions", "ListNamedQueries", "CreateNamedQuery", "ListPreparedStatements", "GetWorkGroup"],
    source: "Athena API Reference, StartQueryExecution WorkGroup; Athena User Guide, 'Working with workgroups': queries that name no workgroup run in the primary workgroup",
  },
  {
    service: "athena", resourceType: "workgroup", from: "unnamed", fills: "WorkGroupName", only: ["GetQueryExecution", "GetQueryResults", "StopQueryExecution", "BatchGetQueryExecution"],
    source: "Athena API Reference, GetQueryExecution QueryExecutionId: the call names the query (one id per query, not kept), and IAM authorizes it on the query's workgroup",
  },

  // Route 53 Resolver: resources by id.
  ...(
    [
      ["resolverQueryLogConfigId", "resolver-query-log-config"],
      ["resolverRuleId", "resolver-rule"],
      ["resolverEndpointId", "resolver-endpoint"],
      ["firewallRuleGroupId", "firewall-rule-group"],
      ["firewallDomainListId", "firewall-domain-list"],
    ] as const
  ).map(([parameter, resourceType]): ParameterArnRow => ({
    service: "route53resolver", resourceType, from: p(parameter), fills: "ResourceId", source: `Route 53 Resolver API Reference, ${parameter.replace(/^./, (c) => c.toUpperCase())}`,
  })),

  // IAM Roles Anywhere: profiles, trust anchors and CRLs by id.
  { service: "rolesanywhere", resourceType: "profile", from: p("profileId"), fills: "ProfileId", source: "IAM Roles Anywhere API Reference, profileId" },
  { service: "rolesanywhere", resourceType: "trust-anchor", from: p("trustAnchorId"), fills: "TrustAnchorId", source: "IAM Roles Anywhere API Reference, trustAnchorId" },
  { service: "rolesanywhere", resourceType: "crl", from: p("crlId"), fills: "CrlId", source: "IAM Roles Anywhere API Reference, crlId" },

  // Security Hub: one hub per account and region (`hub/default`); calls may name it by HubArn.
  { service: "securityhub", resourceType: "hub", from: p("hubArn"), fills: VALUE_IS_ARN, source: "Security Hub API Reference, DescribeHub HubArn" },
  { service: "securityhub", resourceType: "hub", from: "account", fills: "", source: "Security Hub API Reference, DescribeHub: without HubArn, the hub of the caller's account and region" },

  // GuardDuty detectors, by id.
  { service: "guardduty", resourceType: "detector", from: p("detectorId"), fills: "DetectorId", source: "GuardDuty API Reference, detectorId" },

  // AWS Account Management: without AccountId, the caller's own account.
  {
    service: "account", resourceType: "account", from: "account", fills: "", unless: "AccountId",
    source: "Account Management API Reference, e.g. GetRegionOptStatus AccountId: 'If you don't specify this parameter, it calls the operation on the Amazon Web Services account whose credentials are used'",
  },

  // S3 Storage Lens configurations (s3-arns.ts handles buckets, objects and access points).
  { service: "s3", resourceType: "storagelensconfiguration", from: p("configId"), fills: "ConfigId", source: "S3 API Reference, GetStorageLensConfiguration / PutStorageLensConfiguration / DeleteStorageLensConfiguration ConfigId" },
  { service: "s3", resourceType: "storagelensconfiguration", from: p("configurationARN"), fills: VALUE_IS_ARN, source: "S3 console's Storage Lens calls name the configuration by configurationARN" },
];
