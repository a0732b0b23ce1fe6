import { Readable } from "node:stream";
import { DescribeTrailsCommand, type CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { afterEach, describe, expect, it } from "vitest";
import { CLOUDTRAIL_MAX_ATTEMPTS, createCloudTrailClient } from "../../../src/aws/cloudtrail/cloudtrail-client.js";
import { readTrailConfig } from "../../../src/aws/cloudtrail/read-trail.js";
import { UsageError } from "../../../src/usage-error.js";
import { withoutWaiting } from "../../support/without-waiting.js";

const CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" };
let clients: CloudTrailClient[] = [];
afterEach(() => {
  for (const client of clients) client.destroy();
  clients = [];
});

/*
 * aws-sdk-client-mock replaces send(), so the SDK's retry middleware never runs under it. Retries
 * are tested one level down: a request handler answering with the bytes CloudTrail sends.
 */
describe("createCloudTrailClient", () => {
  function fakeCloudTrail(throttled: number) {
    const requests: string[] = [];
    const handler = {
      handle: async (request: { headers: Record<string, string> }) => {
        const target = request.headers["x-amz-target"] ?? "?";
        requests.push(target.split(".").at(-1)!);
        const throttle = requests.length <= throttled;
        const body = throttle
          ? JSON.stringify({ __type: "ThrottlingException", message: "Rate exceeded" })
          : JSON.stringify({ trailList: [{ Name: "audit", S3BucketName: "b-logs", HomeRegion: "eu-west-1", TrailARN: "arn:aws:cloudtrail:eu-west-1:111122223333:trail/audit" }] });
        return {
          response: { statusCode: throttle ? 400 : 200, headers: { "content-type": "application/x-amz-json-1.1" }, body: Readable.from([Buffer.from(body)]) },
        };
      },
      updateHttpClientConfig: () => undefined,
      httpHandlerConfigs: () => ({}),
    };
    const client = createCloudTrailClient({ region: "eu-west-1", config: { credentials: CREDENTIALS, requestHandler: handler as never } });
    clients.push(client);
    return { client, requests };
  }

  it("retries throttling with backoff and then succeeds", async () => {
    const { client, requests } = fakeCloudTrail(2);
    const result = await withoutWaiting(() => client.send(new DescribeTrailsCommand({ trailNameList: ["audit"] })));
    expect(result.status).toBe("fulfilled");
    expect(requests).toEqual(["DescribeTrails", "DescribeTrails", "DescribeTrails"]);
  });

  it(`gives up after ${CLOUDTRAIL_MAX_ATTEMPTS} attempts with a usage error`, async () => {
    const { client, requests } = fakeCloudTrail(Number.POSITIVE_INFINITY);
    const result = await withoutWaiting(() => readTrailConfig(() => client, "eu-west-1", "audit"));
    expect(result.status).toBe("rejected");
    const reason = result.status === "rejected" ? (result.reason as Error) : undefined;
    expect(reason).toBeInstanceOf(UsageError);
    expect(reason?.message).toBe(`--trail audit: CloudTrail DescribeTrails in eu-west-1 was still throttled after ${CLOUDTRAIL_MAX_ATTEMPTS} attempts; try again later`);
    expect(requests).toEqual(Array(CLOUDTRAIL_MAX_ATTEMPTS).fill("DescribeTrails"));
  });
});
