import {
  GetAccountAuthorizationDetailsCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from "@aws-sdk/client-iam";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { currentRolePolicies } from "../../../src/aws/iam/current-role-policies.js";
import { createIamClient } from "../../../src/aws/iam/iam-client.js";
import { UsageError } from "../../../src/usage-error.js";

// Responses shaped as AWS sends them: every document URL-encoded (RFC 3986), Marker only when IsTruncated.
const ACCOUNT = "111122223333";
const READ_ONLY_ARN = "arn:aws:iam::aws:policy/ReadOnlyAccess";
const SHARED_ARN = `arn:aws:iam::${ACCOUNT}:policy/team/shared`;
const BOUNDARY_ARN = "arn:aws:iam::aws:policy/PowerUserAccess";

const doc = (action: string, resource = "*") => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: resource }] });
const encoded = (document: unknown) => encodeURIComponent(JSON.stringify(document, null, 4));
const metadata = { httpStatusCode: 200, requestId: "r", attempts: 1, totalRetryDelay: 0 };

function awsError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode: 403, attempts: 1 }, ...extra });
}

const iam = mockClient(IAMClient);
// The next file in this worker gets the real client.
afterAll(() => {
  iam.restore();
});
let client: IAMClient;

beforeEach(() => {
  iam.reset();
  client = createIamClient({ region: "us-east-1", config: { credentials: { accessKeyId: "testing", secretAccessKey: "testing" } } });
});
afterEach(() => client.destroy());

function sentCommands(): string[] {
  return iam.calls().map((call) => (call.args[0] as object).constructor.name);
}

/** Two roles sharing a policy; inline names and attached policies over two pages each. */
function mockPerRole(): void {
  iam.on(GetRoleCommand, { RoleName: "api-task" }).resolves({
    $metadata: metadata,
    Role: {
      Path: "/ecs/",
      RoleName: "api-task",
      RoleId: "AROAEXAMPLE1",
      Arn: `arn:aws:iam::${ACCOUNT}:role/ecs/api-task`,
      CreateDate: new Date("2026-01-01T00:00:00Z"),
      AssumeRolePolicyDocument: encoded({ Version: "2012-10-17", Statement: [] }),
      PermissionsBoundary: { PermissionsBoundaryType: "PermissionsBoundaryPolicy", PermissionsBoundaryArn: BOUNDARY_ARN },
    },
  });
  iam.on(GetRoleCommand, { RoleName: "worker-task" }).resolves({
    $metadata: metadata,
    Role: { Path: "/", RoleName: "worker-task", RoleId: "AROAEXAMPLE2", Arn: `arn:aws:iam::${ACCOUNT}:role/worker-task`, CreateDate: new Date(), AssumeRolePolicyDocument: "%7B%7D" },
  });
  // moto ignores MaxItems on ListRolePolicies; AWS pages it.
  iam.on(ListRolePoliciesCommand, { RoleName: "api-task", Marker: undefined }).resolves({ PolicyNames: ["b", "c"], IsTruncated: true, Marker: "m1" });
  iam.on(ListRolePoliciesCommand, { RoleName: "api-task", Marker: "m1" }).resolves({ PolicyNames: ["a"], IsTruncated: false });
  iam.on(ListRolePoliciesCommand, { RoleName: "worker-task" }).resolves({ PolicyNames: [], IsTruncated: false });
  for (const name of ["a", "b", "c"]) {
    iam.on(GetRolePolicyCommand, { RoleName: "api-task", PolicyName: name }).resolves({ RoleName: "api-task", PolicyName: name, PolicyDocument: encoded(doc(`s3:Get${name}`)) });
  }
  iam.on(ListAttachedRolePoliciesCommand, { RoleName: "api-task", Marker: undefined }).resolves({
    AttachedPolicies: [{ PolicyName: "shared", PolicyArn: SHARED_ARN }],
    IsTruncated: true,
    Marker: "p2",
  });
  iam.on(ListAttachedRolePoliciesCommand, { RoleName: "api-task", Marker: "p2" }).resolves({
    AttachedPolicies: [{ PolicyName: "ReadOnlyAccess", PolicyArn: READ_ONLY_ARN }],
    IsTruncated: false,
  });
  iam.on(ListAttachedRolePoliciesCommand, { RoleName: "worker-task" }).resolves({
    AttachedPolicies: [{ PolicyName: "shared", PolicyArn: SHARED_ARN }],
    IsTruncated: false,
  });
  for (const [arn, version, action] of [
    [SHARED_ARN, "v3", "sqs:SendMessage"],
    [READ_ONLY_ARN, "v140", "s3:List*"],
    [BOUNDARY_ARN, "v5", "*"],
  ] as const) {
    iam.on(GetPolicyCommand, { PolicyArn: arn }).resolves({ Policy: { Arn: arn, DefaultVersionId: version } });
    iam.on(GetPolicyVersionCommand, { PolicyArn: arn, VersionId: version }).resolves({
      PolicyVersion: { VersionId: version, IsDefaultVersion: true, Document: encoded(doc(action)) },
    });
  }
}

const EXPECTED_API_TASK = {
  roleArn: `arn:aws:iam::${ACCOUNT}:role/ecs/api-task`,
  policies: [
    { source: "inline a", kind: "inline", document: doc("s3:Geta") },
    { source: "inline b", kind: "inline", document: doc("s3:Getb") },
    { source: "inline c", kind: "inline", document: doc("s3:Getc") },
    // By ARN in code-point order: an account id sorts before "aws".
    { source: SHARED_ARN, kind: "managed", document: doc("sqs:SendMessage") },
    { source: READ_ONLY_ARN, kind: "managed", document: doc("s3:List*") },
  ],
  permissionsBoundary: { arn: BOUNDARY_ARN, document: doc("*") },
};

describe("currentRolePolicies with AWS-shaped responses", () => {
  it("follows Marker pages, decodes documents, and reads a shared managed policy once", async () => {
    mockPerRole();
    const result = await currentRolePolicies(client, ["api-task", "worker-task"]);
    expect(result.get("api-task")).toEqual(EXPECTED_API_TASK);
    expect(result.get("worker-task")).toEqual({
      roleArn: `arn:aws:iam::${ACCOUNT}:role/worker-task`,
      policies: [{ source: SHARED_ARN, kind: "managed", document: doc("sqs:SendMessage") }],
    });
    expect(iam.commandCalls(GetPolicyCommand, { PolicyArn: SHARED_ARN })).toHaveLength(1);
    expect(iam.commandCalls(ListRolePoliciesCommand, { RoleName: "api-task" }).map((call) => call.args[0].input.Marker)).toEqual([undefined, "m1"]);
  });

  it("passes the page size on as MaxItems", async () => {
    mockPerRole();
    await currentRolePolicies(client, ["api-task"], { pageSize: 2 });
    for (const call of iam.commandCalls(ListAttachedRolePoliciesCommand)) expect(call.args[0].input.MaxItems).toBe(2);
  });

  it("follows GetAccountAuthorizationDetails pages, which moto never truncates", async () => {
    const roleDetail = (name: string, path: string, extra: object) => ({
      Path: path,
      RoleName: name,
      RoleId: `AROA${name.toUpperCase()}`,
      Arn: `arn:aws:iam::${ACCOUNT}:role${path}${name}`,
      CreateDate: new Date(),
      AssumeRolePolicyDocument: "%7B%7D",
      InstanceProfileList: [],
      ...extra,
    });
    const policyDetail = (arn: string, versions: [string, string, boolean][]) => ({
      PolicyName: arn.split("/").at(-1),
      Arn: arn,
      DefaultVersionId: versions.find(([, , isDefault]) => isDefault)?.[0],
      AttachmentCount: 2,
      PolicyVersionList: versions.map(([id, action, isDefault]) => ({ VersionId: id, IsDefaultVersion: isDefault, Document: encoded(doc(action)) })),
    });
    iam.on(GetAccountAuthorizationDetailsCommand, { Marker: undefined }).resolves({
      RoleDetailList: [
        roleDetail("worker-task", "/", { RolePolicyList: [], AttachedManagedPolicies: [{ PolicyName: "shared", PolicyArn: SHARED_ARN }] }),
        roleDetail("other", "/", { RolePolicyList: [{ PolicyName: "x", PolicyDocument: encoded(doc("ec2:*")) }], AttachedManagedPolicies: [] }),
      ],
      Policies: [policyDetail(SHARED_ARN, [["v1", "sqs:DeleteQueue", false], ["v3", "sqs:SendMessage", true]])],
      IsTruncated: true,
      Marker: "page-2",
    });
    iam.on(GetAccountAuthorizationDetailsCommand, { Marker: "page-2" }).resolves({
      RoleDetailList: [
        roleDetail("api-task", "/ecs/", {
          RolePolicyList: ["c", "a", "b"].map((name) => ({ PolicyName: name, PolicyDocument: encoded(doc(`s3:Get${name}`)) })),
          AttachedManagedPolicies: [
            { PolicyName: "shared", PolicyArn: SHARED_ARN },
            { PolicyName: "ReadOnlyAccess", PolicyArn: READ_ONLY_ARN },
          ],
          PermissionsBoundary: { PermissionsBoundaryType: "PermissionsBoundaryPolicy", PermissionsBoundaryArn: BOUNDARY_ARN },
        }),
      ],
      Policies: [policyDetail(READ_ONLY_ARN, [["v140", "s3:List*", true]])],
      IsTruncated: false,
    });
    // The boundary is not in the sweep: read on its own.
    iam.on(GetPolicyCommand, { PolicyArn: BOUNDARY_ARN }).resolves({ Policy: { Arn: BOUNDARY_ARN, DefaultVersionId: "v5" } });
    iam.on(GetPolicyVersionCommand, { PolicyArn: BOUNDARY_ARN, VersionId: "v5" }).resolves({ PolicyVersion: { VersionId: "v5", Document: encoded(doc("*")) } });

    const result = await currentRolePolicies(client, ["api-task", "worker-task"], { method: "authorization-details", pageSize: 50 });

    expect(result.get("api-task")).toEqual(EXPECTED_API_TASK);
    expect(result.get("worker-task")?.policies).toEqual([{ source: SHARED_ARN, kind: "managed", document: doc("sqs:SendMessage") }]);
    const sweeps = iam.commandCalls(GetAccountAuthorizationDetailsCommand).map((call) => call.args[0].input);
    expect(sweeps).toEqual([
      { Filter: ["Role", "LocalManagedPolicy", "AWSManagedPolicy"], MaxItems: 50, Marker: undefined },
      { Filter: ["Role", "LocalManagedPolicy", "AWSManagedPolicy"], MaxItems: 50, Marker: "page-2" },
    ]);
    expect(sentCommands()).toEqual([
      "GetAccountAuthorizationDetailsCommand",
      "GetAccountAuthorizationDetailsCommand",
      "GetPolicyCommand",
      "GetPolicyVersionCommand",
    ]);
  });

  it("sends only Get and List calls", async () => {
    mockPerRole();
    await currentRolePolicies(client, ["api-task", "worker-task"]);
    expect(sentCommands().length).toBeGreaterThan(0);
    for (const name of sentCommands()) expect(name).toMatch(/^(Get|List)[A-Za-z]+Command$/);
  });
});

describe("currentRolePolicies errors: one line, naming the role and what to do", () => {
  it("AccessDenied names the call, the role and the permission tighten needs", async () => {
    mockPerRole();
    iam.on(GetRolePolicyCommand).rejects(
      awsError(
        "AccessDenied",
        `User: arn:aws:iam::${ACCOUNT}:user/ci is not authorized to perform: iam:GetRolePolicy on resource: role api-task because no identity-based policy allows the iam:GetRolePolicy action`,
      ),
    );
    const failure = currentRolePolicies(client, ["api-task"]);
    await expect(failure).rejects.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toThrow("--from-iam: IAM GetRolePolicy for role api-task was denied: tighten needs iam:GetRolePolicy (read-only) on it");
  });

  it("AccessDenied on a managed policy names the policy and the role", async () => {
    mockPerRole();
    iam.on(GetPolicyVersionCommand, { PolicyArn: SHARED_ARN }).rejects(awsError("AccessDenied", "not authorized"));
    await expect(currentRolePolicies(client, ["api-task"])).rejects.toThrow(
      `--from-iam: IAM GetPolicyVersion for policy ${SHARED_ARN} (used by role api-task) was denied: tighten needs iam:GetPolicyVersion (read-only) on it`,
    );
  });

  it("AccessDenied on the sweep names iam:GetAccountAuthorizationDetails", async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(awsError("AccessDenied", "not authorized"));
    await expect(currentRolePolicies(client, ["a", "b", "c", "d"])).rejects.toThrow(
      "--from-iam: IAM GetAccountAuthorizationDetails for roles a, b, c, d was denied: tighten needs iam:GetAccountAuthorizationDetails (read-only) on it",
    );
  });

  it("an unknown role (the SDK's NoSuchEntityException) names the role", async () => {
    iam.on(GetRoleCommand).rejects(awsError("NoSuchEntityException", "The role with name billing-task cannot be found.", { $metadata: { httpStatusCode: 404 } }));
    await expect(currentRolePolicies(client, ["billing-task"])).rejects.toThrow("--from-iam: role billing-task: not found in IAM (GetRole)");
  });

  it("no credentials says so and mentions --profile", async () => {
    iam.on(GetRoleCommand).rejects(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }));
    const failure = currentRolePolicies(client, ["api-task"]);
    await expect(failure).rejects.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toThrow(/^--from-iam: no AWS credentials found \(Could not load credentials from any providers\); configure them or pass --profile$/);
  });

  it("throttling left after the SDK's retries is a usage error saying to try later", async () => {
    iam.on(GetRoleCommand).rejects(
      awsError("Throttling", "Rate exceeded", { $metadata: { httpStatusCode: 400, attempts: 8, totalRetryDelay: 41_000 }, $retryable: { throttling: true } }),
    );
    const failure = currentRolePolicies(client, ["api-task"]);
    await expect(failure).rejects.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toThrow("--from-iam: IAM GetRole for role api-task was still throttled after 8 attempts; try again later");
  });

  it("any other failure stays what it is (a bug or AWS itself failing)", async () => {
    iam.on(GetRoleCommand).rejects(awsError("ServiceFailure", "internal", { $fault: "server" }));
    const failure = currentRolePolicies(client, ["api-task"]);
    await expect(failure).rejects.not.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toThrow("internal");
  });
});
