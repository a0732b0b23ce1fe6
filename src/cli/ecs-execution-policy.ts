import { printableJson } from "../emit/shared/printable-json.js";
import type { CommandModule } from "yargs";
import type { TaskDefinition } from "../ecs/task-definition.js";
import { accountId, regionName } from "../athena/ddl-values.js";
import { secretsClients, type SecretsClients } from "../aws/secrets/secrets-clients.js";
import { ExecutionPolicyError, taskLabel, type ExecutionNote } from "../ecs/execution-policy.js";
import { KmsKeyError, parseKmsKeyFlag } from "../ecs/kms-keys.js";
import { renderPolicyJson } from "../emit/policy/policy-json.js";
import { printable } from "../emit/shared/printable.js";
import { TerraformInputError } from "../emit/terraform/terraform-input-error.js";
import { renderRoleTerraform } from "../emit/terraform/terraform-role.js";
import { executionPolicies, readTaskReferences, secretsMetadataReader, type ExecutionRolePolicy } from "../pipeline/ecs-execution-policy.js";
import { INLINE_POLICIES_LIMIT } from "../synth/split-policy.js";
import { UsageError } from "../usage-error.js";
import { roleFileBases, writeFilesAtomic } from "./output-files.js";
import { openUsageSource, withScanOptions, type AwsArgs, type ScanArgs } from "./scan-options.js";
import { warningLines, type Warning } from "./warnings.js";
import { paintLead, useColor } from "./color-option.js";
import { readClusterTaskDefinitions } from "./cluster-task-definitions.js";
import { assumeRoleName, withAssumeRoleOption, type AssumeRoleArgs } from "./assume-role-option.js";
import { secretsAccounts } from "./ecs-accounts.js";
import { readTaskDefinitionFiles } from "./task-definition-files.js";

interface ExecutionPolicyArgs extends ScanArgs, AwsArgs, AssumeRoleArgs {
  readonly "task-definition": string[] | undefined;
  readonly cluster: string[] | undefined;
  readonly "kms-key": string[] | undefined;
  readonly "read-metadata": boolean;
  readonly account: string | undefined;
  readonly out: string | undefined;
  readonly format: "json" | "terraform";
  readonly why: boolean;
}

export const ecsExecutionPolicyCommand: CommandModule<object, ExecutionPolicyArgs> = {
  command: "execution-policy",
  describe: "the execution role's policy, derived from task definitions: ECR pulls, awslogs, secrets and their keys, environment files",
  builder: (yargs) =>
    withAssumeRoleOption(withScanOptions(yargs))
      .option("logs", {
        type: "string",
        array: true,
        describe: "optional: CloudTrail logs (directory, file or glob; repeatable) to take KMS keys from the role's Decrypt calls and compare the policy with what it did",
      })
      .option("task-definition", {
        type: "string",
        array: true,
        describe: "task definition JSON (describe-task-definition output or the register input); repeatable: those sharing an execution role share one policy",
      })
      .option("cluster", { type: "string", array: true, describe: "the task definitions this cluster's services run (name or ARN; ECS read-only); repeatable" })
      .conflicts("task-definition", "cluster")
      .option("kms-key", { type: "string", array: true, describe: "KMS key ARN that encrypts secrets or parameters of the tasks: kms:Decrypt through Secrets Manager/SSM; repeatable" })
      .option("read-metadata", { type: "boolean", default: false, describe: "read each secret's and parameter's KMS key (secretsmanager:DescribeSecret, ssm:DescribeParameters; read-only)" })
      .option("region", { type: "string", describe: "the tasks' region when a task definition has no ARN; --cluster's region (also --engine athena's region)" })
      .option("account", { type: "string", describe: "the tasks' account when a task definition has no ARN" })
      .option("out", { type: "string", describe: "write one file per execution role into this directory" })
      .option("format", { choices: ["json", "terraform"] as const, default: "json" as const, describe: "policy JSON, or a .tf file per role" })
      .example("$0 ecs execution-policy --task-definition examples/ecs/payments-service.json --logs examples/cloudtrail", "the execution role's policy from the task definition, compared with the logs")
      .example("$0 ecs execution-policy --cluster prod --read-metadata --format terraform --out tf/", "every execution role in use, keys read from the secrets' metadata")
      .option("why", { type: "boolean", default: false, describe: "say on stderr which container and field each permission is for" }),
  handler: async (args) => {
    // Every input is checked before any log is read or AWS is called (but ECS, for --cluster).
    const [flag, given] = (args.cluster ?? []).length > 0 ? ["--cluster", args.cluster!] : ["--task-definition", args["task-definition"] ?? []];
    if (given.length === 0) throw new UsageError("ecs execution-policy: name the task definitions with --task-definition FILE or --cluster C (repeatable)");
    const kmsKeys = (args["kms-key"] ?? []).map((key) => {
      try {
        return parseKmsKeyFlag(key);
      } catch (error) {
        if (error instanceof KmsKeyError) throw new UsageError(`--kms-key ${error.message}`);
        throw error;
      }
    });
    const placement = {
      region: args.region === undefined ? undefined : regionName(args.region, "--region"),
      account: args.account === undefined ? undefined : accountId(args.account, "--account"),
    };
    const logs = wantsLogs(args);
    const tasks = await readSources(args, placement.region);
    const references = checked(() => readTaskReferences(tasks, placement), flag);
    // Only the execution roles' own calls are compared with their policies (principal-focus.ts).
    const focus = [...new Set(references.tasks.flatMap((reference) => (reference.role === null ? [] : [reference.role.name])))].sort();
    const source = logs ? await openUsageSource(args, process.stderr, { focus }) : undefined;
    let clients: SecretsClients | undefined;
    let accounts: ReturnType<typeof secretsAccounts> | undefined;
    try {
      clients = args["read-metadata"] ? secretsClients(args.profile !== undefined ? { profile: args.profile } : {}) : undefined;
      accounts = clients === undefined ? undefined : secretsAccounts({ profile: args.profile, region: placement.region, assumeRole: assumeRoleName(args), prefix: "--read-metadata" }, clients);
      const result = await executionPolicies(references, {
        kmsKeys,
        ...(clients !== undefined ? { readMetadata: secretsMetadataReader(clients, accounts?.clientsOf) } : {}),
        ...(source !== undefined ? { source } : {}),
      });
      const lines = result.notes.map(noteLine);
      for (const policy of result.roles) lines.push(...roleLines(policy, args));
      for (const line of lines) process.stderr.write(`${paintLead(printable(line), useColor(args.color, process.stderr))}\n`);
      if (result.roles.length === 0) {
        throw new UsageError(`${flag} ${given.join(", ")}: no task definition given has an executionRoleArn; there is no policy to write`);
      }
      await writeOutput(result.roles, args);
    } finally {
      accounts?.destroy();
      clients?.destroy();
      source?.close();
    }
  },
};

/**
 * Logs are optional here: the policy comes from the task definitions. A scan happens only when a
 * source is named; the window flags alone name none, and would otherwise be silently ignored.
 */
function wantsLogs(args: ExecutionPolicyArgs): boolean {
  const named = (args.logs?.length ?? 0) > 0 || args.engine === "athena" || [args.database, args.output, args.accounts, args.regions].some((flag) => flag !== undefined);
  if (!named && (args.since !== undefined || args.until !== undefined)) {
    throw new UsageError(`--${args.since !== undefined ? "since" : "until"} is the window of the logs to compare with: add --logs DIR or --engine athena`);
  }
  return named;
}

async function readSources(args: ExecutionPolicyArgs, region: string | undefined): Promise<TaskDefinition[]> {
  const clusters = args.cluster ?? [];
  if (clusters.length === 0) return readTaskDefinitionFiles(args["task-definition"] ?? []);
  return readClusterTaskDefinitions({ clusters, profile: args.profile, region, prefix: "ecs execution-policy", assumeRole: assumeRoleName(args) });
}

/** The error names the task definition (file or ARN) and the element; the flag says where it came from. */
function checked<T>(read: () => T, flag: string): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ExecutionPolicyError) throw new UsageError(`${flag} ${error.message}`);
    throw error;
  }
}

function noteLine(note: ExecutionNote): string {
  return `${note.level}: ${note.text}`;
}

/** The role's notes; with --why the reasons; the comparison with the logs; unless quiet, a summary. */
function roleLines(policy: ExecutionRolePolicy, args: ExecutionPolicyArgs): string[] {
  const { role, document, comparison } = policy;
  const lines = policy.notes.map(noteLine);
  if (policy.policies.note !== null) lines.push(`note: ${role.name}: ${policy.policies.note}`);
  if (args.why) {
    for (const permission of policy.permissions) {
      const condition = permission.conditions === undefined ? "" : ` if ${JSON.stringify(permission.conditions)}`;
      lines.push(`why: ${role.name}: ${permission.action} on ${permission.resource}${condition}: ${permission.reasons.join("; ")}`);
    }
  }
  if (comparison !== null) {
    if (comparison.principal === null) {
      lines.push(`note: ${role.name}: made no call in these logs; nothing to compare the policy with`);
    } else {
      const warnings: Warning[] = [];
      for (const call of comparison.ungranted) {
        const { count, firstSeen, lastSeen } = call.evidence;
        const detail = `${role.name}: used ${call.action} on ${call.resource} (${count}x, ${firstSeen} .. ${lastSeen}), which its task definitions do not account for: not granted`;
        warnings.push({ role: role.name, kind: "ungranted", subject: call.action, calls: count, detail });
      }
      for (const unreplayable of comparison.notReplayable) {
        const call = `${unreplayable.eventSource}:${unreplayable.eventName}`;
        const detail = `${role.name}: ${call} (${unreplayable.evidence.count}x) cannot be compared: ${unreplayable.reason}`;
        warnings.push({ role: role.name, kind: "not-compared", subject: call, calls: unreplayable.evidence.count, detail });
      }
      lines.push(...warningLines(warnings, args.verbose === true));
      for (const { permission, unobservable } of comparison.unused) {
        const grant = `${permission.action} on ${permission.resource}`;
        lines.push(
          unobservable === null
            ? `note: ${role.name}: granted, never used in these logs: ${grant} (${permission.reasons.join("; ")})`
            : `note: ${role.name}: granted, not visible in logs: ${grant}: ${unobservable}`,
        );
      }
    }
  }
  if (!args.quiet) {
    const actions = new Set(document.Statement.flatMap((statement) => statement.Action)).size;
    const from = policy.tasks.map((task) => taskLabel(task.task)).join(", ");
    const unused = comparison?.unused.filter((entry) => entry.unobservable === null).length ?? 0;
    const compared =
      comparison === null || comparison.principal === null
        ? ""
        : `; against its ${comparison.calls} logged calls: ${unused} grant(s) unused, ${comparison.unused.length - unused} not visible in logs, ${comparison.ungranted.length} used but not granted`;
    lines.push(`${role.name}: ${actions} actions in ${document.Statement.length} statements from ${from}${compared}`);
  }
  return lines;
}

interface OutputFile {
  readonly name: string;
  readonly text: string;
}

/** Per execution role: its policy documents (`<name>.json`, `<name>-2.json` when split) or one `.tf`. */
function outputFiles(policies: readonly ExecutionRolePolicy[], format: ExecutionPolicyArgs["format"]): OutputFile[] {
  const bases = roleFileBases(policies.map((policy) => policy.role));
  return policies.flatMap((policy) => {
    const base = bases.get(policy.role.arn)!;
    if (format === "terraform") return [{ name: `${base}.tf`, text: terraformFor(policy, base) }];
    return policy.policies.documents.map((document, index) => ({ name: `${base}${index === 0 ? "" : `-${index + 1}`}.json`, text: renderPolicyJson(document) }));
  });
}

function terraformFor(policy: ExecutionRolePolicy, base: string): string {
  const { role, policies } = policy;
  if (policies.kind === "managed") {
    throw new UsageError(
      `${role.name}: the policy is ${policies.size} characters, over IAM's ${INLINE_POLICIES_LIMIT}-character inline quota; --format terraform writes inline policies only: use --format json`,
    );
  }
  // The template speaks of CloudTrail; this policy comes from task definitions, and says which.
  const sources = policy.tasks.map((task) => `${taskLabel(task.task)} (${task.task.source})`).join(", ");
  try {
    return renderRoleTerraform({ name: role.name, arn: role.arn, account: role.account }, policies.documents[0]!, { identifier: base, source: `the task definitions ${sources}` });
  } catch (error) {
    if (error instanceof TerraformInputError) throw new UsageError(`${role.name}: cannot be written as Terraform: ${error.message}`);
    throw error;
  }
}

/**
 * With --out, the files. Without, one role with one document prints just that document (or its
 * .tf); several print one JSON object keyed by role ARN, as generate does, or the .tf files in turn.
 */
async function writeOutput(policies: readonly ExecutionRolePolicy[], args: ExecutionPolicyArgs): Promise<void> {
  const files = outputFiles(policies, args.format);
  if (args.out !== undefined) {
    await writeFilesAtomic("--out", args.out, files);
    return;
  }
  if (args.format === "terraform" || files.length === 1) {
    process.stdout.write(files.map((file) => file.text).join("\n"));
    return;
  }
  const byRole = Object.fromEntries(policies.map((policy) => [policy.role.arn, { policies: policy.policies.documents }]));
  process.stdout.write(printableJson(byRole));
}
