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
 * A Terraform label in the snake_case Terraform's style guide asks for ("Use underscores to
 * separate multiple words"): `payments-service-task` -> `payments_service_task`. A name that
 * lowercasing and `-` -> `_` do not carry over whole (other characters, a leading digit) also gets
 * a hash of the original, so that two role names never share a label.
 */
export function terraformLabel(text: string): string {
  const snake = text.toLowerCase().replace(/-/g, "_");
  if (/^[a-z_][a-z0-9_]*$/.test(snake) && !/[A-Z]/.test(text)) return snake;
  const replaced = snake.replace(/[^a-z0-9_]/g, "_");
  const started = /^[a-z_]/.test(replaced) ? replaced : `_${replaced}`;
  const hash = createHash("sha256").update(text, "utf8").digest("hex").slice(0, 8);
  return `${started}_${hash}`;
}

/** `aws_iam_role.payments_task`: a resource type and name, nothing Terraform would evaluate beyond that. */
export function assertTerraformReference(reference: string): void {
  if (!/^[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*$/.test(reference)) {
    throw new TerraformInputError(`${JSON.stringify(reference)} is not a Terraform resource address: give TYPE.NAME, e.g. aws_iam_role.payments_task`);
  }
}
