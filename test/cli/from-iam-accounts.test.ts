import { rmSync } from "node:fs";
import { AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, PutRolePolicyCommand, type IAMClient } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import yargs from "yargs";
import { loadCurrentPolicies, withCurrentPolicyOptions, type CurrentPolicyArgs } from "../../src/cli/current-policy-options.js";
import { createIamClient } from "../../src/aws/iam/iam-client.js";
import { createStsClient } from "../../src/aws/sts/sts-client.js";
import { UsageError } from "../../src/usage-error.js";
import { runWithEnv } from "../support/run-cli.js";
import { MOTO_ACCOUNT, MOTO_CREDENTIALS, MOTO_REGION, startMoto, type Moto } from "../support/moto.js";
import { ACCOUNT, deliveryKey, recordsGzip, roleEvent, tempDir, writeFile } from "../support/trail.js";

// moto's caller is its default account; the roles live in two others, and the caller's account
// has a same-named decoy whose wildcard policy must never be read in their place.
const CALLER = MOTO_ACCOUNT;
const A = "111122223333";
const B = "444455556666";
const READER = "tighten-reader";
const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] });
const allow = (bucket: string) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: `arn:aws:s3:::${bucket}/*` }] });
const WILDCARD = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
const roleArn = (account: string, name: string, path = "ecs/") => `arn:aws:iam::${account}:role/${path}${name}`;

let moto: Moto;
let logs: string;
let managedB: string;

/** An IAM client acting in `account`: moto gives AssumeRole credentials of the role's account (AWS-LOCAL.md). */
async function iamIn(account: string): Promise<IAMClient> {
  if (account === CALLER) return moto.iamClient();
  const sts = await createStsClient({ region: MOTO_REGION, config: { endpoint: moto.endpoint, credentials: MOTO_CREDENTIALS } });
  const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/setup`, RoleSessionName: "setup" }));
  sts.destroy();
  return createIamClient({ region: MOTO_REGION, config: { endpoint: moto.endpoint, credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! } } });
}

/** The example records' account swapped for `account`: the same role name, seen in another account. */
function eventIn(account: string, role: string): unknown {
  return JSON.parse(JSON.stringify(roleEvent(role, "sts.amazonaws.com", "GetCallerIdentity")).replaceAll(ACCOUNT, account));
}

beforeAll(async () => {
  moto = await startMoto();
  const a = await iamIn(A);
  await a.send(new CreateRoleCommand({ RoleName: "app-task", Path: "/ecs/", AssumeRolePolicyDocument: TRUST }));
  await a.send(new PutRolePolicyCommand({ RoleName: "app-task", PolicyName: "in-a", PolicyDocument: JSON.stringify(allow("bucket-a")) }));
  await a.send(new CreateRoleCommand({ RoleName: "worker-task", Path: "/ecs/", AssumeRolePolicyDocument: TRUST }));
  await a.send(new PutRolePolicyCommand({ RoleName: "worker-task", PolicyName: "worker", PolicyDocument: JSON.stringify(allow("bucket-w")) }));
  const b = await iamIn(B);
  await b.send(new CreateRoleCommand({ RoleName: "app-task", Path: "/ecs/", AssumeRolePolicyDocument: TRUST }));
  managedB = (await b.send(new CreatePolicyCommand({ PolicyName: "in-b", PolicyDocument: JSON.stringify(allow("bucket-b")) }))).Policy!.Arn!;
  await b.send(new AttachRolePolicyCommand({ RoleName: "app-task", PolicyArn: managedB }));
  const caller = await iamIn(CALLER);
  await caller.send(new CreateRoleCommand({ RoleName: "app-task", Path: "/ecs/", AssumeRolePolicyDocument: TRUST }));
  await caller.send(new PutRolePolicyCommand({ RoleName: "app-task", PolicyName: "decoy", PolicyDocument: JSON.stringify(WILDCARD) }));
  for (const client of [a, b, caller]) client.destroy();

  logs = tempDir();
  for (const account of [A, B]) {
    const events = [eventIn(account, "ecs/app-task"), ...(account === A ? [eventIn(account, "ecs/worker-task")] : [])];
    writeFile(logs, deliveryKey(account, "us-east-1", "2026-11-02", "AbCdEfGhIjKlMnOp", "o-a1b2c3d4e5"), recordsGzip(events));
  }
}, 60_000);
afterAll(() => {
  moto?.stop();
  if (logs !== undefined) rmSync(logs, { recursive: true, force: true });
});

function parse(...argv: string[]): CurrentPolicyArgs {
  return withCurrentPolicyOptions(yargs(argv))
    .strict()
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    })
    .parseSync();
}

describe("loadCurrentPolicies --from-iam over several accounts (moto)", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });
  const useMoto = () => {
    vi.stubEnv("AWS_ENDPOINT_URL_IAM", moto.endpoint);
    vi.stubEnv("AWS_ENDPOINT_URL_STS", moto.endpoint);
    vi.stubEnv("AWS_ACCESS_KEY_ID", MOTO_CREDENTIALS.accessKeyId);
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", MOTO_CREDENTIALS.secretAccessKey);
    vi.stubEnv("AWS_SESSION_TOKEN", "");
    vi.stubEnv("AWS_PROFILE", "");
    vi.stubEnv("AWS_REGION", MOTO_REGION);
  };
  const roles = [
    { arn: roleArn(A, "app-task"), name: "app-task" },
    { arn: roleArn(A, "worker-task"), name: "worker-task" },
    { arn: roleArn(B, "app-task"), name: "app-task" },
  ];

  it("reads each role in its own account through --assume-role: same name, each account's own policies", async () => {
    useMoto();
    const loaded = await loadCurrentPolicies(parse("--from-iam", "--assume-role", READER), roles);
    expect(loaded).toEqual(
      new Map([
        [roles[0]!.arn, { roleArn: roles[0]!.arn, policies: [{ source: "inline in-a", kind: "inline", document: allow("bucket-a") }] }],
        [roles[1]!.arn, { roleArn: roles[1]!.arn, policies: [{ source: "inline worker", kind: "inline", document: allow("bucket-w") }] }],
        [roles[2]!.arn, { roleArn: roles[2]!.arn, policies: [{ source: managedB, kind: "managed", document: allow("bucket-b") }] }],
      ]),
    );
    expect(managedB).toBe(`arn:aws:iam::${B}:policy/in-b`);
  });

  it("assumes NAME once per account, in that account, with session name tighten", async () => {
    useMoto();
    const send = vi.spyOn(STSClient.prototype, "send");
    await loadCurrentPolicies(parse("--from-iam", "--assume-role", READER), roles);
    const assumed = send.mock.calls.map(([command]) => command).filter((command) => command instanceof AssumeRoleCommand);
    expect(assumed.map((command) => command.input)).toEqual([
      { RoleArn: `arn:aws:iam::${A}:role/${READER}`, RoleSessionName: "tighten" },
      { RoleArn: `arn:aws:iam::${B}:role/${READER}`, RoleSessionName: "tighten" },
    ]);
  });

  it("reads a role of the caller's own account with the caller's credentials, beside one assumed", async () => {
    useMoto();
    const mine = { arn: roleArn(CALLER, "app-task"), name: "app-task" };
    const loaded = await loadCurrentPolicies(parse("--from-iam", "--assume-role", READER), [mine, roles[2]!]);
    expect(loaded?.get(mine.arn)?.policies).toEqual([{ source: "inline decoy", kind: "inline", document: WILDCARD }]);
    expect(loaded?.get(roles[2]!.arn)?.policies.map((policy) => policy.source)).toEqual([managedB]);
  });

  it("without --assume-role, a role of another account is refused, naming it and both accounts; the same-named role of the caller is not read", async () => {
    useMoto();
    await expect(loadCurrentPolicies(parse("--from-iam"), [roles[0]!])).rejects.toThrow(
      new UsageError(`--from-iam: role app-task is in account ${A}, not the caller's ${CALLER}: add --assume-role NAME (a role in ${A} that tighten may assume)`),
    );
  });

  it("--assume-role takes a role name, and only with --from-iam", async () => {
    await expect(loadCurrentPolicies(parse("--from-iam", "--assume-role", `arn:aws:iam::${A}:role/${READER}`), [roles[0]!])).rejects.toThrow(/^--assume-role arn:aws:iam::.*: give the role's name/);
    await expect(loadCurrentPolicies(parse("--assume-role", READER), [roles[0]!])).rejects.toThrow("--assume-role is how --from-iam reads other accounts' roles: add --from-iam");
  });
});

describe("tighten diff and drift --from-iam over an organization's logs (moto, the real process)", () => {
  const env = () => moto.cliEnv("IAM", "STS");

  it("diff: each same-named role is judged against its own account's policy", async () => {
    const result = await runWithEnv(env(), "diff", "--logs", logs, "--role", "app-task", "--from-iam", "--assume-role", READER, "--format", "json", "--quiet");
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { roles: { role: string; current: { source: string }[] }[] };
    expect(report.roles.map((role) => [role.role, role.current.map((policy) => policy.source)])).toEqual([
      [roleArn(A, "app-task"), ["inline in-a"]],
      [roleArn(B, "app-task"), [managedB]],
    ]);
  });

  it("diff without --assume-role: exit 2, one line naming the role and the account", async () => {
    const result = await runWithEnv(env(), "diff", "--logs", logs, "--role", "app-task", "--from-iam", "--quiet");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`tighten: --from-iam: role app-task is in account ${A}, not the caller's ${CALLER}: add --assume-role NAME (a role in ${A} that tighten may assume)\n`);
  });

  it("drift --from-iam reads the baselines the same way, and refuses the same way", async () => {
    const read = await runWithEnv(env(), "drift", "--logs", logs, "--all-roles", "--from-iam", "--assume-role", READER, "--since", "2026-11-01", "--until", "2026-11-03", "--format", "json", "--quiet");
    expect(read.code, read.stderr).toBe(0);
    const report = JSON.parse(read.stdout) as { roles: { role: string; baseline: string[] }[] };
    expect(report.roles.map((role) => [role.role, role.baseline])).toEqual([
      [roleArn(A, "app-task"), ["inline in-a"]],
      [roleArn(A, "worker-task"), ["inline worker"]],
      [roleArn(B, "app-task"), [managedB]],
    ]);
    const refused = await runWithEnv(env(), "drift", "--logs", logs, "--all-roles", "--from-iam", "--since", "2026-11-01", "--until", "2026-11-03", "--quiet");
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toMatch(new RegExp(`^tighten: --from-iam: role \\S+ is in account ${A}, not the caller's ${CALLER}: add --assume-role NAME`));
  });
});
