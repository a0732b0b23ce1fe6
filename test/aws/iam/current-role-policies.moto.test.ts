import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CurrentRolePolicies } from "../../../src/aws/iam/current-policies.js";
import { currentRolePolicies } from "../../../src/aws/iam/current-role-policies.js";
import { UsageError } from "../../../src/usage-error.js";
import { MOTO_ACCOUNT, startMoto, type Moto } from "../../support/moto.js";

let moto: Moto;
let client: IAMClient;
/** Every command the code under test sent, by name, in order. */
let sent: string[];

beforeAll(async () => {
  moto = await startMoto();
  client = moto.iamClient();
  client.middlewareStack.add(
    (next, context) => (args) => {
      sent.push(context.commandName ?? "?");
      return next(args);
    },
    { step: "initialize", name: "recordCommands" },
  );
});
afterAll(() => moto?.stop());
beforeEach(async () => {
  await moto.reset();
  sent = [];
});

const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

function policy(action: string, resource: string): Record<string, unknown> {
  // Characters that URL-encoding changes: spaces, "+", "%", "/", ":" and a non-ASCII letter.
  return { Version: "2012-10-17", Statement: [{ Sid: "S", Effect: "Allow", Action: action, Resource: resource }] };
}

const arnOf = (path: string, name: string) => `arn:aws:iam::${MOTO_ACCOUNT}:policy${path}${name}`;

/**
 * Three roles sharing a customer managed policy whose default is v2 of three versions, a role
 * with enough attached policies for ListAttachedRolePolicies to paginate at page size 2, a
 * permissions boundary attached only as a boundary, and a role nobody asks about.
 */
async function createFixture(): Promise<Record<string, CurrentRolePolicies>> {
  const send = async <T>(command: { input: unknown }) => (await client.send(command as never)) as T;
  const createRole = (name: string, path: string) => send(new CreateRoleCommand({ RoleName: name, Path: path, AssumeRolePolicyDocument: TRUST }));
  const createPolicy = async (name: string, path: string, versions: Record<string, unknown>[], defaultIndex: number) => {
    await send(new CreatePolicyCommand({ PolicyName: name, Path: path, PolicyDocument: JSON.stringify(versions[0]) }));
    const arn = arnOf(path, name);
    for (const [i, document] of versions.entries()) {
      if (i === 0) continue;
      await send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: JSON.stringify(document), SetAsDefault: i === defaultIndex }));
    }
    return { arn, document: versions[defaultIndex] };
  };

  await createRole("payments-task", "/ecs/");
  await createRole("orders-task", "/");
  await createRole("bare-task", "/ecs/internal/");
  await createRole("unrelated", "/");

  const shared = await createPolicy("shared-logs", "/team/", [
    policy("logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/v1/*"),
    policy("logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/payments café+tax 100%:*"),
    policy("logs:CreateLogStream", "arn:aws:logs:us-east-1:123456789012:log-group:/v3/*"),
  ], 1);
  const boundary = await createPolicy("ecs-boundary", "/boundaries/", [policy("*", "*"), policy("s3:*", "*")], 1);
  const extras = [];
  for (let i = 0; i < 5; i++) {
    extras.push(await createPolicy(`payments-extra-${i}`, "/", [policy("sqs:SendMessage", `arn:aws:sqs:us-east-1:123456789012:queue-${i}`)], 0));
  }
  await send(new CreatePolicyCommand({ PolicyName: "never-attached", PolicyDocument: JSON.stringify(policy("iam:*", "*")) }));

  const inline = {
    "zeta-dynamo": policy("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789012:table/payments"),
    "alpha-s3": policy("s3:GetObject", "arn:aws:s3:::payments-bucket/in box/*"),
    "mid-kms": policy("kms:Decrypt", "arn:aws:kms:us-east-1:123456789012:key/1234"),
  };
  for (const [name, document] of Object.entries(inline)) {
    await send(new PutRolePolicyCommand({ RoleName: "payments-task", PolicyName: name, PolicyDocument: JSON.stringify(document) }));
  }
  await send(new PutRolePolicyCommand({ RoleName: "orders-task", PolicyName: "orders", PolicyDocument: JSON.stringify(policy("sns:Publish", "*")) }));
  await send(new PutRolePolicyCommand({ RoleName: "unrelated", PolicyName: "x", PolicyDocument: JSON.stringify(policy("ec2:*", "*")) }));

  for (const attached of [...extras].reverse()) await send(new AttachRolePolicyCommand({ RoleName: "payments-task", PolicyArn: attached.arn }));
  await send(new AttachRolePolicyCommand({ RoleName: "payments-task", PolicyArn: shared.arn }));
  await send(new AttachRolePolicyCommand({ RoleName: "orders-task", PolicyArn: shared.arn }));
  await send(new PutRolePermissionsBoundaryCommand({ RoleName: "payments-task", PermissionsBoundary: boundary.arn }));
  sent = [];

  const managed = [shared, ...extras].sort((a, b) => (a.arn < b.arn ? -1 : 1));
  return {
    "payments-task": {
      roleArn: `arn:aws:iam::${MOTO_ACCOUNT}:role/ecs/payments-task`,
      policies: [
        { source: "inline alpha-s3", kind: "inline", document: inline["alpha-s3"] },
        { source: "inline mid-kms", kind: "inline", document: inline["mid-kms"] },
        { source: "inline zeta-dynamo", kind: "inline", document: inline["zeta-dynamo"] },
        ...managed.map((m) => ({ source: m.arn, kind: "managed" as const, document: m.document })),
      ],
      permissionsBoundary: { arn: boundary.arn, document: boundary.document },
    },
    "orders-task": {
      roleArn: `arn:aws:iam::${MOTO_ACCOUNT}:role/orders-task`,
      policies: [
        { source: "inline orders", kind: "inline", document: policy("sns:Publish", "*") },
        { source: shared.arn, kind: "managed", document: shared.document },
      ],
    },
    "bare-task": { roleArn: `arn:aws:iam::${MOTO_ACCOUNT}:role/ecs/internal/bare-task`, policies: [] },
  };
}

const ROLES = ["payments-task", "orders-task", "bare-task"];

describe("currentRolePolicies against moto", () => {
  it("reads exactly the documents created, default versions, per role with pagination", async () => {
    const expected = await createFixture();
    const result = await currentRolePolicies(client, ROLES, { method: "per-role", pageSize: 2 });
    expect(Object.fromEntries(result)).toEqual(expected);
    expect([...result.keys()]).toEqual(ROLES);
    // Several pages of attached policies, and "shared-logs" read once for both roles that use it.
    expect(sent.filter((name) => name === "ListAttachedRolePoliciesCommand").length).toBeGreaterThan(ROLES.length);
    expect(sent.filter((name) => name === "GetPolicyCommand")).toHaveLength(7);
  });

  it("reads the same through one GetAccountAuthorizationDetails sweep", async () => {
    const expected = await createFixture();
    const swept = await currentRolePolicies(client, ROLES, { method: "authorization-details" });
    expect(Object.fromEntries(swept)).toEqual(expected);
    expect(new Set(sent)).toEqual(new Set(["GetAccountAuthorizationDetailsCommand"]));
  });

  it("both methods agree, and more than three roles choose the sweep", async () => {
    await createFixture();
    const names = [...ROLES, "unrelated"];
    const perRole = await currentRolePolicies(client, names, { method: "per-role" });
    sent = [];
    const chosen = await currentRolePolicies(client, names);
    expect(sent).toEqual(["GetAccountAuthorizationDetailsCommand"]);
    expect(chosen).toEqual(perRole);
  });

  it("sends only Get and List calls", async () => {
    await createFixture();
    await currentRolePolicies(client, ROLES, { method: "per-role", pageSize: 1 });
    await currentRolePolicies(client, ROLES, { method: "authorization-details" });
    expect(sent.length).toBeGreaterThan(0);
    for (const name of sent) expect(name).toMatch(/^(Get|List)[A-Za-z]+Command$/);
  });

  it("an unknown role is a usage error naming it, either way", async () => {
    await createFixture();
    for (const method of ["per-role", "authorization-details"] as const) {
      const failure = currentRolePolicies(client, ["orders-task", "billing-task"], { method });
      await expect(failure).rejects.toBeInstanceOf(UsageError);
      await expect(failure).rejects.toThrow(/^--from-iam: role billing-task: not found in IAM \((GetRole|GetAccountAuthorizationDetails)\)$/);
    }
  });
});
