import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { scanLocalLogs } from "../../src/engines/local/local-engine.js";
import { loadIamCatalog } from "../../src/iam/catalog.js";
import { explainRow } from "../../src/mapping/explain-row.js";
import { mapUsage, servicePrefixesFor } from "../../src/mapping/map-usage.js";
import {
  PASS_ROLE,
  ROLE_PASSING_CALLS,
  instanceProfileRoles,
  passedRolesOf,
  roleArnOf,
  rolePassingCall,
  rolePassingEventSources,
  rolePassingNested,
  rolePassingParameters,
} from "../../src/mapping/passed-roles.js";
import { NOT_ROLE_PASSING } from "../../src/mapping/role-passing-calls.js";
import { PARAMETER_SELECTION } from "../../src/mapping/request-parameters.js";
import { servicePrefixOf } from "../../src/mapping/service-prefix.js";
import { PASS_ROLE_PARAMETER_CASES } from "./record-cases.js";
import { testCatalog, usageRow } from "./fixtures.js";
import { PEERS_PRESENT, iamDatasetMap, sdkNamespace } from "./references/peers.js";
import { ACCOUNT, recordsGzip, roleEvent, tempDir, writeFile } from "../support/trail.js";

const catalog = await loadIamCatalog(servicePrefixesFor(PASS_ROLE_PARAMETER_CASES.map((c) => c.row)));

describe("iam:PassRole", () => {
  it.each(PASS_ROLE_PARAMETER_CASES.filter((c) => Object.values(c.row.parameters).some((v) => String(v).includes(":role/"))).map((c) => [
    `${c.row.eventSource} ${c.row.eventName} ${Object.keys(c.row.parameters).join(" ")}`,
    c,
  ] as const))("%s grants iam:PassRole on the named role, conditioned on the service it goes to", (_, c) => {
    const passRole = mapUsage([c.row], catalog).permissions.filter((p) => p.action === "iam:PassRole");
    const key = `${servicePrefixOf(c.row.eventSource)}:${c.row.eventName}`;
    const passedTo = ROLE_PASSING_CALLS[key]?.roles.find((role) => role.parameter in c.row.parameters)?.passedTo;
    expect(passRole.map((p) => [p.resource, p.conditions])).toEqual([
      [
        `arn:aws:iam::111122223333:role/passed-by-${c.row.eventName}`,
        passedTo === null || passedTo === undefined ? undefined : { StringEquals: { "iam:PassedToService": [passedTo] } },
      ],
    ]);
  });

  it("conditions ECS task roles on ecs-tasks.amazonaws.com and shows where the role came from", async () => {
    const row = usageRow({
      eventSource: "ecs.amazonaws.com",
      eventName: "RegisterTaskDefinition",
      parameters: { family: "api", taskRoleArn: "arn:aws:iam::111122223333:role/ecs/api-task" },
    });
    const passRole = explainRow(row, await testCatalog()).actions.find((a) => a.action === "iam:PassRole");
    expect(passRole).toMatchObject({
      resources: ["arn:aws:iam::111122223333:role/ecs/api-task"],
      resourcesVia: "requestParameters.taskRoleArn",
      conditions: { StringEquals: { "iam:PassedToService": ["ecs-tasks.amazonaws.com"] } },
    });
    expect(passRole?.actionVia).toMatch(/^passes requestParameters\.taskRoleArn to ecs-tasks\.amazonaws\.com: ECS Developer Guide/);
  });

  it("reports the role of an EC2 instance profile as not in the event: a profile is not a role", async () => {
    const row = usageRow({ eventSource: "ec2.amazonaws.com", eventName: "RunInstances", parameters: { "iamInstanceProfile.name": "web" } });
    const unmapped = mapUsage([row], await testCatalog()).unmapped.filter((u) => u.action === "iam:PassRole");
    expect(unmapped.map((u) => u.reason)).toEqual([expect.stringMatching(/^RunInstances also passes the role of the instance profile/)]);
    const plain = usageRow({ eventSource: "ec2.amazonaws.com", eventName: "RunInstances", parameters: { imageId: "ami-1" } });
    expect(mapUsage([plain], await testCatalog()).unmapped.filter((u) => u.action === "iam:PassRole")).toEqual([]);
  });

  it("lists a denied call's PassRole among what it would have needed, and grants nothing", async () => {
    const row = usageRow({
      eventSource: "lambda.amazonaws.com",
      eventName: "CreateFunction20150331",
      errorCode: "AccessDeniedException",
      parameters: { functionName: "f", role: "arn:aws:iam::111122223333:role/f" },
    });
    const result = mapUsage([row], await testCatalog());
    expect(result.permissions).toEqual([]);
    expect(result.denied[0]?.actions).toEqual(["iam:PassRole", "lambda:CreateFunction"]);
  });

  it("reads role names as roles of the caller's account, and refuses what is not a role", () => {
    const row = { account: "111122223333" };
    expect(roleArnOf("service-role/x", row, "aws")).toBe("arn:aws:iam::111122223333:role/service-role/x");
    expect(roleArnOf("arn:aws-cn:iam::444455556666:role/y", row, "aws-cn")).toBe("arn:aws-cn:iam::444455556666:role/y");
    expect(roleArnOf("arn:aws:iam::111122223333:instance-profile/web", row, "aws")).toBeUndefined();
    expect(roleArnOf("not a name", row, "aws")).toBeUndefined();
  });

  it("selects every role parameter in the engine for the service's event sources, nested names included", () => {
    expect(PARAMETER_SELECTION.parameters["ecs.amazonaws.com"]).toEqual(expect.arrayContaining(["overrides.taskRoleArn", "taskRoleArn", "role"]));
    for (const source of ["email.amazonaws.com", "ses.amazonaws.com"]) {
      expect(PARAMETER_SELECTION.parameters[source]).toEqual(expect.arrayContaining([...rolePassingParameters("ses")]));
    }
  });
});

describe("kms:ViaService", () => {
  const decrypt = (invokedBy: string | null) =>
    usageRow({
      eventSource: "kms.amazonaws.com",
      eventName: "Decrypt",
      invokedBy,
      resources: [{ arn: "arn:aws:kms:eu-west-1:111122223333:key/k1", type: "AWS::KMS::Key", accountId: "111122223333" }],
    });

  it("conditions KMS calls a service made on the role's behalf on that service's regional endpoint", async () => {
    const result = mapUsage([decrypt("s3.amazonaws.com"), decrypt("secretsmanager.amazonaws.com"), decrypt(null)], await testCatalog());
    expect(result.permissions.map((p) => p.conditions)).toEqual([
      undefined,
      { StringEquals: { "kms:ViaService": ["s3.eu-west-1.amazonaws.com"] } },
      { StringEquals: { "kms:ViaService": ["secretsmanager.eu-west-1.amazonaws.com"] } },
    ]);
  });

  it("sets no condition for a service KMS does not list, nor for other services' actions", async () => {
    expect(mapUsage([decrypt("AWS Internal")], await testCatalog()).permissions[0]?.conditions).toBeUndefined();
    const getObject = usageRow({ eventSource: "s3.amazonaws.com", eventName: "ListObjects", invokedBy: "athena.amazonaws.com", parameters: { bucketName: "b" } });
    expect(mapUsage([getObject], await testCatalog()).permissions[0]?.conditions).toBeUndefined();
  });

  it("uses the China partition's endpoint suffix", async () => {
    const row = { ...decrypt("sqs.amazonaws.com"), region: "cn-north-1" };
    expect(mapUsage([row], await testCatalog()).permissions[0]?.conditions).toEqual({
      StringEquals: { "kms:ViaService": ["sqs.cn-north-1.amazonaws.com.cn"] },
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The table as wide as the APIs (role-passing-calls.ts, generated from iam-dataset's map and
// botocore's request shapes), and real-shaped records through the local engine.

/** A role member's last name: what the API calls a role, a list of roles or a role override. */
const ROLE_MEMBER = /(role|roles|rolearn|rolearns|rolename|roleoverride|rolearnforlogging)$/i;
/** Parameters that name a role under another name, each with the API that says so. */
const OTHER_ROLE_MEMBERS: Readonly<Record<string, string>> = {
  "ec2:CreateFlowLogs CreateFlowLogsRequest.DeliverLogsPermissionArn": "EC2 API Reference, CreateFlowLogs DeliverLogsPermissionArn: the role that publishes flow logs",
  "cognito-identity:SetIdentityPoolRoles Roles.authenticated": "Cognito API Reference, SetIdentityPoolRoles Roles: authenticated -> role ARN",
  "cognito-identity:SetIdentityPoolRoles Roles.unauthenticated": "Cognito API Reference, SetIdentityPoolRoles Roles: unauthenticated -> role ARN",
  "sns:SetTopicAttributes attributeValue": "gated on attributeName *FeedbackRoleArn",
  "cognito-idp:CreateUserPool smsConfiguration.snsCallerArn": "Cognito API Reference, SmsConfigurationType SnsCallerArn: the role Cognito uses to send SMS",
};

describe("role-passing table", () => {
  it("names in every row a parameter whose last member is a role member of that API", () => {
    const odd = Object.entries(ROLE_PASSING_CALLS).flatMap(([key, call]) =>
      call.roles
        .filter((role) => !ROLE_MEMBER.test((role.listField ?? role.parameter).split(".").at(-1)!.replace("[]", "")))
        .map((role) => `${key} ${role.parameter}`)
        .filter((name) => OTHER_ROLE_MEMBERS[name] === undefined),
    );
    expect(odd).toEqual([]);
  });

  it("spells parameters as CloudTrail does: lower-case first letters, S3's XML, EC2's request wrappers and SNS attribute names aside", () => {
    const upper = Object.entries(ROLE_PASSING_CALLS).flatMap(([key, call]) =>
      call.roles.flatMap((role) => role.parameter.split(/\.|\[\]\./).filter((part) => /^[A-Z]/.test(part)).map(() => `${key} ${role.parameter}`)),
    );
    expect([...new Set(upper)].filter((name) => !/^(s3:|sns:|ec2:CreateFlowLogs |cognito-identity:SetIdentityPoolRoles )/.test(name))).toEqual([]);
  });

  it("knows every row's service in iam-data, and every role-passing event source maps back to one", async () => {
    const prefixes = [...new Set(Object.keys(ROLE_PASSING_CALLS).map((key) => key.slice(0, key.indexOf(":"))))];
    const catalog = await loadIamCatalog(prefixes);
    expect(prefixes.filter((prefix) => !catalog.hasService(prefix))).toEqual([]);
    expect(rolePassingEventSources().filter((source) => !prefixes.includes(servicePrefixOf(source)))).toEqual([]);
    for (const source of rolePassingEventSources()) {
      expect(PARAMETER_SELECTION.parameters[source]).toEqual(expect.arrayContaining([...rolePassingParameters(servicePrefixOf(source))]));
    }
  });

  it("keeps the hand-written rows' conditions and adds the members the request shape has besides", () => {
    const rds = ROLE_PASSING_CALLS["rds:CreateDBInstance"]!;
    expect(rds.roles).toEqual(expect.arrayContaining([{ parameter: "monitoringRoleArn", passedTo: "monitoring.rds.amazonaws.com" }, { parameter: "domainIAMRoleName", passedTo: null }]));
    expect(ROLE_PASSING_CALLS["eks:CreateNodegroup"]!.roles[0]).toEqual({ parameter: "nodeRole", passedTo: "ec2.amazonaws.com" });
    expect(ROLE_PASSING_CALLS["ec2:RunInstances"]!.notInEvent?.onlyWith).toEqual(["iamInstanceProfile.arn", "iamInstanceProfile.name"]);
  });

  it("selects role members inside lists of objects as nested values, and lists of role ARNs as lists", () => {
    expect(rolePassingNested()["lifecycleHookSpecificationList[].roleARN"]).toEqual({ list: "lifecycleHookSpecificationList", field: "roleARN" });
    expect(PARAMETER_SELECTION.nested?.["volumeConfigurations[].managedEBSVolume.roleArn"]).toEqual({ list: "volumeConfigurations", field: "managedEBSVolume.roleArn" });
    // Each nested name is a branch of the one Athena query's per-path CASE: only a few are kept.
    expect(Object.keys(rolePassingNested()).length).toBeLessThanOrEqual(10);
    expect(PARAMETER_SELECTION.lists).toContain("iamRoles");
  });

  describe.skipIf(!PEERS_PRESENT)("against iam-dataset's PassRole methods", () => {
    const map = PEERS_PRESENT ? iamDatasetMap() : undefined;
    const methods = Object.entries(map?.sdk_method_iam_mappings ?? {})
      .filter(([, actions]) => actions.some((a) => a.action.toLowerCase() === PASS_ROLE.toLowerCase()))
      .map(([method]) => method);
    const granted = methods.filter((method) => {
      const [client, operation] = method.split(".") as [string, string];
      return rolePassingCall(sdkNamespace(map!, client), operation) !== undefined;
    });
    const listed = methods.filter((method) => !granted.includes(method) && NOT_ROLE_PASSING[method] !== undefined);
    const missing = methods.filter((method) => !granted.includes(method) && !listed.includes(method));
    console.log(
      `iam-dataset PassRole methods: ${methods.length}; granted (a row of ROLE_PASSING_CALLS) ${granted.length}; ` +
        `left out with a reason (NOT_ROLE_PASSING) ${listed.length}; neither ${missing.length}`,
    );

    it("grants PassRole for each, or says why not", () => {
      expect(missing).toEqual([]);
    });
    it("lists no method it grants", () => {
      expect(Object.keys(NOT_ROLE_PASSING).filter((method) => granted.includes(method))).toEqual([]);
    });
  });
});

describe("iam:PassRole from real-shaped records", () => {
  const CALLER = "ops/deployer";
  const CALLER_ARN = `arn:aws:iam::${ACCOUNT}:role/${CALLER}`;
  const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
  const dirs: string[] = [];
  afterEach(() => {
    while (dirs.length > 0) rmSync(dirs.pop()!, { recursive: true, force: true });
  });

  async function passRoleOf(events: readonly Record<string, unknown>[]) {
    const root = tempDir();
    dirs.push(root);
    writeFile(root, "trail.json.gz", recordsGzip(events));
    const source = await scanLocalLogs({ logs: [root], window: { since: null, until: null }, selection: PARAMETER_SELECTION, names: "shapes" });
    try {
      const rows = await source.usage([CALLER_ARN]);
      const result = mapUsage(rows, await loadIamCatalog(servicePrefixesFor(rows)));
      return {
        granted: result.permissions.filter((p) => p.action === PASS_ROLE).map((p) => [p.resource, p.conditions?.StringEquals?.["iam:PassedToService"]?.[0] ?? null]),
        unmapped: result.unmapped.filter((u) => u.action === PASS_ROLE).map((u) => u.reason),
      };
    } finally {
      source.close();
    }
  }

  const cases: readonly [string, Record<string, unknown>, readonly (readonly [string, string | null])[]][] = [
    [
      "RDS CreateDBInstance with Enhanced Monitoring",
      roleEvent(CALLER, "rds.amazonaws.com", "CreateDBInstance", {
        requestParameters: { dBInstanceIdentifier: "orders", engine: "postgres", monitoringInterval: 60, monitoringRoleArn: role("rds-monitoring-role") },
      }),
      [[role("rds-monitoring-role"), "monitoring.rds.amazonaws.com"]],
    ],
    [
      "SageMaker CreateTrainingJob",
      roleEvent(CALLER, "sagemaker.amazonaws.com", "CreateTrainingJob", {
        requestParameters: { trainingJobName: "churn-2026-11-02", roleArn: role("service-role/AmazonSageMaker-ExecutionRole"), stoppingCondition: { maxRuntimeInSeconds: 3600 } },
      }),
      [[role("service-role/AmazonSageMaker-ExecutionRole"), "sagemaker.amazonaws.com"]],
    ],
    [
      "IoT CreateTopicRule: the error action's role (the actions[] list's roles are not kept: UNREAD_ROLE_MEMBERS)",
      roleEvent(CALLER, "iot.amazonaws.com", "CreateTopicRule", {
        requestParameters: {
          ruleName: "telemetry",
          topicRulePayload: {
            sql: "SELECT * FROM 'devices/+/telemetry'",
            actions: [{ sqs: { queueUrl: "https://sqs.us-east-1.amazonaws.com/111122223333/t", roleArn: role("iot-to-sqs") } }, { lambda: { functionArn: "arn:aws:lambda:us-east-1:111122223333:function:f" } }],
            errorAction: { cloudwatchLogs: { logGroupName: "iot-errors", roleArn: role("iot-errors") } },
          },
        },
      }),
      [[role("iot-errors"), "iot.amazonaws.com"]],
    ],
    [
      "EC2 Auto Scaling CreateAutoScalingGroup: a lifecycle hook's role in a list",
      roleEvent(CALLER, "autoscaling.amazonaws.com", "CreateAutoScalingGroup", {
        requestParameters: {
          autoScalingGroupName: "web",
          minSize: 1,
          maxSize: 3,
          lifecycleHookSpecificationList: [{ lifecycleHookName: "drain", lifecycleTransition: "autoscaling:EC2_INSTANCE_TERMINATING", roleARN: role("asg-hook"), notificationTargetARN: "arn:aws:sqs:us-east-1:111122223333:hooks" }],
        },
      }),
      [[role("asg-hook"), "autoscaling.amazonaws.com"]],
    ],
    [
      "Glue CreateJob with a role name",
      roleEvent(CALLER, "glue.amazonaws.com", "CreateJob", { requestParameters: { name: "nightly-etl", role: "service-role/glue-etl", command: { name: "glueetl" } } }),
      [[role("service-role/glue-etl"), "glue.amazonaws.com"]],
    ],
    [
      "CloudTrail CreateTrail delivering to CloudWatch Logs",
      roleEvent(CALLER, "cloudtrail.amazonaws.com", "CreateTrail", {
        requestParameters: { name: "org", s3BucketName: "trail-bucket", cloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:111122223333:log-group:trail:*", cloudWatchLogsRoleArn: role("trail-to-logs") },
      }),
      [[role("trail-to-logs"), "cloudtrail.amazonaws.com"]],
    ],
    [
      "Redshift CreateCluster with a list of roles",
      roleEvent(CALLER, "redshift.amazonaws.com", "CreateCluster", {
        requestParameters: { clusterIdentifier: "dw", nodeType: "ra3.xlplus", iamRoles: [role("redshift-s3"), role("redshift-glue")] },
      }),
      [[role("redshift-glue"), null], [role("redshift-s3"), null]],
    ],
    [
      "Transfer CreateServer with a logging role",
      roleEvent(CALLER, "transfer.amazonaws.com", "CreateServer", { requestParameters: { domain: "S3", loggingRole: role("transfer-logging") } }),
      [[role("transfer-logging"), "transfer.amazonaws.com"]],
    ],
  ];

  it.each(cases)("%s", async (_, event, expected) => {
    const { granted } = await passRoleOf([event]);
    expect(granted).toEqual(expected);
  });

  it("reports the role of an instance profile from RequestSpotInstances as not in the event", async () => {
    const event = roleEvent(CALLER, "ec2.amazonaws.com", "RequestSpotInstances", {
      requestParameters: { instanceCount: 1, launchSpecification: { imageId: "ami-0abc", iamInstanceProfile: { name: "web-profile" } } },
    });
    const { granted, unmapped } = await passRoleOf([event]);
    expect(granted).toEqual([]);
    expect(unmapped).toEqual([expect.stringMatching(/^RequestSpotInstances also passes the role of the instance profile in launchSpecification\.iamInstanceProfile\.arn or launchSpecification\.iamInstanceProfile\.name/)]);
  });
});

describe("iam:PassRole for an instance profile, resolved from the trail", () => {
  const dirs: string[] = [];
  afterEach(() => {
    while (dirs.length > 0) rmSync(dirs.pop()!, { recursive: true, force: true });
  });
  const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/ops/deployer`;

  /** One scan of a trail where a platform admin made the profile and a deployer launched with it. */
  async function scan(profileName: string) {
    const root = tempDir();
    dirs.push(root);
    writeFile(
      root,
      "trail.json.gz",
      recordsGzip([
        roleEvent("platform/admin", "iam.amazonaws.com", "CreateInstanceProfile", { requestParameters: { instanceProfileName: "web-profile", path: "/" } }),
        roleEvent("platform/admin", "iam.amazonaws.com", "AddRoleToInstanceProfile", { requestParameters: { instanceProfileName: "web-profile", roleName: "web-role" } }),
        roleEvent("ops/deployer", "ec2.amazonaws.com", "RunInstances", {
          requestParameters: { instancesSet: { items: [{ imageId: "ami-0abc", minCount: 1, maxCount: 1 }] }, iamInstanceProfile: { name: profileName } },
        }),
      ]),
    );
    const source = await scanLocalLogs({ logs: [root], window: { since: null, until: null }, selection: PARAMETER_SELECTION, names: "shapes" });
    try {
      // Every principal's rows come from the same scan: the admin's AddRoleToInstanceProfile names the profile's role.
      const everyone = await source.usage((await source.principals()).map((p) => p.principal));
      const run = (await source.usage([DEPLOYER])).find((row) => row.eventName === "RunInstances")!;
      return passedRolesOf(rolePassingCall("ec2", "RunInstances")!, run, "aws", instanceProfileRoles(everyone));
    } finally {
      source.close();
    }
  }

  it("grants PassRole on the role another principal added to the profile, conditioned on ec2.amazonaws.com", async () => {
    const { passed, unnamed } = await scan("web-profile");
    expect(unnamed).toBeNull();
    expect(passed).toEqual([
      {
        arns: [`arn:aws:iam::${ACCOUNT}:role/*/web-role`, `arn:aws:iam::${ACCOUNT}:role/web-role`],
        via: "requestParameters.iamInstanceProfile.name (instance profile web-profile) -> AddRoleToInstanceProfile in the trail",
        passedTo: "ec2.amazonaws.com",
      },
    ]);
  });

  it("still reports a profile the trail holds no AddRoleToInstanceProfile for, and says why", async () => {
    const { passed, unnamed } = await scan("legacy-profile");
    expect(passed).toEqual([]);
    expect(unnamed).toMatch(/^RunInstances also passes the role of instance profile legacy-profile, and the trail read holds no AddRoleToInstanceProfile for it/);
  });
});
