import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient, ListClustersCommand, ListServicesCommand } from "@aws-sdk/client-ecs";
import { GetRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { DESCRIBE_SERVICES_BATCH, describeServices, listClusterArns, listServiceArns } from "../../../src/aws/ecs/cluster-services.js";
import { createEcsClient } from "../../../src/aws/ecs/ecs-client.js";
import { readRoleTrustPolicy } from "../../../src/aws/ecs/role-trust.js";
import { describeTaskDefinition } from "../../../src/aws/ecs/task-definitions.js";
import { createIamClient } from "../../../src/aws/iam/iam-client.js";
import { readFleet } from "../../../src/pipeline/ecs-fleet.js";
import { UsageError } from "../../../src/usage-error.js";

const ACCOUNT = "111122223333";
const CLUSTER = `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/prod`;
const serviceArn = (i: number) => `arn:aws:ecs:us-east-1:${ACCOUNT}:service/prod/svc-${String(i).padStart(2, "0")}`;
const context = { prefix: "ecs roles", region: "us-east-1" };
const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };

function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode: 400, attempts: 1 } });
}

const ecsMock = mockClient(ECSClient);
const iamMock = mockClient(IAMClient);
// The next file in this worker gets the real clients.
afterAll(() => {
  ecsMock.restore();
  iamMock.restore();
});
let ecs: ECSClient;
let iam: IAMClient;

beforeEach(() => {
  ecsMock.reset();
  iamMock.reset();
  ecs = createEcsClient({ region: "us-east-1", config: { credentials } });
  iam = createIamClient({ region: "us-east-1", config: { credentials } });
});
afterEach(() => {
  ecs.destroy();
  iam.destroy();
});

/** The requests of one command, in order. */
function inputs<T>(command: abstract new (...args: never[]) => unknown): T[] {
  return ecsMock.commandCalls(command as never).map((call) => call.args[0].input as T);
}

describe("ECS list calls", () => {
  it("follows ListServices' nextToken over several pages, each request with its own input", async () => {
    ecsMock.on(ListServicesCommand, { cluster: "prod", nextToken: undefined }).resolves({ serviceArns: [serviceArn(1), serviceArn(2)], nextToken: "t1" });
    ecsMock.on(ListServicesCommand, { cluster: "prod", nextToken: "t1" }).resolves({ serviceArns: [serviceArn(3)], nextToken: "t2" });
    ecsMock.on(ListServicesCommand, { cluster: "prod", nextToken: "t2" }).resolves({ serviceArns: [serviceArn(4)] });
    expect(await listServiceArns(ecs, "prod", context)).toEqual([1, 2, 3, 4].map(serviceArn));
    expect(inputs(ListServicesCommand)).toEqual([
      { cluster: "prod", maxResults: 100 },
      { cluster: "prod", maxResults: 100, nextToken: "t1" },
      { cluster: "prod", maxResults: 100, nextToken: "t2" },
    ]);
  });

  it("follows ListClusters' nextToken, and stops on a token that comes back unchanged", async () => {
    ecsMock.on(ListClustersCommand, { nextToken: undefined }).resolves({ clusterArns: [CLUSTER], nextToken: "c1" });
    ecsMock.on(ListClustersCommand, { nextToken: "c1" }).resolves({ clusterArns: [CLUSTER.replace("prod", "staging")], nextToken: "" });
    expect(await listClusterArns(ecs, context, 1)).toEqual([CLUSTER, CLUSTER.replace("prod", "staging")]);
    ecsMock.reset();
    ecsMock.on(ListClustersCommand).resolves({ clusterArns: [CLUSTER], nextToken: "same" });
    await expect(listClusterArns(ecs, context)).rejects.toThrow("ECS returned the same nextToken twice (same)");
  });
});

describe("describeServices", () => {
  it(`asks for at most ${DESCRIBE_SERVICES_BATCH} services per call and leaves out services deleted meanwhile`, async () => {
    const arns = Array.from({ length: 23 }, (_, i) => serviceArn(i));
    ecsMock.on(DescribeServicesCommand).callsFake((input: { services: string[] }) => ({
      services: input.services
        .filter((arn) => arn !== serviceArn(7))
        .map((arn) => ({ serviceArn: arn, serviceName: arn.split("/").pop(), clusterArn: CLUSTER, taskDefinition: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/app:3` })),
      failures: input.services.includes(serviceArn(7)) ? [{ arn: serviceArn(7), reason: "MISSING" }] : [],
    }));
    const described = await describeServices(ecs, "prod", arns, context);
    expect(inputs<{ services: string[] }>(DescribeServicesCommand).map((input) => input.services.length)).toEqual([10, 10, 3]);
    expect(described).toHaveLength(22);
    expect(described.map((s) => s.serviceName)).not.toContain("svc-07");
    expect(described[0]).toEqual({ clusterArn: CLUSTER, serviceName: "svc-00", serviceArn: serviceArn(0), taskDefinition: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/app:3` });
  });

  it("takes the PRIMARY task set's task definition for a service with the EXTERNAL deployment controller", async () => {
    ecsMock.on(DescribeServicesCommand).resolves({
      services: [
        {
          serviceArn: serviceArn(1),
          serviceName: "svc-01",
          clusterArn: CLUSTER,
          taskSets: [
            { status: "ACTIVE", taskDefinition: "arn:aws:ecs:us-east-1:111122223333:task-definition/app:1" },
            { status: "PRIMARY", taskDefinition: "arn:aws:ecs:us-east-1:111122223333:task-definition/app:2" },
          ],
        },
        { serviceArn: serviceArn(2), serviceName: "svc-02", clusterArn: CLUSTER },
      ],
    });
    const described = await describeServices(ecs, "prod", [serviceArn(1), serviceArn(2)], context);
    expect(described.map((s) => s.taskDefinition)).toEqual(["arn:aws:ecs:us-east-1:111122223333:task-definition/app:2", null]);
  });

  it("stops on a failure other than MISSING", async () => {
    ecsMock.on(DescribeServicesCommand).resolves({ services: [], failures: [{ arn: serviceArn(1), reason: "INTERNAL", detail: "try again" }] });
    await expect(describeServices(ecs, "prod", [serviceArn(1)], context)).rejects.toThrow(`failed for ${serviceArn(1)}: INTERNAL try again`);
  });
});

describe("failures a user can fix", () => {
  it("names the ECS permission a denied call needs, in one line", async () => {
    const denied = awsError("AccessDeniedException", "User: arn:aws:sts::111122223333:assumed-role/ci/x is not authorized to perform: ecs:ListServices");
    ecsMock.on(ListClustersCommand).rejects(denied);
    ecsMock.on(ListServicesCommand).rejects(denied);
    ecsMock.on(DescribeServicesCommand).rejects(denied);
    ecsMock.on(DescribeTaskDefinitionCommand).rejects(denied);
    const cases: [Promise<unknown>, string][] = [
      [listClusterArns(ecs, context), "ecs roles: ECS ListClusters in us-east-1 was denied: tighten needs ecs:ListClusters (read-only)"],
      [listServiceArns(ecs, "prod", context), "ecs roles: ECS ListServices for cluster prod in us-east-1 was denied: tighten needs ecs:ListServices (read-only)"],
      [describeServices(ecs, "prod", [serviceArn(1)], context), "ecs roles: ECS DescribeServices for cluster prod in us-east-1 was denied: tighten needs ecs:DescribeServices (read-only)"],
      [describeTaskDefinition(ecs, "app:3", context), "ecs roles: ECS DescribeTaskDefinition for task definition app:3 in us-east-1 was denied: tighten needs ecs:DescribeTaskDefinition (read-only)"],
    ];
    for (const [promise, message] of cases) {
      const error = await promise.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toBe(message);
    }
  });

  it("names the iam:GetRole permission when the trust policy cannot be read", async () => {
    iamMock.on(GetRoleCommand).rejects(awsError("AccessDenied", "not authorized to perform: iam:GetRole"));
    const error = await readRoleTrustPolicy(iam, "api-task", "ecs roles").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe("ecs roles: IAM GetRole for role api-task was denied: tighten needs iam:GetRole (read-only) to check the role's trust policy");
  });

  it("names an unknown cluster", async () => {
    ecsMock.on(ListServicesCommand).rejects(awsError("ClusterNotFoundException", "Cluster not found."));
    await expect(listServiceArns(ecs, "prdo", context)).rejects.toThrow(
      new UsageError("ecs roles: no ECS cluster prdo in us-east-1 (ECS ListServices); check --cluster, or pass --region with the cluster's region"),
    );
  });

  it("passes on AWS's reason for a task definition it cannot describe", async () => {
    ecsMock.on(DescribeTaskDefinitionCommand).rejects(awsError("ClientException", "Unable to describe task definition."));
    await expect(describeTaskDefinition(ecs, "gone:1", context)).rejects.toThrow(
      new UsageError("ecs roles: ECS DescribeTaskDefinition for task definition gone:1 in us-east-1 failed: Unable to describe task definition."),
    );
  });

  it("leaves errors that are no input problem as they are", async () => {
    const outage = Object.assign(new Error("We encountered an internal error"), { name: "ServerException", $fault: "server", $metadata: {} });
    ecsMock.on(ListClustersCommand).rejects(outage);
    await expect(listClusterArns(ecs, context)).rejects.toBe(outage);
  });
});

describe("readRoleTrustPolicy", () => {
  it("decodes the URL-encoded trust policy, and reports a role IAM does not know as not found", async () => {
    const document = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] };
    iamMock.on(GetRoleCommand, { RoleName: "api-task" }).resolves({
      Role: { Path: "/ecs/", RoleName: "api-task", RoleId: "AROA1", Arn: `arn:aws:iam::${ACCOUNT}:role/ecs/api-task`, CreateDate: new Date(), AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(document)) },
    });
    iamMock.on(GetRoleCommand, { RoleName: "gone" }).rejects(awsError("NoSuchEntity", "The role with name gone cannot be found."));
    expect(await readRoleTrustPolicy(iam, "api-task", "ecs roles")).toEqual({ found: true, arn: `arn:aws:iam::${ACCOUNT}:role/ecs/api-task`, document });
    expect(await readRoleTrustPolicy(iam, "gone", "ecs roles")).toEqual({ found: false });
  });
});

describe("readFleet over mocked ECS and IAM", () => {
  it("reads each task definition and each role once, and does not read roles of another account", async () => {
    const taskDefinition = `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/app:3`;
    ecsMock.on(ListServicesCommand).resolves({ serviceArns: [serviceArn(1), serviceArn(2)] });
    ecsMock.on(DescribeServicesCommand).resolves({
      services: [1, 2].map((i) => ({ serviceArn: serviceArn(i), serviceName: `svc-0${i}`, clusterArn: CLUSTER, taskDefinition })),
    });
    ecsMock.on(DescribeTaskDefinitionCommand).resolves({
      taskDefinition: {
        taskDefinitionArn: taskDefinition,
        family: "app",
        revision: 3,
        taskRoleArn: "arn:aws:iam::444455556666:role/elsewhere",
        executionRoleArn: "ecsTaskExecutionRole",
        containerDefinitions: [{ name: "app", image: "app:1" }],
      },
    });
    iamMock.on(GetRoleCommand).rejects(awsError("NoSuchEntity", "no such role"));
    const report = await readFleet({ ecs, iam, region: "us-east-1", clusters: ["prod", CLUSTER] });
    expect(inputs(ListServicesCommand)).toHaveLength(1);
    expect(inputs(DescribeTaskDefinitionCommand)).toEqual([{ taskDefinition }]);
    expect(iamMock.commandCalls(GetRoleCommand).map((call) => call.args[0].input)).toEqual([{ RoleName: "ecsTaskExecutionRole" }]);
    expect(report.roles.map((r) => [r.arn, r.trust])).toEqual([
      ["arn:aws:iam::444455556666:role/elsewhere", { kind: "not-checked", reason: "role of account 444455556666, not the clusters' (111122223333); --assume-role NAME checks it there" }],
      ["ecsTaskExecutionRole", { kind: "not-checked", reason: "role not found in IAM" }],
    ]);
    expect(report.source).toEqual({ kind: "aws", region: "us-east-1", clusters: ["prod"] });
    expect(report.findings.map((f) => f.flag)).toEqual(["shared-role", "shared-role"]);
  });
});
