import { quoteTerraformString, type InterpolationMode } from "./terraform-escape.js";
import { attribute, block, renderHcl, type HclItem } from "./terraform-hcl.js";
import { assertTerraformIdentifier } from "./terraform-identifier.js";
import { readStatements, type InputCondition, type InputPrincipal, type InputStatement } from "./terraform-policy-input.js";

export interface TerraformPolicyOptions {
  /** The data source's name: `data "aws_iam_policy_document" "<name>"`. */
  readonly name: string;
  readonly escapeInterpolations: InterpolationMode;
}

/**
 * Any IAM policy JSON as an `aws_iam_policy_document` data source, printed as
 * iam-policy-json-to-terraform prints it (byte for byte on its fixtures), except where it is wrong:
 * every string escaped, numbers kept, blocks in document order.
 * Throws TerraformInputError for JSON that is no policy.
 */
export function policyToTerraform(json: unknown, options: TerraformPolicyOptions): string {
  return renderHcl([policyDataSource(json, options)]);
}

/** The data source block alone, for files that hold more than it. */
export function policyDataSource(json: unknown, options: TerraformPolicyOptions): HclItem {
  assertTerraformIdentifier(options.name);
  const quote = (value: string) => quoteTerraformString(value, options.escapeInterpolations);
  return block("data", [quote("aws_iam_policy_document"), quote(options.name)], readStatements(json).map((statement) => statementBlock(statement, quote)));
}

type Quote = (value: string) => string;

// The data source's argument order, as the converter writes it.
function statementBlock(statement: InputStatement, quote: Quote): HclItem {
  const list = (name: string, values: readonly string[] | undefined) => (values === undefined ? [] : [attribute(name, values.map(quote))]);
  return block("statement", [], [
    ...(statement.sid === undefined ? [] : [attribute("sid", quote(statement.sid))]),
    attribute("effect", quote(statement.effect)),
    ...list("resources", statement.resources),
    ...list("not_resources", statement.notResources),
    ...list("actions", statement.actions),
    ...list("not_actions", statement.notActions),
    ...statement.conditions.map((condition) => conditionBlock(condition, quote)),
    ...statement.principals.map((principal) => principalBlock("principals", principal, quote)),
    ...statement.notPrincipals.map((principal) => principalBlock("not_principals", principal, quote)),
  ]);
}

function conditionBlock(condition: InputCondition, quote: Quote): HclItem {
  return block("condition", [], [
    attribute("test", quote(condition.test)),
    attribute("variable", quote(condition.variable)),
    attribute("values", condition.values.map(quote)),
  ]);
}

function principalBlock(type: "principals" | "not_principals", principal: InputPrincipal, quote: Quote): HclItem {
  return block(type, [], [attribute("type", quote(principal.type)), attribute("identifiers", principal.identifiers.map(quote))]);
}
