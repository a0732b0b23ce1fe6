import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VALUE_EXCLUSIONS } from "../../../src/ecs/environment-secrets.js";
import { looksRandom } from "../../../src/ecs/secret-entropy.js";
import { parseTaskDefinition } from "../../../src/ecs/task-definition.js";
import { renderAuditJson } from "../../../src/emit/audit/audit-json.js";
import { renderAuditMarkdown } from "../../../src/emit/audit/audit-markdown.js";
import { renderAuditText } from "../../../src/emit/audit/audit-text.js";
import { auditTaskDefinitions } from "../../../src/pipeline/ecs-audit.js";
import { auditFindingCount } from "../../../src/ecs/audit-report.js";

// The promise of `tighten ecs audit`: no output format shows a flagged value, nor any run of 6 of
// its characters. Secrets are drawn from every shape the rules know, each with random material,
// put in task definitions beside harmless entries, and every format is searched for them.

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const ALNUM = UPPER + LOWER + DIGITS;
const BASE64 = ALNUM + "+/";
const BASE64URL = ALNUM + "-_";

const chars = (alphabet: string, minLength: number, maxLength = minLength) =>
  fc.array(fc.constantFrom(...alphabet), { minLength, maxLength }).map((list) => list.join(""));
// Real key material does not repeat itself; fast-check's bias towards "aaaaaa" would otherwise
// make a value whose 6-character runs are the report's own indentation or table rules.
const varied = (arbitrary: fc.Arbitrary<string>, distinct = 8) => arbitrary.filter((s) => new Set(s).size >= distinct);

// Password characters: printable ASCII without space, and some beyond ASCII.
const PASSWORD_CHARS = ALNUM + "!#$%&()*+,-./:;<=>?@[]^_{|}~" + "éßøΩж€";

interface Secret {
  readonly name: string;
  readonly value: string;
}

const secret: fc.Arbitrary<Secret> = fc.oneof(
  fc.record({ name: fc.constantFrom("SMTP_PASSWORD", "DB_PASS", "JWT_SECRET", "API_TOKEN", "apiKey", "BASIC_AUTH"), value: varied(chars(PASSWORD_CHARS, 8, 40)) }).filter(
    ({ value }) => !VALUE_EXCLUSIONS.some((row) => row.pattern.test(value)),
  ),
  fc.record({ name: fc.constant("SETTING_A"), value: varied(chars(UPPER + DIGITS, 16)).map((rest) => `AKIA${rest}`) }),
  fc.record({ name: fc.constant("SETTING_B"), value: varied(chars(ALNUM, 36)).map((rest) => `ghp_${rest}`) }),
  fc.record({ name: fc.constant("SETTING_C"), value: varied(chars(ALNUM + "-", 12, 50)).map((rest) => `xoxb-${rest}`) }),
  fc.record({ name: fc.constant("SETTING_D"), value: varied(chars(ALNUM, 24)).map((rest) => `sk_live_${rest}`) }),
  fc.record({
    name: fc.constant("SETTING_E"),
    value: varied(chars(BASE64, 64, 200), 20).map((body) => `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----`),
  }),
  fc.record({
    name: fc.constant("SETTING_F"),
    value: fc
      .tuple(fc.constantFrom("postgres", "mysql", "redis", "amqps"), varied(chars(ALNUM, 6, 12), 5), varied(chars(ALNUM + "!$&'()*+,;=~-", 8, 30)), varied(chars(LOWER, 6, 12), 5))
      .map(([scheme, user, password, host]) => `${scheme}://${user}:${password}@${host}.internal:5432/app`),
  }),
  fc.record({
    name: fc.constant("SETTING_G"),
    value: fc
      .tuple(varied(chars(BASE64URL, 10, 40)), varied(chars(BASE64URL, 10, 80)), varied(chars(BASE64URL, 20, 60)))
      .map(([header, payload, signature]) => `eyJ${header}.eyJ${payload}.${signature}`),
  }),
  fc.record({ name: fc.constant("SETTING_H"), value: varied(chars(BASE64URL, 32, 64), 20).filter((value) => looksRandom(value)) }),
);

const HARMLESS: readonly { name: string; value: string }[] = [
  { name: "NODE_ENV", value: "production" },
  { name: "TOKEN_TTL_SECONDS", value: "3600" },
  { name: "SECRET_ARN", value: "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf" },
  { name: "EVENTS_QUEUE", value: "payments-events" },
];

const container = fc.record({
  secrets: fc.array(secret, { minLength: 1, maxLength: 3 }),
  harmless: fc.subarray([...HARMLESS]),
});

describe("no format shows a flagged value", () => {
  it("nor any 6 characters of one", () => {
    fc.assert(
      fc.property(fc.array(container, { minLength: 1, maxLength: 3 }), fc.boolean(), (containers, withArn) => {
        const definition = parseTaskDefinition(
          {
            family: "payments-service",
            ...(withArn ? { taskDefinitionArn: "arn:aws:ecs:eu-west-1:111122223333:task-definition/payments-service:9" } : {}),
            executionRoleArn: "arn:aws:iam::111122223333:role/ecs/payments-service-execution",
            containerDefinitions: containers.map((c, i) => ({
              name: `container-${i}`,
              image: "img",
              // Variables are numbered so that each secret is its own entry.
              environment: [...c.harmless, ...c.secrets.map((s, j) => ({ name: `${s.name}_${j}`, value: s.value }))],
            })),
          },
          "generated.json",
        );
        const report = auditTaskDefinitions([definition], {});
        const values = containers.flatMap((c) => c.secrets.map((s) => s.value));
        expect(auditFindingCount(report), "every generated secret is flagged").toBe(values.length);
        for (const output of [renderAuditText(report), renderAuditMarkdown(report), renderAuditJson(report)]) {
          for (const value of values) {
            for (let i = 0; i + 6 <= value.length; i++) {
              const run = value.slice(i, i + 6);
              if (output.includes(run)) throw new Error(`output shows ${JSON.stringify(run)} of a flagged value`);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a 40-character AWS secret key beside its key id", () => {
    fc.assert(
      fc.property(varied(chars(BASE64, 40), 16), (secretKey) => {
        const definition = parseTaskDefinition(
          {
            family: "f",
            containerDefinitions: [
              {
                name: "app",
                image: "img",
                environment: [
                  { name: "K1", value: "AKIAIOSFODNN7EXAMPLE" },
                  { name: "K2", value: secretKey },
                ],
              },
            ],
          },
          "f.json",
        );
        const report = auditTaskDefinitions([definition], {});
        expect(report.taskDefinitions[0]!.findings.map((f) => f.reasons[0]!.rule)).toEqual(["value:aws-access-key-id", "value:aws-secret-access-key"]);
        for (const output of [renderAuditText(report), renderAuditMarkdown(report), renderAuditJson(report)]) {
          for (let i = 0; i + 6 <= secretKey.length; i++) expect(output).not.toContain(secretKey.slice(i, i + 6));
          expect(output).not.toContain("AKIAIO");
        }
      }),
      { numRuns: 200 },
    );
  });
});
