import { describe, expect, it } from "vitest";
import type { EnvironmentSecret } from "../../src/ecs/environment-secrets.js";
import {
  executionRoleStatement,
  secretLocation,
  secretReplacements,
  secretResource,
  UNKNOWN_ACCOUNT,
  UNKNOWN_REGION,
  type SecretLocation,
} from "../../src/ecs/secret-replacement.js";

const TASK_ARN = "arn:aws:ecs:eu-west-1:111122223333:task-definition/api:3";
const EXECUTION_ROLE = "arn:aws:iam::444455556666:role/ecs/api-execution";
const TASK_ROLE = "arn:aws:iam::777788889999:role/api-task";
const none = { arn: null, executionRoleArn: null, taskRoleArn: null };

const finding = (container: string, variable: string, sameValueIn: string[] = []): EnvironmentSecret => ({
  container,
  variable,
  valueLength: 8,
  reasons: [{ rule: "name:password", why: "name has PASSWORD in it" }],
  sameValueIn,
});

const AT: SecretLocation = { partition: "aws", region: "eu-west-1", regionFrom: "task-definition-arn", account: "111122223333", accountFrom: "task-definition-arn" };

describe("secretLocation", () => {
  it("the task definition ARN says both, and beats the flags", () => {
    expect(secretLocation({ ...none, arn: TASK_ARN, executionRoleArn: EXECUTION_ROLE }, { region: "us-east-1", account: "000000000000" })).toEqual(AT);
  });

  it("without one, the account comes from the execution role, then the task role; the region from --region", () => {
    expect(secretLocation({ ...none, executionRoleArn: EXECUTION_ROLE, taskRoleArn: TASK_ROLE }, { region: "us-east-2" })).toEqual({
      partition: "aws",
      region: "us-east-2",
      regionFrom: "--region",
      account: "444455556666",
      accountFrom: "execution-role-arn",
    });
    expect(secretLocation({ ...none, taskRoleArn: TASK_ROLE }, {})).toMatchObject({ account: "777788889999", accountFrom: "task-role-arn" });
  });

  it("then --account, then placeholders", () => {
    expect(secretLocation(none, { account: "123456789012" })).toEqual({
      partition: "aws",
      region: UNKNOWN_REGION,
      regionFrom: "unknown",
      account: "123456789012",
      accountFrom: "--account",
    });
    expect(secretLocation(none, {})).toEqual({ partition: "aws", region: "REGION", regionFrom: "unknown", account: "ACCOUNT", accountFrom: "unknown" });
    expect(UNKNOWN_ACCOUNT).toBe("ACCOUNT");
  });

  it("keeps the partition of the ARNs, or the region's", () => {
    expect(secretLocation({ ...none, arn: "arn:aws-cn:ecs:cn-north-1:111122223333:task-definition/api:1" }, {})).toMatchObject({ partition: "aws-cn", region: "cn-north-1" });
    expect(secretLocation({ ...none, executionRoleArn: "arn:aws-us-gov:iam::111122223333:role/x" }, {})).toMatchObject({ partition: "aws-us-gov" });
    expect(secretLocation(none, { region: "us-gov-west-1" })).toMatchObject({ partition: "aws-us-gov" });
  });
});

describe("secretReplacements", () => {
  it("a secrets entry named after the variable, from FAMILY/VARIABLE, and GetSecretValue on it with the random suffix", () => {
    expect(secretReplacements("notifications-service", [finding("notifications", "SMTP_PASSWORD")], AT)).toEqual([
      {
        secretName: "notifications-service/SMTP_PASSWORD",
        secretsEntry: { name: "SMTP_PASSWORD", valueFrom: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:notifications-service/SMTP_PASSWORD" },
        statement: {
          Effect: "Allow",
          Action: ["secretsmanager:GetSecretValue"],
          Resource: ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:notifications-service/SMTP_PASSWORD-??????"],
        },
      },
    ]);
  });

  it("placeholders stand where the location is unknown", () => {
    const unknown = secretLocation(none, {});
    expect(secretReplacements("api", [finding("app", "DB_PASSWORD")], unknown)[0]!.secretsEntry.valueFrom).toBe("arn:aws:secretsmanager:REGION:ACCOUNT:secret:api/DB_PASSWORD");
  });

  it("one secret for a variable two containers share, one per container when their values differ", () => {
    const shared = secretReplacements("api", [finding("app", "DB_PASSWORD", ["worker"]), finding("worker", "DB_PASSWORD", ["app"])], AT);
    expect(shared.map((r) => r.secretName)).toEqual(["api/DB_PASSWORD", "api/DB_PASSWORD"]);
    const apart = secretReplacements("api", [finding("app", "DB_PASSWORD"), finding("worker", "DB_PASSWORD")], AT);
    expect(apart.map((r) => r.secretName)).toEqual(["api/app/DB_PASSWORD", "api/worker/DB_PASSWORD"]);
    expect(apart.map((r) => r.secretsEntry.name)).toEqual(["DB_PASSWORD", "DB_PASSWORD"]);
  });

  it("secret names keep to Secrets Manager's characters: no IAM wildcard, no separator, no lookalike random suffix", () => {
    const names = secretReplacements("api", [finding("app", "A*B?C/D E"), finding("app", "DB-SECRET"), finding("app", "")], AT).map((r) => r.secretName);
    expect(names).toEqual(["api/A_B_C_D_E", "api/DB_SECRET", "api/_"]);
  });

  it("one execution role statement covers every replacement, sorted and without repeats", () => {
    const replacements = secretReplacements("api", [finding("worker", "Z_TOKEN"), finding("app", "A_TOKEN", ["worker"]), finding("worker", "A_TOKEN", ["app"])], AT);
    expect(executionRoleStatement(replacements)).toEqual({
      Effect: "Allow",
      Action: ["secretsmanager:GetSecretValue"],
      Resource: [
        "arn:aws:secretsmanager:eu-west-1:111122223333:secret:api/A_TOKEN-??????",
        "arn:aws:secretsmanager:eu-west-1:111122223333:secret:api/Z_TOKEN-??????",
      ],
    });
    expect(secretResource("arn:aws:secretsmanager:r:a:secret:x")).toBe("arn:aws:secretsmanager:r:a:secret:x-??????");
  });
});
