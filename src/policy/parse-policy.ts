import type { NormalizedPolicy, NormalizedStatement, PolicyVersion } from "./normalized-policy.js";

/** What is wrong with a policy document, with the path to the element at fault ("Statement[2].Effect"). */
export class PolicyParseError extends Error {
  override readonly name = "PolicyParseError";
}

const VERSIONS: readonly PolicyVersion[] = ["2012-10-17", "2008-10-17"];
const STATEMENT_KEYS = new Set(["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"]);
// A service prefix is letters, digits and hyphens; IAM rejects a wildcard in it ("s*:GetObject").
const ACTION = /^(\*|[A-Za-z0-9-]+:[^:\s]*)$/;

/**
 * Any identity policy JSON -> NormalizedPolicy: the document as text or parsed, or the
 * `aws iam get-role-policy` / `get-policy-version` output around it. IAM accepts a string or a
 * list for Action, Resource and condition values, and one Statement object or a list; all become
 * lists. Unknown elements are an error rather than ignored, so that a typo ("Actions") cannot make
 * verify read a narrower policy than the one IAM would refuse. Principal marks a resource-based
 * policy, which is not what a role's permissions are.
 */
export function parsePolicy(input: unknown): NormalizedPolicy {
  const document = unwrap(typeof input === "string" ? parseJson(input, "the policy") : input);
  if (!isRecord(document)) throw new PolicyParseError("not a policy document: expected a JSON object with Statement");
  for (const key of Object.keys(document)) {
    if (key !== "Version" && key !== "Statement" && key !== "Id") throw new PolicyParseError(`unknown policy element ${key}`);
  }
  const version = document["Version"] ?? "2008-10-17";
  if (!VERSIONS.includes(version as PolicyVersion)) {
    throw new PolicyParseError(`Version must be "2012-10-17" or "2008-10-17", not ${JSON.stringify(version)}`);
  }
  const statement = document["Statement"];
  if (statement === undefined) throw new PolicyParseError("no Statement");
  const statements = Array.isArray(statement) ? statement : [statement];
  return {
    version: version as PolicyVersion,
    statements: statements.map((s, i) => parseStatement(s, Array.isArray(statement) ? `Statement[${i}]` : "Statement")),
  };
}

/** The document inside IAM API output: `{PolicyDocument}` (get-role-policy), `{PolicyVersion: {Document}}`. */
function unwrap(value: unknown): unknown {
  if (!isRecord(value) || "Statement" in value) return value;
  const inner = value["PolicyDocument"] ?? (isRecord(value["PolicyVersion"]) ? value["PolicyVersion"]["Document"] : undefined);
  if (inner === undefined) return value;
  // The raw IAM API returns the document URL-encoded; the AWS CLI decodes it.
  if (typeof inner === "string") return parseJson(inner.trimStart().startsWith("{") ? inner : decodeURIComponent(inner), "PolicyDocument");
  return inner;
}

function parseStatement(value: unknown, at: string): NormalizedStatement {
  if (!isRecord(value)) throw new PolicyParseError(`${at} is not an object`);
  for (const key of Object.keys(value)) {
    if (key === "Principal" || key === "NotPrincipal") {
      throw new PolicyParseError(`${at} has ${key}: that is a resource-based policy, not an identity policy`);
    }
    if (!STATEMENT_KEYS.has(key)) throw new PolicyParseError(`${at} has unknown element ${key}`);
  }
  const effect = value["Effect"];
  if (effect !== "Allow" && effect !== "Deny") throw new PolicyParseError(`${at}.Effect must be "Allow" or "Deny", not ${JSON.stringify(effect)}`);
  const sid = value["Sid"];
  if (sid !== undefined && typeof sid !== "string") throw new PolicyParseError(`${at}.Sid must be a string`);
  const [actionKey, actions] = oneOf(value, "Action", "NotAction", at);
  for (const action of actions) {
    if (!ACTION.test(action)) throw new PolicyParseError(`${at}.${actionKey}: ${JSON.stringify(action)} is not "*" or service:action`);
  }
  const [resourceKey, resources] = oneOf(value, "Resource", "NotResource", at);
  if (resources.some((r) => r === "")) throw new PolicyParseError(`${at}.${resourceKey} holds an empty string`);
  return {
    sid: sid ?? null,
    effect,
    actions,
    actionsExcluded: actionKey === "NotAction",
    resources,
    resourcesExcluded: resourceKey === "NotResource",
    conditions: parseConditions(value["Condition"], `${at}.Condition`),
  };
}

/** Exactly one of the element and its Not form, as a non-empty list of strings. */
function oneOf(statement: Record<string, unknown>, key: string, notKey: string, at: string): [string, string[]] {
  const has = statement[key] !== undefined;
  const hasNot = statement[notKey] !== undefined;
  if (has === hasNot) throw new PolicyParseError(`${at} needs exactly one of ${key} and ${notKey}`);
  const name = has ? key : notKey;
  const list = stringList(statement[name], `${at}.${name}`);
  if (list.length === 0) throw new PolicyParseError(`${at}.${name} is empty`);
  return [name, list];
}

function parseConditions(value: unknown, at: string): NormalizedStatement["conditions"] {
  if (value === undefined) return {};
  if (!isRecord(value)) throw new PolicyParseError(`${at} is not an object`);
  const conditions: Record<string, Record<string, string[]>> = {};
  for (const [operator, keys] of Object.entries(value)) {
    if (!isRecord(keys)) throw new PolicyParseError(`${at}.${operator} is not an object of condition keys`);
    conditions[operator] = Object.fromEntries(
      Object.entries(keys).map(([key, values]) => [key, scalarList(values, `${at}.${operator}.${key}`)]),
    );
  }
  return conditions;
}

function stringList(value: unknown, at: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((item) => typeof item === "string")) throw new PolicyParseError(`${at} must be a string or a list of strings`);
  return list as string[];
}

/** Condition values may be written as numbers or booleans (`"Bool": {"aws:SecureTransport": false}`). */
function scalarList(value: unknown, at: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (typeof item === "string" || typeof item === "number" || typeof item === "boolean") return String(item);
    throw new PolicyParseError(`${at} must be a string, number or boolean, or a list of them`);
  });
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PolicyParseError(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
