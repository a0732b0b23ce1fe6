import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { CreateClusterCommand, CreateServiceCommand, RegisterTaskDefinitionCommand } from "@aws-sdk/client-ecs";
import { CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { PutParameterCommand } from "@aws-sdk/client-ssm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { secretsClients } from "../../src/aws/secrets/secrets-clients.js";
import type { PolicyDocument } from "../../src/policy/policy-document.js";
import { meaningOfJson, meaningOfTerraform } from "../emit/terraform/terraform-semantics.js";
import { run, runWithEnv, type InProcessResult } from "../support/run-cli.js";
import { MOTO_ACCOUNT, MOTO_CREDENTIALS, MOTO_REGION, startMoto, type Moto } from "../support/moto.js";
import { deliveryKey, recordsGzip, roleEvent, tempDir, writeFile } from "../support/trail.js";

const LOGS = "examples/cloudtrail";
const PAYMENTS = "examples/ecs/payments-service.json";
const NOTIFICATIONS = "examples/ecs/notifications-service.json";
const REPORTS = "examples/ecs/reports-service.json";
const KEY = "arn:aws:kms:us-east-1:111122223333:key/c81a4f0e-95d2-4b7a-b3e6-0d4f2a9c7e51";

const policy = (text: string) => JSON.parse(text) as PolicyDocument;
const grants = (document: PolicyDocument) =>
  document.Statement.flatMap((s) => s.Action.flatMap((action) => s.Resource.map((resource) => `${action} ${resource}${s.Condition === undefined ? "" : ` if ${JSON.stringify(s.Condition)}`}`)));

function taskFile(dir: string, name: string, definition: object): string {
  return writeFile(dir, `${name}.json`, JSON.stringify(definition));
}

describe("tighten ecs execution-policy on the example fleet, with its logs", () => {
  const out = tempDir();
  let result: InProcessResult;
  beforeAll(async () => {
    result = await run("ecs", "execution-policy", "--task-definition", PAYMENTS, "--task-definition", NOTIFICATIONS, "--logs", LOGS, "--out", out);
  });

  it("writes one policy per execution role, named so that --role finds the role again", async () => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe("");
    expect(readdirSync(out).sort()).toEqual(["notifications-service-execution.json", "payments-service-execution.json"]);
  });

  it("the payments policy: its repository, log group and exact secret, and the KMS key the logs show it decrypting with", async () => {
    expect(policy(readFileSync(path.join(out, "payments-service-execution.json"), "utf8"))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "EcrRead",
          Effect: "Allow",
          Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
          Resource: ["arn:aws:ecr:us-east-1:111122223333:repository/payments-service"],
        },
        { Sid: "EcrReadAnyResource", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] },
        {
          Sid: "KmsWriteViaSecretsmanager",
          Effect: "Allow",
          Action: ["kms:Decrypt"],
          Resource: [KEY],
          Condition: { StringEquals: { "kms:ViaService": ["secretsmanager.us-east-1.amazonaws.com"] } },
        },
        {
          Sid: "LogsWrite",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: ["arn:aws:logs:us-east-1:111122223333:log-group:/ecs/payments-service:*"],
        },
        {
          Sid: "SecretsmanagerRead",
          Effect: "Allow",
          Action: ["secretsmanager:GetSecretValue"],
          Resource: ["arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/payments/db-password-Qw3rTy"],
        },
      ],
    });
  });

  it("the notifications policy: both services' Decrypt, the parameters by ARN, nothing for the public fluent-bit image", async () => {
    const document = policy(readFileSync(path.join(out, "notifications-service-execution.json"), "utf8"));
    expect(grants(document)).toEqual([
      "ecr:BatchCheckLayerAvailability arn:aws:ecr:us-east-1:111122223333:repository/notifications-service",
      "ecr:BatchGetImage arn:aws:ecr:us-east-1:111122223333:repository/notifications-service",
      "ecr:GetDownloadUrlForLayer arn:aws:ecr:us-east-1:111122223333:repository/notifications-service",
      "ecr:GetAuthorizationToken *",
      `kms:Decrypt ${KEY} if {"StringEquals":{"kms:ViaService":["secretsmanager.us-east-1.amazonaws.com","ssm.us-east-1.amazonaws.com"]}}`,
      "logs:CreateLogStream arn:aws:logs:us-east-1:111122223333:log-group:/ecs/notifications-service:*",
      "logs:PutLogEvents arn:aws:logs:us-east-1:111122223333:log-group:/ecs/notifications-service:*",
      "secretsmanager:GetSecretValue arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/notifications/smtp-password-Zx9Kp2",
      "ssm:GetParameters arn:aws:ssm:us-east-1:111122223333:parameter/notifications/prod/smtp-host",
      "ssm:GetParameters arn:aws:ssm:us-east-1:111122223333:parameter/notifications/prod/smtp-user",
    ]);
  });

  it("passes tighten verify against each execution role's own calls (the replay naming secrets exactly, as the policy does)", async () => {
    for (const role of ["payments-service-execution", "notifications-service-execution"]) {
      const verify = await run("verify", "--logs", LOGS, "--role", role, "--policy", path.join(out, `${role}.json`), "--secret-names", "exact", "--quiet");
      expect(verify.code, `${role}: ${verify.stdout}`).toBe(0);
      expect(verify.stdout).toMatch(/: \d+ calls replayed: \d+ allowed, 0 denied, 0 conditionally allowed, 0 not replayable \(/);
    }
  });

  it("compares with the logs on stderr: grants never used, grants no log can show, and the guessed placement", async () => {
    expect(result.stderr).toContain(
      "note: examples/ecs/notifications-service.json: no taskDefinitionArn: account 111122223333 from the execution role ARN, region us-east-1 from awslogs-region",
    );
    expect(result.stderr).toContain(
      "note: notifications-service-execution: granted, never used in these logs: ecr:BatchCheckLayerAvailability on arn:aws:ecr:us-east-1:111122223333:repository/notifications-service (notifications-service notifications: image 111122223333.dkr.ecr.us-east-1.amazonaws.com/notifications-service:v3.7.2)",
    );
    expect(result.stderr).toContain(
      "note: payments-service-execution: granted, not visible in logs: logs:PutLogEvents on arn:aws:logs:us-east-1:111122223333:log-group:/ecs/payments-service:*: CloudWatch Logs does not record PutLogEvents in CloudTrail",
    );
    expect(result.stderr).toMatch(/^payments-service-execution: 8 actions in 5 statements from payments-service:42; against its 36 logged calls: 0 grant\(s\) unused, 1 not visible in logs, 0 used but not granted$/m);
    expect(result.stderr).not.toMatch(/^warning:/m);
  });

  it("is byte-identical from one run to the next, whatever the order of the files", async () => {
    const again = tempDir();
    const rerun = await run("ecs", "execution-policy", "--task-definition", NOTIFICATIONS, "--task-definition", PAYMENTS, "--logs", LOGS, "--out", again, "--quiet");
    expect(rerun.code, rerun.stderr).toBe(0);
    for (const file of readdirSync(out)) expect(readFileSync(path.join(again, file), "utf8"), file).toBe(readFileSync(path.join(out, file), "utf8"));
  });
});

describe("tighten ecs execution-policy without logs", () => {
  it("needs no scan: one role prints its document on stdout, and says that the secret's key is not known", async () => {
    const result = await run("ecs", "execution-policy", "--task-definition", PAYMENTS);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain("events from");
    expect(result.stderr).toContain(
      "note: payments-service-execution: no KMS key known for arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/payments/db-password-Qw3rTy: none is needed with the AWS managed key; for a customer managed key pass --kms-key ARN, --read-metadata or --logs",
    );
    const document = policy(result.stdout);
    expect(grants(document).some((grant) => grant.startsWith("kms:"))).toBe(false);
    expect(grants(document)).toContain("secretsmanager:GetSecretValue arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/payments/db-password-Qw3rTy");
  });

  it("--kms-key grants Decrypt through the services of the role's secrets in the key's region", async () => {
    const result = await run("ecs", "execution-policy", "--task-definition", NOTIFICATIONS, "--kms-key", KEY, "--kms-key", "arn:aws:kms:eu-west-1:111122223333:key/other", "--quiet");
    expect(result.code, result.stderr).toBe(0);
    expect(grants(policy(result.stdout)).filter((grant) => grant.startsWith("kms:"))).toEqual([
      `kms:Decrypt ${KEY} if {"StringEquals":{"kms:ViaService":["secretsmanager.us-east-1.amazonaws.com","ssm.us-east-1.amazonaws.com"]}}`,
    ]);
    expect(result.stderr).toContain("note: --kms-key arn:aws:kms:eu-west-1:111122223333:key/other: no secret or parameter of these task definitions is in eu-west-1; not granted");
  });

  it("several roles without --out: one JSON object keyed by role ARN; with --why, each permission's reasons", async () => {
    const result = await run("ecs", "execution-policy", "--task-definition", PAYMENTS, "--task-definition", REPORTS, "--why", "--quiet");
    expect(result.code, result.stderr).toBe(0);
    const byRole = JSON.parse(result.stdout) as Record<string, { policies: PolicyDocument[] }>;
    expect(Object.keys(byRole)).toEqual(["arn:aws:iam::111122223333:role/ecs/payments-service-execution", "arn:aws:iam::111122223333:role/ecs/reports-service"]);
    expect(grants(byRole["arn:aws:iam::111122223333:role/ecs/reports-service"]!.policies[0]!)).toContain(
      "secretsmanager:GetSecretValue arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/reports/db-??????",
    );
    expect(result.stderr).toContain("why: reports-service: secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:111122223333:secret:ghcr/acme-pull-AbC123: reports-service:7 pdf-renderer: repositoryCredentials");
  });

  it("--format terraform writes a .tf per role that hcl2json reads back as the JSON policy", async () => {
    const out = tempDir();
    const json = await run("ecs", "execution-policy", "--task-definition", REPORTS, "--quiet");
    const result = await run("ecs", "execution-policy", "--task-definition", REPORTS, "--format", "terraform", "--out", out, "--quiet");
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(out)).toEqual(["reports-service.tf"]);
    const tf = readFileSync(path.join(out, "reports-service.tf"), "utf8");
    expect(tf.split("\n")[1]).toBe("# in account 111122223333, generated by tighten from the task definitions reports-service:7 (examples/ecs/reports-service.json).");
    expect(tf).toContain('resource "aws_iam_role_policy" "reports_service"');
    expect(await meaningOfTerraform(tf, "reports_service")).toEqual(meaningOfJson(JSON.parse(json.stdout)));
  });
});

describe("tighten ecs execution-policy compared with logs that disagree", () => {
  const dir = tempDir();
  const role = "ecs/api-execution";
  const secret = (secretId: string) => ({ requestParameters: { secretId } });
  writeFile(
    dir,
    `logs/${deliveryKey("111122223333", "us-east-1", "2026-11-02")}`,
    recordsGzip([
      roleEvent(role, "ecr.amazonaws.com", "GetAuthorizationToken"),
      // A partial ARN, as the task definition names it: IAM sees the full ARN, which NAME-?????? grants.
      roleEvent(role, "secretsmanager.amazonaws.com", "GetSecretValue", secret("arn:aws:secretsmanager:us-east-1:111122223333:secret:api/db")),
      // A secret the task definition does not name (an older revision's, say).
      roleEvent(role, "secretsmanager.amazonaws.com", "GetSecretValue", secret("arn:aws:secretsmanager:us-east-1:111122223333:secret:api/old-XyZ789")),
    ]),
  );
  const task = taskFile(dir, "api", {
    taskDefinitionArn: "arn:aws:ecs:us-east-1:111122223333:task-definition/api:5",
    family: "api",
    revision: 5,
    executionRoleArn: "arn:aws:iam::111122223333:role/ecs/api-execution",
    containerDefinitions: [
      {
        name: "api",
        image: "111122223333.dkr.ecr.us-east-1.amazonaws.com/api:5",
        secrets: [{ name: "DB", valueFrom: "arn:aws:secretsmanager:us-east-1:111122223333:secret:api/db:password::" }],
      },
    ],
  });

  it("warns of each call the task definitions do not account for, and of grants never used", async () => {
    const result = await run("ecs", "execution-policy", "--task-definition", task, "--logs", path.join(dir, "logs"));
    expect(result.code, result.stderr).toBe(0);
    const warnings = result.stderr.split("\n").filter((line) => line.startsWith("warning:"));
    expect(warnings).toEqual([
      expect.stringMatching(
        /^warning: api-execution: used secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:111122223333:secret:api\/old-XyZ789 \(1x, 2026-11-02T10:00:00Z \.\. 2026-11-02T10:00:00Z\), which its task definitions do not account for: not granted$/,
      ),
    ]);
    expect(result.stderr).toContain("note: api-execution: granted, never used in these logs: ecr:BatchGetImage on arn:aws:ecr:us-east-1:111122223333:repository/api");
    expect(result.stderr).not.toContain("granted, never used in these logs: secretsmanager:GetSecretValue");
    expect(result.stderr).toMatch(/^api-execution: .* against its 3 logged calls: 3 grant\(s\) unused, 0 not visible in logs, 1 used but not granted$/m);
  });
});

describe("tighten ecs execution-policy: input errors, one line naming the file or flag, exit 2", () => {
  const dir = tempDir();
  const bad = writeFile(dir, "bad.json", "{ not json");
  const noRole = taskFile(dir, "no-role", { family: "batch", containerDefinitions: [{ name: "job", image: "nginx:1.27" }] });
  const badSecret = taskFile(dir, "bad-secret", {
    family: "x",
    executionRoleArn: "arn:aws:iam::111122223333:role/x",
    containerDefinitions: [{ name: "app", image: "nginx", secrets: [{ name: "S", valueFrom: "arn:aws:s3:::bucket/env" }] }],
  });

  const expectUsageError = async (args: string[], message: RegExp) => {
    const result = await run("ecs", "execution-policy", ...args);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines.at(-1)).toMatch(message);
    return result;
  };

  it("a file that is not JSON, or not there", async () => {
    await expectUsageError(["--task-definition", bad], new RegExp(`^tighten: --task-definition ${bad}: not JSON`));
    await expectUsageError(["--task-definition", path.join(dir, "missing.json")], /^tighten: --task-definition .*missing\.json: cannot read it \(ENOENT\)$/);
  });

  it("a reference it cannot read names the file, container and field, before any log is read", async () => {
    const result = await expectUsageError(
      ["--task-definition", badSecret, "--logs", LOGS],
      new RegExp(`^tighten: --task-definition ${badSecret}: containerDefinitions\\[0\\] \\(app\\)\\.secrets\\[0\\]\\.valueFrom: arn:aws:s3:::bucket/env: not a Secrets Manager secret or Systems Manager parameter ARN$`),
    );
    expect(result.stderr).not.toContain("events from");
  });

  it("no executionRoleArn: noted and skipped; with nothing left, there is no policy to write", async () => {
    const alone = await expectUsageError(["--task-definition", noRole], /^tighten: --task-definition .*no-role\.json: no task definition given has an executionRoleArn; there is no policy to write$/);
    expect(alone.stderr).toContain(`note: ${noRole}: no executionRoleArn: skipped`);
    const mixed = await run("ecs", "execution-policy", "--task-definition", noRole, "--task-definition", PAYMENTS, "--quiet");
    expect(mixed.code, mixed.stderr).toBe(0);
    expect(mixed.stderr).toContain(`note: ${noRole}: no executionRoleArn: skipped`);
    expect(policy(mixed.stdout).Statement.length).toBeGreaterThan(0);
  });

  it("bad flags: an alias as --kms-key, a window without logs, a malformed --account", async () => {
    await expectUsageError(["--task-definition", PAYMENTS, "--kms-key", "arn:aws:kms:us-east-1:111122223333:alias/app"], /^tighten: --kms-key arn:aws:kms:us-east-1:111122223333:alias\/app is an alias/);
    await expectUsageError(["--task-definition", PAYMENTS, "--since", "30d"], /^tighten: --since is the window of the logs to compare with: add --logs DIR or --engine athena$/);
    await expectUsageError(["--task-definition", PAYMENTS, "--account", "1234"], /^tighten: --account '1234' is not an AWS account id/);
  });

  it("no --task-definition nor --cluster; both at once", async () => {
    const none = await expectUsageError([], /^tighten: ecs execution-policy: name the task definitions with --task-definition FILE or --cluster C \(repeatable\)$/);
    expect(none.stderr.trimEnd().split("\n")).toHaveLength(1);
    await expectUsageError(["--task-definition", PAYMENTS, "--cluster", "prod"], /^tighten: Arguments task-definition and cluster are mutually exclusive/);
  });
});

describe("tighten ecs execution-policy --read-metadata (moto on loopback)", () => {
  let moto: Moto;
  const dir = tempDir();
  const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
  let task: string;

  beforeAll(async () => {
    moto = await startMoto();
    const clients = secretsClients({ config: { endpoint: moto.endpoint, credentials: MOTO_CREDENTIALS } });
    try {
      const secret = await clients.secretsManager(MOTO_REGION).send(new CreateSecretCommand({ Name: "api/db", SecretString: "{}", KmsKeyId: KEY_ID }));
      await clients.secretsManager(MOTO_REGION).send(new CreateSecretCommand({ Name: "api/plain", SecretString: "{}" }));
      await clients.ssm(MOTO_REGION).send(new PutParameterCommand({ Name: "/api/token", Value: "v", Type: "SecureString", KeyId: `arn:aws:kms:${MOTO_REGION}:${MOTO_ACCOUNT}:key/${KEY_ID}` }));
      await clients.ssm(MOTO_REGION).send(new PutParameterCommand({ Name: "/api/default", Value: "v", Type: "SecureString" }));
      task = taskFile(dir, "api", {
        taskDefinitionArn: `arn:aws:ecs:${MOTO_REGION}:${MOTO_ACCOUNT}:task-definition/api:1`,
        family: "api",
        revision: 1,
        executionRoleArn: `arn:aws:iam::${MOTO_ACCOUNT}:role/api-execution`,
        containerDefinitions: [
          {
            name: "api",
            image: "nginx:1.27",
            secrets: [
              { name: "DB", valueFrom: `${secret.ARN!}:password::` },
              { name: "PLAIN", valueFrom: `arn:aws:secretsmanager:${MOTO_REGION}:${MOTO_ACCOUNT}:secret:api/plain` },
              { name: "TOKEN", valueFrom: "/api/token" },
              { name: "DEFAULT", valueFrom: "api/default" },
            ],
          },
        ],
      });
    } finally {
      clients.destroy();
    }
  }, 60_000);
  afterAll(() => moto?.stop());

  it("grants Decrypt on the customer managed keys the secrets and parameters name, and notes the AWS managed ones", async () => {
    const env = moto.cliEnv("SECRETS_MANAGER", "SSM");
    const result = await runWithEnv(env, "ecs", "execution-policy", "--task-definition", task, "--read-metadata", "--quiet");
    expect(result.code, result.stderr).toBe(0);
    const key = `arn:aws:kms:${MOTO_REGION}:${MOTO_ACCOUNT}:key/${KEY_ID}`;
    expect(grants(policy(result.stdout)).filter((grant) => grant.startsWith("kms:"))).toEqual([
      `kms:Decrypt ${key} if {"StringEquals":{"kms:ViaService":["secretsmanager.us-east-1.amazonaws.com","ssm.us-east-1.amazonaws.com"]}}`,
    ]);
    expect(result.stderr).toContain(
      `note: secret arn:aws:secretsmanager:us-east-1:${MOTO_ACCOUNT}:secret:api/plain: encrypted with the AWS managed key alias/aws/secretsmanager: no kms:Decrypt needed`,
    );
    expect(result.stderr).toContain(`note: parameter arn:aws:ssm:us-east-1:${MOTO_ACCOUNT}:parameter/api/default: encrypted with the AWS managed key alias/aws/ssm: no kms:Decrypt needed`);
    expect(result.stderr).not.toContain("no KMS key known");
  });
});

describe("tighten ecs execution-policy --cluster (moto on loopback)", () => {
  let moto: Moto;
  const role = `arn:aws:iam::${MOTO_ACCOUNT}:role/ecs/billing-execution`;
  const secret = `arn:aws:secretsmanager:${MOTO_REGION}:${MOTO_ACCOUNT}:secret:billing/db-AbC123`;
  const env = () => moto.cliEnv("ECS");

  beforeAll(async () => {
    moto = await startMoto();
    const ecs = moto.ecsClient();
    try {
      await ecs.send(
        new RegisterTaskDefinitionCommand({
          family: "billing",
          executionRoleArn: role,
          containerDefinitions: [
            {
              name: "billing",
              image: `${MOTO_ACCOUNT}.dkr.ecr.${MOTO_REGION}.amazonaws.com/billing:7`,
              memory: 128,
              secrets: [{ name: "DB", valueFrom: secret }],
              logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/billing", "awslogs-region": MOTO_REGION, "awslogs-stream-prefix": "billing" } },
            },
          ],
        }),
      );
      await ecs.send(new RegisterTaskDefinitionCommand({ family: "other", executionRoleArn: role, containerDefinitions: [{ name: "o", image: "nginx:1.27", memory: 128 }] }));
      for (const cluster of ["prod", "staging"]) await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
      await ecs.send(new CreateServiceCommand({ cluster: "prod", serviceName: "billing", taskDefinition: "billing:1", desiredCount: 0 }));
      await ecs.send(new CreateServiceCommand({ cluster: "staging", serviceName: "other", taskDefinition: "other:1", desiredCount: 0 }));
    } finally {
      ecs.destroy();
    }
  }, 60_000);
  afterAll(() => moto?.stop());

  it("derives the policy from the task definitions the cluster's services run: repository, log group and secret", async () => {
    const result = await runWithEnv(env(), "ecs", "execution-policy", "--cluster", "prod", "--why");
    expect(result.code, result.stderr).toBe(0);
    expect(grants(policy(result.stdout))).toEqual([
      `ecr:BatchCheckLayerAvailability arn:aws:ecr:${MOTO_REGION}:${MOTO_ACCOUNT}:repository/billing`,
      `ecr:BatchGetImage arn:aws:ecr:${MOTO_REGION}:${MOTO_ACCOUNT}:repository/billing`,
      `ecr:GetDownloadUrlForLayer arn:aws:ecr:${MOTO_REGION}:${MOTO_ACCOUNT}:repository/billing`,
      "ecr:GetAuthorizationToken *",
      `logs:CreateLogStream arn:aws:logs:${MOTO_REGION}:${MOTO_ACCOUNT}:log-group:/ecs/billing:*`,
      `logs:PutLogEvents arn:aws:logs:${MOTO_REGION}:${MOTO_ACCOUNT}:log-group:/ecs/billing:*`,
      `secretsmanager:GetSecretValue ${secret}`,
    ]);
    // staging's task definition shares the role but runs elsewhere: not read.
    expect(result.stderr).toMatch(/^billing-execution: \d+ actions in \d+ statements from billing:1$/m);
  });

  it("an unknown cluster exits 2 with one line naming it", async () => {
    const result = await runWithEnv(env(), "ecs", "execution-policy", "--cluster", "nowhere");
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^tighten: ecs execution-policy: no ECS cluster nowhere in us-east-1/);
  });
});
