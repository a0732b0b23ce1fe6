import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  CREDENTIAL_NAMES,
  CREDENTIAL_VALUES,
  findEnvironmentSecrets,
  judgeEnvironmentEntry,
  NAME_EXCLUSIONS,
  nameSegments,
  VALUE_EXCLUSIONS,
} from "../../src/ecs/environment-secrets.js";
import { classChangeRatio, HIGH_ENTROPY_MIN_BITS, looksRandom, shannonEntropy } from "../../src/ecs/secret-entropy.js";
import { parseTaskDefinition, type TaskDefinition } from "../../src/ecs/task-definition.js";

// Vendor-prefixed samples are assembled at run time so that no secret scanner mistakes this file
// for a leak; the random parts were drawn once and mean nothing.
const RANDOM_40 = "//2URGtDKiWG5R95byoND+Js2faq7+7OIgBq/3Xl";
const RANDOM_32 = "yyrEzACBKDvACEdQz47GQKM59HTMStFg";
const RANDOM_31 = "WxStThXykkzaPf4zgvsyS1S159LKnwu";
const RANDOM_48_URL_SAFE = "uL7oA_gGKjsvVVOkPGJdT-Gnfxsk-lZDsRUBzKqJA_wabKTm";
const join = (...parts: string[]) => parts.join("");

const NOT_IN_CONTEXT = { containerHoldsAccessKeyId: false };
const judge = (name: string, value: string, context = NOT_IN_CONTEXT) => judgeEnvironmentEntry(name, value, context);
const rules = (name: string, value: string, context = NOT_IN_CONTEXT) => judge(name, value, context).reasons.map((r) => r.rule);

const task = (containers: { name: string; environment: [string, string][] }[]): TaskDefinition =>
  parseTaskDefinition(
    {
      family: "api",
      containerDefinitions: containers.map((c) => ({ name: c.name, image: "img", environment: c.environment.map(([name, value]) => ({ name, value })) })),
    },
    "test",
  );

describe("nameSegments", () => {
  it.each([
    ["SMTP_PASSWORD", "smtp_password"],
    ["dbPassword", "db_password"],
    ["APIKey", "api_key"],
    ["x-api-key", "x_api_key"],
    ["PASSWORD2", "password_2"],
    ["OAuth2ClientSecret", "o_auth_2_client_secret"],
    ["spring.datasource.password", "spring_datasource_password"],
    ["PGPASSWORD", "pgpassword"],
  ])("%s -> %s", (name, segments) => {
    expect(nameSegments(name).join("_")).toBe(segments);
  });
});

describe("name rules", () => {
  // One case per row at least; the last test checks that every row has one.
  const FLAGGED: [name: string, rule: string][] = [
    ["SMTP_PASSWORD", "name:password"],
    ["PGPASSWORD", "name:password"],
    ["dbPassword", "name:password"],
    ["MYSQL_ROOT_PASSWD", "name:password"],
    ["DB_PASS", "name:pass"],
    ["MYSQL_PWD", "name:pass"],
    ["GPG_PASSPHRASE", "name:passphrase"],
    ["JWT_SECRET", "name:secret"],
    ["clientSecret", "name:secret"],
    ["AWS_SECRET_ACCESS_KEY", "name:secret"],
    ["APP_SECRETS", "name:secret"],
    ["GITHUB_TOKEN", "name:token"],
    ["slackApiToken", "name:token"],
    ["API_KEY", "name:api-key"],
    ["APIKEY", "name:api-key"],
    ["x-api-key", "name:api-key"],
    ["SSH_PRIVATE_KEY", "name:private-key"],
    ["privateKey", "name:private-key"],
    ["MINIO_ACCESS_KEY", "name:access-key"],
    ["COOKIE_SIGNING_KEY", "name:signing-key"],
    ["DATA_ENCRYPTION_KEY", "name:signing-key"],
    ["RAILS_MASTER_KEY", "name:signing-key"],
    ["GCP_CREDENTIALS", "name:credentials"],
    ["DB_CREDS", "name:credentials"],
    ["BASIC_AUTH", "name:auth"],
  ];
  it.each(FLAGGED)("%s is flagged by %s", (name, rule) => {
    expect(rules(name, "some-value")).toEqual([rule]);
  });

  it.each([
    ["TOKENIZERS_PARALLELISM", "a word that starts with TOKEN"],
    ["PASSWORDLESS_LOGIN", "a word that starts with PASSWORD"],
    ["AUTHOR", "a word that starts with AUTH"],
    ["OAUTH", "AUTH only as a whole segment"],
    ["BYPASS_CACHE", "PASS only as a whole segment"],
    ["PUBLIC_KEY", "a public key"],
    ["SENTRY_DSN", "a DSN is flagged by its value, not its name"],
    ["DATABASE_URL", "so is a database URL"],
  ])("%s is not flagged by name: %s", (name) => {
    expect(rules(name, "some-value")).toEqual([]);
  });

  it("every name rule has a case", () => {
    const covered = new Set(FLAGGED.map(([, rule]) => rule));
    expect(CREDENTIAL_NAMES.map((row) => row.rule).filter((rule) => !covered.has(rule))).toEqual([]);
  });
});

describe("exclusions", () => {
  const EXCLUDED: [name: string, value: string, rule: string][] = [
    ["DB_PASSWORD_FILE", "/run/secrets/db-password", "exclude:where"],
    ["JWT_SECRET_PATH", "secrets/jwt", "exclude:where"],
    ["SECRET_ARN", "arn:aws:secretsmanager:us-east-1:111122223333:secret:x", "exclude:reference"],
    ["JWT_SECRET_NAME", "prod/jwt", "exclude:reference"],
    ["TOKEN_SIGNING_KEY_ID", "alias/tokens", "exclude:reference"],
    ["AUTH_URL", "https://login.example.com", "exclude:endpoint"],
    ["TOKEN_ISSUER", "https://login.example.com/", "exclude:endpoint"],
    ["BASIC_AUTH_USER", "admin", "exclude:identity"],
    ["TOKEN_TTL_SECONDS", "3600", "exclude:lifetime"],
    ["SESSION_TOKEN_EXPIRY", "1 hour", "exclude:lifetime"],
    ["PASSWORD_MIN_LENGTH", "12", "exclude:policy"],
    ["PASSWORD_POLICY", "strict", "exclude:policy"],
    ["AUTH_MODE", "oidc", "exclude:setting"],
    ["AUTH_ENABLED", "yes", "exclude:setting"],
    ["SESSION_TOKEN", "", "exclude:empty"],
    ["USE_SECRETS", "true", "exclude:boolean"],
    ["API_TOKEN", "86400", "exclude:number"],
    ["TOKEN_LIFE", "15m", "exclude:duration"],
    ["DB_SECRET", "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf", "exclude:arn"],
    ["GOOGLE_APPLICATION_CREDENTIALS", "/var/secrets/google/key.json", "exclude:path"],
    ["PWD", "/app", "exclude:path"],
  ];
  it.each(EXCLUDED)("%s=<%s> is not flagged: %s", (name, value, rule) => {
    expect(judge(name, value)).toEqual({ reasons: [], excludedBy: expect.objectContaining({ rule }) });
  });

  it("every exclusion has a case", () => {
    const covered = new Set(EXCLUDED.map(([, , rule]) => rule));
    const rows = [...NAME_EXCLUSIONS, ...VALUE_EXCLUSIONS].map((row) => row.rule);
    expect(rows.filter((rule) => !covered.has(rule))).toEqual([]);
  });

  it("silence a name rule only: a credential-shaped value is flagged under any name", () => {
    const token = join("gh", "p_", "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8");
    expect(rules("GITHUB_TOKEN_FILE", token)).toEqual(["value:github-token"]);
    expect(rules("TOKEN_TTL_SECONDS", token)).toEqual(["value:github-token"]);
  });

  it("a name rule still flags a password that is a word, a sentence or a long number", () => {
    expect(rules("DB_PASSWORD", "changeme")).toEqual(["name:password"]);
    expect(rules("DB_PASSWORD", "correct horse battery staple")).toEqual(["name:password"]);
    expect(rules("PIN_SECRET", "12345678")).toEqual(["name:secret"]);
  });
});

describe("value rules", () => {
  const FLAGGED: [what: string, value: string, rule: string][] = [
    ["a PEM private key", "-----BEGIN RSA PRIVATE KEY-----\\nMIIEow...\\n-----END RSA PRIVATE KEY-----", "value:private-key"],
    ["a PKCS#8 private key", "-----BEGIN PRIVATE KEY-----\nMIIEv...", "value:private-key"],
    ["an OpenSSH private key", "-----BEGIN OPENSSH PRIVATE KEY-----", "value:private-key"],
    ["a long-term access key id", "AKIAIOSFODNN7EXAMPLE", "value:aws-access-key-id"],
    ["a temporary access key id", join("AS", "IA", "Y34FZKBOKMUTVV7A"), "value:aws-access-key-id"],
    ["a secret access key by entropy", RANDOM_40, "value:aws-secret-access-key"],
    ["a GitHub classic token", join("gh", "p_", "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"), "value:github-token"],
    ["a GitHub fine-grained token", join("github", "_pat_", "11ABCDEFG0123456789_abcdefghijklmnop"), "value:github-token"],
    ["a GitLab token", join("gl", "pat-", "aB3dE5gH7jK9mN1pQ3sT"), "value:gitlab-token"],
    ["a Slack bot token", join("xo", "xb-", "123456789012-1234567890123-abcdefghij"), "value:slack-token"],
    ["a Slack webhook", join("https://hooks.", "slack.com/services/", "T0000/B0000/XXXXXXXX"), "value:slack-webhook"],
    ["a Stripe live key", join("sk", "_live_", "4eC39HqLyjWDarjtT1zdp7dc"), "value:stripe-key"],
    ["a Stripe webhook secret", join("wh", "sec_", "abcdefghij1234567890"), "value:stripe-key"],
    ["a Google API key", join("AI", "za", "SyA-abcdefghijklmnopqrstuvwxyz01234"), "value:google-api-key"],
    ["a SendGrid key", join("SG", ".", "abcdefghijklmnopqrstuv", ".", "abcdefghijklmnopqrstuvwxyz0123456789"), "value:sendgrid-key"],
    ["an npm token", join("np", "m_", "abcdefghijklmnopqrstuvwxyz0123456789"), "value:npm-token"],
    ["an Anthropic key", join("sk", "-ant-", "api03-abcdefghijklmnopqrstuvwxyz012345"), "value:llm-api-key"],
    ["a JWT", join("eyJhbGciOiJIUzI1NiJ9", ".", "eyJzdWIiOiIxMjM0In0", ".", "c2lnbmF0dXJl"), "value:jwt"],
    ["a URL with a password", "postgres://app:s3cr3t@db.internal:5432/app", "value:url-credentials"],
    ["a URL with a password and no user", "redis://:s3cr3t@cache:6379/0", "value:url-credentials"],
    ["a key=value DSN", "host=db user=app password=s3cr3t dbname=app", "value:password-setting"],
    ["an ODBC connection string", "Server=tcp:db,1433;Database=app;User Id=app;Pwd=s3cr3t;", "value:password-setting"],
    ["a Java system property", "-Xmx1g -Dspring.datasource.password=s3cr3t", "value:password-setting"],
    ["a Bearer header", "Bearer abcdefghijklmnopqrstuvwxyz", "value:authorization-header"],
    ["a Basic header", "Basic YWRtaW46czNjcjN0MTIz", "value:authorization-header"],
    ["a random 32-character string", RANDOM_32, "value:high-entropy"],
    ["a random base64url string", RANDOM_48_URL_SAFE, "value:high-entropy"],
  ];
  it.each(FLAGGED)("%s is flagged by %s, under a harmless name", (_, value, rule) => {
    expect(rules("SETTING", value)).toEqual([rule]);
  });

  it("every value rule has a case", () => {
    const covered = new Set(FLAGGED.map(([, , rule]) => rule));
    expect(CREDENTIAL_VALUES.map((row) => row.rule).filter((rule) => !covered.has(rule))).toEqual([]);
  });

  it("a 40-character value next to an access key id is its secret key, even when it does not look random", () => {
    const plain = "abcdefghijabcdefghijabcdefghijabcdefghij";
    expect(rules("KEY", plain)).toEqual([]);
    expect(rules("KEY", plain, { containerHoldsAccessKeyId: true })).toEqual(["value:aws-secret-access-key"]);
  });

  it.each([
    ["a commit SHA", "c3d0e4f1a2b3c4d5e6f708192a3b4c5d6e7f8091"],
    ["a UUID", "3f2a9c1e-8b7d-4e6f-a5c4-2d1b0e9f8a7c"],
    ["a long CamelCase name", "MyApplicationServerProduction2024Env"],
    ["a CloudFormation physical id", "PaymentsStack-OrdersTable1A2B3C4D-1XYZABCDEF12"],
    ["an ARN", "arn:aws:sqs:us-east-1:111122223333:payments-events"],
    ["a random string one character too short", RANDOM_31],
    ["a URL without credentials", "postgres://db.internal:5432/app"],
    ["a Sentry DSN (a public key, no password)", "https://abc123@o1.ingest.example.io/1"],
    ["an image", "111122223333.dkr.ecr.us-east-1.amazonaws.com/payments-service:v1.42.0"],
  ])("%s is not flagged", (_, value) => {
    expect(rules("SETTING", value)).toEqual([]);
  });

  it("a name and a value rule both report", () => {
    expect(rules("AWS_SECRET_ACCESS_KEY", RANDOM_40)).toEqual(["name:secret", "value:aws-secret-access-key"]);
  });

  it("no reason quotes the value or a prefix of one", () => {
    for (const [, value] of FLAGGED) {
      for (const reason of judge("SETTING", value).reasons) expect(reason.why).not.toContain(value.slice(0, 4));
    }
  });
});

describe("looksRandom and its entropy", () => {
  it("measures bits per character of the string's own distribution", () => {
    expect(shannonEntropy("")).toBe(0);
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("abab")).toBe(1);
    expect(shannonEntropy("abcdefgh")).toBe(3);
    expect(shannonEntropy(RANDOM_32)).toBeGreaterThanOrEqual(HIGH_ENTROPY_MIN_BITS);
  });

  it("counts how often adjacent characters change class", () => {
    expect(classChangeRatio("aA1aA1")).toBe(1);
    expect(classChangeRatio("Payments")).toBeCloseTo(1 / 7);
  });

  it("needs mixed case and digits", () => {
    expect(looksRandom(RANDOM_32)).toBe(true);
    expect(looksRandom(RANDOM_32.toLowerCase())).toBe(false);
    expect(looksRandom(RANDOM_32.replace(/[0-9]/g, "x"))).toBe(false);
  });
});

describe("findEnvironmentSecrets", () => {
  it("reads every container, in container then entry order, and returns no value", () => {
    const definition = task([
      { name: "app", environment: [["NODE_ENV", "production"], ["DB_PASSWORD", "hunter22"], ["STRIPE", join("sk", "_live_", "4eC39HqLyjWDarjtT1zdp7dc")]] },
      { name: "sidecar", environment: [["API_TOKEN", "tok-123456789"]] },
    ]);
    const found = findEnvironmentSecrets(definition);
    expect(found).toEqual([
      { container: "app", variable: "DB_PASSWORD", valueLength: 8, reasons: [{ rule: "name:password", why: "name has PASSWORD in it" }], sameValueIn: [] },
      { container: "app", variable: "STRIPE", valueLength: 32, reasons: [{ rule: "value:stripe-key", why: "value looks like a Stripe secret key" }], sameValueIn: [] },
      { container: "sidecar", variable: "API_TOKEN", valueLength: 13, reasons: [expect.objectContaining({ rule: "name:token" })], sameValueIn: [] },
    ]);
    const text = JSON.stringify(found);
    for (const value of ["hunter22", "4eC39HqLyjWDarjtT1zdp7dc", "tok-123456789"]) expect(text).not.toContain(value);
  });

  it("the same variable in two containers: shared when the values are equal, not when they differ", () => {
    const same = findEnvironmentSecrets(
      task([
        { name: "app", environment: [["DB_PASSWORD", "hunter22"]] },
        { name: "worker", environment: [["DB_PASSWORD", "hunter22"]] },
      ]),
    );
    expect(same.map((f) => [f.container, f.sameValueIn])).toEqual([
      ["app", ["worker"]],
      ["worker", ["app"]],
    ]);
    const different = findEnvironmentSecrets(
      task([
        { name: "app", environment: [["DB_PASSWORD", "hunter22"]] },
        { name: "worker", environment: [["DB_PASSWORD", "hunter23"]] },
      ]),
    );
    expect(different.map((f) => [f.container, f.sameValueIn])).toEqual([
      ["app", []],
      ["worker", []],
    ]);
  });

  it("an access key id in one entry makes a 40-character neighbour in the same container its secret key, not in another container", () => {
    const plain = "abcdefghijabcdefghijabcdefghijabcdefghij";
    const found = findEnvironmentSecrets(
      task([
        { name: "app", environment: [["AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"], ["AWS_KEY_2", plain]] },
        { name: "other", environment: [["AWS_KEY_2", plain]] },
      ]),
    );
    expect(found.map((f) => `${f.container}/${f.variable}: ${f.reasons.map((r) => r.rule).join(",")}`)).toEqual([
      "app/AWS_ACCESS_KEY_ID: value:aws-access-key-id",
      "app/AWS_KEY_2: value:aws-secret-access-key",
    ]);
  });

  it("the example fleet: notifications-service holds SMTP_PASSWORD; payments and reports are clean", () => {
    const read = (name: string) => parseTaskDefinition(JSON.parse(readFileSync(`examples/ecs/${name}.json`, "utf8")), name);
    expect(findEnvironmentSecrets(read("notifications-service"))).toEqual([
      { container: "notifications", variable: "SMTP_PASSWORD", valueLength: 25, reasons: [{ rule: "name:password", why: "name has PASSWORD in it" }], sameValueIn: [] },
    ]);
    expect(findEnvironmentSecrets(read("payments-service"))).toEqual([]);
    expect(findEnvironmentSecrets(read("reports-service"))).toEqual([]);
  });
});
