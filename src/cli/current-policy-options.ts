import type { Argv } from "yargs";
import type { CurrentPolicy, CurrentRolePolicies } from "../aws/iam/current-policies.js";
import { currentRolePolicies } from "../aws/iam/current-role-policies.js";
import { createIamClient } from "../aws/iam/iam-client.js";
import { decodePolicyDocumentText } from "../aws/iam/policy-document-text.js";
import { parseRoleArn } from "../engines/role-selection.js";
import { parsePolicy, PolicyParseError } from "../policy/parse-policy.js";
import { UsageError } from "../usage-error.js";
import { readFlagFile } from "./flag-file.js";

export interface CurrentPolicyArgs {
  readonly current: string[] | undefined;
  readonly "from-iam": boolean | undefined;
  readonly profile: string | undefined;
  readonly region: string | undefined;
}

/** --current FILE... | --from-iam [--profile P] [--region R]: where a role's policies today come from. */
export function withCurrentPolicyOptions<T>(yargs: Argv<T>): Argv<T & CurrentPolicyArgs> {
  return yargs
    .option("current", { type: "string", array: true, describe: "the role's current policy JSON; repeatable, one file per policy" })
    // No default: yargs would count a default false as given and report a conflict with --current.
    .option("from-iam", { type: "boolean", describe: "read the role's current policies from IAM (read-only)" })
    // The same flags as --engine athena's (scan-options.ts): one profile and region for every AWS call.
    .option("profile", { type: "string", describe: "AWS profile for --from-iam and --engine athena (default: the SDK's credential chain)" })
    .option("region", { type: "string", describe: "AWS region of the Athena database; IAM is global (default: the profile's, else us-east-1 for IAM)" })
    .conflicts("current", "from-iam") as Argv<T & CurrentPolicyArgs>;
}

/** A role as the commands select them: its ARN (with path) and name. */
export interface SelectedRole {
  readonly arn: string;
  readonly name: string;
}

/**
 * The selected roles' current policies keyed by role ARN, or undefined when neither flag asks for
 * them. `--current` files describe one role; `--from-iam` reads any number.
 */
export async function loadCurrentPolicies(
  args: CurrentPolicyArgs,
  roles: readonly SelectedRole[],
): Promise<Map<string, CurrentRolePolicies> | undefined> {
  const files = args.current ?? [];
  if (files.length > 0 && args["from-iam"] === true) throw new UsageError("--current and --from-iam exclude each other");
  if (files.length > 0) return fromFiles(files, roles);
  if (args["from-iam"] === true) return fromIam(args, roles);
  return undefined;
}

function fromFiles(files: readonly string[], roles: readonly SelectedRole[]): Map<string, CurrentRolePolicies> {
  if (roles.length > 1) {
    throw new UsageError(`--current describes one role's policies but ${roles.length} roles are selected; use --from-iam for several`);
  }
  // Files first, so a bad one is reported even before a role is known.
  const policies = files.map(readPolicyFile);
  const role = roles[0];
  return new Map(role === undefined ? [] : [[role.arn, { roleArn: role.arn, policies }]]);
}

function readPolicyFile(file: string): CurrentPolicy {
  const text = readFlagFile("--current", file);
  try {
    const document = policyDocumentOf(parseJson(text));
    parsePolicy(document);
    return { source: file, kind: "file", document };
  } catch (error) {
    if (error instanceof PolicyParseError) throw new UsageError(`--current ${file}: ${error.message}`);
    throw error;
  }
}

/**
 * The document itself, or the one inside `aws iam get-role-policy` ({PolicyDocument}) or
 * `get-policy-version` ({PolicyVersion: {Document}}) output, which the AWS CLI prints decoded but
 * the raw API (and some scripts) leave URL-encoded. parsePolicy accepts the same shapes.
 */
function policyDocumentOf(value: unknown): unknown {
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
  return parseJson(json, "the policy document");
}

function parseJson(text: string, what = "the file"): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PolicyParseError(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

async function fromIam(args: CurrentPolicyArgs, roles: readonly SelectedRole[]): Promise<Map<string, CurrentRolePolicies>> {
  const names = roles.map((role) => {
    const parsed = parseRoleArn(role.arn);
    if (parsed === null) throw new UsageError(`--from-iam reads the policies of roles; ${role.arn} is not a role ARN`);
    return parsed.name;
  });
  const client = createIamClient({
    ...(args.profile !== undefined ? { profile: args.profile } : {}),
    ...(args.region !== undefined ? { region: args.region } : {}),
  });
  try {
    const byName = await currentRolePolicies(client, names);
    const byArn = new Map<string, CurrentRolePolicies>();
    for (const [i, role] of roles.entries()) {
      const found = byName.get(names[i]!);
      if (found !== undefined) byArn.set(role.arn, found);
    }
    return byArn;
  } finally {
    client.destroy();
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
