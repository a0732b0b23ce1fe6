import { policyJsonObject } from "../policy/policy-json.js";
import type { PolicyDocument, TrustPolicyDocument } from "../../policy/policy-document.js";
import { readTemplate, fillTemplate } from "../../templates.js";
import { escapeCommentText, quoteTerraformString } from "./terraform-escape.js";
import { renderHcl } from "./terraform-hcl.js";
import { assertTerraformReference, terraformLabel } from "./terraform-identifier.js";
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
  /** Basis of the Terraform names (made snake_case, see terraformLabel); default the role name, plus the policy name when one is given. */
  readonly identifier?: string;
  /** What the policy was made from, for the header; default "the calls CloudTrail recorded". */
  readonly source?: string;
  /**
   * The role as a reference to its resource (`aws_iam_role.payments_task`) instead of a string, so
   * that Terraform orders the two and a renamed role cannot leave the policy behind.
   */
  readonly roleResource?: string;
}

export const DEFAULT_INLINE_POLICY_NAME = "tighten";

/**
 * A ready-to-apply file for one role: the policy as an `aws_iam_policy_document` data source and an
 * `aws_iam_role_policy` attaching it by role name. Every string in the document came from
 * CloudTrail, so every `${` and `%{` in it is escaped: nothing in a log becomes Terraform code.
 */
export function renderRoleTerraform(role: TerraformRole, document: PolicyDocument, options: RoleTerraformOptions = {}): string {
  const policyName = options.policyName ?? DEFAULT_INLINE_POLICY_NAME;
  const identifier = terraformLabel(options.identifier ?? (options.policyName === undefined ? role.name : `${role.name}-${policyName}`));
  if (options.roleResource !== undefined) assertTerraformReference(options.roleResource);
  return fillTemplate(readTemplate("terraform/role-policy.tf"), {
    role_arn: escapeCommentText(role.arn),
    account: escapeCommentText(role.account),
    source: escapeCommentText(options.source ?? "the calls CloudTrail recorded"),
    policy_document: renderHcl([policyDataSource(policyJsonObject(document), { name: identifier, escapeInterpolations: "escape-all" })]),
    identifier,
    policy_name: quoteTerraformString(policyName, "escape-all"),
    role: options.roleResource === undefined ? quoteTerraformString(role.name, "escape-all") : `${options.roleResource}.name`,
  });
}

/** The role's trust policy as a data source named `<identifier>_trust`, for its aws_iam_role's assume_role_policy. */
export function renderTrustTerraform(role: TerraformRole, trust: TrustPolicyDocument, options: Pick<RoleTerraformOptions, "identifier"> = {}): string {
  const identifier = terraformLabel(`${options.identifier ?? role.name}_trust`);
  return fillTemplate(readTemplate("terraform/role-trust.tf"), {
    role_arn: escapeCommentText(role.arn),
    account: escapeCommentText(role.account),
    identifier,
    policy_document: renderHcl([policyDataSource(policyJsonObject(trust), { name: identifier, escapeInterpolations: "escape-all" })]),
  });
}
