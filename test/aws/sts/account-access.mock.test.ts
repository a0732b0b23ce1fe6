import { rmSync } from "node:fs";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { accountAccess, assumedRoleArn } from "../../../src/aws/sts/account-access.js";
import { createStsClient, STS_MAX_ATTEMPTS } from "../../../src/aws/sts/sts-client.js";
import { main } from "../../../src/cli/main.js";
import { UsageError } from "../../../src/usage-error.js";
import { ACCOUNT, deliveryKey, recordsGzip, roleEvent, tempDir, writeFile } from "../../support/trail.js";

// Answers shaped as STS sends them (STS API reference, GetCallerIdentity and AssumeRole).
const CALLER = "999988887777";
const CALLER_ARN = `arn:aws:sts::${CALLER}:assumed-role/tighten-drift/ci`;
const metadata = { httpStatusCode: 200, requestId: "r", attempts: 1, totalRetryDelay: 0 };
const credentials = (key: string, expiration: Date) => ({ AccessKeyId: key, SecretAccessKey: "s", SessionToken: "t", Expiration: expiration });
const later = () => new Date(Date.now() + 60 * 60 * 1000);

function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode: 403, attempts: 1 } });
}

const sts = mockClient(STSClient);
// The next file in this worker gets the real client.
afterAll(() => {
  sts.restore();
});
const options = { region: "us-east-1", config: { credentials: { accessKeyId: "testing", secretAccessKey: "testing" } } };

beforeEach(() => {
  sts.reset();
  sts.on(GetCallerIdentityCommand).resolves({ $metadata: metadata, Account: CALLER, Arn: CALLER_ARN, UserId: "AROA:ci" });
});

describe("accountAccess", () => {
  it("the caller's own account keeps the caller's credentials: no role is assumed", async () => {
    const access = accountAccess({ ...options, prefix: "--from-iam", assumeRole: "tighten-reader" });
    expect(await access.credentialsFor({ partition: "aws", account: CALLER }, "role app-task")).toBeUndefined();
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(0);
    access.destroy();
  });

  it("assumes NAME in another account once, asks who the caller is once, and hands the same credentials to every client", async () => {
    sts.on(AssumeRoleCommand).resolves({ $metadata: metadata, Credentials: credentials("ASIA1", later()) });
    const access = accountAccess({ ...options, prefix: "--from-iam", assumeRole: "tighten-reader" });
    const provider = await access.credentialsFor({ partition: "aws", account: ACCOUNT }, "role app-task");
    const again = await access.credentialsFor({ partition: "aws", account: ACCOUNT }, "role worker-task");
    expect((await provider!()).accessKeyId).toBe("ASIA1");
    expect((await again!()).accessKeyId).toBe("ASIA1");
    expect(sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input)).toEqual([{ RoleArn: `arn:aws:iam::${ACCOUNT}:role/tighten-reader`, RoleSessionName: "tighten" }]);
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(1);
    access.destroy();
  });

  it("assumes the role again when its credentials near expiry, as the SDK refreshes its own", async () => {
    sts.on(AssumeRoleCommand).resolvesOnce({ $metadata: metadata, Credentials: credentials("ASIA1", new Date(Date.now() + 60 * 1000)) }).resolves({ $metadata: metadata, Credentials: credentials("ASIA2", later()) });
    const access = accountAccess({ ...options, prefix: "--from-iam", assumeRole: "tighten-reader" });
    const provider = await access.credentialsFor({ partition: "aws", account: ACCOUNT }, "role app-task");
    expect((await provider!()).accessKeyId).toBe("ASIA2");
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
    access.destroy();
  });

  it("builds the role ARN in the role's partition", async () => {
    sts.on(GetCallerIdentityCommand).resolves({ $metadata: metadata, Account: CALLER, Arn: `arn:aws-us-gov:sts::${CALLER}:assumed-role/tighten-drift/ci` });
    sts.on(AssumeRoleCommand).resolves({ $metadata: metadata, Credentials: credentials("ASIA1", later()) });
    const access = accountAccess({ ...options, prefix: "--from-iam", assumeRole: "audit/tighten-reader" });
    await access.credentialsFor({ partition: "aws-us-gov", account: ACCOUNT }, "role app-task");
    expect(sts.commandCalls(AssumeRoleCommand)[0]?.args[0].input.RoleArn).toBe(`arn:aws-us-gov:iam::${ACCOUNT}:role/audit/tighten-reader`);
    expect(assumedRoleArn({ partition: "aws-cn", account: ACCOUNT }, "tighten-reader")).toBe(`arn:aws-cn:iam::${ACCOUNT}:role/tighten-reader`);
    access.destroy();
  });

  it("refuses another partition than the caller's, naming both", async () => {
    const access = accountAccess({ ...options, prefix: "--from-iam", assumeRole: "tighten-reader" });
    await expect(access.credentialsFor({ partition: "aws-cn", account: ACCOUNT }, "role app-task")).rejects.toThrow(
      new UsageError(`--from-iam: role app-task is in partition aws-cn (account ${ACCOUNT}), not the caller's aws: no role can be assumed across partitions; run tighten with credentials of aws-cn`),
    );
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(0);
  });

  it("without --assume-role, another account is a usage error naming the subject and both accounts", async () => {
    const access = accountAccess({ ...options, prefix: "ecs roles" });
    await expect(access.credentialsFor({ partition: "aws", account: ACCOUNT }, "cluster prod")).rejects.toThrow(
      new UsageError(`ecs roles: cluster prod is in account ${ACCOUNT}, not the caller's ${CALLER}: add --assume-role NAME (a role in ${ACCOUNT} that tighten may assume)`),
    );
  });

  it("AssumeRole denied (AWS says the same for a role that does not exist): one line naming the role ARN it tried", async () => {
    sts.on(AssumeRoleCommand).rejects(awsError("AccessDenied", `User: ${CALLER_ARN} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/tighten-reader`));
    const access = accountAccess({ ...options, prefix: "--from-iam", assumeRole: "tighten-reader" });
    await expect(access.credentialsFor({ partition: "aws", account: ACCOUNT }, "role app-task")).rejects.toThrow(
      new UsageError(
        `--from-iam: sts:AssumeRole of arn:aws:iam::${ACCOUNT}:role/tighten-reader was denied: the role must exist in account ${ACCOUNT} and trust ${CALLER_ARN}, and the caller must be allowed sts:AssumeRole on it (templates/stackset/tighten-reader.yaml creates it)`,
      ),
    );
  });

  it("GetCallerIdentity that cannot get through names the call", async () => {
    sts.on(GetCallerIdentityCommand).rejects(Object.assign(awsError("ThrottlingException", "Rate exceeded"), { $metadata: { httpStatusCode: 400, attempts: STS_MAX_ATTEMPTS } }));
    const access = accountAccess({ ...options, prefix: "--from-iam" });
    await expect(access.caller()).rejects.toThrow(
      new UsageError(`--from-iam: STS GetCallerIdentity (which account the credentials are of) was still throttled after ${STS_MAX_ATTEMPTS} attempts; try again later`),
    );
  });

  it("STS clients make as many attempts as IAM's, with the SDK's standard retries", async () => {
    const client = await createStsClient(options);
    expect(await client.config.maxAttempts()).toBe(STS_MAX_ATTEMPTS);
    client.destroy();
  });
});

describe("tighten diff --from-iam --assume-role when AssumeRole is denied (in process)", () => {
  const logs = tempDir();
  afterAll(() => rmSync(logs, { recursive: true, force: true }));
  afterEach(() => vi.restoreAllMocks());

  it("exits 2 with one line naming the role ARN, before IAM is asked anything", async () => {
    writeFile(logs, deliveryKey(ACCOUNT, "us-east-1", "2026-11-02"), recordsGzip([roleEvent("ecs/app-task", "sts.amazonaws.com", "GetCallerIdentity")]));
    sts.on(AssumeRoleCommand).rejects(awsError("AccessDenied", "not authorized"));
    vi.stubEnv("AWS_ACCESS_KEY_ID", "testing");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "testing");
    vi.stubEnv("AWS_REGION", "us-east-1");
    // Nothing listens here: an IAM request would fail with another message.
    vi.stubEnv("AWS_ENDPOINT_URL_IAM", "http://127.0.0.1:9");
    const stderr: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      stderr.push(String(chunk));
      return true;
    });
    const code = await main(["diff", "--logs", logs, "--role", "app-task", "--from-iam", "--assume-role", "tighten-reader", "--quiet"]);
    vi.unstubAllEnvs();
    expect(code).toBe(2);
    expect(stderr.join("")).toBe(
      `tighten: --from-iam: sts:AssumeRole of arn:aws:iam::${ACCOUNT}:role/tighten-reader was denied: the role must exist in account ${ACCOUNT} and trust ${CALLER_ARN}, and the caller must be allowed sts:AssumeRole on it (templates/stackset/tighten-reader.yaml creates it)\n`,
    );
  });
});
