import type { PolicyDocument } from "../policy/policy-document.js";
import { readTemplate, fillTemplate } from "../templates.js";
import { escapeCommentText, quoteTerraformString } from "./terraform-escape.js";
import { renderHcl } from "./terraform-hcl.js";
import { terraformIdentifier } from "./terraform-identifier.js";
import { policyDataSource } from "./terraform-policy.js";

export interface TerraformRole {
  /** The role name without its path, as `aws_iam_role_policy.role` takes it. */
  readonly name: string;
  readonly arn: string;
  readonly account: string;
}

export interface RoleTerraformOptions {
  /** The inline policy's name in IAM; default "tighten". Give each document its own when a role needs several. */
  readonly policyName?: string;
  /** Basis of the Terraform names (made safe); default the role name, plus the policy name when one is given. */
  readonly identifier?: string;
}

export const DEFAULT_INLINE_POLICY_NAME = "tighten";

/**
 * A ready-to-apply file for one role: the policy as an `aws_iam_policy_document` data source and an
 * `aws_iam_role_policy` attaching it by role name. Every string in the document came from
 * CloudTrail, so every `${` and `%{` in it is escaped: nothing in a log becomes Terraform code.
 */
export function renderRoleTerraform(role: TerraformRole, document: PolicyDocument, options: RoleTerraformOptions = {}): string {
  const policyName = options.policyName ?? DEFAULT_INLINE_POLICY_NAME;
  const identifier = terraformIdentifier(options.identifier ?? (options.policyName === undefined ? role.name : `${role.name}-${policyName}`));
  return fillTemplate(readTemplate("terraform/role-policy.tf"), {
    role_arn: escapeCommentText(role.arn),
    account: escapeCommentText(role.account),
    policy_document: renderHcl([policyDataSource(document, { name: identifier, escapeInterpolations: "escape-all" })]),
    identifier,
    policy_name: quoteTerraformString(policyName, "escape-all"),
    role_name: quoteTerraformString(role.name, "escape-all"),
  });
}
