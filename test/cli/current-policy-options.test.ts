import { AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import yargs from "yargs";
import { loadCurrentPolicies, withCurrentPolicyOptions, type CurrentPolicyArgs } from "../../src/cli/current-policy-options.js";
import { UsageError } from "../../src/usage-error.js";
import { MOTO_ACCOUNT, MOTO_CREDENTIALS, startMoto, type Moto } from "../support/moto.js";
import { tempDir, writeFile } from "../support/trail.js";

const ROLE = { arn: "arn:aws:iam::111122223333:role/ecs/payments-task", name: "payments-task" };
const OTHER = { arn: "arn:aws:iam::111122223333:role/orders-task", name: "orders-task" };
const DOCUMENT = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::b/in box/*" }] };

function parse(...argv: string[]): CurrentPolicyArgs {
  return withCurrentPolicyOptions(yargs(argv))
    .strict()
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    })
    .parseSync();
}

const args = (current?: string[]): CurrentPolicyArgs => ({ current, "from-iam": undefined, profile: undefined, region: undefined });

function file(name: string, content: unknown): string {
  return writeFile(tempDir(), name, typeof content === "string" ? content : JSON.stringify(content, null, 2));
}

describe("withCurrentPolicyOptions", () => {
  it("--current is repeatable and --from-iam is off unless given", () => {
    const parsed = parse("--current", "a.json", "--current", "b.json");
    expect(parsed.current).toEqual(["a.json", "b.json"]);
    expect(parsed["from-iam"]).not.toBe(true);
    expect(parse("--from-iam", "--profile", "audit", "--region", "eu-west-1")).toMatchObject({ "from-iam": true, profile: "audit", region: "eu-west-1" });
  });

  it("--current and --from-iam conflict", () => {
    expect(() => parse("--current", "a.json", "--from-iam")).toThrow(/mutually exclusive/);
  });
});

describe("loadCurrentPolicies --current", () => {
  it("neither flag: nothing to compare against", async () => {
    expect(await loadCurrentPolicies(args(), [ROLE])).toBeUndefined();
  });

  it("reads a document, get-role-policy output (decoded or URL-encoded) and get-policy-version output", async () => {
    const files = [
      file("plain.json", DOCUMENT),
      file("get-role-policy.json", { RoleName: "payments-task", PolicyName: "s3", PolicyDocument: DOCUMENT }),
      file("raw-api.json", { RoleName: "payments-task", PolicyName: "s3", PolicyDocument: encodeURIComponent(JSON.stringify(DOCUMENT)) }),
      file("get-policy-version.json", { PolicyVersion: { Document: DOCUMENT, VersionId: "v3", IsDefaultVersion: true } }),
    ];
    const loaded = await loadCurrentPolicies(args(files), [ROLE]);
    expect(loaded).toEqual(
      new Map([[ROLE.arn, { roleArn: ROLE.arn, policies: files.map((source) => ({ source, kind: "file", document: DOCUMENT })) }]]),
    );
  });

  it("a file that cannot be read names it", async () => {
    const missing = `${tempDir()}/nope.json`;
    const failure = loadCurrentPolicies(args([missing]), [ROLE]);
    await expect(failure).rejects.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toThrow(`--current ${missing}: cannot read it (ENOENT)`);
  });

  it("a file that is not JSON names it", async () => {
    const bad = file("bad.json", "{ not json");
    await expect(loadCurrentPolicies(args([bad]), [ROLE])).rejects.toThrow(new RegExp(`^--current ${bad}: the file is not valid JSON: `));
  });

  it("a document IAM would refuse names the file and the element at fault", async () => {
    const principal = file("trust.json", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] });
    await expect(loadCurrentPolicies(args([principal]), [ROLE])).rejects.toThrow(
      `--current ${principal}: Statement[0] has Principal: that is a resource-based policy, not an identity policy`,
    );
    const typo = file("typo.json", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Actions: "s3:*", Resource: "*" }] });
    await expect(loadCurrentPolicies(args([typo]), [ROLE])).rejects.toThrow(`--current ${typo}: Statement[0] has unknown element Actions`);
    const encoded = file("encoded.json", { PolicyDocument: "%7B%ZZ" });
    await expect(loadCurrentPolicies(args([encoded]), [ROLE])).rejects.toThrow(`--current ${encoded}: the policy document is malformed URL-encoded text`);
  });

  it("describes one role: several roles need --from-iam", async () => {
    const failure = loadCurrentPolicies(args([file("p.json", DOCUMENT)]), [ROLE, OTHER]);
    await expect(failure).rejects.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toThrow("--current describes one role's policies but 2 roles are selected; use --from-iam for several");
  });
});

describe("loadCurrentPolicies --from-iam against moto", () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(() => moto?.stop());
  afterEach(() => vi.unstubAllEnvs());

  it("finds the endpoint and credentials the way the SDK does and keys the result by role ARN", async () => {
    const setup = moto.iamClient();
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] });
    await setup.send(new CreateRoleCommand({ RoleName: "payments-task", Path: "/ecs/", AssumeRolePolicyDocument: trust }));
    await setup.send(new CreateRoleCommand({ RoleName: "orders-task", AssumeRolePolicyDocument: trust }));
    await setup.send(new PutRolePolicyCommand({ RoleName: "payments-task", PolicyName: "s3", PolicyDocument: JSON.stringify(DOCUMENT) }));
    const created = await setup.send(new CreatePolicyCommand({ PolicyName: "shared", PolicyDocument: JSON.stringify(DOCUMENT) }));
    await setup.send(new AttachRolePolicyCommand({ RoleName: "orders-task", PolicyArn: created.Policy!.Arn! }));
    setup.destroy();

    vi.stubEnv("AWS_ENDPOINT_URL_IAM", moto.endpoint);
    vi.stubEnv("AWS_ENDPOINT_URL_STS", moto.endpoint);
    vi.stubEnv("AWS_ACCESS_KEY_ID", MOTO_CREDENTIALS.accessKeyId);
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", MOTO_CREDENTIALS.secretAccessKey);
    vi.stubEnv("AWS_SESSION_TOKEN", "");
    vi.stubEnv("AWS_PROFILE", "");
    // Role ARNs as CloudTrail shows them; the account is moto's.
    const roles = [
      { arn: `arn:aws:iam::${MOTO_ACCOUNT}:role/ecs/payments-task`, name: "payments-task" },
      { arn: `arn:aws:iam::${MOTO_ACCOUNT}:role/orders-task`, name: "orders-task" },
    ];
    const loaded = await loadCurrentPolicies(parse("--from-iam"), roles);

    expect(loaded).toEqual(
      new Map([
        [roles[0]!.arn, { roleArn: roles[0]!.arn, policies: [{ source: "inline s3", kind: "inline", document: DOCUMENT }] }],
        [roles[1]!.arn, { roleArn: roles[1]!.arn, policies: [{ source: created.Policy!.Arn!, kind: "managed", document: DOCUMENT }] }],
      ]),
    );
  });

  it("an IAM user's ARN is not a role", async () => {
    await expect(loadCurrentPolicies(parse("--from-iam"), [{ arn: "arn:aws:iam::111122223333:user/ci", name: "ci" }])).rejects.toThrow(
      "--from-iam reads the policies of roles; arn:aws:iam::111122223333:user/ci is not a role ARN",
    );
  });
});
