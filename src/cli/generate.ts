import type { CommandModule } from "yargs";
import path from "node:path";
import { COMMAND_SUMMARIES } from "./command-summaries.js";
import { renderPolicyJson } from "../emit/policy/policy-json.js";
import { printable } from "../emit/shared/printable.js";
import { printableJson } from "../emit/shared/printable-json.js";
import type { RolePolicy } from "../pipeline/generate-policies.js";
import { roleFileBases } from "./output-files.js";
import { writeRoleFiles } from "./out-manifest.js";
import { resolveConfig, withConfigOptions, type ConfigArgs } from "../config/config-options.js";
import { TerraformInputError } from "../emit/terraform/terraform-input-error.js";
import { DEFAULT_INLINE_POLICY_NAME, renderRoleTerraform, renderTrustTerraform, type TerraformRole } from "../emit/terraform/terraform-role.js";
import { terraformLabel } from "../emit/terraform/terraform-identifier.js";
import { INLINE_POLICIES_LIMIT } from "../synth/split-policy.js";
import { CARRIED_OVER_SID_PREFIX } from "../synth/carry-over.js";
import { UsageError } from "../usage-error.js";
import { nameReductionFor } from "../mapping/generalization.js";
import { failureText } from "../mapping/error-codes.js";
import { briefList, uncarriedWarnings, warningLines, type Warning } from "./warnings.js";
import { paintLead, useColor } from "./color-option.js";
import { checkCurrentPolicyArgs, loadCurrentPolicies, withCurrentPolicyOptions, type CurrentPolicyArgs } from "./current-policy-options.js";
import { checkRoleArgs, resolveRoles, scanFocus, withRoleOptions, type RoleArgs } from "./role-options.js";
import { openUsageSource, withScanOptions, type ScanArgs } from "./scan-options.js";

interface GenerateArgs extends ScanArgs, RoleArgs, ConfigArgs, CurrentPolicyArgs {
  readonly out: string | undefined;
  readonly format: "json" | "terraform";
  readonly trust: boolean;
  readonly "policy-name": string;
  readonly "role-resource": boolean;
}

export const generateCommand: CommandModule<object, GenerateArgs> = {
  ...COMMAND_SUMMARIES.generate,
  builder: (yargs) =>
    withCurrentPolicyOptions(withConfigOptions(withRoleOptions(withScanOptions(yargs))))
      .option("out", { type: "string", describe: "write one file per role (and per document, when split) into this directory" })
      .option("format", { choices: ["json", "terraform"] as const, default: "json" as const, describe: "IAM policy JSON, or Terraform (an aws_iam_policy_document and an aws_iam_role_policy per role)" })
      .example("$0 generate --logs examples/cloudtrail --all-roles --out policies", "a policy file per role of the example logs")
      .example("$0 generate --logs trail/ --role payments-service-task --format terraform --since 30d", "one role's last 30 days, as Terraform")
      .option("trust", { type: "boolean", default: false, describe: "also the ECS task role trust policy, with the confused-deputy conditions (JSON, or HCL with --format terraform)" })
      .option("policy-name", { type: "string", default: DEFAULT_INLINE_POLICY_NAME, describe: "--format terraform: the inline policy's name in IAM" })
      .option("role-resource", {
        type: "boolean",
        default: false,
        describe: "--format terraform: attach to aws_iam_role.<role name in snake_case>, a resource your configuration has, instead of the role's name as a string",
      }),
  handler: async (args) => {
    checkRoleArgs(args);
    // IAM's PolicyName pattern (PutRolePolicy): [\w+=,.@-]+, 1 to 128 characters.
    if (!/^[\w+=,.@-]{1,128}$/.test(args["policy-name"])) throw new UsageError(`--policy-name ${JSON.stringify(args["policy-name"])}: IAM takes 1 to 128 letters, digits and +=,.@_-`);
    const config = await resolveConfig(args);
    checkCurrentPolicyArgs(args);
    const scan = openUsageSource(args, process.stderr, { names: nameReductionFor(config.generalize), focus: scanFocus(args) });
    // The policy pipeline (mapping, synthesis, IAM data: half the modules of this command) loads
    // while DuckDB reads the logs in its own threads (bench/README.md, start-up).
    const pipeline = import("../pipeline/generate-policies.js");
    pipeline.catch(() => undefined); // a failure to load is thrown where it is awaited, after the scan's own
    const source = await scan;
    try {
      const roles = resolveRoles(args, await source.principals());
      const current = await loadCurrentPolicies(args, roles);
      const { generatePolicies } = await pipeline;
      const policies = await generatePolicies(source, roles, config, current);
      for (const policy of policies) reportRole(policy, args.quiet, args.verbose === true, useColor(args.color, process.stderr));
      const files = outputFiles(policies, args);
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
 * `<name>-2.json`, ...), or one `.tf` file; with --trust `<name>.trust.json` or `<name>.trust.tf`.
 */
function outputFiles(policies: readonly RolePolicy[], args: GenerateArgs): OutputFile[] {
  const bases = roleFileBases(policies.map((policy) => policy.role));
  return policies.flatMap((policy) => {
    const base = bases.get(policy.role.arn)!;
    const files: OutputFile[] = [];
    if (args.format === "terraform") {
      files.push({ role: policy, name: `${base}.tf`, text: terraformFor(policy, base, args) });
      if (args.trust) files.push({ role: policy, name: `${base}.trust.tf`, text: renderTrustTerraform(terraformRole(policy), policy.trust, { identifier: base }) });
      return files;
    }
    policy.policies.documents.forEach((document, index) => {
      files.push({ role: policy, name: `${base}${index === 0 ? "" : `-${index + 1}`}.json`, text: renderPolicyJson(document) });
    });
    if (args.trust) files.push({ role: policy, name: `${base}.trust.json`, text: renderPolicyJson(policy.trust) });
    return files;
  });
}

function terraformRole({ role }: RolePolicy): TerraformRole {
  return { name: role.name, arn: role.arn, account: role.account };
}

function terraformFor(policy: RolePolicy, base: string, args: GenerateArgs): string {
  const { role, policies } = policy;
  if (policies.kind === "managed") {
    // The template attaches inline policies; past the inline quota they would not apply.
    throw new UsageError(
      `${role.name}: the policy is ${policies.size} characters, over IAM's ${INLINE_POLICIES_LIMIT}-character inline quota; --format terraform writes inline policies only: use --format json --policy-type managed`,
    );
  }
  try {
    return renderRoleTerraform(terraformRole(policy), policies.documents[0]!, {
      identifier: base,
      policyName: args["policy-name"],
      source: madeFrom(policy),
      ...(args["role-resource"] ? { roleResource: `aws_iam_role.${terraformLabel(base)}` } : {}),
    });
  } catch (error) {
    if (error instanceof TerraformInputError) throw new UsageError(`${role.name}: cannot be written as Terraform: ${error.message}`);
    throw error;
  }
}

/** "the 1,204 calls CloudTrail recorded from 2026-11-01T08:00:00Z to 2026-11-14T17:00:00Z": what a header says the policy is from. */
function madeFrom({ mapping }: RolePolicy): string {
  const evidence = [...mapping.permissions.map((p) => p.evidence), ...mapping.denied.map((d) => d.evidence)];
  if (evidence.length === 0) return "the calls CloudTrail recorded";
  const first = evidence.reduce((min, e) => (e.firstSeen !== "" && (min === "" || e.firstSeen < min) ? e.firstSeen : min), "");
  const last = evidence.reduce((max, e) => (e.lastSeen > max ? e.lastSeen : max), "");
  return first === "" ? "the calls CloudTrail recorded" : `the calls CloudTrail recorded from ${first} to ${last}`;
}

/**
 * With --out, the files, all named and rendered before the first is written. Without, one role
 * with one policy document prints just that document (or its .tf); anything else prints one JSON
 * object keyed by role ARN, or the .tf files one after another.
 */
async function writeOutput(files: readonly OutputFile[], policies: readonly RolePolicy[], args: GenerateArgs): Promise<void> {
  if (args.out !== undefined) {
    const byRole = new Map<string, string[]>();
    for (const file of files) byRole.set(file.role.role.arn, [...(byRole.get(file.role.role.arn) ?? []), file.name]);
    const stale = await writeRoleFiles("--out", args.out, files, byRole);
    if (!args.quiet) {
      for (const file of files) process.stderr.write(`wrote ${printable(path.join(args.out, file.name))}\n`);
      for (const file of stale) process.stderr.write(`removed ${printable(path.join(args.out, file))}: written by an earlier run for the same role, not by this one\n`);
    }
    return;
  }
  if (args.format === "terraform") {
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

/** Denied, failed and unmapped calls, one warning line per kind (each with --verbose); then, unless quiet, one summary line per role. */
function reportRole(policy: RolePolicy, quiet: boolean, verbose: boolean, color: boolean): void {
  const { mapping, document, role } = policy;
  const warnings: Warning[] = [];
  for (const denied of mapping.denied) {
    const call = `${denied.eventSource.replace(/\.amazonaws\.com$/, "")}:${denied.eventName}`;
    const detail = `${role.name}: ${call} was denied (${denied.errorCode}) ${denied.evidence.count}x; not granted`;
    warnings.push({ role: role.name, kind: "denied", subject: call, calls: denied.evidence.count, detail });
  }
  for (const failed of mapping.failed) {
    const call = `${failed.eventSource.replace(/\.amazonaws\.com$/, "")}:${failed.eventName}`;
    const detail = `${role.name}: ${call} ${failureText(failed.errorCode)} ${failed.evidence.count}x; not granted (--grant-failed grants such calls)`;
    warnings.push({ role: role.name, kind: "failed", subject: call, calls: failed.evidence.count, detail });
  }
  for (const unmapped of mapping.unmapped) {
    const call = `${unmapped.eventSource}:${unmapped.eventName}`;
    const detail = `${role.name}: ${call} (${unmapped.evidence.count}x) not in the policy: ${unmapped.reason}`;
    warnings.push({ role: role.name, kind: "unmapped", subject: call, calls: unmapped.evidence.count, detail });
  }
  const lines: string[] = warningLines(warnings, verbose);
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
  lines.push(...warningLines(uncarriedWarnings(role.name, policy.current?.unobservable.uncarried ?? []), verbose));
  const guardrails = policy.current?.guardrails;
  if (guardrails !== undefined && guardrails.kept.length > 0) {
    lines.push(`note: ${role.name}: kept ${guardrails.kept.length} Deny statement(s) of the current policy as written (guardrails a replacement must not drop): ${guardrails.keptLabels.join(", ")}`);
  }
  if (guardrails !== undefined && guardrails.refusedUse.length > 0) {
    const refused = guardrails.refusedUse.map(({ action, resource, deny }) => `${action} on ${resource} (${deny})`);
    lines.push(
      `warning: ${role.name}: a kept Deny of the current policy refuses ${refused.length} grant(s) that calls the logs show succeeding need: ` +
        `${briefList(refused, verbose)}; the new policy refuses them as the given one does (is it the policy that was in force?)`,
    );
  }
  if (guardrails !== undefined && guardrails.dropped.length > 0) {
    lines.push(`note: ${role.name}: left out ${guardrails.dropped.length} unconditional Deny statement(s) that refuse nothing the new policy grants: ${guardrails.dropped.join(", ")}`);
  }
  if (!quiet) {
    const actions = new Set(document.Statement.filter((statement) => statement.Effect === "Allow").flatMap((statement) => statement.Action)).size;
    lines.push(
      `${role.name}: ${actions} actions in ${document.Statement.length} statements` +
        ` (${mapping.denied.length} denied, ${mapping.unmapped.length} unmapped)`,
    );
  }
  for (const line of lines) process.stderr.write(`${paintLead(printable(line), color)}\n`);
}
