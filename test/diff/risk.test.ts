import { describe, expect, it } from "vitest";
import { risksOf, worstRisk } from "../../src/diff/risk.js";

describe("risksOf", () => {
  it.each([
    ["iam:PassRole", "Write", ["*"], ["privilege-escalation", "infrastructure-modification"]],
    ["iam:PutRolePolicy", "Permissions management", ["*"], ["privilege-escalation", "resource-exposure", "infrastructure-modification"]],
    ["iam:CreateAccessKey", "Write", ["*"], ["privilege-escalation", "credentials-exposure", "infrastructure-modification"]],
    ["iam:GetPolicy", "Read", ["*"], []],
    ["iam:ListPolicies", "List", ["*"], []],
    ["sts:AssumeRole", "Write", ["*"], ["privilege-escalation", "credentials-exposure", "infrastructure-modification"]],
    ["sts:AssumeRole", "Write", ["arn:aws:iam::1:role/reader"], ["credentials-exposure", "infrastructure-modification"]],
    ["s3:GetObject", "Read", ["*"], ["data-exfiltration"]],
    ["secretsmanager:GetSecretValue", "Read", ["*"], ["data-exfiltration"]],
    ["s3:PutBucketPolicy", "Permissions management", ["*"], ["resource-exposure", "infrastructure-modification"]],
    ["ec2:TerminateInstances", "Write", ["*"], ["infrastructure-modification"]],
    ["s3:ListBucket", "List", ["*"], []],
  ])("%s (%s) on %j: %j", (action, level, resources, expected) => {
    expect(risksOf(action, level, resources)).toEqual(expected);
  });

  it("orders categories by severity", () => {
    expect(worstRisk(["infrastructure-modification", "data-exfiltration"])).toBe("data-exfiltration");
    expect(worstRisk([])).toBeNull();
  });
});

describe("risksOf with iam-data's two-level actions", () => {
  it("reads 'Permissions management, Write' as both levels", () => {
    expect(risksOf("s3:PutBucketPolicy", "Permissions management, Write", ["*"])).toEqual(["resource-exposure", "infrastructure-modification"]);
    expect(risksOf("iam:DeleteRolePolicy", "Permissions management, Write", ["*"])).toEqual(["privilege-escalation", "resource-exposure", "infrastructure-modification"]);
  });

  it("does not count the account password policy as a principal's policy", () => {
    expect(risksOf("iam:UpdateAccountPasswordPolicy", "Permissions management", ["*"])).toEqual(["resource-exposure", "infrastructure-modification"]);
  });
});
