import type { Argv } from "yargs";
import type { AccountRole } from "../aws/iam/account-role-policies.js";
import type { CurrentPolicy, CurrentRolePolicies } from "../aws/iam/current-policies.js";
import { parseRoleArn } from "../engines/role-selection.js";
import { parsePolicy, PolicyParseError } from "../policy/parse-policy.js";
import { unwrapPolicyDocument } from "../policy/unwrap-policy-document.js";
import { UsageError } from "../usage-error.js";
import { assumeRoleName, withAssumeRoleOption, type AssumeRoleArgs } from "./assume-role-option.js";
import { readFlagFile } from "./flag-file.js";

export interface CurrentPolicyArgs extends Partial<AssumeRoleArgs> {
  readonly current: string[] | undefined;
  readonly "from-iam": boolean | undefined;
  readonly profile: string | undefined;
  readonly region: string | undefined;
}

/** --current FILE... | --from-iam [--profile P] [--region R] [--assume-role NAME]: where a role's policies today come from. */
export function withCurrentPolicyOptions<T>(yargs: Argv<T>): Argv<T & CurrentPolicyArgs> {
  return withAssumeRoleOption(yargs)
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
/**
 * The --current files read and the flags checked before any log is read: a missing or malformed
 * file costs nothing then, while after a scan it would have cost the scan (money, on Athena).
 */
export function checkCurrentPolicyArgs(args: CurrentPolicyArgs): void {
  const files = args.current ?? [];
  if (files.length > 0 && args["from-iam"] === true) throw new UsageError("--current and --from-iam exclude each other");
  if (args["assume-role"] !== undefined && args["from-iam"] !== true) throw new UsageError("--assume-role is how --from-iam reads other accounts' roles: add --from-iam");
  files.forEach(readPolicyFile);
}

export async function loadCurrentPolicies(
  args: CurrentPolicyArgs,
  roles: readonly SelectedRole[],
): Promise<Map<string, CurrentRolePolicies> | undefined> {
  const files = args.current ?? [];
  if (files.length > 0 && args["from-iam"] === true) throw new UsageError("--current and --from-iam exclude each other");
  if (args["assume-role"] !== undefined && args["from-iam"] !== true) throw new UsageError("--assume-role is how --from-iam reads other accounts' roles: add --from-iam");
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
    const document = unwrapPolicyDocument(parseJson(text));
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
function parseJson(text: string, what = "the file"): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PolicyParseError(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Each role is read in its own account: the caller's with the caller's credentials, another with
 * --assume-role's (refused without it). A same-named role of the caller's account is never read
 * in its place.
 */
async function fromIam(args: CurrentPolicyArgs, roles: readonly SelectedRole[]): Promise<Map<string, CurrentRolePolicies>> {
  const accountRoles: AccountRole[] = roles.map((role) => {
    const parsed = parseRoleArn(role.arn);
    if (parsed === null) throw new UsageError(`--from-iam reads the policies of roles; ${role.arn} is not a role ARN`);
    return { arn: role.arn, name: parsed.name, partition: parsed.partition, account: parsed.account };
  });
  const assumeRole = assumeRoleName({ "assume-role": args["assume-role"] });
  const aws = {
    ...(args.profile !== undefined ? { profile: args.profile } : {}),
    ...(args.region !== undefined ? { region: args.region } : {}),
  };
  // The AWS SDK is loaded by the runs that call AWS only: it is most of a local run's start-up.
  const [{ currentPoliciesOfAccountRoles }, { createIamClient }, { accountAccess }] = await Promise.all([
    import("../aws/iam/account-role-policies.js"),
    import("../aws/iam/iam-client.js"),
    import("../aws/sts/account-access.js"),
  ]);
  const access = accountAccess({ ...aws, prefix: "--from-iam", ...(assumeRole !== undefined ? { assumeRole } : {}) });
  try {
    return await currentPoliciesOfAccountRoles(accountRoles, access, (credentials) =>
      createIamClient({ ...aws, ...(credentials !== undefined ? { config: { credentials } } : {}) }),
    );
  } finally {
    access.destroy();
  }
}
