import { printable, UNPRINTABLE } from "../shared/printable.js";
import { TerraformInputError } from "./terraform-input-error.js";
import { interpolationEnd, isPolicyVariable } from "./terraform-interpolation.js";

/**
 * What to do with `${...}` in a string:
 * - "keep-terraform-references": a user's own policy JSON may hold Terraform references
 *   (`${aws_kms_key.key.arn}`) meant to be evaluated, as iam-policy-json-to-terraform allows;
 *   IAM policy variables (`${aws:username}`) are still escaped.
 * - "escape-all": strings that came from CloudTrail are data; every `${` and `%{` is escaped so an
 *   S3 key named `${file("/etc/passwd")}` stays a string.
 */
export type InterpolationMode = "keep-terraform-references" | "escape-all";

/** `value` as an HCL quoted string, quotes included. */
export function quoteTerraformString(value: string, mode: InterpolationMode): string {
  return `"${escapeTemplateText(value, mode)}"`;
}

/**
 * The body of an HCL quoted template that evaluates to `value`. HCL reads `$${` and `%%{` as the
 * literal `${` and `%{`, and `\"`, `\\`, `\n`, `\r`, `\t`, `\uNNNN` as in JSON
 * (HCL native syntax spec, "Template Literals" and "String Literals").
 */
export function escapeTemplateText(value: string, mode: InterpolationMode): string {
  assertWellFormed(value);
  let out = "";
  let i = 0;
  while (i < value.length) {
    const char = value[i] as string;
    const next = value[i + 1];
    if (char === "$" && next === "{") {
      const end = mode === "keep-terraform-references" ? keptReferenceEnd(value, i) : -1;
      if (end !== -1) {
        out += value.slice(i, end);
        i = end;
        continue;
      }
      out += "$${";
      i += 2;
    } else if (char === "%" && next === "{") {
      // Template directives (`%{ if }`) have no place in an IAM policy: always literal.
      out += "%%{";
      i += 2;
    } else {
      out += escapeCharacter(char);
      i += 1;
    }
  }
  return out;
}

/**
 * The end of a Terraform reference to copy as it is, or -1 to escape it: unterminated or empty
 * sequences, IAM policy variables, and anything spanning a control character (which a quoted
 * template cannot hold raw) are escaped instead, so that the output is always HCL.
 */
function keptReferenceEnd(value: string, start: number): number {
  const end = interpolationEnd(value, start);
  if (end === -1) return -1;
  const reference = value.slice(start, end);
  const body = reference.slice(2, -1);
  if (body.trim() === "" || isPolicyVariable(body) || CONTROL.test(reference)) return -1;
  return end;
}

// What would make a reviewer read something other than what Terraform sees (see UNPRINTABLE).
const CONTROL = new RegExp(UNPRINTABLE.source);

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

function escapeCharacter(char: string): string {
  const short = SHORT_ESCAPES[char];
  if (short !== undefined) return short;
  if (CONTROL.test(char)) return `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
  return char;
}

/**
 * Strings Terraform cannot hold, refused rather than silently changed into another policy:
 * - a lone UTF-16 surrogate (JSON allows `"\ud800"`) has no UTF-8 encoding and no HCL escape;
 * - text not in Unicode normalization form C: HCL and cty normalize every string to NFC, escapes
 *   included, so an S3 key written with a decomposed "é" would become a different key.
 */
function assertWellFormed(value: string): void {
  const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(value);
  if (lone !== null) {
    throw new TerraformInputError(`a string holds a lone UTF-16 surrogate (U+${lone[0].charCodeAt(0).toString(16).toUpperCase()}), which Terraform cannot represent`);
  }
  if (value.normalize("NFC") !== value) {
    throw new TerraformInputError(
      `${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value)} is not in Unicode normalization form C, and Terraform normalizes every string, so the policy would name something else; use the JSON policy instead`,
    );
  }
}

/**
 * `text` for a `#` comment: HCL ends a comment at a newline, so a role ARN or account read from a
 * log that holds one could start a line of Terraform code. Control characters, line and paragraph
 * separators and bidirectional overrides are shown as \u escapes instead.
 */
export function escapeCommentText(text: string): string {
  return printable(text).replace(/[\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16)}`);
}
