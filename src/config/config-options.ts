import type { Argv } from "yargs";
import type { Generalization } from "../mapping/generalization.js";
import { UsageError } from "../usage-error.js";
import type { PrefixRule } from "../mapping/name-patterns.js";
import { GENERALIZE_RULES, loadConfig, POLICY_TYPE_RULE, prefixKeyProblem, type TightenConfig } from "./tighten-config.js";

/** The flags that override `tighten.config.json`; undefined: not given. */
export interface ConfigArgs {
  readonly config: string | undefined;
  readonly s3ObjectKeys: string | undefined;
  readonly s3Prefix: string[] | undefined;
  readonly grantFailed?: boolean | undefined;
  readonly dynamodbIndexes: string | undefined;
  readonly secretNames: string | undefined;
  readonly logStreams: string | undefined;
  readonly policyType: string | undefined;
}

/** Flag name (yargs camel-cases them) -> config key, for messages and overrides (s3Prefixes: --s3-prefix, below). */
const GENERALIZE_FLAGS: { readonly [K in Exclude<keyof Generalization, "s3Prefixes" | "failedCalls">]: string } = {
  s3ObjectKeys: "--s3-object-keys",
  dynamodbIndexes: "--dynamodb-indexes",
  secretNames: "--secret-names",
  logStreams: "--log-streams",
};

/** The config flags, for commands that map or synthesize (generate, explain, diff, drift). */
export function withConfigOptions<T>(yargs: Argv<T>): Argv<T & ConfigArgs> {
  return yargs
    .option("config", { type: "string", describe: "config file (default: ./tighten.config.json when present)" })
    .option("s3-object-keys", {
      type: "string",
      choices: ["shape", "folder", "exact"],
      describe: "S3 keys: by their shape (default: generated parts and date folders as *, stable names exact), each first folder's common folder, or exactly",
    })
    .option("s3-prefix", {
      type: "string",
      array: true,
      describe: "a rule for the keys under BUCKET/PREFIX, over --s3-object-keys: BUCKET/PREFIX=RULE, RULE shape, folder, exact or * (every key under it); repeatable",
    })
    .option("dynamodb-indexes", { type: "string", choices: ["any-index", "exact"], describe: "DynamoDB index ARNs: table/T/index/* (default) or exact" })
    .option("secret-names", { type: "string", choices: ["any-suffix", "exact"], describe: "Secrets Manager ARNs: NAME-?????? (default) or the ARN named" })
    .option("log-streams", { type: "string", choices: ["log-group", "stream-prefix"], describe: "log stream ARNs: log-group:G:* (default) or the streams' folder" })
    .option("grant-failed", {
      type: "boolean",
      describe: "also grant calls that failed with an error that does not show authorization passed (validation errors, NoSuchBucket, throttling): their names are text someone wrote",
    })
    .option("policy-type", { type: "string", choices: ["inline", "managed"], describe: "inline policy (default, 10,240 characters) or managed policies (6,144 each)" }) as unknown as Argv<
    T & ConfigArgs
  >;
}

/** The config file (--config, or ./tighten.config.json in `projectDir`), then the flags over it. */
export async function resolveConfig(args: ConfigArgs, projectDir: string = process.cwd()): Promise<TightenConfig> {
  return applyConfigFlags(await loadConfig({ configFile: args.config, projectDir }), args);
}

/** Flags given on the command line override the file's values; each is checked like the file's. */
export function applyConfigFlags(config: TightenConfig, args: ConfigArgs): TightenConfig {
  const generalize: Record<string, unknown> = { ...config.generalize };
  for (const key of Object.keys(GENERALIZE_FLAGS) as (keyof typeof GENERALIZE_FLAGS)[]) {
    const value = args[key];
    if (value === undefined) continue;
    const rule = GENERALIZE_RULES[key] as { check: (v: unknown) => unknown; expected: string };
    const checked = rule.check(value);
    if (checked === undefined) throw new UsageError(`${GENERALIZE_FLAGS[key]}: ${typeof value === "string" ? JSON.stringify(value) : String(value)} is not ${rule.expected}`);
    generalize[key] = checked;
  }
  if (args.s3Prefix !== undefined && args.s3Prefix.length > 0) generalize.s3Prefixes = { ...config.generalize.s3Prefixes, ...prefixFlags(args.s3Prefix) };
  if (args.grantFailed === true) generalize.failedCalls = "grant";
  let policyType = config.policyType;
  if (args.policyType !== undefined) {
    const checked = POLICY_TYPE_RULE.check(args.policyType);
    if (checked === undefined) throw new UsageError(`--policy-type: ${JSON.stringify(args.policyType)} is not ${POLICY_TYPE_RULE.expected}`);
    policyType = checked;
  }
  return { generalize: generalize as unknown as Generalization, policyType };
}

/** `--s3-prefix BUCKET/PREFIX=RULE` values -> s3Prefixes entries; the last of one prefix wins. */
function prefixFlags(values: readonly string[]): Record<string, PrefixRule> {
  const rules: Record<string, PrefixRule> = {};
  for (const value of values) {
    const at = value.lastIndexOf("=");
    const [key, rule] = at < 0 ? [value, ""] : [value.slice(0, at), value.slice(at + 1)];
    const problem = prefixKeyProblem(key);
    if (problem !== null) throw new UsageError(`--s3-prefix ${JSON.stringify(value)}: ${problem}`);
    if (!["shape", "folder", "exact", "*"].includes(rule)) {
      throw new UsageError(`--s3-prefix ${JSON.stringify(value)}: expected BUCKET/PREFIX=RULE, RULE one of shape, folder, exact, *`);
    }
    rules[key] = rule as PrefixRule;
  }
  return rules;
}
