import { TerraformInputError } from "./terraform-input-error.js";
import { interpolationEnd } from "./terraform-interpolation.js";

/**
 * Policy JSON text as `convert` accepts it. People write Terraform expressions into their policy
 * JSON as they would in HCL, quotes unescaped (`"arn:aws:s3:::${join("/", local.parts)}"`), and
 * iam-policy-json-to-terraform accepts that (its tf-interpolations fixture). Strict JSON is tried
 * first, so a valid document always means what JSON says; only when that fails are the quotes and
 * backslashes inside `${...}` taken as Terraform source text and escaped for JSON.
 */
export function parsePolicyJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (strictError) {
    const lenient = escapeExpressionsInJsonStrings(text);
    if (lenient !== text) {
      try {
        return JSON.parse(lenient) as unknown;
      } catch {
        // Report the strict error: it points at the text the user wrote.
      }
    }
    throw new TerraformInputError(`not valid JSON: ${jsonErrorReason(strictError as Error, text)}`);
  }
}

/** `text` with every `${...}` inside a JSON string rewritten as the JSON string of its source. */
export function escapeExpressionsInJsonStrings(text: string): string {
  let out = "";
  let inString = false;
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    if (inString && char === "\\") {
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (char === '"') inString = !inString;
    const end = inString && char === "$" && text[i + 1] === "{" ? interpolationEnd(text, i) : -1;
    if (end === -1) {
      out += char;
      i += 1;
    } else {
      out += JSON.stringify(text.slice(i, end)).slice(1, -1);
      i = end;
    }
  }
  return out;
}

/** V8 says "... in JSON at position 2" also when the text is merely cut short: say that instead. */
function jsonErrorReason(error: Error, text: string): string {
  const position = /at position (\d+)/.exec(error.message);
  if (text.trim() === "" || (position !== null && Number(position[1]) >= text.trimEnd().length)) return "unexpected end of JSON input";
  return error.message;
}
