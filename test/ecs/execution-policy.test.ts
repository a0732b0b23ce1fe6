import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  executionPermissions,
  ExecutionPolicyError,
  groupByExecutionRole,
  placementNotes,
  taskPlacement,
  taskReferences,
  type TaskReferences,
} from "../../src/ecs/execution-policy.js";
import { keysFromFlags } from "../../src/ecs/kms-keys.js";
import { parseTaskDefinition, type TaskDefinition } from "../../src/ecs/task-definition.js";
import { loadIamCatalog, splitActionName } from "../../src/iam/catalog.js";
import { synthesize } from "../../src/synth/synthesize.js";

const ACCOUNT = "111122223333";
const EXECUTION_ROLE = `arn:aws:iam::${ACCOUNT}:role/ecs/api-execution`;
const catalog = await loadIamCatalog(["ecr", "kms", "logs", "s3", "secretsmanager", "ssm"]);

const example = (name: string) => parseTaskDefinition(JSON.parse(readFileSync(`examples/ecs/${name}.json`, "utf8")), `examples/ecs/${name}.json`);

/** A task definition with an ARN in us-east-1 and the containers given. */
function task(containers: object[], extra: Record<string, unknown> = {}): TaskDefinition {
  return parseTaskDefinition(
    {
      taskDefinitionArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/api:3`,
      family: "api",
      revision: 3,
      executionRoleArn: EXECUTION_ROLE,
      containerDefinitions: containers,
      ...extra,
    },
    "api.json",
  );
}

function references(definition: TaskDefinition, flags = {}): TaskReferences {
  return taskReferences(definition, taskPlacement(definition, flags));
}

/** "action resource" for every permission, conditions as " if {json}". */
function grants(tasks: readonly TaskReferences[], keys = keysFromFlags([], [])): string[] {
  return executionPermissions(tasks, keys).map((p) => `${p.action} ${p.resource}${p.conditions === undefined ? "" : ` if ${JSON.stringify(p.conditions)}`}`);
}

describe("the task's region and account", () => {
  it("come from the task definition ARN when it has one, over the flags (which are noted as ignored)", () => {
    const payments = example("payments-service");
    const placement = taskPlacement(payments, { region: "eu-west-1" });
    expect(placement).toEqual({ region: "us-east-1", account: ACCOUNT, regionFrom: "task definition ARN", accountFrom: "task definition ARN" });
    expect(placementNotes(payments, placement, { region: "eu-west-1" })).toEqual([
      { level: "note", text: "examples/ecs/payments-service.json: --region eu-west-1 ignored: its taskDefinitionArn places it in us-east-1, account 111122223333" },
    ]);
  });

  it("without an ARN: the flags, else the execution role's account and awslogs-region, said on stderr", () => {
    const notifications = example("notifications-service");
    const guessed = taskPlacement(notifications, {});
    expect(guessed).toEqual({ region: "us-east-1", account: ACCOUNT, regionFrom: "awslogs-region", accountFrom: "execution role ARN" });
    expect(placementNotes(notifications, guessed, {})[0]?.text).toMatch(
      /^examples\/ecs\/notifications-service\.json: no taskDefinitionArn: account 111122223333 from the execution role ARN, region us-east-1 from awslogs-region/,
    );
    const given = taskPlacement(notifications, { region: "eu-west-1", account: "444455556666" });
    expect(given).toEqual({ region: "eu-west-1", account: "444455556666", regionFrom: "--region", accountFrom: "--account" });
    expect(placementNotes(notifications, given, {})).toEqual([]);
  });
});

describe("executionPermissions", () => {
  it("the payments example: its ECR repository, awslogs group and secret", () => {
    expect(grants([references(example("payments-service"))])).toEqual([
      `ecr:BatchCheckLayerAvailability arn:aws:ecr:us-east-1:${ACCOUNT}:repository/payments-service`,
      `ecr:BatchGetImage arn:aws:ecr:us-east-1:${ACCOUNT}:repository/payments-service`,
      `ecr:GetAuthorizationToken *`,
      `ecr:GetDownloadUrlForLayer arn:aws:ecr:us-east-1:${ACCOUNT}:repository/payments-service`,
      `logs:CreateLogStream arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/ecs/payments-service:*`,
      `logs:PutLogEvents arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/ecs/payments-service:*`,
      `secretsmanager:GetSecretValue arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/payments/db-password-Qw3rTy`,
    ]);
  });

  it("a multi-container task: every container's image, logs and secrets; public images need nothing", () => {
    const reports = references(example("reports-service"));
    expect(grants([reports])).toEqual([
      "ecr:BatchCheckLayerAvailability arn:aws:ecr:eu-west-1:444455556666:repository/shared/reports",
      "ecr:BatchGetImage arn:aws:ecr:eu-west-1:444455556666:repository/shared/reports",
      "ecr:GetAuthorizationToken *",
      "ecr:GetDownloadUrlForLayer arn:aws:ecr:eu-west-1:444455556666:repository/shared/reports",
      // awslogs-create-group "true": the group, named both ways CloudWatch Logs may authorize it.
      `logs:CreateLogGroup arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/ecs/reports-service`,
      `logs:CreateLogGroup arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/ecs/reports-service:*`,
      `logs:CreateLogStream arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/ecs/reports-service:*`,
      `logs:PutLogEvents arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/ecs/reports-service:*`,
      // pdf-renderer's repositoryCredentials; REPORTS_DB, a partial ARN
      `secretsmanager:GetSecretValue arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:ghcr/acme-pull-AbC123`,
      `secretsmanager:GetSecretValue arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/reports/db-??????`,
      // API_TOKEN, a bare name; apikey, the log driver's secretOptions
      `ssm:GetParameters arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/reports/api-token`,
      `ssm:GetParameters arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/reports/log-api-key`,
    ]);
    const notifications = references(example("notifications-service"));
    expect(notifications.images.map((i) => i.image.kind)).toEqual(["ecr", "ecr-public"]);
  });

  it("says why each permission is there: task, container and field", () => {
    const permissions = executionPermissions([references(example("reports-service"))], []);
    const reasons = (action: string, resource: string) => permissions.find((p) => p.action === action && p.resource.endsWith(resource))?.reasons;
    expect(reasons("secretsmanager:GetSecretValue", "ghcr/acme-pull-AbC123")).toEqual(["reports-service:7 pdf-renderer: repositoryCredentials"]);
    expect(reasons("ssm:GetParameters", "log-api-key")).toEqual(["reports-service:7 reports: secretOptions apikey"]);
    expect(reasons("logs:CreateLogGroup", "/ecs/reports-service")).toEqual(["reports-service:7 reports: awslogs-group /ecs/reports-service (awslogs-create-group)"]);
    expect(reasons("ecr:GetAuthorizationToken", "*")).toEqual(["reports-service:7 reports: image 444455556666.dkr.ecr.eu-west-1.amazonaws.com/shared/reports:2026.11"]);
  });

  it("awslogs: the region from awslogs-region, else the task's; CreateLogGroup only with awslogs-create-group true", () => {
    const log = (options: Record<string, string>) => ({ name: "app", image: "nginx", logConfiguration: { logDriver: "awslogs", options } });
    const tasks = [
      references(task([log({ "awslogs-group": "/a" }), log({ "awslogs-group": "/b", "awslogs-region": "eu-west-1", "awslogs-create-group": "false" })])),
      references(task([log({ "awslogs-group": "/c", "awslogs-create-group": "True" })])),
    ];
    const list = grants(tasks);
    expect(list).toContain(`logs:CreateLogStream arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/a:*`);
    expect(list).toContain(`logs:PutLogEvents arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/b:*`);
    expect(list.filter((g) => g.startsWith("logs:CreateLogGroup"))).toEqual([
      `logs:CreateLogGroup arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/c`,
      `logs:CreateLogGroup arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/c:*`,
    ]);
  });

  it("other log drivers write without the execution role; their secretOptions are still fetched with it", () => {
    const firelens = references(
      task([
        {
          name: "app",
          image: "nginx",
          logConfiguration: {
            logDriver: "splunk",
            options: { "splunk-url": "https://splunk.example" },
            secretOptions: [{ name: "splunk-token", valueFrom: "arn:aws:secretsmanager:us-east-1:111122223333:secret:splunk-AbC123" }],
          },
        },
        { name: "router", image: "nginx", logConfiguration: { logDriver: "awsfirelens", options: { Name: "cloudwatch", log_group_name: "/x" } } },
      ]),
    );
    expect(grants([firelens])).toEqual(["secretsmanager:GetSecretValue arn:aws:secretsmanager:us-east-1:111122223333:secret:splunk-AbC123"]);
  });

  it("awslogs without awslogs-group is a warning, not a grant", () => {
    const found = references(task([{ name: "app", image: "nginx", logConfiguration: { logDriver: "awslogs", options: {} } }]));
    expect(grants([found])).toEqual([]);
    expect(found.notes).toEqual([{ level: "warning", text: "api.json: containerDefinitions[0] (app): awslogs without awslogs-group (ECS refuses it); no log permission granted for it" }]);
  });

  it("Docker Hub, ghcr.io and a local registry need no ECR permission; repositoryCredentials needs its secret", () => {
    const found = references(
      task([
        { name: "web", image: "nginx:1.27" },
        { name: "pdf", image: "ghcr.io/acme/pdf:1", repositoryCredentials: { credentialsParameter: "ghcr-pull" } },
        { name: "dev", image: "localhost:5000/x" },
      ]),
    );
    expect(grants([found])).toEqual([`secretsmanager:GetSecretValue arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:ghcr-pull-??????`]);
  });

  it("environmentFiles: GetObject on each file, GetBucketLocation on its bucket, with the container and file as reason", () => {
    const file = (value: string) => ({ value, type: "s3" });
    const permissions = executionPermissions(
      [
        references(
          task([
            { name: "api", image: "nginx", environmentFiles: [file("arn:aws:s3:::config/api/prod.env"), file("arn:aws:s3:::config/shared.env")] },
            { name: "gov", image: "nginx", environmentFiles: [file("arn:aws-us-gov:s3:::gov-config/a.env")] },
          ]),
        ),
      ],
      [],
    );
    expect(permissions.map((p) => `${p.action} ${p.resource}`)).toEqual([
      "s3:GetBucketLocation arn:aws-us-gov:s3:::gov-config",
      "s3:GetBucketLocation arn:aws:s3:::config",
      "s3:GetObject arn:aws-us-gov:s3:::gov-config/a.env",
      "s3:GetObject arn:aws:s3:::config/api/prod.env",
      "s3:GetObject arn:aws:s3:::config/shared.env",
    ]);
    expect(permissions.find((p) => p.action === "s3:GetBucketLocation" && p.resource === "arn:aws:s3:::config")?.reasons).toEqual([
      "api:3 api: environmentFiles arn:aws:s3:::config/api/prod.env",
      "api:3 api: environmentFiles arn:aws:s3:::config/shared.env",
    ]);
  });

  it("task definitions sharing an execution role are one policy; the same grant twice is one, with both reasons", () => {
    const image = "111122223333.dkr.ecr.us-east-1.amazonaws.com/shared:1";
    const a = references(task([{ name: "a", image }]));
    const b = references(task([{ name: "b", image }], { family: "worker", taskDefinitionArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/worker:1`, revision: 1 }));
    const other = references(task([{ name: "c", image }], { executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/other-execution` }));
    const { roles, skipped } = groupByExecutionRole([a, other, b]);
    expect(skipped).toEqual([]);
    expect(roles.map((r) => [r.role.name, r.tasks.map((t) => t.task.family)])).toEqual([
      ["api-execution", ["api", "worker"]],
      ["other-execution", ["api"]],
    ]);
    const token = executionPermissions(roles[0]!.tasks, []).find((p) => p.action === "ecr:GetAuthorizationToken");
    expect(token?.reasons).toEqual([`api:3 a: image ${image}`, `worker:1 b: image ${image}`]);
  });

  it("kms:Decrypt on each key given, through the service of each secret in its region", () => {
    const found = references(
      task([
        {
          name: "app",
          image: "nginx",
          secrets: [
            { name: "A", valueFrom: "arn:aws:secretsmanager:us-east-1:111122223333:secret:a-AbC123" },
            { name: "B", valueFrom: "/app/b" },
            { name: "C", valueFrom: "arn:aws:ssm:eu-west-1:111122223333:parameter/c" },
          ],
        },
      ]),
    );
    const keys = keysFromFlags(
      ["arn:aws:kms:us-east-1:111122223333:key/1111aaaa-0000-0000-0000-000000000000", "arn:aws:kms:eu-west-1:111122223333:key/2222bbbb-0000-0000-0000-000000000000"],
      found.secrets.map((s) => s.reference),
    );
    const document = synthesize(executionPermissions([found], keys), catalog);
    expect(document.Statement.filter((s) => s.Action.includes("kms:Decrypt"))).toEqual([
      {
        Sid: "KmsWriteViaSecretsmanagerSsm",
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: ["arn:aws:kms:us-east-1:111122223333:key/1111aaaa-0000-0000-0000-000000000000"],
        Condition: { StringEquals: { "kms:ViaService": ["secretsmanager.us-east-1.amazonaws.com", "ssm.us-east-1.amazonaws.com"] } },
      },
      {
        Sid: "KmsWriteViaSsm",
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: ["arn:aws:kms:eu-west-1:111122223333:key/2222bbbb-0000-0000-0000-000000000000"],
        Condition: { StringEquals: { "kms:ViaService": ["ssm.eu-west-1.amazonaws.com"] } },
      },
    ]);
  });

  it("every action it grants exists in iam-data, and * is only where IAM has no resource-level permission", () => {
    const tasks = ["payments-service", "notifications-service", "reports-service"].map((name) => references(example(name)));
    tasks.push(references(task([{ name: "app", image: "nginx", environmentFiles: [{ value: "arn:aws:s3:::config/app.env", type: "s3" }] }])));
    const keys = keysFromFlags(["arn:aws:kms:us-east-1:111122223333:key/1111aaaa-0000-0000-0000-000000000000"], tasks.flatMap((t) => t.secrets.map((s) => s.reference)));
    for (const permission of executionPermissions(tasks, keys)) {
      const action = catalog.action(...splitActionName(permission.action));
      expect(action, permission.action).toBeDefined();
      expect(action!.name, permission.action).toBe(splitActionName(permission.action)[1]);
      if (permission.resource === "*") expect(action!.isWildcardOnly, permission.action).toBe(true);
    }
  });

  it("is the same whatever order the task definitions and containers come in", () => {
    const tasks = ["payments-service", "notifications-service", "reports-service"].map((name) => references(example(name)));
    const once = synthesize(executionPermissions(tasks, []), catalog);
    const reversed = synthesize(executionPermissions([...tasks].reverse(), []), catalog);
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(once));
  });
});

describe("what cannot be derived", () => {
  it("a task definition without executionRoleArn is skipped with a note", () => {
    const found = references(task([{ name: "app", image: "nginx" }], { executionRoleArn: undefined }));
    expect(found.role).toBeNull();
    expect(found.notes[0]?.text).toMatch(/^api\.json: no executionRoleArn: skipped/);
    expect(groupByExecutionRole([found])).toEqual({ roles: [], skipped: [found] });
  });

  it("a role name is taken as a role of the task's account, and said", () => {
    const found = references(task([{ name: "app", image: "nginx" }], { executionRoleArn: "ecsTaskExecutionRole" }));
    expect(found.role?.arn).toBe(`arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`);
    expect(found.notes[0]?.text).toMatch(/is a role name: taken as arn:aws:iam::111122223333:role\/ecsTaskExecutionRole$/);
  });

  it("a reference it cannot read is an error naming the file, container and field", () => {
    expect(() => references(task([{ name: "app", image: "nginx", secrets: [{ name: "X", valueFrom: "arn:aws:s3:::b/k" }] }]))).toThrow(
      new ExecutionPolicyError("api.json: containerDefinitions[0] (app).secrets[0].valueFrom: arn:aws:s3:::b/k: not a Secrets Manager secret or Systems Manager parameter ARN"),
    );
    expect(() => references(task([{ name: "app", image: "bad image" }]))).toThrow(/^api\.json: containerDefinitions\[0\] \(app\)\.image: /);
    for (const value of ["s3://config/app.env", "arn:aws:s3:::config", "arn:aws:s3:us-east-1:111122223333:config/app.env", "arn:aws:ssm:us-east-1:111122223333:parameter/a"]) {
      expect(() => references(task([{ name: "app", image: "nginx", environmentFiles: [{ value, type: "s3" }] }]))).toThrow(
        new ExecutionPolicyError(`api.json: containerDefinitions[0] (app).environmentFiles[0].value: ${value}: not an S3 object ARN (arn:aws:s3:::BUCKET/KEY)`),
      );
    }
  });

  it("a parameter name or an awslogs group without region needs the task's region", () => {
    const noArn = { taskDefinitionArn: undefined };
    expect(() => references(task([{ name: "app", image: "nginx", secrets: [{ name: "X", valueFrom: "db-url" }] }], noArn))).toThrow(/secrets\[0\]\.valueFrom: db-url .* pass --region$/);
    expect(() => references(task([{ name: "app", image: "nginx", logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/a" } } }], noArn))).toThrow(/pass --region$/);
    expect(grants([references(task([{ name: "app", image: "nginx", secrets: [{ name: "X", valueFrom: "db-url" }] }], noArn), { region: "eu-west-1" })])).toEqual([
      `ssm:GetParameters arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/db-url`,
    ]);
  });
});
