import { readFile } from "node:fs/promises";
import { PolicyParseError } from "../policy/parse-policy.js";
import { unwrapPolicyDocument } from "../policy/unwrap-policy-document.js";
import { COMMAND_SUMMARIES } from "./command-summaries.js";
import type { CommandModule } from "yargs";
import { TerraformInputError } from "../emit/terraform/terraform-input-error.js";
import { isTerraformIdentifier } from "../emit/terraform/terraform-identifier.js";
import { policyToTerraform } from "../emit/terraform/terraform-policy.js";
import { parsePolicyJson } from "../emit/terraform/terraform-json-parse.js";
import { UsageError } from "../usage-error.js";

interface ConvertArgs {
  readonly to: "terraform";
  readonly file?: string;
  readonly name: string;
  readonly literal: boolean;
}

export const convertCommand: CommandModule<object, ConvertArgs> = {
  ...COMMAND_SUMMARIES.convert,
  builder: (yargs) =>
    yargs
      .positional("file", { type: "string", describe: "policy JSON file; - or nothing reads stdin" })
      .option("to", { choices: ["terraform"] as const, demandOption: true, describe: "output format" })
      .option("name", { type: "string", default: "policy", describe: "name of the data source" })
      .example("$0 convert --to terraform policy.json", "a policy you wrote, Terraform references kept")
      .example("aws iam get-role-policy --role-name app --policy-name p | $0 convert --to terraform --literal", "a policy from IAM, every ${ escaped")
      .option("literal", {
        type: "boolean",
        default: false,
        describe: "escape every `${` and `%{`, so that no string becomes Terraform code: for policy JSON from someone else",
      }),
  handler: async (args) => {
    if (!isTerraformIdentifier(args.name)) {
      throw new UsageError(`--name ${JSON.stringify(args.name)}: a Terraform name holds letters, digits, underscores and dashes, and starts with a letter or underscore`);
    }
    const input = await readInput(args.file);
    try {
      // The user's own JSON may reference Terraform objects (`${aws_kms_key.key.arn}`): kept unless
      // --literal, since in JSON from elsewhere `${file("/etc/passwd")}` would run on terraform plan.
      const escapeInterpolations = args.literal ? "escape-all" : "keep-terraform-references";
      process.stdout.write(policyToTerraform(fromIamOutput(parsePolicyJson(input.text)), { name: args.name, escapeInterpolations }));
    } catch (error) {
      if (error instanceof TerraformInputError || error instanceof PolicyParseError) throw new UsageError(`${input.label}: ${error.message}`);
      throw error;
    }
  },
};

/**
 * What --current reads, convert reads: the output of `aws iam get-role-policy` (get-user-policy,
 * get-group-policy) and `get-policy-version` as well as a bare policy. A PolicyDocument without the
 * name of its role, user or group is a CloudFormation snippet, refused as such by policyToTerraform.
 */
function fromIamOutput(value: unknown): unknown {
  const fromIam = typeof value === "object" && value !== null && ["RoleName", "UserName", "GroupName", "PolicyVersion"].some((key) => key in value);
  return fromIam ? unwrapPolicyDocument(value) : value;
}

interface Input {
  /** How messages name the input: the path, or "stdin". */
  readonly label: string;
  readonly text: string;
}

async function readInput(file: string | undefined): Promise<Input> {
  // yargs-parser reads a lone "-" as a flag without a name, which arrives as "" (no file has that name).
  if (file === undefined || file === "-" || file === "") {
    // Waiting on a terminal for JSON nobody is going to type looks like a hang.
    if (process.stdin.isTTY === true) throw new UsageError("convert: no input: name a policy JSON file, or pipe one to stdin");
    return { label: "stdin", text: withoutByteOrderMark(await readStream(process.stdin)) };
  }
  try {
    return { label: file, text: withoutByteOrderMark(await readFile(file, "utf8")) };
  } catch (error) {
    throw new UsageError(`${file}: ${readErrorReason(error as NodeJS.ErrnoException)}`);
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** Editors on Windows save JSON with a byte order mark, which JSON.parse rejects. */
function withoutByteOrderMark(text: string): string {
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}

function readErrorReason(error: NodeJS.ErrnoException): string {
  if (error.code === "ENOENT") return "no such file or directory";
  if (error.code === "EISDIR") return "is a directory, not a policy JSON file";
  if (error.code === "EACCES") return "permission denied";
  return error.message;
}
