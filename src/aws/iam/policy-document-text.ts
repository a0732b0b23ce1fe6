/**
 * A policy document as the IAM API returns it -> its JSON text. The IAM API URL-encodes every
 * policy document (RFC 3986; IAM API reference, GetRolePolicy "PolicyDocument") and SDK v3 does
 * not decode it; moto encodes some and not others. JSON starts with "{" (after any whitespace) and
 * the encoded form with "%", so the first character decides. Throws URIError on a bad escape.
 */
export function decodePolicyDocumentText(text: string): string {
  const trimmed = text.trimStart();
  return trimmed.startsWith("%") ? decodeURIComponent(trimmed) : trimmed;
}

/** The parsed document; `source` names the policy in the error when IAM sent something else. */
export function parsePolicyDocumentText(text: string, source: string): unknown {
  let json: string;
  try {
    json = decodePolicyDocumentText(text);
  } catch (error) {
    throw new Error(`IAM returned a malformed URL-encoded policy document for ${source}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new Error(`IAM returned a policy document for ${source} that is not JSON: ${(error as Error).message}`);
  }
}
