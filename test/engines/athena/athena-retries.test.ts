import { EventEmitter } from "node:events";
import { Readable } from "node:stream";
import type { AthenaClient } from "@aws-sdk/client-athena";
import { describe, expect, it } from "vitest";
import { ATHENA_MAX_ATTEMPTS, createAthenaClient } from "../../../src/aws/athena/athena-client.js";
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

  function fakeAthena(throttled: Record<string, readonly string[]>) {
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
            statusCode: code === undefined ? 200 : 400,
            reason: code === undefined ? "OK" : "Bad Request",
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
});
