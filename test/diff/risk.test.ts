import { describe, expect, it } from "vitest";
import { CREDENTIALS_EXPOSURE, DATA_EXFILTRATION, PRIVILEGE_ESCALATION, RISK_CATEGORIES, RISK_DEFINITIONS, risksOf, worstRisk } from "../../src/diff/risk.js";
import { loadIamCatalog } from "../../src/iam/catalog.js";

/** Each action with iam-data's own access level, so that the levels are not made up here. */
async function risks(...actions: string[]) {
  const catalog = await loadIamCatalog(actions.map((a) => a.slice(0, a.indexOf(":"))));
  return Object.fromEntries(
    actions.map((action) => {
      const [service, name] = [action.slice(0, action.indexOf(":")), action.slice(action.indexOf(":") + 1)];
      const level = catalog.action(service, name)?.accessLevel;
      if (level === undefined) throw new Error(`iam-data has no ${action}`);
      return [action, risksOf(action, level, ["*"])];
    }),
  );
}

describe("risk categories, one row per cloudsplaining definition", () => {
  it("has one definition with its source for each category", () => {
    expect(Object.keys(RISK_DEFINITIONS).sort()).toEqual([...RISK_CATEGORIES].sort());
    for (const category of RISK_CATEGORIES) expect(RISK_DEFINITIONS[category].source).toMatch(/cloudsplaining/);
  });

  it("privilege escalation: the methods that complete alone or with reads, and iam:PassRole", async () => {
    const result = await risks("iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:CreatePolicyVersion", "iam:UpdateAssumeRolePolicy", "iam:PassRole", "lambda:UpdateFunctionCode", "ecs:ExecuteCommand");
    for (const [action, categories] of Object.entries(result)) expect(categories[0], action).toBe("privilege-escalation");
  });

  it("privilege escalation: not iam:CreateRole, CreateUser, CreateServiceLinkedRole, DeleteRolePolicy, TagPolicy; boundaries Put and Delete alike", async () => {
    const result = await risks(
      "iam:CreateRole",
      "iam:CreateUser",
      "iam:CreateServiceLinkedRole",
      "iam:DeleteRolePolicy",
      "iam:TagPolicy",
      "iam:PutRolePermissionsBoundary",
      "iam:DeleteRolePermissionsBoundary",
      "iam:PutUserPermissionsBoundary",
      "iam:DeleteUserPermissionsBoundary",
      "lambda:CreateFunction", // only with iam:PassRole and an invoke: PassRole carries the method
    );
    for (const [action, categories] of Object.entries(result)) expect(categories, action).not.toContain("privilege-escalation");
    expect(result["iam:PutRolePermissionsBoundary"]).toEqual(result["iam:DeleteRolePermissionsBoundary"]);
    expect(result["iam:PutUserPermissionsBoundary"]).toEqual(result["iam:DeleteUserPermissionsBoundary"]);
    expect(result["iam:CreateRole"]).toEqual(["infrastructure-modification"]);
    expect(result["iam:DeleteRolePolicy"]).toEqual(["resource-exposure", "infrastructure-modification"]);
    expect(result["iam:TagPolicy"]).toEqual(["infrastructure-modification"]);
  });

  it("credentials exposure: calls that return credentials, sts:AssumeRole on any resource", async () => {
    const result = await risks("ecr:GetAuthorizationToken", "sts:AssumeRole", "iam:CreateAccessKey", "rds-db:connect");
    expect(result["ecr:GetAuthorizationToken"]).toEqual(["credentials-exposure"]);
    expect(result["sts:AssumeRole"]).toEqual(["credentials-exposure", "infrastructure-modification"]);
    expect(result["iam:CreateAccessKey"]).toEqual(["privilege-escalation", "credentials-exposure", "infrastructure-modification"]);
    expect(risksOf("sts:AssumeRole", "Write", ["arn:aws:iam::1:role/reader"])).toEqual(risksOf("sts:AssumeRole", "Write", ["*"]));
  });

  it("data exfiltration: cloudsplaining's reads, not every read", async () => {
    const result = await risks("s3:GetObject", "secretsmanager:GetSecretValue", "ssm:GetParametersByPath", "rds:CreateDBSnapshot", "dynamodb:GetItem", "kms:Decrypt", "s3:ListBucket");
    expect(result["s3:GetObject"]).toEqual(["data-exfiltration"]);
    expect(result["secretsmanager:GetSecretValue"]).toEqual(["data-exfiltration"]);
    expect(result["rds:CreateDBSnapshot"]).toEqual(["data-exfiltration", "infrastructure-modification"]);
    expect(result["dynamodb:GetItem"]).toEqual([]);
    expect(result["kms:Decrypt"]).toEqual(["infrastructure-modification"]); // iam-data: Write
    expect(result["s3:ListBucket"]).toEqual([]);
  });

  it("resource exposure: Permissions management, read from 'Permissions management, Write' too", () => {
    expect(risksOf("s3:PutBucketPolicy", "Permissions management", ["*"])).toEqual(["resource-exposure", "infrastructure-modification"]);
    expect(risksOf("s3:PutBucketPolicy", "Permissions management, Write", ["*"])).toEqual(["resource-exposure", "infrastructure-modification"]);
    expect(risksOf("iam:UpdateAccountPasswordPolicy", "Permissions management", ["*"])).toEqual(["resource-exposure", "infrastructure-modification"]);
  });

  it("infrastructure modification: every level but Read and List", () => {
    expect(risksOf("ec2:TerminateInstances", "Write", ["*"])).toEqual(["infrastructure-modification"]);
    expect(risksOf("ec2:CreateTags", "Tagging", ["*"])).toEqual(["infrastructure-modification"]);
    expect(risksOf("iam:GetPolicy", "Read", ["*"])).toEqual([]);
    expect(risksOf("iam:ListPolicies", "List", ["*"])).toEqual([]);
  });

  it("names only actions iam-data knows", async () => {
    const all = [...PRIVILEGE_ESCALATION, ...CREDENTIALS_EXPOSURE, ...DATA_EXFILTRATION];
    const catalog = await loadIamCatalog(all.map((a) => a.slice(0, a.indexOf(":"))));
    const unknown = all.filter((a) => !catalog.hasService(a.slice(0, a.indexOf(":"))) || catalog.action(a.slice(0, a.indexOf(":")), a.slice(a.indexOf(":") + 1)) === undefined);
    expect(unknown).toEqual([]);
  });

  it("orders categories by severity", () => {
    expect(worstRisk(["infrastructure-modification", "data-exfiltration"])).toBe("data-exfiltration");
    expect(worstRisk([])).toBeNull();
  });
});
