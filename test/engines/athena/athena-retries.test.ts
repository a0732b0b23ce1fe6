import { EventEmitter } from "node:events";
import { createServer } from "node:net";
import { Readable } from "node:stream";
import type { AthenaClient } from "@aws-sdk/client-athena";
import { describe, expect, it } from "vitest";
import { ATHENA_MAX_ATTEMPTS, createAthenaClient } from "../../../src/aws/athena/athena-client.js";
import { failureExit } from "../../../src/cli/exit-codes.js";
import { runAthenaQuery, type QuerySettings } from "../../../src/engines/athena/athena-query.js";
import { UsageError } from "../../../src/usage-error.js";
import { withoutWaiting } from "../../support/without-waiting.js";
import { resultPages } from "./athena-wire.js";

const QUERY = { sql: 'SELECT principal FROM "tighten"."cloudtrail" WHERE TRUE', parameters: [] };
const ID = "4b2f7c1e-0000-4000-8000-000000000001";
const STATISTICS = { DataScannedInBytes: 10, TotalExecutionTimeInMillis: 800, EngineExecutionTimeInMillis: 700 };

function settings(client: AthenaClient): QuerySettings {
  return {
    client,
    target: { database: "tighten", table: "cloudtrail", workgroup: "primary" },
    timeoutSeconds: 30,
    poll: { firstMs: 1, maxMs: 4 },
    interrupts: new EventEmitter(),
  };
}

/*
 * aws-sdk-client-mock replaces send(), so the SDK's retry middleware never runs under it. Here the
 * real middleware stack classifies, backs off and retries: a request handler answers with the bytes
 * Athena sends (JSON 1.1 protocol), throttling the first requests of each call.
 */
describe("throttling through the SDK's own retries", () => {
  const OK: Record<string, unknown> = {
    StartQueryExecution: { QueryExecutionId: ID },
    GetQueryExecution: { QueryExecution: { QueryExecutionId: ID, Status: { State: "SUCCEEDED" }, Statistics: STATISTICS } },
    GetQueryResults: resultPages([{ name: "principal", type: "varchar" }], [["arn:aws:iam::111122223333:role/api"]])[0],
  };

  function fakeAthena(throttled: Record<string, readonly string[]>, status = 400) {
    const requests: string[] = [];
    const seen = new Map<string, number>();
    const handler = {
      handle: async (request: { headers: Record<string, string> }) => {
        const action = (request.headers["x-amz-target"] ?? "").replace("AmazonAthena.", "");
        requests.push(action);
        const count = seen.get(action) ?? 0;
        seen.set(action, count + 1);
        const code = throttled[action]?.[count];
        const body = code === undefined ? JSON.stringify(OK[action]) : JSON.stringify({ __type: code, Message: "Rate exceeded" });
        return {
          response: {
            statusCode: code === undefined ? 200 : status,
            reason: code === undefined ? "OK" : "Error",
            headers: { "content-type": "application/x-amz-json-1.1" },
            body: Readable.from([Buffer.from(body)]),
          },
        };
      },
      updateHttpClientConfig: () => undefined,
      httpHandlerConfigs: () => ({}),
    };
    const real = createAthenaClient({
      region: "eu-west-1",
      config: { credentials: { accessKeyId: "testing", secretAccessKey: "testing" }, requestHandler: handler as never },
    });
    return { client: real, requests };
  }

  it(`configures the client with ${ATHENA_MAX_ATTEMPTS} attempts`, async () => {
    const client = createAthenaClient({ region: "eu-west-1" });
    expect(await client.config.maxAttempts()).toBe(ATHENA_MAX_ATTEMPTS);
    client.destroy();
  });

  it("retries ThrottlingException and TooManyRequestsException, then succeeds", async () => {
    const { client: real, requests } = fakeAthena({
      StartQueryExecution: ["ThrottlingException", "TooManyRequestsException"],
      GetQueryExecution: ["ThrottlingException"],
    });
    const result = await withoutWaiting(() => runAthenaQuery("principals", QUERY, settings(real)));
    real.destroy();
    expect(result.status).toBe("fulfilled");
    expect(result.status === "fulfilled" ? result.value.rows : undefined).toEqual([{ principal: "arn:aws:iam::111122223333:role/api" }]);
    expect(requests).toEqual([
      "StartQueryExecution",
      "StartQueryExecution",
      "StartQueryExecution",
      "GetQueryExecution",
      "GetQueryExecution",
      "GetQueryResults",
    ]);
  });

  it(`gives up after ${ATHENA_MAX_ATTEMPTS} attempts with a usage error`, async () => {
    const { client: real, requests } = fakeAthena({ StartQueryExecution: Array(20).fill("TooManyRequestsException") });
    const result = await withoutWaiting(() => runAthenaQuery("principals", QUERY, settings(real)));
    real.destroy();
    expect(result.status).toBe("rejected");
    const reason = result.status === "rejected" ? (result.reason as Error) : undefined;
    expect(reason).toBeInstanceOf(UsageError);
    expect(reason?.message).toBe(
      `--engine athena: Athena StartQueryExecution in workgroup primary was still throttled after ${ATHENA_MAX_ATTEMPTS} attempts; try again later`,
    );
    expect(requests).toEqual(Array(ATHENA_MAX_ATTEMPTS).fill("StartQueryExecution"));
  });

  it("an error code tighten does not know is one line naming the call (exit 2), not a bug", async () => {
    const { client: real, requests } = fakeAthena({ StartQueryExecution: ["MetadataException"] });
    const result = await withoutWaiting(() => runAthenaQuery("principals", QUERY, settings(real)));
    real.destroy();
    const reason = result.status === "rejected" ? result.reason : undefined;
    expect(reason).toBeInstanceOf(UsageError);
    expect((reason as Error).message).toBe(
      "--engine athena: Athena StartQueryExecution in workgroup primary failed: MetadataException (HTTP 400): Rate exceeded",
    );
    expect(requests).toEqual(["StartQueryExecution"]);
  });

  it("AWS's own failures (HTTP 500) are retried, then one line saying the fault is AWS's", async () => {
    const { client: real, requests } = fakeAthena({ StartQueryExecution: Array(20).fill("InternalServerException") }, 500);
    const result = await withoutWaiting(() => runAthenaQuery("principals", QUERY, settings(real)));
    real.destroy();
    const reason = result.status === "rejected" ? (result.reason as Error) : undefined;
    expect(reason?.message).toMatch(/^--engine athena: Athena StartQueryExecution in workgroup primary failed: InternalServerException \(HTTP 500\): .*; the fault is on AWS's side: try again later$/);
    expect(requests).toEqual(Array(ATHENA_MAX_ATTEMPTS).fill("StartQueryExecution"));
  });
});

/*
 * No answer at all: a real client, its real HTTP handler and retries, and an endpoint where nothing
 * listens or whose name does not resolve. The SDK's backoff runs on faked timers.
 */
describe("an endpoint that does not answer", () => {
  /** A loopback port that was free a moment ago and is closed now: connecting is refused. */
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }

  function clientAt(endpoint: string): AthenaClient {
    return createAthenaClient({ region: "eu-west-1", config: { endpoint, credentials: { accessKeyId: "testing", secretAccessKey: "testing" } } });
  }

  it("connection refused: one line naming the endpoint and the attempts, exit 2", async () => {
    const port = await closedPort();
    const client = clientAt(`http://127.0.0.1:${port}`);
    const result = await withoutWaiting(() => runAthenaQuery("principals", QUERY, settings(client)));
    client.destroy();
    const reason = result.status === "rejected" ? result.reason : undefined;
    expect(reason).toBeInstanceOf(UsageError);
    expect((reason as Error).message).toBe(
      `--engine athena: Athena StartQueryExecution in workgroup primary could not reach 127.0.0.1:${port} (ECONNREFUSED, ${ATHENA_MAX_ATTEMPTS} attempts); check the network, the region and any AWS_ENDPOINT_URL setting`,
    );
    let written = "";
    expect(failureExit(reason, { debug: false, write: (text) => (written += text) })).toBe(2);
    expect(written).toBe(`tighten: ${(reason as Error).message}\n`);
  });

  it("a name that does not resolve: one line, exit 2", async () => {
    const client = clientAt("http://athena.tighten-test.invalid");
    const result = await withoutWaiting(() => runAthenaQuery("principals", QUERY, settings(client)));
    client.destroy();
    const reason = result.status === "rejected" ? result.reason : undefined;
    expect(reason).toBeInstanceOf(UsageError);
    // ENOTFOUND where a resolver answers, EAI_AGAIN where none is reachable (a sandbox).
    expect((reason as Error).message).toMatch(
      /^--engine athena: Athena StartQueryExecution in workgroup primary could not reach athena\.tighten-test\.invalid \((ENOTFOUND|EAI_AGAIN), \d+ attempts?\); check the network/,
    );
    expect(failureExit(reason, { debug: false, write: () => undefined })).toBe(2);
  });
});
