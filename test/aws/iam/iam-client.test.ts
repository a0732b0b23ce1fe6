import { Readable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { currentRolePolicies } from "../../../src/aws/iam/current-role-policies.js";
import { createIamClient, IAM_MAX_ATTEMPTS } from "../../../src/aws/iam/iam-client.js";
import { UsageError } from "../../../src/usage-error.js";
import { withoutWaiting } from "../../support/without-waiting.js";

/*
 * aws-sdk-client-mock replaces the client's send(), so the SDK's retry middleware never runs under
 * it. Retries are tested here one level down instead: a request handler answering with the bytes
 * IAM sends (Query protocol XML), so the real middleware stack classifies, backs off and retries.
 */

const XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/";
const THROTTLED = `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>t-1</RequestId></ErrorResponse>`;
const POLICY = encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }] }));

const OK: Record<string, string> = {
  GetRole: `<GetRoleResponse xmlns="${XMLNS}"><GetRoleResult><Role><Path>/ecs/</Path><RoleName>api-task</RoleName><RoleId>AROAEXAMPLE</RoleId><Arn>arn:aws:iam::111122223333:role/ecs/api-task</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate><AssumeRolePolicyDocument>%7B%7D</AssumeRolePolicyDocument></Role></GetRoleResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetRoleResponse>`,
  ListRolePolicies: `<ListRolePoliciesResponse xmlns="${XMLNS}"><ListRolePoliciesResult><PolicyNames><member>send</member></PolicyNames><IsTruncated>false</IsTruncated></ListRolePoliciesResult><ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata></ListRolePoliciesResponse>`,
  GetRolePolicy: `<GetRolePolicyResponse xmlns="${XMLNS}"><GetRolePolicyResult><RoleName>api-task</RoleName><PolicyName>send</PolicyName><PolicyDocument>${POLICY}</PolicyDocument></GetRolePolicyResult><ResponseMetadata><RequestId>r-3</RequestId></ResponseMetadata></GetRolePolicyResponse>`,
  ListAttachedRolePolicies: `<ListAttachedRolePoliciesResponse xmlns="${XMLNS}"><ListAttachedRolePoliciesResult><AttachedPolicies/><IsTruncated>false</IsTruncated></ListAttachedRolePoliciesResult><ResponseMetadata><RequestId>r-4</RequestId></ResponseMetadata></ListAttachedRolePoliciesResponse>`,
};

/** An HTTP handler that throttles the first `throttled` requests of each action, then answers. */
function fakeIam(throttled: number) {
  const requests: string[] = [];
  const hosts: string[] = [];
  const seen = new Map<string, number>();
  const handler = {
    handle: async (request: { body?: unknown; hostname?: string; port?: number }) => {
      const action = new URLSearchParams(String(request.body)).get("Action") ?? "?";
      requests.push(action);
      hosts.push(`${request.hostname}:${request.port ?? ""}`);
      const count = (seen.get(action) ?? 0) + 1;
      seen.set(action, count);
      const throttle = count <= throttled;
      const body = throttle ? THROTTLED : OK[action];
      if (body === undefined) throw new Error(`fake IAM: no answer for ${action}`);
      return {
        response: { statusCode: throttle ? 400 : 200, reason: throttle ? "Bad Request" : "OK", headers: { "content-type": "text/xml" }, body: Readable.from([Buffer.from(body)]) },
      };
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
  };
  const client = createIamClient({
    region: "us-east-1",
    config: { credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, requestHandler: handler as never },
  });
  return { client, requests, hosts };
}

describe("createIamClient", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("retries throttling with backoff and then succeeds", async () => {
    const { client, requests } = fakeIam(2);
    const result = await withoutWaiting(() => currentRolePolicies(client, ["api-task"]));
    expect(result.status).toBe("fulfilled");
    const policies = result.status === "fulfilled" ? result.value.get("api-task") : undefined;
    expect(policies).toEqual({
      roleArn: "arn:aws:iam::111122223333:role/ecs/api-task",
      policies: [{ source: "inline send", kind: "inline", document: JSON.parse(decodeURIComponent(POLICY)) }],
    });
    expect(requests.slice(0, 3)).toEqual(["GetRole", "GetRole", "GetRole"]);
  });

  it(`gives up after ${IAM_MAX_ATTEMPTS} attempts with a usage error`, async () => {
    const { client, requests } = fakeIam(Number.POSITIVE_INFINITY);
    const result = await withoutWaiting(() => currentRolePolicies(client, ["api-task"]));
    expect(result.status).toBe("rejected");
    const reason = result.status === "rejected" ? (result.reason as Error) : undefined;
    expect(reason).toBeInstanceOf(UsageError);
    expect(reason?.message).toBe(`--from-iam: IAM GetRole for role api-task was still throttled after ${IAM_MAX_ATTEMPTS} attempts; try again later`);
    expect(requests).toEqual(Array(IAM_MAX_ATTEMPTS).fill("GetRole"));
  });

  it("takes the endpoint from AWS_ENDPOINT_URL_IAM, as end-to-end tests rely on", async () => {
    vi.stubEnv("AWS_ENDPOINT_URL_IAM", "http://127.0.0.1:9/");
    const { client, hosts } = fakeIam(0);
    await currentRolePolicies(client, ["api-task"]);
    expect(new Set(hosts)).toEqual(new Set(["127.0.0.1:9"]));
  });

  it("falls back to us-east-1 when no region is configured (IAM is global)", async () => {
    vi.stubEnv("AWS_REGION", "");
    vi.stubEnv("AWS_DEFAULT_REGION", "");
    vi.stubEnv("AWS_CONFIG_FILE", "/nonexistent/aws-config");
    vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials");
    expect(await createIamClient().config.region()).toBe("us-east-1");
    vi.stubEnv("AWS_REGION", "cn-north-1");
    expect(await createIamClient().config.region()).toBe("cn-north-1");
    expect(await createIamClient({ region: "us-gov-west-1" }).config.region()).toBe("us-gov-west-1");
  });
});
