import { createHash } from "node:crypto";
import { TerraformInputError } from "./terraform-input-error.js";

// Terraform: "A name must start with a letter or underscore and may contain only letters, digits,
// underscores, and dashes" (Configuration Language, Resources). ASCII only, to be safe in any tool.
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function isTerraformIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

export function assertTerraformIdentifier(name: string): void {
  if (!isTerraformIdentifier(name)) {
    throw new TerraformInputError(`${JSON.stringify(name)} is not a Terraform name: use letters, digits, underscores and dashes, starting with a letter or underscore`);
  }
}

/**
 * A Terraform name for `text` (a role name): itself when it already is one; otherwise every other
 * character becomes `_`, a leading `_` keeps it from starting with a digit or dash, and a hash of
 * the original keeps names apart that would otherwise collide (role names may hold `+=,.@`, so
 * `a.b` and `a@b` would both become `a_b`).
 */
export function terraformIdentifier(text: string): string {
  if (isTerraformIdentifier(text)) return text;
  const replaced = text.replace(/[^A-Za-z0-9_-]/g, "_");
  const started = /^[A-Za-z_]/.test(replaced) ? replaced : `_${replaced}`;
  const hash = createHash("sha256").update(text, "utf8").digest("hex").slice(0, 8);
  return `${started}_${hash}`;
}
