import type { NestedValues, UsageRow } from "../engines/usage-row.js";
import { parseArn } from "../iam/arn.js";
import type { PolicyCondition } from "../policy/policy-document.js";
import { stripVersionSuffix } from "./event-actions.js";
import { GENERATED_ROLE_PASSING_CALLS, type GeneratedRolePassingCall, PASSED_TO_SERVICE_SOURCES, ROLE_PASSING_EVENT_SOURCES } from "./role-passing-calls.js";

/**
 * iam:PassRole is authorized when a call hands a role to a service, and CloudTrail never logs it:
 * the call it belongs to is the only trace. The role is in the call's request parameters; the
 * grant names that role and, where AWS documents the receiving service, conditions it on
 * `iam:PassedToService` (the service principal that will assume the role), so the permission
 * cannot pass the same role to another service. Source: IAM User Guide, "Grant a user permissions
 * to pass a role to an AWS service" and "iam:PassedToService".
 */
export const PASS_ROLE = "iam:PassRole";

/** One request parameter that names a role the call passes. */
export interface PassedRoleParameter {
  /** requestParameters path, nested names joined by "." (`overrides.taskRoleArn`). */
  readonly parameter: string;
  /** The iam:PassedToService value: the service principal; null where AWS documents none. */
  readonly passedTo: string | null;
  /** The parameter is a JSON list of objects and the role is each one's `listField` (EventBridge targets). */
  readonly listField?: string;
  /** Only when another parameter matches (SNS SetTopicAttributes: attributeName *FeedbackRoleArn). */
  readonly when?: { readonly parameter: string; readonly pattern: RegExp };
}

/** A call that passes roles: where they are, and what the event cannot show. */
export interface RolePassingCall {
  readonly roles: readonly PassedRoleParameter[];
  /** The call always passes a role: finding none means the event did not show it, which is reported. */
  readonly required?: boolean;
  /**
   * Roles the call passes that its request does not name (an ECS task definition's roles, an EC2
   * instance profile's role): reported as Unmapped, never guessed. `onlyWith`: only when one of
   * these parameters is present. Not reported when every role parameter of the row is present.
   */
  readonly notInEvent?: { readonly what: string; readonly onlyWith?: readonly string[] };
  readonly source: string;
}

const ECS_TASKS = "ecs-tasks.amazonaws.com";
const ECS_GUIDE = "ECS Developer Guide, 'Task IAM role' and 'Task execution IAM role': iam:PassRole with iam:PassedToService ecs-tasks.amazonaws.com";
const TASK_DEFINITION_ROLES = {
  what: `the task definition's task and execution roles, when it has them (the event names the task definition, not its roles): grant ${PASS_ROLE} on them with iam:PassedToService ${ECS_TASKS}`,
};
const FIREHOSE_ROLES = [
  "kinesisStreamSourceConfiguration.roleARN",
  "s3DestinationConfiguration.roleARN",
  "extendedS3DestinationConfiguration.roleARN",
  "extendedS3DestinationConfiguration.s3BackupConfiguration.roleARN",
  "extendedS3DestinationConfiguration.dataFormatConversionConfiguration.schemaConfiguration.roleARN",
  "redshiftDestinationConfiguration.roleARN",
  "redshiftDestinationConfiguration.s3Configuration.roleARN",
  "elasticsearchDestinationConfiguration.roleARN",
  "amazonopensearchserviceDestinationConfiguration.roleARN",
  "httpEndpointDestinationConfiguration.roleARN",
  "splunkDestinationConfiguration.s3Configuration.roleARN",
];
const FIREHOSE_UPDATE_ROLES = FIREHOSE_ROLES.filter((p) => !p.startsWith("kinesisStream")).map((p) =>
  p.replace("DestinationConfiguration", "DestinationUpdate").replace("s3Configuration", "s3Update").replace("s3BackupConfiguration", "s3BackupUpdate"),
);
const SNS_TOPIC_FEEDBACK = ["Application", "Firehose", "HTTP", "Lambda", "SQS"].flatMap((protocol) =>
  ["Success", "Failure"].map((outcome) => `attributes.${protocol}${outcome}FeedbackRoleArn`),
);
const SNS_GUIDE = "SNS Developer Guide, 'Amazon SNS message delivery status': the feedback roles are assumed by sns.amazonaws.com";
const SSM_MAINTENANCE = ["serviceRoleArn", "taskInvocationParameters.runCommand.serviceRoleArn"];
const SES_FIREHOSE = ["eventDestination.kinesisFirehoseDestination.iAMRoleARN", "eventDestination.kinesisFirehoseDestination.iamRoleArn"];
const RDS_MONITORING = "RDS User Guide, 'Setting up and enabling Enhanced Monitoring': the monitoring role trusts monitoring.rds.amazonaws.com";
const SES_GUIDE = "SES Developer Guide, 'Setting up a Firehose event destination': the role is assumed by ses.amazonaws.com";

function to(passedTo: string | null, ...parameters: readonly string[]): PassedRoleParameter[] {
  return parameters.map((parameter) => ({ parameter, passedTo }));
}

/**
 * "prefix:Operation" (CloudTrail eventName, version suffix stripped) -> the roles the call passes,
 * written by hand where a guide says more than the request shape (conditions, required roles,
 * roles the event cannot show). Parameter names are CloudTrail's spelling of the API's members
 * (first letter lower case for JSON APIs; S3's XML bodies keep theirs); `passedTo` is the service
 * principal the role trusts in that service's guide. The generated table (role-passing-calls.ts)
 * adds every other call and member; these rows win where both name a parameter.
 */
const HAND_WRITTEN_CALLS: Readonly<Record<string, RolePassingCall>> = {
  "appsync:CreateDataSource": { roles: to("appsync.amazonaws.com", "serviceRoleArn"), source: "AppSync Developer Guide, 'Attaching a data source': the service role trusts appsync.amazonaws.com" },
  "appsync:UpdateDataSource": { roles: to("appsync.amazonaws.com", "serviceRoleArn"), source: "AppSync Developer Guide, 'Attaching a data source': the service role trusts appsync.amazonaws.com" },
  "cloudformation:CreateChangeSet": { roles: to("cloudformation.amazonaws.com", "roleARN"), source: "CloudFormation User Guide, 'CloudFormation service role'" },
  "cloudformation:CreateStack": { roles: to("cloudformation.amazonaws.com", "roleARN"), source: "CloudFormation User Guide, 'CloudFormation service role'" },
  "cloudformation:UpdateStack": { roles: to("cloudformation.amazonaws.com", "roleARN"), source: "CloudFormation User Guide, 'CloudFormation service role'" },
  "codebuild:CreateProject": { roles: to("codebuild.amazonaws.com", "serviceRole"), required: true, source: "CodeBuild User Guide, 'Allow CodeBuild to interact with other AWS services'" },
  "codebuild:StartBuild": { roles: to("codebuild.amazonaws.com", "serviceRoleOverride"), source: "CodeBuild API Reference, StartBuild serviceRoleOverride" },
  "codebuild:UpdateProject": { roles: to("codebuild.amazonaws.com", "serviceRole"), source: "CodeBuild User Guide, 'Allow CodeBuild to interact with other AWS services'" },
  // DynamoDB hands the auto scaling role to Application Auto Scaling; no iam:PassedToService value is documented for it.
  "codepipeline:CreatePipeline": { roles: to("codepipeline.amazonaws.com", "pipeline.roleArn"), required: true, source: "CodePipeline User Guide, 'Manage the CodePipeline service role'" },
  "codepipeline:UpdatePipeline": { roles: to("codepipeline.amazonaws.com", "pipeline.roleArn"), source: "CodePipeline User Guide, 'Manage the CodePipeline service role'" },
  "cognito-idp:CreateUserPool": {
    roles: to("cognito-idp.amazonaws.com", "smsConfiguration.snsCallerArn"),
    source: "Amazon Cognito Developer Guide, 'SMS message settings for Amazon Cognito user pools': the SNS caller role trusts cognito-idp.amazonaws.com",
  },
  "dynamodb:UpdateGlobalTableSettings": {
    roles: to(null, "globalTableProvisionedWriteCapacityAutoScalingSettingsUpdate.autoScalingRoleArn"),
    source: "DynamoDB API Reference, UpdateGlobalTableSettings: AutoScalingSettingsUpdate.AutoScalingRoleArn",
  },
  "dynamodb:UpdateTableReplicaAutoScaling": {
    roles: to(null, "provisionedWriteCapacityAutoScalingUpdate.autoScalingRoleArn"),
    source: "DynamoDB API Reference, UpdateTableReplicaAutoScaling: AutoScalingSettingsUpdate.AutoScalingRoleArn",
  },
  // An instance profile is not a role: PassRole is checked on the role inside it, which RunInstances does not name.
  "ec2:RunInstances": {
    roles: [],
    notInEvent: {
      what: "the role of the instance profile in iamInstanceProfile (PassRole is checked on the profile's role, not the profile; the event names only the profile): grant iam:PassRole on that role with iam:PassedToService ec2.amazonaws.com",
      onlyWith: ["iamInstanceProfile.arn", "iamInstanceProfile.name"],
    },
    source: "EC2 User Guide, 'IAM roles for Amazon EC2', Permissions to launch an instance with a role",
  },
  "eks:CreateCluster": { roles: to("eks.amazonaws.com", "roleArn"), required: true, source: "EKS User Guide, 'Amazon EKS cluster IAM role': it trusts eks.amazonaws.com" },
  "eks:CreateFargateProfile": { roles: to("eks-fargate-pods.amazonaws.com", "podExecutionRoleArn"), required: true, source: "EKS User Guide, 'Amazon EKS Pod execution IAM role': it trusts eks-fargate-pods.amazonaws.com" },
  "eks:CreateNodegroup": { roles: to("ec2.amazonaws.com", "nodeRole"), required: true, source: "EKS User Guide, 'Amazon EKS node IAM role': it trusts ec2.amazonaws.com" },
  "ecs:CreateService": { roles: to("ecs.amazonaws.com", "role"), notInEvent: TASK_DEFINITION_ROLES, source: `ECS API Reference, CreateService role (load balancer role, assumed by ecs.amazonaws.com); ${ECS_GUIDE}` },
  "ecs:CreateTaskSet": { roles: [], notInEvent: TASK_DEFINITION_ROLES, source: ECS_GUIDE },
  "ecs:RegisterTaskDefinition": { roles: to(ECS_TASKS, "taskRoleArn", "executionRoleArn"), source: ECS_GUIDE },
  "ecs:RunTask": { roles: to(ECS_TASKS, "overrides.taskRoleArn", "overrides.executionRoleArn"), notInEvent: TASK_DEFINITION_ROLES, source: ECS_GUIDE },
  "ecs:StartTask": { roles: to(ECS_TASKS, "overrides.taskRoleArn", "overrides.executionRoleArn"), notInEvent: TASK_DEFINITION_ROLES, source: ECS_GUIDE },
  "events:PutRule": { roles: to("events.amazonaws.com", "roleArn"), source: "EventBridge User Guide, 'Using identity-based policies': iam:PassRole for RoleArn" },
  "events:PutTargets": {
    roles: [{ parameter: "targets", listField: "roleArn", passedTo: "events.amazonaws.com" }],
    source: "EventBridge User Guide, 'Using identity-based policies': iam:PassRole for a target's RoleArn",
  },
  "firehose:CreateDeliveryStream": { roles: to("firehose.amazonaws.com", ...FIREHOSE_ROLES), source: "Firehose Developer Guide, 'Controlling access with Amazon Data Firehose'" },
  "firehose:UpdateDestination": { roles: to("firehose.amazonaws.com", ...FIREHOSE_UPDATE_ROLES), source: "Firehose Developer Guide, 'Controlling access with Amazon Data Firehose'" },
  "glue:CreateCrawler": { roles: to("glue.amazonaws.com", "role"), required: true, source: "Glue Developer Guide, 'Step 2: Create an IAM role for AWS Glue'" },
  "glue:CreateJob": { roles: to("glue.amazonaws.com", "role"), required: true, source: "Glue Developer Guide, 'Step 2: Create an IAM role for AWS Glue'" },
  "glue:UpdateJob": { roles: to("glue.amazonaws.com", "jobUpdate.role"), source: "Glue Developer Guide, 'Step 2: Create an IAM role for AWS Glue'" },
  "lambda:CreateFunction": { roles: to("lambda.amazonaws.com", "role"), required: true, source: "Lambda Developer Guide, 'Lambda execution role': iam:PassRole to create a function" },
  "lambda:UpdateFunctionConfiguration": { roles: to("lambda.amazonaws.com", "role"), source: "Lambda Developer Guide, 'Lambda execution role'" },
  "logs:PutDestination": { roles: to("logs.amazonaws.com", "roleArn"), required: true, source: "CloudWatch Logs User Guide, 'Cross-account subscriptions': the destination role trusts logs.amazonaws.com" },
  "logs:PutSubscriptionFilter": { roles: to("logs.amazonaws.com", "roleArn"), source: "CloudWatch Logs User Guide, 'Subscription filters': the role for Kinesis and Firehose trusts logs.amazonaws.com" },
  "mediaconvert:CreateJob": { roles: to("mediaconvert.amazonaws.com", "role"), required: true, source: "MediaConvert User Guide, 'Setting up IAM permissions': the job role trusts mediaconvert.amazonaws.com" },
  // Enhanced Monitoring's role is assumed by monitoring.rds.amazonaws.com; the roles added to a DB and a proxy's role by rds.amazonaws.com.
  "rds:AddRoleToDBCluster": { roles: to("rds.amazonaws.com", "roleArn"), required: true, source: "RDS API Reference, AddRoleToDBCluster RoleArn; Aurora User Guide, 'Associating an IAM role with an Aurora DB cluster'" },
  "rds:AddRoleToDBInstance": { roles: to("rds.amazonaws.com", "roleArn"), required: true, source: "RDS API Reference, AddRoleToDBInstance RoleArn" },
  "rds:CreateDBCluster": { roles: to("monitoring.rds.amazonaws.com", "monitoringRoleArn"), source: RDS_MONITORING },
  "rds:CreateDBInstance": { roles: to("monitoring.rds.amazonaws.com", "monitoringRoleArn"), source: RDS_MONITORING },
  "rds:CreateDBProxy": { roles: to("rds.amazonaws.com", "roleArn"), required: true, source: "RDS User Guide, 'Setting up AWS Identity and Access Management (IAM) policies' for RDS Proxy: the proxy's role trusts rds.amazonaws.com" },
  "rds:ModifyDBCluster": { roles: to("monitoring.rds.amazonaws.com", "monitoringRoleArn"), source: RDS_MONITORING },
  "rds:ModifyDBInstance": { roles: to("monitoring.rds.amazonaws.com", "monitoringRoleArn"), source: RDS_MONITORING },
  "s3:CreateJob": {
    roles: to("batchoperations.s3.amazonaws.com", "CreateJobRequest.RoleArn"),
    required: true,
    source: "S3 User Guide, 'Granting permissions for Batch Operations': iam:PassRole, the role trusts batchoperations.s3.amazonaws.com",
  },
  "s3:PutBucketNotification": {
    roles: to("s3.amazonaws.com", "NotificationConfiguration.CloudFunctionConfiguration.InvocationRole"),
    source: "S3 API Reference, PutBucketNotification (legacy CloudFunctionConfiguration.InvocationRole)",
  },
  "s3:PutBucketReplication": {
    roles: to("s3.amazonaws.com", "ReplicationConfiguration.Role"),
    required: true,
    source: "S3 User Guide, 'Setting up permissions for live replication': iam:PassRole, the role trusts s3.amazonaws.com",
  },
  "sagemaker:CreateModel": { roles: to("sagemaker.amazonaws.com", "executionRoleArn"), source: "SageMaker Developer Guide, 'How to use SageMaker execution roles'" },
  "sagemaker:CreateProcessingJob": { roles: to("sagemaker.amazonaws.com", "roleArn"), required: true, source: "SageMaker Developer Guide, 'How to use SageMaker execution roles'" },
  "sagemaker:CreateTrainingJob": { roles: to("sagemaker.amazonaws.com", "roleArn"), required: true, source: "SageMaker Developer Guide, 'How to use SageMaker execution roles'" },
  "sagemaker:CreateNotebookInstance": { roles: to("sagemaker.amazonaws.com", "roleArn"), required: true, source: "SageMaker Developer Guide, 'How to use SageMaker execution roles'" },
  "ses:CreateConfigurationSetEventDestination": { roles: to("ses.amazonaws.com", ...SES_FIREHOSE), source: SES_GUIDE },
  "ses:UpdateConfigurationSetEventDestination": { roles: to("ses.amazonaws.com", ...SES_FIREHOSE), source: SES_GUIDE },
  "sns:CreatePlatformApplication": { roles: to("sns.amazonaws.com", "attributes.SuccessFeedbackRoleArn", "attributes.FailureFeedbackRoleArn"), source: SNS_GUIDE },
  "sns:CreateTopic": { roles: to("sns.amazonaws.com", ...SNS_TOPIC_FEEDBACK), source: SNS_GUIDE },
  "sns:SetPlatformApplicationAttributes": { roles: to("sns.amazonaws.com", "attributes.SuccessFeedbackRoleArn", "attributes.FailureFeedbackRoleArn"), source: SNS_GUIDE },
  "sns:SetTopicAttributes": {
    roles: [{ parameter: "attributeValue", passedTo: "sns.amazonaws.com", when: { parameter: "attributeName", pattern: /FeedbackRoleArn$/ } }],
    source: SNS_GUIDE,
  },
  "ssm:CreateActivation": { roles: to("ssm.amazonaws.com", "iamRole"), required: true, source: "Systems Manager User Guide, 'Create the IAM service role required for hybrid environments'" },
  "ssm:RegisterTaskWithMaintenanceWindow": { roles: to("ssm.amazonaws.com", ...SSM_MAINTENANCE), source: "Systems Manager User Guide, 'Configure permissions for Maintenance Windows'" },
  "ssm:SendCommand": { roles: to("ssm.amazonaws.com", "serviceRoleArn"), source: "Systems Manager User Guide, 'Configuring Amazon SNS notifications for Run Command'" },
  "ssm:UpdateMaintenanceWindowTask": { roles: to("ssm.amazonaws.com", ...SSM_MAINTENANCE), source: "Systems Manager User Guide, 'Configure permissions for Maintenance Windows'" },
  "ssm:UpdateManagedInstanceRole": { roles: to("ssm.amazonaws.com", "iamRole"), required: true, source: "Systems Manager User Guide, 'Create the IAM service role required for hybrid environments'" },
  "transfer:CreateServer": { roles: to("transfer.amazonaws.com", "loggingRole"), source: "Transfer Family User Guide, 'Create an IAM role and policy': the logging role trusts transfer.amazonaws.com" },
  "transfer:CreateUser": { roles: to("transfer.amazonaws.com", "role"), required: true, source: "Transfer Family User Guide, 'Create an IAM role and policy': the user's role trusts transfer.amazonaws.com" },
  "states:CreateStateMachine": { roles: to("states.amazonaws.com", "roleArn"), required: true, source: "Step Functions Developer Guide, 'Creating an IAM role for your state machine'" },
  "states:UpdateStateMachine": { roles: to("states.amazonaws.com", "roleArn"), source: "Step Functions Developer Guide, 'Creating an IAM role for your state machine'" },
};

const INSTANCE_PROFILE_ROLE =
  "the role of the instance profile in PARAMETERS (PassRole is checked on the profile's role, not the profile; the event names only the profile): grant iam:PassRole on that role";
const LAUNCH_TEMPLATE_ROLE =
  "the role of the instance profile in its launch template, when the template names one (the event names the template by id, not its profile or role): grant iam:PassRole on that role with iam:PassedToService ec2.amazonaws.com";

/**
 * A generated row as a RolePassingCall. `a[].b` stays the parameter's name (the engine keeps the
 * distinct values of b across a's elements, rolePassingNested); `a[]`, a list of role ARNs, is `a`
 * (rolePassingLists).
 */
function fromGenerated(row: GeneratedRolePassingCall): RolePassingCall {
  const roles = row.roles.map(([parameter, passedTo]): PassedRoleParameter => ({ parameter: parameter.replace(/\[\]$/, ""), passedTo }));
  const profiles = row.profiles ?? [];
  const notInEvent =
    profiles.length > 0
      ? { what: INSTANCE_PROFILE_ROLE.replace("PARAMETERS", profiles.join(" or ")), onlyWith: profiles }
      : row.launchTemplate === true
        ? { what: LAUNCH_TEMPLATE_ROLE }
        : undefined;
  const principals = [...new Set(row.roles.flatMap(([, passedTo]) => (passedTo === null ? [] : [PASSED_TO_SERVICE_SOURCES[passedTo] ?? passedTo])))];
  const source = [`iam-dataset map-2022-08-19 (${row.methods.join(", ")}), checked against the API's request shape (role-passing-calls.ts)`, ...principals].join("; ");
  return { roles, ...(notInEvent === undefined ? {} : { notInEvent }), source };
}

/** A hand-written row, with the generated row's other role parameters and, if it has none, its roles the event cannot show. */
function merged(hand: RolePassingCall, generated: RolePassingCall): RolePassingCall {
  const named = new Set(hand.roles.map((role) => role.parameter));
  const roles = [...hand.roles, ...generated.roles.filter((role) => !named.has(role.parameter))];
  const notInEvent = hand.notInEvent ?? generated.notInEvent;
  return { ...hand, roles, ...(notInEvent === undefined ? {} : { notInEvent }) };
}

/**
 * Every call that passes a role: the hand-written rows and the generated ones. The iam-dataset
 * reference tests hold it to the map's PassRole entries (test/mapping/passed-roles.test.ts).
 */
export const ROLE_PASSING_CALLS: Readonly<Record<string, RolePassingCall>> = Object.fromEntries(
  [...new Set([...Object.keys(HAND_WRITTEN_CALLS), ...Object.keys(GENERATED_ROLE_PASSING_CALLS)])].sort().map((key) => {
    const hand = HAND_WRITTEN_CALLS[key];
    const row = GENERATED_ROLE_PASSING_CALLS[key];
    const generated = row === undefined ? undefined : fromGenerated(row);
    return [key, hand === undefined ? (generated as RolePassingCall) : generated === undefined ? hand : merged(hand, generated)];
  }),
);

/** The ROLE_PASSING_CALLS row of a call, if it passes roles. */
export function rolePassingCall(servicePrefix: string, eventName: string): RolePassingCall | undefined {
  return ROLE_PASSING_CALLS[`${servicePrefix}:${stripVersionSuffix(eventName)}`];
}

/**
 * The request parameters the PassRole rows of one service prefix read: what the engine must keep
 * (mapping/request-parameters.ts). Role ARNs are configuration, as many as the roles, so grouping
 * by them stays bounded.
 */
export function rolePassingParameters(servicePrefix: string): readonly string[] {
  return parametersByPrefix().get(servicePrefix) ?? [];
}

let byPrefix: ReadonlyMap<string, readonly string[]> | undefined;

/**
 * Each service prefix's role parameters, sorted, from one pass over the rows. PARAMETER_SELECTION
 * asks for them per event source at start-up; scanning every row per prefix (and once more per row
 * for all of them) cost ~30 CPU-ms of every `generate` (bench/README.md, start-up).
 */
function parametersByPrefix(): ReadonlyMap<string, readonly string[]> {
  if (byPrefix !== undefined) return byPrefix;
  const names = new Map<string, Set<string>>();
  for (const [key, call] of Object.entries(ROLE_PASSING_CALLS)) {
    const prefix = key.slice(0, key.indexOf(":"));
    const own = names.get(prefix) ?? new Set<string>();
    for (const role of call.roles) {
      own.add(role.parameter);
      if (role.when !== undefined) own.add(role.when.parameter);
    }
    for (const name of call.notInEvent?.onlyWith ?? []) own.add(name);
    names.set(prefix, own);
  }
  byPrefix = new Map([...names].map(([prefix, own]) => [prefix, [...own].sort()]));
  return byPrefix;
}

/** Every role parameter of every row, as the engine selects it. */
function allRolePassingParameters(): string[] {
  return [...new Set([...parametersByPrefix().values()].flat())].sort();
}

/**
 * The selected names that stand for a member of each element of a list (`a.b[].c.d`: member c.d of
 * each element of list a.b): ParameterSelection.nested entries, so the engine keeps their distinct
 * values, bounded, never the list itself.
 */
export function rolePassingNested(): Readonly<Record<string, NestedValues>> {
  return Object.fromEntries(
    allRolePassingParameters()
      .filter((name) => /^[^\[\]]+\[\]\.[^\[\]]+$/.test(name))
      .map((name) => {
        const [list, field] = name.split("[].") as [string, string];
        return [name, { list, field }];
      }),
  );
}

/** The role parameters that are lists of role ARNs (Redshift `iamRoles`): ParameterSelection.lists entries. */
export function rolePassingLists(): readonly string[] {
  return [
    ...new Set(
      Object.entries(GENERATED_ROLE_PASSING_CALLS).flatMap(([, row]) => row.roles.filter(([parameter]) => parameter.endsWith("[]")).map(([parameter]) => parameter.slice(0, -2))),
    ),
  ].sort();
}

/** The CloudTrail event sources of the services whose calls pass roles: their selections get the role parameters. */
export function rolePassingEventSources(): readonly string[] {
  return ROLE_PASSING_EVENT_SOURCES;
}

/** The roles one parameter named: the ARNs, where they came from and the condition they carry. */
export interface PassedRoles {
  readonly arns: readonly string[];
  readonly via: string;
  readonly passedTo: string | null;
}

/**
 * What a call passed: the role ARNs per parameter (a role name becomes the role's ARN in the
 * event's account), and why roles it passed cannot be named, if any.
 */
export function passedRolesOf(
  call: RolePassingCall,
  row: UsageRow,
  partition: string,
  profiles?: InstanceProfileRoles,
): { readonly passed: readonly PassedRoles[]; readonly unnamed: string | null } {
  if (profiles !== undefined) {
    const resolved = profileRolesOf(call, row, partition, profiles);
    if (resolved !== undefined) return resolved;
  }
  const passed: PassedRoles[] = [];
  let allPresent = call.roles.length > 0;
  for (const role of call.roles) {
    const values = parameterValues(row, role);
    if (values.length === 0) allPresent = false;
    const arns = [...new Set(values.map((value) => roleArnOf(value, row, partition)).filter((arn): arn is string => arn !== undefined))].sort();
    if (arns.length > 0) passed.push({ arns, via: `requestParameters.${role.parameter}${role.listField === undefined ? "" : `[].${role.listField}`}`, passedTo: role.passedTo });
  }
  const unnamed = unnamedRoles(call, row, passed.length > 0, allPresent);
  return { passed, unnamed };
}

function unnamedRoles(call: RolePassingCall, row: UsageRow, anyNamed: boolean, allPresent: boolean): string | null {
  const { notInEvent } = call;
  if (notInEvent !== undefined && !allPresent) {
    const applies = notInEvent.onlyWith === undefined || notInEvent.onlyWith.some((name) => present(row, name));
    if (applies) return `${stripVersionSuffix(row.eventName)} also passes ${notInEvent.what}`;
  }
  if (call.required === true && !anyNamed) {
    const names = call.roles.map((role) => `requestParameters.${role.parameter}`).join(", ");
    return `${stripVersionSuffix(row.eventName)} passes a role, and the event names none where expected (${names})`;
  }
  return null;
}

/**
 * The roles in the trail's instance profiles: `account:profile name` -> role ARNs, from the
 * AddRoleToInstanceProfile calls the trail holds, whoever made them (an instance profile holds one
 * role; PassRole for a call naming the profile is checked on that role: EC2 User Guide, "IAM roles
 * for Amazon EC2", "Permissions required to launch an instance with a role"). AddRoleToInstanceProfile
 * names the role without its path, so each role is given as `role/NAME` and `role/*\/NAME`.
 */
export type InstanceProfileRoles = ReadonlyMap<string, readonly string[]>;

/**
 * A successful AddRoleToInstanceProfile: the rows every scan returns beside the principals asked
 * for, whoever made them, so that a call naming a profile finds its role (the engines' row filter,
 * queries/local/usage-rows.sql and the Athena engine's usage(), keep the same rows).
 */
export function isInstanceProfileRow(row: Pick<UsageRow, "eventSource" | "eventName" | "errorCode">): boolean {
  return row.eventSource === "iam.amazonaws.com" && row.eventName === "AddRoleToInstanceProfile" && row.errorCode === null;
}

/** The InstanceProfileRoles of the rows' successful AddRoleToInstanceProfile calls (any principal). */
export function instanceProfileRoles(rows: readonly UsageRow[]): InstanceProfileRoles {
  const roles = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!isInstanceProfileRow(row)) continue;
    const profile = row.parameters.instanceProfileName;
    const role = row.parameters.roleName;
    if (typeof profile !== "string" || typeof role !== "string" || !ROLE_NAME.test(role) || row.account === "") continue;
    const partition = row.region.startsWith("cn-") ? "aws-cn" : row.region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    const key = `${row.account}:${profile}`;
    const arns = roles.get(key) ?? new Set<string>();
    for (const arn of [`arn:${partition}:iam::${row.account}:role/${role}`, `arn:${partition}:iam::${row.account}:role/*/${role}`]) arns.add(arn);
    roles.set(key, arns);
  }
  return new Map([...roles].map(([key, arns]) => [key, [...arns].sort()]));
}

/**
 * PassRole for the instance profiles a call names, on their roles where the trail holds them;
 * undefined when the row names no profile (the usual reading applies). A profile the trail does
 * not show stays reported, with why.
 */
function profileRolesOf(call: RolePassingCall, row: UsageRow, partition: string, profiles: InstanceProfileRoles): { readonly passed: readonly PassedRoles[]; readonly unnamed: string | null } | undefined {
  const names = (call.notInEvent?.onlyWith ?? []).flatMap((parameter) => {
    const value = row.parameters[parameter];
    const values = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
    return values.filter((v) => v !== "").map((v) => ({ parameter, profile: profileNameOf(v), account: profileAccountOf(v) ?? row.account }));
  });
  if (names.length === 0) return undefined;
  const others = passedRolesOf({ ...call, notInEvent: undefined, required: false }, row, partition);
  const passed: PassedRoles[] = [...others.passed];
  const missing: string[] = [];
  for (const { parameter, profile, account } of names) {
    const arns = profiles.get(`${account}:${profile}`);
    if (arns === undefined) missing.push(profile);
    else passed.push({ arns, via: `requestParameters.${parameter} (instance profile ${profile}) -> AddRoleToInstanceProfile in the trail`, passedTo: "ec2.amazonaws.com" });
  }
  const unnamed =
    missing.length === 0
      ? null
      : `${stripVersionSuffix(row.eventName)} also passes the role of instance profile ${missing.join(", ")}, and the trail read holds no AddRoleToInstanceProfile for it (added before the window, or in another account's trail): grant iam:PassRole on that role with iam:PassedToService ec2.amazonaws.com`;
  return { passed, unnamed };
}

/** "arn:aws:iam::1:instance-profile/path/web" or "web" -> "web" (profile names are unique in an account, whatever the path). */
function profileNameOf(value: string): string {
  const arn = parseArn(value);
  return arn === undefined ? value : (arn.resource.split("/").at(-1) ?? value);
}

function profileAccountOf(value: string): string | undefined {
  return parseArn(value)?.account;
}

/** `{ StringEquals: { "iam:PassedToService": [principal] } }`, or none when no principal is documented. */
export function passedToServiceCondition(passedTo: string | null): PolicyCondition | undefined {
  return passedTo === null ? undefined : { StringEquals: { "iam:PassedToService": [passedTo] } };
}

function present(row: UsageRow, name: string): boolean {
  const value = row.parameters[name];
  return typeof value === "string" ? value !== "" : Array.isArray(value) && value.length > 0;
}

function parameterValues(row: UsageRow, role: PassedRoleParameter): readonly string[] {
  if (role.when !== undefined) {
    const gate = row.parameters[role.when.parameter];
    if (typeof gate !== "string" || !role.when.pattern.test(gate)) return [];
  }
  const value = row.parameters[role.parameter];
  const values = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
  if (role.listField === undefined) return values.filter((v) => v !== "");
  return values.flatMap((text) => listFieldValues(text, role.listField as string));
}

/** `[{"id": "1", "roleArn": "..."}, ...]` as JSON text -> each element's field that is a string. */
function listFieldValues(text: string, field: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((item) => {
    const value = typeof item === "object" && item !== null ? (item as Record<string, unknown>)[field] : undefined;
    return typeof value === "string" && value !== "" ? [value] : [];
  });
}

/** IAM role names (and paths) allow letters, digits and +=,.@_- only. Source: IAM User Guide, "IAM object names". */
const ROLE_NAME = /^[\w+=,.@\/-]+$/;

/**
 * A role ARN, or a role name (ECS CreateService, SSM CreateActivation and Glue accept names, with
 * their path) as the ARN in the event's account. Anything else (an instance profile ARN, a value
 * that is not a name) names no role.
 */
export function roleArnOf(value: string, row: Pick<UsageRow, "account">, partition: string): string | undefined {
  const arn = parseArn(value);
  if (arn !== undefined) return arn.service === "iam" && arn.resource.startsWith("role/") ? value : undefined;
  const name = value.replace(/^\/+/, "").replace(/^role\//, "");
  if (name === "" || !ROLE_NAME.test(name) || row.account === "") return undefined;
  return `arn:${partition}:iam::${row.account}:role/${name}`;
}
