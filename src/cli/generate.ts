import type { CommandModule } from "yargs";
import { renderPolicyJson } from "../emit/policy-json.js";
import { printable } from "../emit/printable.js";
import { printableJson } from "../emit/printable-json.js";
import { generatePolicies, type RolePolicy } from "../pipeline/generate-policies.js";
import { roleFileBases, writeFilesAtomic } from "./output-files.js";
import { resolveConfig, withConfigOptions, type ConfigArgs } from "../config/config-options.js";
import { TerraformInputError } from "../emit/terraform-input-error.js";
import { renderRoleTerraform } from "../emit/terraform-role.js";
import { INLINE_POLICIES_LIMIT } from "../synth/split-policy.js";
import { CARRIED_OVER_SID_PREFIX } from "../synth/carry-over.js";
import { UsageError } from "../usage-error.js";
import { nameReductionFor } from "../mapping/generalization.js";
import { failureText } from "../mapping/error-codes.js";
import { loadCurrentPolicies, withCurrentPolicyOptions, type CurrentPolicyArgs } from "./current-policy-options.js";
import { checkRoleArgs, resolveRoles, withRoleOptions, type RoleArgs } from "./role-options.js";
import { openUsageSource, withScanOptions, type ScanArgs } from "./scan-options.js";

interface GenerateArgs extends ScanArgs, RoleArgs, ConfigArgs, CurrentPolicyArgs {
  readonly out: string | undefined;
  readonly format: "json" | "terraform";
  readonly trust: boolean;
}

export const generateCommand: CommandModule<object, GenerateArgs> = {
  command: "generate",
  describe: "least-privilege policies from the calls each role made",
  builder: (yargs) =>
    withCurrentPolicyOptions(withConfigOptions(withRoleOptions(withScanOptions(yargs))))
      .option("out", { type: "string", describe: "write one file per role (and per document, when split) into this directory" })
      .option("format", { choices: ["json", "terraform"] as const, default: "json" as const })
      .option("trust", { type: "boolean", default: false, describe: "also the ECS task role trust policy, with the confused-deputy conditions" }),
  handler: async (args) => {
    checkRoleArgs(args);
    const config = await resolveConfig(args);
    const source = await openUsageSource(args, process.stderr, { names: nameReductionFor(config.generalize) });
    try {
      const roles = resolveRoles(args, await source.principals());
      const current = await loadCurrentPolicies(args, roles);
      const policies = await generatePolicies(source, roles, config, current);
      for (const policy of policies) reportRole(policy, args.quiet);
      const files = outputFiles(policies, args.format, args.trust);
      await writeOutput(files, policies, args);
    } finally {
      source.close();
    }
  },
};

interface OutputFile {
  readonly role: RolePolicy;
  readonly name: string; // file name under --out
  readonly text: string;
}

/**
 * Per role: its policy documents (one unless IAM's size quotas split it: `<name>.json`,
 * `<name>-2.json`, ...), or one `.tf` file, and with --trust `<name>.trust.json`.
 */
function outputFiles(policies: readonly RolePolicy[], format: GenerateArgs["format"], trust: boolean): OutputFile[] {
  const bases = roleFileBases(policies.map((policy) => policy.role));
  return policies.flatMap((policy) => {
    const base = bases.get(policy.role.arn)!;
    const files: OutputFile[] = [];
    if (format === "terraform") {
      files.push({ role: policy, name: `${base}.tf`, text: terraformFor(policy, base) });
    } else {
      policy.policies.documents.forEach((document, index) => {
        files.push({ role: policy, name: `${base}${index === 0 ? "" : `-${index + 1}`}.json`, text: renderPolicyJson(document) });
      });
    }
    if (trust) files.push({ role: policy, name: `${base}.trust.json`, text: renderPolicyJson(policy.trust) });
    return files;
  });
}

function terraformFor(policy: RolePolicy, base: string): string {
  const { role, policies } = policy;
  if (policies.kind === "managed") {
    // The template attaches inline policies; past the inline quota they would not apply.
    throw new UsageError(
      `${role.name}: the policy is ${policies.size} characters, over IAM's ${INLINE_POLICIES_LIMIT}-character inline quota; --format terraform writes inline policies only: use --format json --policy-type managed`,
    );
  }
  try {
    return renderRoleTerraform({ name: role.name, arn: role.arn, account: role.account }, policies.documents[0]!, { identifier: base });
  } catch (error) {
    if (error instanceof TerraformInputError) throw new UsageError(`${role.name}: cannot be written as Terraform: ${error.message}`);
    throw error;
  }
}

/**
 * With --out, the files, all named and rendered before the first is written. Without, one role
 * with one policy document prints just that document (or its .tf); anything else prints one JSON
 * object keyed by role ARN, or the .tf files one after another.
 */
async function writeOutput(files: readonly OutputFile[], policies: readonly RolePolicy[], args: GenerateArgs): Promise<void> {
  if (args.out !== undefined) {
    await writeFilesAtomic("--out", args.out, files);
    return;
  }
  if (args.format === "terraform" && !args.trust) {
    process.stdout.write(files.map((file) => file.text).join("\n"));
    return;
  }
  const only = policies[0];
  if (policies.length === 1 && only !== undefined && only.policies.documents.length === 1 && !args.trust) {
    process.stdout.write(files[0]!.text);
    return;
  }
  const byRole = Object.fromEntries(
    policies.map((policy) => [
      policy.role.arn,
      { policies: policy.policies.documents, ...(args.trust ? { trustPolicy: policy.trust } : {}) },
    ]),
  );
  process.stdout.write(printableJson(byRole));
}

/** Denied and unmapped calls, one warning each; then, unless quiet, one summary line per role. */
function reportRole(policy: RolePolicy, quiet: boolean): void {
  const { mapping, document, role } = policy;
  const lines: string[] = [];
  for (const denied of mapping.denied) {
    const call = `${denied.eventSource.replace(/\.amazonaws\.com$/, "")}:${denied.eventName}`;
    lines.push(`warning: ${role.name}: ${call} was denied (${denied.errorCode}) ${denied.evidence.count}x; not granted`);
  }
  for (const failed of mapping.failed) {
    const call = `${failed.eventSource.replace(/\.amazonaws\.com$/, "")}:${failed.eventName}`;
    lines.push(`warning: ${role.name}: ${call} ${failureText(failed.errorCode)} ${failed.evidence.count}x; not granted (--grant-failed grants such calls)`);
  }
  for (const unmapped of mapping.unmapped) {
    lines.push(
      `warning: ${role.name}: ${unmapped.eventSource}:${unmapped.eventName} (${unmapped.evidence.count}x) not in the policy: ${unmapped.reason}`,
    );
  }
  const implied = new Map<string, { why: string; resources: string[] }>();
  for (const permission of mapping.permissions) {
    if (permission.implied === undefined) continue;
    const entry = implied.get(permission.action) ?? { why: permission.implied, resources: [] };
    entry.resources.push(permission.resource);
    implied.set(permission.action, entry);
  }
  for (const [action, { why, resources }] of implied) {
    lines.push(`note: ${role.name}: granted ${action} on ${resources.join(", ")}, implied: ${why}`);
  }
  if (document.Statement.length === 0) {
    // IAM refuses a policy without statements; say so rather than leave the user to find out.
    lines.push(`warning: ${role.name}: no call it made needs a permission; its policy has no statement (IAM rejects an empty policy: detach instead)`);
  }
  if (policy.policies.note !== null) lines.push(`note: ${role.name}: ${policy.policies.note}`);
  if (policy.unrecordedDataEvents.length > 0 && policy.current === null) {
    lines.push(
      `note: ${role.name}: the trail records no ${policy.unrecordedDataEvents.join(", ")} data events, so calls of that kind are not in the policy; --current FILE or --from-iam keeps the current grants for them`,
    );
  }
  const kept = policy.current?.unobservable.carried ?? [];
  if (kept.length > 0) {
    const actions = kept.map((grant) => grant.action).join(", ");
    lines.push(`note: ${role.name}: kept ${kept.length} grant(s) of the current policy no log could show in use, in statements whose Sid starts with ${CARRIED_OVER_SID_PREFIX}: ${actions}`);
  }
  for (const grant of policy.current?.unobservable.uncarried ?? []) lines.push(`warning: ${role.name}: ${grant.action}: ${grant.reason}`);
  if (!quiet) {
    const actions = new Set(document.Statement.flatMap((statement) => statement.Action)).size;
    lines.push(
      `${role.name}: ${actions} actions in ${document.Statement.length} statements` +
        ` (${mapping.denied.length} denied, ${mapping.unmapped.length} unmapped)`,
    );
  }
  for (const line of lines) process.stderr.write(`${printable(line)}\n`);
}
