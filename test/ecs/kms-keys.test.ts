import { describe, expect, it } from "vitest";
import { keysFromFlags, keysFromMetadata, keysFromUsage, KmsKeyError, parseKmsKeyFlag, referencesWithoutKey, viaServiceOf } from "../../src/ecs/kms-keys.js";
import { parseSecretReference } from "../../src/ecs/secret-reference.js";

const TASK = { region: "us-east-1", account: "111122223333" } as const;
const KEY = "arn:aws:kms:us-east-1:111122223333:key/c81a4f0e-95d2-4b7a-b3e6-0d4f2a9c7e51";
const secret = parseSecretReference("arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbC123", TASK);
const parameter = parseSecretReference("/app/token", TASK);
const elsewhere = parseSecretReference("arn:aws:ssm:eu-west-1:111122223333:parameter/app/token", TASK);

describe("--kms-key", () => {
  it("takes a key ARN and refuses an alias, a bare id or another service's ARN, saying what to give", () => {
    expect(parseKmsKeyFlag(KEY)).toBe(KEY);
    expect(() => parseKmsKeyFlag("arn:aws:kms:us-east-1:111122223333:alias/app")).toThrow(/is an alias: .* give its key ARN/);
    for (const bad of ["c81a4f0e-95d2-4b7a-b3e6-0d4f2a9c7e51", "alias/app", "arn:aws:s3:::b", "arn:aws:kms::111122223333:key/x"]) {
      expect(() => parseKmsKeyFlag(bad), bad).toThrow(KmsKeyError);
    }
  });

  it("grants a key through the services of the references in its own region only", () => {
    expect(keysFromFlags([KEY], [secret, parameter, elsewhere])).toEqual([
      { key: KEY, viaService: "secretsmanager.us-east-1.amazonaws.com", reason: "--kms-key" },
      { key: KEY, viaService: "ssm.us-east-1.amazonaws.com", reason: "--kms-key" },
    ]);
    expect(keysFromFlags(["arn:aws:kms:ap-south-1:111122223333:key/x"], [secret, parameter])).toEqual([]);
  });

  it("a China region's services are at amazonaws.com.cn", () => {
    const cn = parseSecretReference("arn:aws-cn:secretsmanager:cn-north-1:111122223333:secret:db-AbC123", TASK);
    expect(viaServiceOf(cn)).toBe("secretsmanager.cn-north-1.amazonaws.com.cn");
  });
});

describe("keysFromMetadata (--read-metadata)", () => {
  it("a key ARN or id is granted; the AWS managed keys need nothing and say so; an alias cannot be granted", () => {
    const found = keysFromMetadata([
      { reference: secret, found: true, keyId: KEY, parameterType: null },
      { reference: parameter, found: true, keyId: "1234abcd-12ab-34cd-56ef-1234567890ab", parameterType: "SecureString" },
      { reference: elsewhere, found: true, keyId: "alias/app-secrets", parameterType: "SecureString" },
    ]);
    expect(found.grants).toEqual([
      {
        key: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        viaService: "ssm.us-east-1.amazonaws.com",
        reason: "DescribeParameters of arn:aws:ssm:us-east-1:111122223333:parameter/app/token",
      },
      { key: KEY, viaService: "secretsmanager.us-east-1.amazonaws.com", reason: "DescribeSecret of arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbC123" },
    ]);
    expect(found.notes).toEqual([
      { level: "warning", text: "parameter arn:aws:ssm:eu-west-1:111122223333:parameter/app/token: encrypted with alias/app-secrets: an alias, which IAM cannot grant Decrypt on; pass --kms-key with its key ARN" },
    ]);
    const managed = keysFromMetadata([
      { reference: secret, found: true, keyId: null, parameterType: null },
      { reference: parameter, found: true, keyId: "alias/aws/ssm", parameterType: "SecureString" },
    ]);
    expect(managed.grants).toEqual([]);
    expect(managed.notes.map((n) => n.text)).toEqual([
      "secret arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbC123: encrypted with the AWS managed key alias/aws/secretsmanager: no kms:Decrypt needed",
      "parameter arn:aws:ssm:us-east-1:111122223333:parameter/app/token: encrypted with the AWS managed key alias/aws/ssm: no kms:Decrypt needed",
    ]);
  });

  it("a String parameter is not encrypted; an unreadable one is a warning", () => {
    const found = keysFromMetadata([
      { reference: parameter, found: true, keyId: null, parameterType: "String" },
      { reference: secret, found: false, reason: "denied: tighten needs secretsmanager:DescribeSecret (read-only) on it" },
    ]);
    expect(found.grants).toEqual([]);
    expect(found.notes).toEqual([
      {
        level: "warning",
        text: "secret arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbC123: DescribeSecret: denied: tighten needs secretsmanager:DescribeSecret (read-only) on it; its key is not known: pass --kms-key if a customer managed key encrypts it",
      },
    ]);
  });
});

describe("keysFromUsage (--logs)", () => {
  it("takes the Decrypt calls made through Secrets Manager and Parameter Store, not others", () => {
    const evidence = { count: 4, firstSeen: "2026-11-02T08:02:17Z", lastSeen: "2026-11-05T08:05:54Z" };
    const via = (service: string) => ({ StringEquals: { "kms:ViaService": [service] } });
    const found = keysFromUsage([
      { action: "kms:Decrypt", resource: KEY, conditions: via("secretsmanager.us-east-1.amazonaws.com"), evidence },
      { action: "kms:Decrypt", resource: KEY, conditions: via("s3.us-east-1.amazonaws.com"), evidence },
      { action: "kms:Decrypt", resource: KEY, evidence },
      { action: "kms:GenerateDataKey", resource: KEY, conditions: via("ssm.us-east-1.amazonaws.com"), evidence },
    ]);
    expect(found.grants).toEqual([
      { key: KEY, viaService: "secretsmanager.us-east-1.amazonaws.com", reason: "CloudTrail: 4 Decrypt call(s) via secretsmanager.us-east-1.amazonaws.com, 2026-11-02T08:02:17Z .. 2026-11-05T08:05:54Z" },
    ]);
  });
});

describe("referencesWithoutKey", () => {
  it("the references no grant and no metadata answer accounts for", () => {
    const grant = { key: KEY, viaService: "secretsmanager.us-east-1.amazonaws.com", reason: "--kms-key" };
    expect(referencesWithoutKey([secret, parameter, elsewhere], [grant], [{ reference: elsewhere, found: true, keyId: null, parameterType: "String" }])).toEqual([parameter]);
  });
});
