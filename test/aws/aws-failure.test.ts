import { createServer } from "node:net";
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { awsServiceError, classifyAwsError, commonFailureMessage, uncontextualizedAwsMessage } from "../../src/aws/aws-failure.js";
import { createIamClient } from "../../src/aws/iam/iam-client.js";
import { iamCallError } from "../../src/aws/iam/iam-errors.js";
import { UsageError } from "../../src/usage-error.js";
import { withoutWaiting } from "../support/without-waiting.js";

const CONTEXT = { prefix: "--from-iam", callDescription: "IAM GetRole for role api-task", maxAttempts: 8 };

/** A Node socket error as it leaves the SDK: the retry strategy adds $metadata. */
function socketError(code: string, fields: Record<string, unknown>, attempts = 8): Error {
  return Object.assign(new Error(`${code} ${JSON.stringify(fields)}`), { code, ...fields, $metadata: { attempts, totalRetryDelay: 100 } });
}

describe("classifyAwsError: every failure of an AWS call is one of the kinds", () => {
  it("a refused connection, an unknown host, a timeout: unreachable, with the endpoint when the error says it", () => {
    expect(classifyAwsError(socketError("ECONNREFUSED", { address: "127.0.0.1", port: 4566 }))).toEqual({ kind: "unreachable", code: "ECONNREFUSED", endpoint: "127.0.0.1:4566", attempts: 8 });
    expect(classifyAwsError(socketError("ENOTFOUND", { hostname: "iam.amazonaws.com" }))).toMatchObject({ kind: "unreachable", endpoint: "iam.amazonaws.com" });
    expect(classifyAwsError(socketError("ECONNREFUSED", { address: "::1", port: 443 }))).toMatchObject({ endpoint: "[::1]:443" });
    const timeout = Object.assign(new Error("Connection timed out after 1000 ms"), { name: "TimeoutError", $metadata: { attempts: 3 } });
    expect(classifyAwsError(timeout)).toEqual({ kind: "unreachable", code: "TimeoutError", endpoint: undefined, attempts: 3 });
  });

  it("any other answer is left to the service modules to pass on, and is still an AWS error: a server fault when 5xx", () => {
    const unavailable = Object.assign(new Error("Service Unavailable"), { name: "ServiceUnavailable", $fault: "server", $metadata: { httpStatusCode: 503 } });
    expect(classifyAwsError(unavailable)).toBeUndefined();
    expect(awsServiceError(unavailable)).toEqual({ kind: "service-error", code: "ServiceUnavailable", status: 503, server: true, detail: "Service Unavailable" });
    const validation = Object.assign(new Error("1 validation error\ndetected"), { name: "ValidationError", $fault: "client", $metadata: { httpStatusCode: 400 } });
    expect(awsServiceError(validation)).toMatchObject({ kind: "service-error", server: false, detail: "1 validation error detected" });
    expect(awsServiceError(new TypeError("a bug"))).toBeUndefined();
  });

  it("is undefined for an error that never went through an SDK client: a bug, or tighten's own stdout", () => {
    expect(classifyAwsError(new TypeError("x is undefined"))).toBeUndefined();
    expect(classifyAwsError(Object.assign(new Error("write EPIPE"), { code: "EPIPE", syscall: "write" }))).toBeUndefined();
    expect(classifyAwsError("ECONNREFUSED")).toBeUndefined();
  });
});

describe("the messages", () => {
  it("name the call, the endpoint and the remedy", () => {
    const failure = classifyAwsError(socketError("ECONNREFUSED", { address: "127.0.0.1", port: 4566 }))!;
    expect(commonFailureMessage(failure, CONTEXT)).toBe(
      "--from-iam: IAM GetRole for role api-task could not reach 127.0.0.1:4566 (ECONNREFUSED, 8 attempts); check the network, the region and any AWS_ENDPOINT_URL setting",
    );
    const unavailable = Object.assign(new Error("try later"), { name: "InternalFailure", $fault: "server", $metadata: { httpStatusCode: 500 } });
    expect(commonFailureMessage(awsServiceError(unavailable)!, CONTEXT)).toBe(
      "--from-iam: IAM GetRole for role api-task failed: InternalFailure (HTTP 500): try later; the fault is on AWS's side: try again later",
    );
  });

  it("reach every service module through the shared classifier: IAM turns them into a usage error", () => {
    const error = iamCallError(socketError("ENOTFOUND", { hostname: "iam.amazonaws.com" }), "GetRole", "role api-task");
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^--from-iam: IAM GetRole for role api-task could not reach iam\.amazonaws\.com \(ENOTFOUND, 8 attempts\)/);
  });

  it("without a call's context, say what the error says", () => {
    const denied = Object.assign(new Error("User is not authorized"), { name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    expect(uncontextualizedAwsMessage(denied)).toBe("AWS: a request was denied (AccessDenied: User is not authorized)");
    const outage = Object.assign(new Error("We encountered an internal error"), { name: "ServerException", $fault: "server", $metadata: {} });
    expect(uncontextualizedAwsMessage(outage)).toBe("AWS: a request failed: ServerException: We encountered an internal error; the fault is on AWS's side: try again later");
    expect(uncontextualizedAwsMessage(new Error("a bug"))).toBeUndefined();
  });
});

describe("what the SDK really throws for a closed port", () => {
  it("is classified unreachable, naming the port", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const client = createIamClient({ region: "us-east-1", config: { endpoint: `http://127.0.0.1:${port}`, credentials: { accessKeyId: "x", secretAccessKey: "x" } } });
    // Every attempt is made, without waiting out the backoff between them (seconds).
    const sent = await withoutWaiting(() => client.send(new GetRoleCommand({ RoleName: "api-task" })));
    client.destroy();
    expect(sent.status).toBe("rejected");
    const error = (sent as PromiseRejectedResult).reason as unknown;
    expect(classifyAwsError(error)).toMatchObject({ kind: "unreachable", code: "ECONNREFUSED", endpoint: `127.0.0.1:${port}`, attempts: 8 });
  });
});
