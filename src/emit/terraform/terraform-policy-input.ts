import { TerraformInputError } from "./terraform-input-error.js";

/**
 * One statement of any policy JSON, as the Terraform data source needs it: every list in document
 * order, condition and principal blocks in document order (the converter's order is random, see
 * ../shared/peers/j2tf/README.md). An absent element is undefined; an empty list stays empty,
 * because `"Action": []` and no Action are different policies.
 */
export interface InputStatement {
  readonly sid?: string;
  /** "" when the JSON has none, as the converter writes it: IAM then rejects the policy, visibly. */
  readonly effect: string;
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  readonly conditions: readonly InputCondition[];
  readonly principals: readonly InputPrincipal[];
  readonly notPrincipals: readonly InputPrincipal[];
}

export interface InputCondition {
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

export interface InputPrincipal {
  readonly type: string;
  readonly identifiers: readonly string[];
}

// IAM JSON policy element reference: the elements a statement may hold.
const STATEMENT_ELEMENTS = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

/** The statements of a policy document; `Statement` may be one object or a list. */
export function readStatements(json: unknown): InputStatement[] {
  if (!isObject(json)) throw new TerraformInputError(`expected a policy document (a JSON object), got ${describe(json)}`);
  const statement = json["Statement"];
  if (statement === undefined || statement === null) throw new TerraformInputError(missingStatementMessage(json));
  if (Array.isArray(statement)) return statement.map((item, index) => readStatement(item, `Statement[${index}]`));
  return [readStatement(statement, "Statement")];
}

function readStatement(json: unknown, at: string): InputStatement {
  if (!isObject(json)) throw new TerraformInputError(`${at}: expected a statement object, got ${describe(json)}`);
  const unknown = Object.keys(json).filter((key) => !STATEMENT_ELEMENTS.includes(key));
  if (unknown.length > 0) {
    throw new TerraformInputError(`${at}: unknown element ${JSON.stringify(unknown[0])}; a statement holds ${STATEMENT_ELEMENTS.join(", ")}`);
  }
  const sid = optionalString(json["Sid"], `${at}.Sid`);
  return {
    ...(sid === undefined || sid === "" ? {} : { sid }),
    effect: optionalString(json["Effect"], `${at}.Effect`) ?? "",
    resources: optionalList(json["Resource"], `${at}.Resource`),
    notResources: optionalList(json["NotResource"], `${at}.NotResource`),
    actions: optionalList(json["Action"], `${at}.Action`),
    notActions: optionalList(json["NotAction"], `${at}.NotAction`),
    conditions: readConditions(json["Condition"], `${at}.Condition`),
    principals: readPrincipals(json["Principal"], `${at}.Principal`),
    notPrincipals: readPrincipals(json["NotPrincipal"], `${at}.NotPrincipal`),
  };
}

function optionalList(json: unknown, at: string): readonly string[] | undefined {
  return json === undefined || json === null ? undefined : stringList(json, at);
}

function readConditions(json: unknown, at: string): InputCondition[] {
  if (json === undefined || json === null) return [];
  return objectEntries(json, at).flatMap(([test, keys]) =>
    objectEntries(keys, `${at}.${test}`).map(([variable, values]) => ({
      test,
      variable,
      values: conditionValues(values, `${at}.${test}.${variable}`),
    })),
  );
}

/** A principal written as a bare string can only be "*" (anyone), which Terraform spells as type "*". */
function readPrincipals(json: unknown, at: string): InputPrincipal[] {
  if (json === undefined || json === null) return [];
  if (json === "*") return [{ type: "*", identifiers: ["*"] }];
  if (typeof json === "string") throw new TerraformInputError(`${at}: a principal given as a string must be "*"; name others as {"AWS": ...}, {"Service": ...}`);
  return objectEntries(json, at).map(([type, identifiers]) => ({ type, identifiers: stringList(identifiers, `${at}.${type}`) }));
}

function stringList(json: unknown, at: string): string[] {
  const items = Array.isArray(json) ? json : [json];
  return items.map((item, index) => {
    if (typeof item === "string") return item;
    throw new TerraformInputError(`${Array.isArray(json) ? `${at}[${index}]` : at}: expected a string, got ${describe(item)}`);
  });
}

/**
 * Condition values may be JSON booleans and numbers (`"aws:SecureTransport": false`,
 * `"s3:max-keys": 10`); IAM compares them as strings, and the data source takes strings.
 */
function conditionValues(json: unknown, at: string): string[] {
  const items = Array.isArray(json) ? json : [json];
  return items.map((item, index) => conditionValue(item, Array.isArray(json) ? `${at}[${index}]` : at));
}

function conditionValue(json: unknown, at: string): string {
  if (typeof json === "string") return json;
  if (typeof json === "boolean") return String(json);
  // JSON.parse has already rounded an integer past 2^53 or overflowed to Infinity: the digits the
  // author wrote are gone, so say so instead of writing a different number.
  if (typeof json === "number" && Number.isFinite(json) && (!Number.isInteger(json) || Number.isSafeInteger(json))) return String(json);
  if (typeof json === "number") throw new TerraformInputError(`${at}: the number ${String(json)} cannot be represented exactly; write it as a string`);
  throw new TerraformInputError(`${at}: expected a string, number or boolean, got ${describe(json)}`);
}

function optionalString(json: unknown, at: string): string | undefined {
  if (json === undefined || json === null) return undefined;
  if (typeof json === "string") return json;
  throw new TerraformInputError(`${at}: expected a string, got ${describe(json)}`);
}

function objectEntries(json: unknown, at: string): [string, unknown][] {
  if (!isObject(json)) throw new TerraformInputError(`${at}: expected an object, got ${describe(json)}`);
  return Object.entries(json);
}

function isObject(json: unknown): json is Record<string, unknown> {
  return typeof json === "object" && json !== null && !Array.isArray(json);
}

/** "an object (a CloudFormation function: Fn::Sub)", "a number", ...: what the reader has to fix. */
function describe(json: unknown): string {
  if (json === null) return "null";
  if (Array.isArray(json)) return "a list";
  if (isObject(json)) {
    const intrinsic = Object.keys(json).find(isCloudFormationFunction);
    return intrinsic === undefined ? "an object" : `an object (the CloudFormation function ${intrinsic}, which Terraform cannot evaluate)`;
  }
  return typeof json === "number" ? `the number ${String(json)}` : typeof json === "boolean" ? `the boolean ${String(json)}` : `a ${typeof json}`;
}

function isCloudFormationFunction(key: string): boolean {
  return key === "Ref" || key.startsWith("Fn::");
}

/**
 * Policies often arrive wrapped: a CloudFormation `AWS::IAM::Policy` snippet, `aws iam
 * get-role-policy` output. Point at the policy inside rather than only saying what is missing.
 */
function missingStatementMessage(json: Record<string, unknown>): string {
  const nested = nestedPolicyPath(json, []);
  if (nested === undefined) return `no "Statement" found: this is not an IAM policy document`;
  const where = nested.join(".");
  if (looksLikeCloudFormation(json)) {
    return `no "Statement" at the top level: this looks like a CloudFormation snippet, with a policy under ${where}; CloudFormation is not supported, convert a plain policy document`;
  }
  return `no "Statement" at the top level, but a policy sits under ${where}: convert that object`;
}

/** The key path to the first object (in document order) that holds a Statement. */
function nestedPolicyPath(json: unknown, path: readonly string[]): string[] | undefined {
  if (!isObject(json) || path.length > 8) return undefined;
  if (path.length > 0 && "Statement" in json) return [...path];
  for (const [key, value] of Object.entries(json)) {
    const found = nestedPolicyPath(value, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

function looksLikeCloudFormation(json: unknown): boolean {
  if (Array.isArray(json)) return json.some(looksLikeCloudFormation);
  if (!isObject(json)) return false;
  return Object.entries(json).some(
    ([key, value]) =>
      isCloudFormationFunction(key) ||
      key === "AWSTemplateFormatVersion" ||
      (key === "Type" && typeof value === "string" && value.startsWith("AWS::")) ||
      looksLikeCloudFormation(value),
  );
}
