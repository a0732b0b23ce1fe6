import { anyActionMatches } from "../policy/action-pattern.js";

/**
 * The risk of holding a permission, in cloudsplaining's categories (its RISK_DEFINITION), most
 * severe first. An action may fall in several (iam:CreateAccessKey escalates privilege and
 * exposes credentials).
 */
export type RiskCategory =
  | "privilege-escalation"
  | "credentials-exposure"
  | "data-exfiltration"
  | "resource-exposure"
  | "infrastructure-modification";

export const RISK_CATEGORIES: readonly RiskCategory[] = [
  "privilege-escalation",
  "credentials-exposure",
  "data-exfiltration",
  "resource-exposure",
  "infrastructure-modification",
];

const CLOUDSPLAINING = "cloudsplaining (salesforce/cloudsplaining), cloudsplaining/shared/constants.py";

/**
 * The five categories, one row each: what cloudsplaining means by it, and where tighten reads it
 * from. An action is in a category on its own; cloudsplaining reports a policy, tighten a grant.
 */
export const RISK_DEFINITIONS: Readonly<Record<RiskCategory, { readonly definition: string; readonly source: string }>> = {
  "privilege-escalation": {
    definition: "completes one of cloudsplaining's privilege escalation methods by itself, or with reads only; or is iam:PassRole, which every 'iam:PassRole:*' method needs",
    source: `${CLOUDSPLAINING}, PRIVILEGE_ESCALATION_METHODS; docs/glossary/privilege-escalation.md (Rhino Security Labs' methods)`,
  },
  "credentials-exposure": {
    definition: "returns credentials in its response",
    source: `${CLOUDSPLAINING}, ACTIONS_THAT_RETURN_CREDENTIALS`,
  },
  "data-exfiltration": {
    definition: "a read that can leak data or secrets",
    source: `${CLOUDSPLAINING}, READ_ONLY_DATA_EXFILTRATION_ACTIONS and RISK_DEFINITION["DataExfiltration"] (rds:CopyDBSnapshot, rds:CreateDBSnapshot)`,
  },
  "resource-exposure": {
    definition: "iam-data's access level Permissions management: changes resource-based policies or who may do what",
    source: `${CLOUDSPLAINING}, RISK_DEFINITION["ResourceExposure"] (policy_sentry's Permissions management actions)`,
  },
  "infrastructure-modification": {
    definition: "any access level but Read and List: Write, Tagging, Permissions management",
    source: `${CLOUDSPLAINING}, PolicyDocument.infrastructure_modification (policy_sentry's remove_read_level_actions)`,
  },
};

/**
 * The actions of the privilege escalation methods that complete one alone (CreateAccessKey,
 * PutRolePolicy, UpdateAssumeRolePolicy, ...) or with read-level actions only
 * (EC2InstanceConnectSendSSHPublicKey needs ec2:DescribeInstances, ECSExecuteCommandOnRunningTask
 * ecs:DescribeTasks). A method of several writes (PassExistingRoleToNewLambdaThenInvoke) marks
 * its shared ingredient iam:PassRole, not lambda:CreateFunction. Not here, whatever their names
 * suggest: iam:CreateRole, iam:CreateUser, iam:CreateServiceLinkedRole (create, attach nothing),
 * iam:DeleteRolePolicy (removes permissions), iam:TagPolicy, and the permissions boundary
 * actions, Put and Delete alike (in no method): their access level places them under resource
 * exposure and infrastructure modification.
 */
export const PRIVILEGE_ESCALATION: readonly string[] = [
  "iam:CreateAccessKey",
  "iam:CreateLoginProfile",
  "iam:UpdateLoginProfile",
  "iam:AddUserToGroup",
  "iam:CreatePolicyVersion",
  "iam:SetDefaultPolicyVersion",
  "iam:AttachUserPolicy",
  "iam:AttachGroupPolicy",
  "iam:AttachRolePolicy",
  "iam:PutUserPolicy",
  "iam:PutGroupPolicy",
  "iam:PutRolePolicy",
  "iam:UpdateAssumeRolePolicy",
  "iam:PassRole",
  "glue:UpdateDevEndpoint",
  "lambda:UpdateFunctionCode",
  "sagemaker:CreatePresignedNotebookInstanceUrl",
  "ec2-instance-connect:SendSSHPublicKey",
  "ecs:ExecuteCommand",
];

/**
 * cloudsplaining's ACTIONS_THAT_RETURN_CREDENTIALS, in IAM's casing ("gamelist:" there is
 * GameLift). Left out: connect:GetFederationTokens and sso:GetRoleCredentials, which iam-data does
 * not know (the IAM Identity Center portal API is not authorized by IAM policies), so no grant
 * can name them.
 */
export const CREDENTIALS_EXPOSURE: readonly string[] = [
  "airflow:CreateCliToken",
  "airflow:CreateWebLoginToken",
  "appsync:CreateApiKey",
  "chime:CreateApiKey",
  "cloud9:CreateEnvironmentToken",
  "codeartifact:GetAuthorizationToken",
  "codepipeline:PollForJobs",
  "cognito-identity:GetOpenIdToken",
  "cognito-identity:GetOpenIdTokenForDeveloperIdentity",
  "cognito-identity:GetCredentialsForIdentity",
  "cognito-idp:GetSigningCertificate",
  "connect:GetFederationToken",
  "ec2:GetPasswordData",
  "ecr:GetAuthorizationToken",
  "ecr-public:GetAuthorizationToken",
  "emr-containers:GetManagedEndpointSessionCredentials",
  "finspace-api:GetProgrammaticAccessCredentials",
  "gamelift:RequestUploadCredentials",
  "gamelift:GetInstanceAccess",
  "gamelift:GetComputeAccess",
  "gamelift:GetComputeAuthToken",
  "grafana:CreateWorkspaceApiKey",
  "iam:CreateAccessKey",
  "iam:CreateLoginProfile",
  "iam:CreateServiceSpecificCredential",
  "iam:ResetServiceSpecificCredential",
  "iam:UpdateAccessKey",
  "license-manager:GetAccessToken",
  "lightsail:GetInstanceAccessDetails",
  "lightsail:DownloadDefaultKeyPair",
  "lightsail:CreateBucketAccessKey",
  "lightsail:GetRelationalDatabaseMasterUserPassword",
  "mediapackage:RotateChannelCredentials",
  "mediapackage:RotateIngestEndpointCredentials",
  "rds-db:connect",
  "redshift:GetClusterCredentials",
  "redshift:GetClusterCredentialsWithIAM",
  "redshift-serverless:GetCredentials",
  "sts:AssumeRole",
  "sts:AssumeRoleWithSAML",
  "sts:AssumeRoleWithWebIdentity",
  "sts:GetFederationToken",
  "sts:GetSessionToken",
];

/** cloudsplaining's read-only data exfiltration actions, and the two snapshot copies its definition names. */
export const DATA_EXFILTRATION: readonly string[] = [
  "s3:GetObject",
  "ssm:GetParameter",
  "ssm:GetParameters",
  "ssm:GetParametersByPath",
  "secretsmanager:GetSecretValue",
  "rds:CopyDBSnapshot",
  "rds:CreateDBSnapshot",
];

/** IAM's access levels that change things (policy_sentry's non-read levels). */
const MODIFYING_LEVELS = new Set(["Write", "Permissions management", "Tagging"]);

// Each table indexed by service: risksOf is asked about every action a `*` policy grants.
const escalatesPrivilege = anyActionMatches(PRIVILEGE_ESCALATION);
const exposesCredentials = anyActionMatches(CREDENTIALS_EXPOSURE);
const exfiltratesData = anyActionMatches(DATA_EXFILTRATION);

/**
 * The risks of granting `action`, most severe first. cloudsplaining reports data exfiltration,
 * resource exposure and infrastructure modification only for statements without resource
 * constraints; a review of what tightening removes weighs each grant by what the action can do,
 * so tighten reports them on any resources (`resources` is kept for callers that show them).
 */
export function risksOf(action: string, accessLevel: string, resources: readonly string[]): RiskCategory[] {
  void resources;
  const risks: RiskCategory[] = [];
  // iam-data lists some actions under two levels: "Permissions management, Write".
  const levels = accessLevel.split(/,\s*/);
  if (escalatesPrivilege(action)) risks.push("privilege-escalation");
  if (exposesCredentials(action)) risks.push("credentials-exposure");
  if (exfiltratesData(action)) risks.push("data-exfiltration");
  if (levels.includes("Permissions management")) risks.push("resource-exposure");
  if (levels.some((level) => MODIFYING_LEVELS.has(level))) risks.push("infrastructure-modification");
  return risks;
}

/** The most severe category, or null for plain reads and lists. */
export function worstRisk(risks: readonly RiskCategory[]): RiskCategory | null {
  return RISK_CATEGORIES.find((category) => risks.includes(category)) ?? null;
}
