import { HIGH_ENTROPY_MIN_BITS, HIGH_ENTROPY_MIN_LENGTH, looksRandom } from "./secret-entropy.js";
import type { TaskDefinition } from "./task-definition.js";

/**
 * A plain `environment` entry is stored in the task definition, in every revision: anyone with
 * ecs:DescribeTaskDefinition or the console reads it, as does anyone who reads the
 * infrastructure-as-code state that registered it. ECS's `secrets`
 * injects the same variable from Secrets Manager or Parameter Store at start-up instead (ECS
 * Developer Guide, "Pass sensitive data to an Amazon ECS container").
 *
 * This module finds the entries that hold credentials, by their name or by their value. It never
 * returns a value: a finding carries the value's length and the rule that matched, so no report
 * built from it can show the value, nor a prefix of it.
 */
export interface EnvironmentSecret {
  readonly container: string;
  readonly variable: string;
  /** In characters (code points). */
  readonly valueLength: number;
  /** The name rule and the value rule that matched, in that order; at least one. */
  readonly reasons: readonly Reason[];
  /**
   * The other containers of the task definition whose flagged entry of the same name holds the
   * same value, so that one secret can serve them all. Equality only: nothing of the value.
   */
  readonly sameValueIn: readonly string[];
}

export interface Reason {
  /** "name:password", "value:aws-access-key-id": stable, for tests and JSON consumers. */
  readonly rule: string;
  /** For people: "name has PASSWORD in it", "value looks like an AWS access key id". */
  readonly why: string;
}

export interface EntryVerdict {
  readonly reasons: readonly Reason[];
  /** The exclusion that silenced a matching name rule, if one did. */
  readonly excludedBy: Reason | null;
}

/** What the other entries of the container say about this one. */
export interface EntryContext {
  /** Another entry of the same container holds an AWS access key id: a 40-character neighbour is its secret key. */
  readonly containerHoldsAccessKeyId: boolean;
}

// Names are matched on segments: split at anything but a letter or digit, at camelCase humps
// (dbPassword, APIKey) and between letters and digits (PASSWORD2), lower-cased and joined with
// "_", so that each pattern below sees "smtp_password", "api_key", "pgpassword".
interface NameRule {
  readonly rule: string;
  readonly pattern: RegExp;
  readonly why: string;
}

// `[a-z0-9]*` before a word lets it end a run-together segment (PGPASSWORD, apitoken,
// clientsecret) without matching inside one (TOKENIZERS, PASSWORDLESS, AUTHOR).
export const CREDENTIAL_NAMES: readonly NameRule[] = [
  { rule: "name:password", pattern: /(?:^|_)[a-z0-9]*(?:password|passwd)(?:_|$)/, why: "name has PASSWORD in it" },
  // Short forms only as whole segments: DB_PASS, MYSQL_PWD (MySQL's own client variable).
  { rule: "name:pass", pattern: /(?:^|_)(?:pass|pwd)(?:_|$)/, why: "name has PASS or PWD in it" },
  { rule: "name:passphrase", pattern: /(?:^|_)[a-z0-9]*passphrase(?:_|$)/, why: "name has PASSPHRASE in it" },
  { rule: "name:secret", pattern: /(?:^|_)[a-z0-9]*secret(?:s)?(?:_|$)/, why: "name has SECRET in it" },
  { rule: "name:token", pattern: /(?:^|_)[a-z0-9]*token(?:_|$)/, why: "name has TOKEN in it" },
  { rule: "name:api-key", pattern: /(?:^|_)[a-z0-9]*api_?key(?:_|$)/, why: "name has API_KEY in it" },
  { rule: "name:private-key", pattern: /(?:^|_)private_?key(?:_|$)/, why: "name has PRIVATE_KEY in it" },
  { rule: "name:access-key", pattern: /(?:^|_)access_?key(?:_|$)/, why: "name has ACCESS_KEY in it" },
  { rule: "name:signing-key", pattern: /(?:^|_)(?:signing|encryption|master|hmac)_?key(?:_|$)/, why: "name has a signing, encryption or master KEY in it" },
  { rule: "name:credentials", pattern: /(?:^|_)[a-z0-9]*(?:credentials?|creds)(?:_|$)/, why: "name has CREDENTIALS in it" },
  // AUTH only as a whole segment: BASIC_AUTH, AUTH; OAUTH alone is a feature switch.
  { rule: "name:auth", pattern: /(?:^|_)auth(?:_|$)/, why: "name has AUTH in it" },
];

/**
 * Names that mention a credential without holding one, told by their last segment. A DSN,
 * DATABASE_URL or CONNECTION_STRING is not flagged by name at all: without a password it is
 * configuration, and with one the value rules for URLs with credentials and `password=`
 * settings flag it whatever it is called.
 */
interface NameExclusion {
  readonly rule: string;
  readonly lastSegments: readonly string[];
  readonly why: string;
}

export const NAME_EXCLUSIONS: readonly NameExclusion[] = [
  // Docker's and Compose's `_FILE` convention (postgres, mysql images): the secret is a mounted file.
  { rule: "exclude:where", lastSegments: ["file", "path", "dir", "directory", "location", "mount"], why: "names where the credential is, not the credential" },
  { rule: "exclude:reference", lastSegments: ["arn", "name", "id", "ref", "parameter", "param"], why: "names a secret held elsewhere (Secrets Manager, Parameter Store, KMS)" },
  { rule: "exclude:endpoint", lastSegments: ["url", "uri", "endpoint", "host", "hostname", "port", "domain", "issuer", "audience", "realm", "server", "region"], why: "says where to authenticate, not with what" },
  { rule: "exclude:identity", lastSegments: ["user", "username", "login", "email", "account", "principal"], why: "says who authenticates, not with what" },
  { rule: "exclude:lifetime", lastSegments: ["ttl", "seconds", "secs", "minutes", "mins", "hours", "days", "ms", "timeout", "expiry", "expiration", "expires", "lifetime", "age", "duration", "interval"], why: "a lifetime setting" },
  { rule: "exclude:policy", lastSegments: ["length", "len", "min", "max", "size", "bits", "count", "limit", "retries", "attempts", "rounds", "complexity", "policy"], why: "a size or policy setting" },
  { rule: "exclude:setting", lastSegments: ["enabled", "disabled", "enable", "disable", "required", "mode", "type", "method", "strategy", "provider", "algorithm", "alg", "version", "format", "scheme", "scope", "scopes"], why: "a setting, not a credential" },
];

/** Values that cannot be a credential, whatever the name says. */
interface ValueExclusion {
  readonly rule: string;
  readonly pattern: RegExp;
  readonly why: string;
}

export const VALUE_EXCLUSIONS: readonly ValueExclusion[] = [
  { rule: "exclude:empty", pattern: /^\s*$/, why: "the value is empty" },
  { rule: "exclude:boolean", pattern: /^(?:true|false|yes|no|on|off|enabled|disabled|none|null)$/i, why: "the value is a switch" },
  // Lengths, counts, TTLs up to a week in seconds (604800); a numeric secret this short is no secret.
  { rule: "exclude:number", pattern: /^\d{1,6}$/, why: "the value is a small number" },
  { rule: "exclude:duration", pattern: /^\d+(?:ms|s|m|h|d|w)$/, why: "the value is a duration" },
  { rule: "exclude:arn", pattern: /^arn:aws[a-z-]*:[a-z0-9-]+:/, why: "the value is an ARN: it names a secret held elsewhere" },
  // Absolute paths of word characters only (/run/secrets/db, /etc/ssl/key.pem): GOOGLE_APPLICATION_CREDENTIALS and the like.
  { rule: "exclude:path", pattern: /^\/[\w.@-]+(?:\/[\w.@-]+)*\/?$/, why: "the value is a file path" },
];

interface ValueRule {
  readonly rule: string;
  readonly test: (value: string, context: EntryContext) => boolean;
  readonly why: string;
}

const matching = (pattern: RegExp) => (value: string) => pattern.test(value);

// Access key ids: AKIA long-term, ASIA temporary (IAM User Guide, "Unique identifier prefixes").
const ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])/;
// A secret access key is 40 characters of base64 (IAM API reference, AccessKey.SecretAccessKey).
const SECRET_ACCESS_KEY = /^[A-Za-z0-9/+]{40}$/;

/**
 * Value shapes, most specific first; an entry reports the first that matches. Token prefixes
 * are each vendor's documented format (GitHub "About authentication", Slack "Token types",
 * Stripe "API keys", GitLab "Personal access tokens", Google "API keys", SendGrid, npm).
 * No `why` quotes a prefix: a report must show nothing of the value.
 */
export const CREDENTIAL_VALUES: readonly ValueRule[] = [
  { rule: "value:private-key", test: matching(/-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/), why: "value holds a PEM private key block" },
  { rule: "value:aws-access-key-id", test: matching(ACCESS_KEY_ID), why: "value looks like an AWS access key id" },
  {
    rule: "value:aws-secret-access-key",
    test: (value, context) => context.containerHoldsAccessKeyId && SECRET_ACCESS_KEY.test(value),
    why: "value looks like an AWS secret access key (40 base64 characters beside an access key id)",
  },
  { rule: "value:aws-secret-access-key", test: (value) => SECRET_ACCESS_KEY.test(value) && looksRandom(value, 40), why: "value looks like an AWS secret access key (40 random base64 characters)" },
  { rule: "value:github-token", test: matching(/(?:^|[^A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/), why: "value looks like a GitHub token" },
  { rule: "value:gitlab-token", test: matching(/glpat-[A-Za-z0-9_-]{20,}/), why: "value looks like a GitLab access token" },
  { rule: "value:slack-token", test: matching(/xox[abposr]-[A-Za-z0-9-]{10,}/), why: "value looks like a Slack token" },
  { rule: "value:slack-webhook", test: matching(/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_/]+/), why: "value is a Slack webhook URL, which is its own credential" },
  { rule: "value:stripe-key", test: matching(/(?:^|[^A-Za-z0-9])(?:[sr]k_(?:live|test)_|whsec_)[A-Za-z0-9]{10,}/), why: "value looks like a Stripe secret key" },
  { rule: "value:google-api-key", test: matching(/AIza[0-9A-Za-z_-]{35}/), why: "value looks like a Google API key" },
  { rule: "value:sendgrid-key", test: matching(/SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/), why: "value looks like a SendGrid API key" },
  { rule: "value:npm-token", test: matching(/npm_[A-Za-z0-9]{36}/), why: "value looks like an npm access token" },
  { rule: "value:llm-api-key", test: matching(/(?:^|[^A-Za-z0-9])sk-(?:ant-|proj-)?[A-Za-z0-9_-]{32,}/), why: "value looks like an OpenAI or Anthropic API key" },
  // A JWT's header and payload are JSON objects, so both start with base64url("{\"") (RFC 7519).
  { rule: "value:jwt", test: matching(/eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/), why: "value looks like a JSON Web Token" },
  // RFC 3986 userinfo: scheme://user:password@host; the user may be empty (redis://:password@host).
  { rule: "value:url-credentials", test: matching(/[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:[^\s/@]+@/i), why: "value is a URL with a user and password in it" },
  // libpq key=value DSNs, ODBC/ADO.NET connection strings, query strings, -Dfoo.password=
  // system properties and --password= options.
  { rule: "value:password-setting", test: matching(/(?:^|[^A-Za-z0-9])(?:password|passwd|pwd|pass)\s*=\s*[^;\s&]/i), why: "value holds a password setting (a connection string or an option)" },
  { rule: "value:authorization-header", test: matching(/^(?:basic|bearer|token)\s+[A-Za-z0-9._~+/=-]{12,}$/i), why: "value is an HTTP Authorization header" },
  {
    rule: "value:high-entropy",
    test: (value) => looksRandom(value),
    why: `value looks random (${HIGH_ENTROPY_MIN_LENGTH}+ characters of mixed letters and digits, ${HIGH_ENTROPY_MIN_BITS}+ bits of entropy per character)`,
  },
];

/** The lower-cased segments of an environment variable name, joined with "_": `dbPassword` -> `db_password`. */
export function nameSegments(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .replace(/(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])/g, " ")
    .split(/[^A-Za-z0-9]+/)
    .filter((segment) => segment !== "")
    .map((segment) => segment.toLowerCase());
}

/** Why one `environment` entry holds a credential (no reasons: it does not). */
export function judgeEnvironmentEntry(name: string, value: string, context: EntryContext): EntryVerdict {
  const reasons: Reason[] = [];
  let excludedBy: Reason | null = null;
  const segments = nameSegments(name);
  const joined = segments.join("_");
  const byName = CREDENTIAL_NAMES.find((row) => row.pattern.test(joined));
  if (byName !== undefined) {
    excludedBy = nameExclusion(segments) ?? valueExclusion(value);
    if (excludedBy === null) reasons.push({ rule: byName.rule, why: byName.why });
  }
  const byValue = CREDENTIAL_VALUES.find((row) => row.test(value, context));
  if (byValue !== undefined) reasons.push({ rule: byValue.rule, why: byValue.why });
  return { reasons, excludedBy: reasons.length === 0 ? excludedBy : null };
}

function nameExclusion(segments: readonly string[]): Reason | null {
  const last = segments.at(-1) ?? "";
  const row = NAME_EXCLUSIONS.find((r) => r.lastSegments.includes(last));
  return row === undefined ? null : { rule: row.rule, why: `name ${row.why}` };
}

function valueExclusion(value: string): Reason | null {
  const row = VALUE_EXCLUSIONS.find((r) => r.pattern.test(value));
  return row === undefined ? null : { rule: row.rule, why: row.why };
}

/** Every `environment` entry of the task definition that holds a credential, in container then entry order. */
export function findEnvironmentSecrets(definition: TaskDefinition): EnvironmentSecret[] {
  const flagged: { finding: Omit<EnvironmentSecret, "sameValueIn">; value: string }[] = [];
  for (const container of definition.containers) {
    const context = { containerHoldsAccessKeyId: container.environment.some((entry) => ACCESS_KEY_ID.test(entry.value)) };
    for (const entry of container.environment) {
      const { reasons } = judgeEnvironmentEntry(entry.name, entry.value, context);
      if (reasons.length === 0) continue;
      flagged.push({ finding: { container: container.name, variable: entry.name, valueLength: [...entry.value].length, reasons }, value: entry.value });
    }
  }
  // Values are compared here, inside the module, and dropped: only the container names leave.
  return flagged.map(({ finding, value }) => ({
    ...finding,
    sameValueIn: flagged
      .filter((other) => other.finding.container !== finding.container && other.finding.variable === finding.variable && other.value === value)
      .map((other) => other.finding.container),
  }));
}
