import { Readable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { listClusterArns } from "../../../src/aws/ecs/cluster-services.js";
import { createEcsClient, ECS_MAX_ATTEMPTS } from "../../../src/aws/ecs/ecs-client.js";
import { UsageError } from "../../../src/usage-error.js";
import { withoutWaiting } from "../../support/without-waiting.js";

/*
 * aws-sdk-client-mock replaces the client's send(), so the SDK's retry middleware never runs under
 * it. Retries are tested one level down instead, as for IAM: a request handler answering with the
 * bytes ECS sends (JSON 1.1 protocol), so the real middleware stack classifies, backs off and retries.
 */

const THROTTLED = JSON.stringify({ __type: "ThrottlingException", message: "Rate exceeded" });
const OK: Record<string, string> = {
  ListClusters: JSON.stringify({ clusterArns: ["arn:aws:ecs:us-east-1:111122223333:cluster/prod"] }),
};

/** An HTTP handler that throttles the first `throttled` requests, then answers. */
function fakeEcs(throttled: number) {
  const requests: string[] = [];
  const hosts: string[] = [];
  const handler = {
    handle: async (request: { headers: Record<string, string>; hostname?: string; port?: number }) => {
      const action = (request.headers["x-amz-target"] ?? "?").split(".").pop() ?? "?";
      requests.push(action);
      hosts.push(`${request.hostname}:${request.port ?? ""}`);
      const throttle = requests.length <= throttled;
      const body = throttle ? THROTTLED : OK[action];
      if (body === undefined) throw new Error(`fake ECS: no answer for ${action}`);
      return {
        response: {
          statusCode: throttle ? 400 : 200,
          reason: throttle ? "Bad Request" : "OK",
          headers: { "content-type": "application/x-amz-json-1.1" },
          body: Readable.from([Buffer.from(body)]),
        },
      };
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
  };
  const client = createEcsClient({ region: "us-east-1", config: { credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, requestHandler: handler as never } });
  return { client, requests, hosts };
}

const context = { prefix: "ecs roles", region: "us-east-1" };

describe("createEcsClient", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("retries throttling with backoff and then succeeds", async () => {
    const { client, requests } = fakeEcs(3);
    const result = await withoutWaiting(() => listClusterArns(client, context));
    expect(result).toEqual({ status: "fulfilled", value: ["arn:aws:ecs:us-east-1:111122223333:cluster/prod"] });
    expect(requests).toEqual(Array(4).fill("ListClusters"));
  });

  it(`gives up after ${ECS_MAX_ATTEMPTS} attempts with a usage error`, async () => {
    const { client, requests } = fakeEcs(Number.POSITIVE_INFINITY);
    const result = await withoutWaiting(() => listClusterArns(client, context));
    expect(result.status).toBe("rejected");
    const reason = result.status === "rejected" ? (result.reason as Error) : undefined;
    expect(reason).toBeInstanceOf(UsageError);
    expect(reason?.message).toBe(`ecs roles: ECS ListClusters in us-east-1 was still throttled after ${ECS_MAX_ATTEMPTS} attempts; try again later`);
    expect(requests).toEqual(Array(ECS_MAX_ATTEMPTS).fill("ListClusters"));
  });

  it("takes the endpoint from AWS_ENDPOINT_URL_ECS, as end-to-end tests rely on", async () => {
    vi.stubEnv("AWS_ENDPOINT_URL_ECS", "http://127.0.0.1:9/");
    const { client, hosts } = fakeEcs(0);
    await listClusterArns(client, context);
    expect(new Set(hosts)).toEqual(new Set(["127.0.0.1:9"]));
  });
});
