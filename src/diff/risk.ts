import { actionMatches } from "../policy/action-pattern.js";

/**
 * The risk of holding a permission, in cloudsplaining's categories, most severe first. An action
 * may fall in several (iam:CreateAccessKey escalates privilege and exposes credentials).
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

/**
 * Actions that let a principal gain permissions it was not given: change a policy, mint
 * credentials for someone else, or run code as another role. Sources: the list
 * (`iam:PassRole`, `iam:*Policy*`, `iam:Create*`), Rhino Security Labs, "AWS IAM Privilege
 * Escalation – Methods and Mitigation", and cloudsplaining's privilege escalation table.
 * `*Policy*` and `Create*` only count for the write-level IAM actions (below): reading a policy
 * escalates nothing.
 */
const PRIVILEGE_ESCALATION: readonly string[] = [
  "iam:PassRole",
  "iam:*Policy*",
  "iam:Create*",
  "iam:AddUserToGroup",
  "iam:UpdateLoginProfile",
  "iam:UpdateAccessKey",
  "iam:DeleteRolePermissionsBoundary",
  "iam:DeleteUserPermissionsBoundary",
  "lambda:UpdateFunctionCode",
  "lambda:UpdateFunctionConfiguration",
  "lambda:AddLayerVersionPermission",
  "glue:UpdateDevEndpoint",
  "ssm:SendCommand",
  "ssm:StartSession",
  "ec2-instance-connect:SendSSHPublicKey",
  "cloudformation:UpdateStack",
  "codebuild:StartBuild",
  "sagemaker:CreatePresignedNotebookInstanceUrl",
];

/** Matches of the patterns above that grant nothing: the account's password rules are not a principal's policy. */
const NOT_ESCALATION: readonly string[] = ["iam:*PasswordPolicy"];

/** Actions that return or create credentials (cloudsplaining's credentials exposure list). */
const CREDENTIALS_EXPOSURE: readonly string[] = [
  "chime:CreateApiKey",
  "codepipeline:PollForJobs",
  "cognito-identity:GetCredentialsForIdentity",
  "cognito-identity:GetOpenIdToken",
  "cognito-identity:GetOpenIdTokenForDeveloperIdentity",
  "ec2:GetPasswordData",
  "ecr:GetAuthorizationToken",
  "ecr-public:GetAuthorizationToken",
  "gamelift:RequestUploadCredentials",
  "iam:CreateAccessKey",
  "iam:CreateLoginProfile",
  "iam:CreateServiceSpecificCredential",
  "iam:ResetServiceSpecificCredential",
  "iam:UpdateAccessKey",
  "lightsail:GetInstanceAccessDetails",
  "lightsail:GetRelationalDatabaseMasterUserPassword",
  "rds-db:Connect",
  "redshift:GetClusterCredentials",
  "redshift:GetClusterCredentialsWithIAM",
  "sso:GetRoleCredentials",
  "sts:AssumeRole",
  "sts:AssumeRoleWithSAML",
  "sts:AssumeRoleWithWebIdentity",
  "sts:GetFederationToken",
  "sts:GetSessionToken",
];

/** Actions that read secrets or bulk data out of the account (cloudsplaining's data exfiltration list, plus the same reads on other stores). */
const DATA_EXFILTRATION: readonly string[] = [
  "s3:GetObject",
  "s3:GetObjectVersion",
  "ssm:GetParameter",
  "ssm:GetParameters",
  "ssm:GetParametersByPath",
  "secretsmanager:GetSecretValue",
  "secretsmanager:BatchGetSecretValue",
  "kms:Decrypt",
  "dynamodb:Scan",
  "dynamodb:Query",
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:ExportTableToPointInTime",
  "rds:CreateDBSnapshot",
  "ec2:CreateSnapshot",
];

/** IAM's access levels that change things. Permissions management changes who may do what. */
const MODIFYING_LEVELS = new Set(["Write", "Permissions management", "Tagging"]);

/**
 * The risks of granting `action`, most severe first. `resources` are the patterns it is granted
 * on: `sts:AssumeRole` on a wildcard lets the role become any role that trusts the account, which
 * is privilege escalation, where on one named role it only exposes that role's credentials.
 */
export function risksOf(action: string, accessLevel: string, resources: readonly string[]): RiskCategory[] {
  const risks: RiskCategory[] = [];
  const listed = (table: readonly string[]) => table.some((pattern) => actionMatches(pattern, action));
  // iam-data lists some actions under two levels: "Permissions management, Write".
  const levels = accessLevel.split(/,\s*/);
  const modifies = levels.some((level) => MODIFYING_LEVELS.has(level));
  const iamWrite = !action.toLowerCase().startsWith("iam:") || modifies;
  const assumeAnyRole = actionMatches("sts:AssumeRole*", action) && resources.some((resource) => resource.includes("*"));
  const escalates = listed(PRIVILEGE_ESCALATION) && !listed(NOT_ESCALATION) && iamWrite;
  if (escalates || assumeAnyRole) risks.push("privilege-escalation");
  if (listed(CREDENTIALS_EXPOSURE)) risks.push("credentials-exposure");
  if (listed(DATA_EXFILTRATION)) risks.push("data-exfiltration");
  if (levels.includes("Permissions management")) risks.push("resource-exposure");
  if (modifies) risks.push("infrastructure-modification");
  return risks;
}

/** The most severe category, or null for plain reads and lists. */
export function worstRisk(risks: readonly RiskCategory[]): RiskCategory | null {
  return RISK_CATEGORIES.find((category) => risks.includes(category)) ?? null;
}
