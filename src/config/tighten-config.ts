import { readFile } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_GENERALIZATION, type Generalization } from "../mapping/generalization.js";
import type { PrefixRule } from "../mapping/name-patterns.js";
import { UsageError } from "../usage-error.js";

/**
 * What a user may set about the policies tighten writes, from `tighten.config.json` and flags.
 * Every key is optional in the file; absent keys take the defaults below.
 *
 * ```json
 * {
 *   "generalize": {
 *     "s3ObjectKeys": "shape", "s3Prefixes": { "acme-uploads/uploads/": "*", "acme-config": "exact" },
 *     "dynamodbIndexes": "any-index", "secretNames": "any-suffix", "logStreams": "log-group"
 *   },
 *   "policyType": "inline"
 * }
 * ```
 */
export interface TightenConfig {
  readonly generalize: Generalization;
  /**
   * "inline" (the default): one inline policy per role (aws_iam_role_policy), moved to managed
   * policies when over the 10,240-character inline quota; "managed": managed policies of at most
   * 6,144 characters each.
   */
  readonly policyType: "inline" | "managed";
}

export const DEFAULT_CONFIG: TightenConfig = { generalize: DEFAULT_GENERALIZATION, policyType: "inline" };

export const CONFIG_FILE_NAME = "tighten.config.json";

/** One rule per key: how to read it from JSON or a flag, or why the value is wrong. */
interface KeyRule<T> {
  readonly check: (value: unknown) => T | undefined;
  readonly expected: string;
}

const choice = <T extends string>(...values: readonly T[]): KeyRule<T> => ({
  check: (value) => (values.includes(value as T) ? (value as T) : undefined),
  expected: `one of ${values.map((v) => `"${v}"`).join(", ")}`,
});

const PREFIX_RULES: readonly PrefixRule[] = ["shape", "folder", "exact", "*"];

/** S3 bucket names: 3 to 63 lower-case letters, digits, dots and hyphens. Source: S3 User Guide, "Bucket naming rules". */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Why a "BUCKET/PREFIX" key of s3Prefixes is wrong, or null. */
export function prefixKeyProblem(key: string): string | null {
  const bucket = key.includes("/") ? key.slice(0, key.indexOf("/")) : key;
  return BUCKET_NAME.test(bucket) ? null : `"${key}" does not start with an S3 bucket name (BUCKET or BUCKET/PREFIX)`;
}

const S3_PREFIXES: KeyRule<Readonly<Record<string, PrefixRule>>> = {
  check: (value) => {
    if (!isObject(value)) return undefined;
    const entries = Object.entries(value);
    if (entries.some(([key, rule]) => prefixKeyProblem(key) !== null || !PREFIX_RULES.includes(rule as PrefixRule))) return undefined;
    return Object.fromEntries(entries) as Record<string, PrefixRule>;
  },
  expected: `an object of "BUCKET/PREFIX": rule, each rule one of ${PREFIX_RULES.map((r) => `"${r}"`).join(", ")}`,
};

export const GENERALIZE_RULES: { readonly [K in keyof Generalization]: KeyRule<Generalization[K]> } = {
  s3ObjectKeys: choice("shape", "folder", "exact"),
  s3Prefixes: S3_PREFIXES,
  dynamodbIndexes: choice("any-index", "exact"),
  secretNames: choice("any-suffix", "exact"),
  logStreams: choice("log-group", "stream-prefix"),
  failedCalls: choice("proven-only", "grant"),
};

export const POLICY_TYPE_RULE = choice("inline", "managed");

/**
 * A parsed `tighten.config.json` -> the config, defaults filled in. Unknown keys are errors (a
 * misspelt key would otherwise be ignored in silence). `file` names the file in the message.
 */
export function parseConfig(json: unknown, file: string): TightenConfig {
  const fail = (key: string, why: string): never => {
    throw new UsageError(`${file}: ${key}: ${why}`);
  };
  if (!isObject(json)) return fail("(top level)", "expected a JSON object");
  for (const key of Object.keys(json)) if (key !== "generalize" && key !== "policyType" && key !== "$schema") fail(key, "unknown key (expected generalize, policyType)");
  const generalize: Record<string, unknown> = { ...DEFAULT_GENERALIZATION };
  if (json.generalize !== undefined) {
    if (!isObject(json.generalize)) fail("generalize", "expected an object");
    const given = json.generalize as Record<string, unknown>;
    for (const [key, value] of Object.entries(given)) {
      const rule = (GENERALIZE_RULES as Record<string, KeyRule<unknown>>)[key];
      if (rule === undefined) fail(`generalize.${key}`, `unknown key (expected ${Object.keys(GENERALIZE_RULES).join(", ")})`);
      const checked = rule!.check(value);
      if (checked === undefined) fail(`generalize.${key}`, `${JSON.stringify(value)} is not ${rule!.expected}`);
      generalize[key] = checked;
    }
  }
  let policyType = DEFAULT_CONFIG.policyType;
  if (json.policyType !== undefined) {
    const checked = POLICY_TYPE_RULE.check(json.policyType);
    if (checked === undefined) fail("policyType", `${JSON.stringify(json.policyType)} is not ${POLICY_TYPE_RULE.expected}`);
    policyType = checked!;
  }
  return { generalize: generalize as unknown as Generalization, policyType };
}

/**
 * The config file: `configFile` when given (it must exist), else `tighten.config.json` in
 * `projectDir` when there is one, else the defaults.
 */
export async function loadConfig(options: { readonly configFile?: string | undefined; readonly projectDir: string }): Promise<TightenConfig> {
  const explicit = options.configFile !== undefined;
  const file = explicit ? (options.configFile as string) : path.join(options.projectDir, CONFIG_FILE_NAME);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!explicit && code === "ENOENT") return DEFAULT_CONFIG;
    throw new UsageError(`${explicit ? "--config " : ""}${file}: cannot read (${code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  return parseConfig(json, file);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
