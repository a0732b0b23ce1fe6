import { describe, expect, it } from "vitest";
import { parseCredentialsReference, parseSecretReference, SecretReferenceError } from "../../src/ecs/secret-reference.js";

const TASK = { region: "us-east-1", account: "111122223333" } as const;
const SECRET = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/payments/db-password-Qw3rTy";

describe("parseSecretReference: Secrets Manager", () => {
  it("a full ARN is granted as it is", () => {
    expect(parseSecretReference(SECRET, TASK)).toEqual({
      kind: "secretsmanager",
      valueFrom: SECRET,
      partition: "aws",
      region: "us-east-1",
      account: "111122223333",
      name: "prod/payments/db-password-Qw3rTy",
      complete: true,
      secretId: SECRET,
      grantArn: SECRET,
      jsonKey: null,
      versionStage: null,
      versionId: null,
    });
  });

  it("json-key, version-stage and version-id are stripped: the grant is on the secret's own ARN", () => {
    expect(parseSecretReference(`${SECRET}:password::`, TASK)).toMatchObject({ grantArn: SECRET, secretId: SECRET, jsonKey: "password", versionStage: null, versionId: null });
    expect(parseSecretReference(`${SECRET}:password:AWSPREVIOUS:`, TASK)).toMatchObject({ grantArn: SECRET, jsonKey: "password", versionStage: "AWSPREVIOUS" });
    expect(parseSecretReference(`${SECRET}:::6aa2b44c-1f0a-4a4d-bd4b-ffd1f2b7c1a9`, TASK)).toMatchObject({
      grantArn: SECRET,
      jsonKey: null,
      versionId: "6aa2b44c-1f0a-4a4d-bd4b-ffd1f2b7c1a9",
    });
  });

  it("a partial ARN (no random suffix) gets -??????: exactly six characters, whatever the suffix turns out to be", () => {
    const partial = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/reports/db";
    expect(parseSecretReference(partial, TASK)).toMatchObject({ complete: false, secretId: partial, grantArn: `${partial}-??????` });
    expect(parseSecretReference(`${partial}:username::`, TASK)).toMatchObject({ grantArn: `${partial}-??????`, jsonKey: "username" });
  });

  it("a secret in another account or region is that account's and region's, whatever the task's", () => {
    const shared = "arn:aws:secretsmanager:eu-west-1:444455556666:secret:shared/api-key-AbC123";
    expect(parseSecretReference(shared, TASK)).toMatchObject({ account: "444455556666", region: "eu-west-1", grantArn: shared });
    expect(parseSecretReference(shared, { region: null, account: null })).toMatchObject({ grantArn: shared });
  });

  it("the partition comes from the ARN", () => {
    const cn = "arn:aws-cn:secretsmanager:cn-north-1:111122223333:secret:db-AbC123";
    expect(parseSecretReference(cn, TASK)).toMatchObject({ partition: "aws-cn", grantArn: cn });
  });
});

describe("parseSecretReference: Parameter Store", () => {
  it("an ARN is granted as it is", () => {
    const arn = "arn:aws:ssm:us-east-1:111122223333:parameter/notifications/prod/smtp-host";
    expect(parseSecretReference(arn, TASK)).toEqual({
      kind: "ssm",
      valueFrom: arn,
      partition: "aws",
      region: "us-east-1",
      account: "111122223333",
      name: "/notifications/prod/smtp-host",
      parameterArn: arn,
      secretArn: null,
    });
  });

  it("a bare name is a parameter of the task's region and account; the ARN never has a double slash", () => {
    expect(parseSecretReference("/app/db-url", TASK)).toMatchObject({ kind: "ssm", name: "/app/db-url", parameterArn: "arn:aws:ssm:us-east-1:111122223333:parameter/app/db-url" });
    expect(parseSecretReference("reports/api-token", TASK)).toMatchObject({ parameterArn: "arn:aws:ssm:us-east-1:111122223333:parameter/reports/api-token" });
    expect(parseSecretReference("db-url", TASK)).toMatchObject({ name: "db-url", parameterArn: "arn:aws:ssm:us-east-1:111122223333:parameter/db-url" });
    expect(parseSecretReference("/db-url", TASK)).toMatchObject({ name: "/db-url", parameterArn: "arn:aws:ssm:us-east-1:111122223333:parameter/db-url" });
  });

  it("a version or label selector is not part of the resource", () => {
    expect(parseSecretReference("/app/db-url:3", TASK)).toMatchObject({ name: "/app/db-url", parameterArn: "arn:aws:ssm:us-east-1:111122223333:parameter/app/db-url" });
  });

  it("a parameter in another region or account is named by ARN, and is its owner's", () => {
    const arn = "arn:aws:ssm:eu-west-1:444455556666:parameter/shared/token";
    expect(parseSecretReference(arn, TASK)).toMatchObject({ region: "eu-west-1", account: "444455556666", parameterArn: arn });
  });

  it("a /aws/reference/secretsmanager/ parameter also needs the secret it reads", () => {
    expect(parseSecretReference("/aws/reference/secretsmanager/prod/db", TASK)).toMatchObject({
      parameterArn: "arn:aws:ssm:us-east-1:111122223333:parameter/aws/reference/secretsmanager/prod/db",
      secretArn: "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-??????",
    });
  });

  it("a bare name needs the task's region and account, and says which flag gives them", () => {
    expect(() => parseSecretReference("db-url", { region: null, account: "111122223333" })).toThrow(/pass --region/);
    expect(() => parseSecretReference("db-url", { region: "us-east-1", account: null })).toThrow(/pass --account/);
  });

  it("refuses ARNs of other services and malformed ones", () => {
    for (const bad of [
      "arn:aws:s3:::bucket/file.env",
      "arn:aws:kms:us-east-1:111122223333:key/abc",
      "arn:aws:secretsmanager:us-east-1:111122223333:db",
      "arn:aws:secretsmanager:us-east-1:111122223333:secret:",
      "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbC123:a:b:c:d",
      "arn:aws:ssm:us-east-1:111122223333:document/x",
      "arn:aws:ssm:us-east-1:111122223333:parameter/",
      "arn:",
      "",
    ]) {
      expect(() => parseSecretReference(bad, TASK), bad).toThrow(SecretReferenceError);
    }
  });
});

describe("parseCredentialsReference (repositoryCredentials)", () => {
  it("a full ARN as it is; a name is a secret of the task's region and account", () => {
    const arn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:ghcr/acme-pull-AbC123";
    expect(parseCredentialsReference(arn, TASK)).toMatchObject({ grantArn: arn, secretId: arn });
    expect(parseCredentialsReference("dockerhub/pull", TASK)).toMatchObject({
      secretId: "dockerhub/pull",
      complete: false,
      grantArn: "arn:aws:secretsmanager:us-east-1:111122223333:secret:dockerhub/pull-??????",
    });
  });

  it("refuses a parameter: registry credentials live in Secrets Manager only", () => {
    expect(() => parseCredentialsReference("arn:aws:ssm:us-east-1:111122223333:parameter/x", TASK)).toThrow(SecretReferenceError);
  });
});
