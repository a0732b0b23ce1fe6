import { CreateClusterCommand, CreateServiceCommand, RegisterTaskDefinitionCommand } from "@aws-sdk/client-ecs";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEcsClient } from "../../src/aws/ecs/ecs-client.js";
import { createIamClient } from "../../src/aws/iam/iam-client.js";
import { createStsClient } from "../../src/aws/sts/sts-client.js";
import { runWithEnv } from "../support/run-cli.js";
import { MOTO_ACCOUNT, MOTO_CREDENTIALS, MOTO_REGION, startMoto, type Moto } from "../support/moto.js";

// `npm test` builds first; run `npm run build` before running this file on its own.

// The caller is moto's default account; the fleet is in another, reached through --assume-role.
const OTHER = "444455556666";
const CLUSTER = `arn:aws:ecs:${MOTO_REGION}:${OTHER}:cluster/prod`;
const roleArn = (account: string, name: string) => `arn:aws:iam::${account}:role/ecs/${name}`;
const trust = (condition?: object) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }],
  });

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
  const sts = await createStsClient({ region: MOTO_REGION, config: { endpoint: moto.endpoint, credentials: MOTO_CREDENTIALS } });
  const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${OTHER}:role/setup`, RoleSessionName: "setup" }));
  sts.destroy();
  const config = { endpoint: moto.endpoint, credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! } };
  const iam = createIamClient({ region: MOTO_REGION, config });
  const ecs = createEcsClient({ region: MOTO_REGION, config });
  await iam.send(new CreateRoleCommand({ RoleName: "api-task", Path: "/ecs/", AssumeRolePolicyDocument: trust({ StringEquals: { "aws:SourceAccount": OTHER } }) }));
  await ecs.send(new RegisterTaskDefinitionCommand({ family: "api", taskRoleArn: roleArn(OTHER, "api-task"), containerDefinitions: [{ name: "api", image: "api:1", memory: 128 }] }));
  await ecs.send(new CreateClusterCommand({ clusterName: "prod" }));
  await ecs.send(new CreateServiceCommand({ cluster: "prod", serviceName: "api", taskDefinition: "api:1", desiredCount: 0 }));
  // A same-named role of the caller's account, without the condition: its trust must not be the one reported.
  const callerIam = moto.iamClient();
  await callerIam.send(new CreateRoleCommand({ RoleName: "api-task", Path: "/ecs/", AssumeRolePolicyDocument: trust() }));
  for (const client of [iam, ecs, callerIam]) client.destroy();
}, 60_000);
afterAll(() => moto?.stop());

const env = () => ({ ...moto.cliEnv("ECS", "IAM", "STS"), AWS_PROFILE: "" });

describe("tighten ecs roles --cluster of another account (moto)", () => {
  it("with --assume-role, reads the cluster and checks its roles' trust in that account", async () => {
    const result = await runWithEnv(env(), "ecs", "roles", "--cluster", CLUSTER, "--assume-role", "tighten-reader", "--format", "json");
    expect(result.code, result.stderr).toBe(0);
    const fleet = JSON.parse(result.stdout) as { services: { service: string; taskRole: string }[]; roles: { arn: string; trust: { status: string; keys: string[] } }[] };
    expect(fleet.services.map((s) => [s.service, s.taskRole])).toEqual([["api", roleArn(OTHER, "api-task")]]);
    expect(fleet.roles.map((r) => [r.arn, r.trust.status, r.trust.keys])).toEqual([[roleArn(OTHER, "api-task"), "conditioned", ["aws:SourceAccount"]]]);
  });

  it("without --assume-role: exit 2, one line naming the cluster and both accounts", async () => {
    const result = await runWithEnv(env(), "ecs", "roles", "--cluster", CLUSTER, "--format", "json");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`tighten: ecs roles: cluster ${CLUSTER} is in account ${OTHER}, not the caller's ${MOTO_ACCOUNT}: add --assume-role NAME (a role in ${OTHER} that tighten may assume)\n`);
  });

  it("ecs audit reads the same cluster's task definitions through --assume-role", async () => {
    const result = await runWithEnv(env(), "ecs", "audit", "--cluster", CLUSTER, "--assume-role", "tighten-reader", "--format", "json");
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { taskDefinitions: { family: string }[] }).taskDefinitions.map((t) => t.family)).toEqual(["api"]);
  });
});
