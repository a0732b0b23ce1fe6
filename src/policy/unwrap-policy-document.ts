import { decodePolicyDocumentText } from "../aws/iam/policy-document-text.js";
import { PolicyParseError } from "./parse-policy.js";

/**
 * The policy inside what the AWS CLI prints for a policy: `get-role-policy` and
 * `get-user-policy` ({"PolicyDocument": ...}, the document URL-encoded text or JSON) and
 * `get-policy-version` ({"PolicyVersion": {"Document": ...}}); a bare policy is returned as it is.
 */
export function unwrapPolicyDocument(value: unknown): unknown {
  if (!isRecord(value) || "Statement" in value) return value;
  const version = value["PolicyVersion"];
  const inner = value["PolicyDocument"] ?? (isRecord(version) ? version["Document"] : undefined);
  if (inner === undefined) return value;
  if (typeof inner !== "string") return inner;
  let json: string;
  try {
    json = decodePolicyDocumentText(inner);
  } catch (error) {
    throw new PolicyParseError(`the policy document is malformed URL-encoded text: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new PolicyParseError(`the policy document is not valid JSON: ${(error as Error).message}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
