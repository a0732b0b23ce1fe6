import type { Argv } from "yargs";
import type { Generalization } from "../mapping/generalization.js";
import { UsageError } from "../usage-error.js";
import { GENERALIZE_RULES, loadConfig, POLICY_TYPE_RULE, type TightenConfig } from "./tighten-config.js";

/** The flags that override `tighten.config.json`; undefined: not given. */
export interface ConfigArgs {
  readonly config: string | undefined;
  readonly s3ObjectKeys: number | undefined;
  readonly dynamodbIndexes: string | undefined;
  readonly secretNames: string | undefined;
  readonly logStreams: string | undefined;
  readonly policyType: string | undefined;
}

/** Flag name (yargs camel-cases them) -> config key, for messages and overrides. */
const GENERALIZE_FLAGS: { readonly [K in keyof Generalization]: string } = {
  s3ObjectKeys: "--s3-object-keys",
  dynamodbIndexes: "--dynamodb-indexes",
  secretNames: "--secret-names",
  logStreams: "--log-streams",
};

/** The config flags, for commands that map or synthesize (generate, explain, diff, drift). */
export function withConfigOptions<T>(yargs: Argv<T>): Argv<T & ConfigArgs> {
  return yargs
    .option("config", { type: "string", describe: "config file (default: ./tighten.config.json when present)" })
    .option("s3-object-keys", { type: "number", describe: "S3 keys per folder named one by one before the folder is granted (0-10; default 5)" })
    .option("dynamodb-indexes", { type: "string", choices: ["any-index", "exact"], describe: "DynamoDB index ARNs: table/T/index/* (default) or exact" })
    .option("secret-names", { type: "string", choices: ["any-suffix", "exact"], describe: "Secrets Manager ARNs: NAME-?????? (default) or the ARN named" })
    .option("log-streams", { type: "string", choices: ["log-group", "stream-prefix"], describe: "log stream ARNs: log-group:G:* (default) or the streams' folder" })
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
  for (const key of Object.keys(GENERALIZE_FLAGS) as (keyof Generalization)[]) {
    const value = args[key];
    if (value === undefined) continue;
    const rule = GENERALIZE_RULES[key] as { check: (v: unknown) => unknown; expected: string };
    const checked = rule.check(value);
    if (checked === undefined) throw new UsageError(`${GENERALIZE_FLAGS[key]}: ${typeof value === "string" ? JSON.stringify(value) : String(value)} is not ${rule.expected}`);
    generalize[key] = checked;
  }
  let policyType = config.policyType;
  if (args.policyType !== undefined) {
    const checked = POLICY_TYPE_RULE.check(args.policyType);
    if (checked === undefined) throw new UsageError(`--policy-type: ${JSON.stringify(args.policyType)} is not ${POLICY_TYPE_RULE.expected}`);
    policyType = checked;
  }
  return { generalize: generalize as unknown as Generalization, policyType };
}
