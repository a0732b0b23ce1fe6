/**
 * Policy JSON that cannot become Terraform: broken JSON, no statements, a value of the wrong type.
 * The message names the problem and where it is (`Statement[2].Action`); the CLI adds the file.
 */
export class TerraformInputError extends Error {
  override readonly name = "TerraformInputError";
}
