import { EXIT_FINDINGS } from "./exit-codes.js";
import { COMMAND_SUMMARIES } from "./command-summaries.js";
import type { CommandModule } from "yargs";
import { resolveConfig, withConfigOptions, type ConfigArgs } from "../config/config-options.js";
import { hasRefusals, renderVerifyJson, renderVerifyText, summarize } from "../emit/verify/verify-report.js";
import type { PrincipalSummary } from "../engines/engine.js";
import { allIamPrincipals, roleFocus, selectRoles, type RoleArn } from "../engines/role-selection.js";
import type { NormalizedPolicy } from "../policy/normalized-policy.js";
import { parsePolicy, PolicyParseError } from "../policy/parse-policy.js";
import { verifyRole } from "../pipeline/verify-role.js";
import { UsageError } from "../usage-error.js";
import { readFlagFile } from "./flag-file.js";
import { openUsageSource, withScanOptions, type ScanArgs } from "./scan-options.js";
import { reportColor } from "./color-option.js";

interface VerifyArgs extends ScanArgs, ConfigArgs {
  readonly role: string;
  readonly policy: string[];
  readonly format: "text" | "json";
}

export const verifyCommand: CommandModule<object, VerifyArgs> = {
  ...COMMAND_SUMMARIES.verify,
  builder: (yargs) =>
    // The config flags too: replay must generalize resources as generate did.
    withConfigOptions(withScanOptions(yargs))
      .option("role", { type: "string", demandOption: true, describe: "the role (name, path/name, ARN or glob matching one role) or IAM user name" })
      .option("policy", {
        type: "string",
        array: true,
        demandOption: true,
        describe: "policy JSON file; repeatable: all documents are evaluated together, as IAM does for a role's policies",
      })
      .option("format", { choices: ["text", "json"] as const, default: "text" as const, describe: "text for people, json for scripts" })
      .example("$0 verify --logs examples/cloudtrail --role payments-service-task --policy policies/payments-service-task.json", "replay the role's calls through the generated policy")
      .example("$0 verify --logs trail/ --role app-task --policy a.json --policy b.json --format json", "two documents evaluated together, as IAM does"),
  handler: async (args) => {
    // Policies first: a bad file costs no scan.
    const policies = args.policy.map(readPolicyFile);
    const config = await resolveConfig(args);
    // Every S3 key and log stream apart: each call is judged on the name it used.
    // The role's or user's name is in its ARN, as in a role's (principal-focus.ts).
    const source = await openUsageSource(args, process.stderr, { names: "exact", focus: roleFocus([args.role]) });
    try {
      const principal = selectPrincipal(args.role, await source.principals());
      const result = await verifyRole(source, principal, policies, config.generalize);
      process.stdout.write(args.format === "json" ? renderVerifyJson(result, args.policy) : renderVerifyText(result, args.policy, { color: reportColor(args.color, undefined) }));
      if (hasRefusals(summarize(result))) process.exitCode = EXIT_FINDINGS;
    } finally {
      source.close();
    }
  },
};

function readPolicyFile(file: string): NormalizedPolicy {
  const text = readFlagFile("--policy", file);
  try {
    return parsePolicy(text);
  } catch (error) {
    if (error instanceof PolicyParseError) throw new UsageError(`--policy ${file}: ${error.message}`);
    throw error;
  }
}

/**
 * The one principal --role names: a role as --role always finds them or, when no role matches, an
 * IAM user by exact name or ARN (a user's policies can be verified too). Several matches are an
 * error: one policy set belongs to one principal.
 */
function selectPrincipal(spec: string, principals: readonly PrincipalSummary[]): RoleArn {
  let matches: RoleArn[];
  try {
    matches = selectRoles([spec], principals);
  } catch (error) {
    matches = allIamPrincipals(principals).filter((p) => p.kind === "user" && (p.name === spec || p.arn === spec));
    if (matches.length === 0) throw error;
  }
  if (matches.length > 1) {
    const arns = matches.map((match) => match.arn).join(", ");
    throw new UsageError(`--role ${spec} matches ${matches.length} principals (${arns}): name one, by ARN if need be`);
  }
  return matches[0] as RoleArn;
}
