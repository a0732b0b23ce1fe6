import { DescribeParametersCommand, SSMClient } from "@aws-sdk/client-ssm";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { readParameterEncryption } from "../../../src/aws/secrets/parameter-encryption.js";
import { secretsClients, type SecretsClients } from "../../../src/aws/secrets/secrets-clients.js";

const metadata = { httpStatusCode: 200, requestId: "r", attempts: 1, totalRetryDelay: 0 };
const ssm = mockClient(SSMClient);
// The next file in this worker gets the real client.
afterAll(() => {
  ssm.restore();
});
let clients: SecretsClients;

beforeEach(() => {
  ssm.reset();
  clients = secretsClients({ config: { credentials: { accessKeyId: "testing", secretAccessKey: "testing" } } });
});
afterEach(() => clients.destroy());

describe("readParameterEncryption", () => {
  it("filters on the exact name and reads on past empty pages until it turns up", async () => {
    // Parameter Store applies the filter after paging: an empty page with a NextToken is normal.
    ssm.on(DescribeParametersCommand).resolvesOnce({ $metadata: metadata, Parameters: [], NextToken: "t1" }).resolvesOnce({
      $metadata: metadata,
      Parameters: [{ Name: "/app/token", ARN: "arn:aws:ssm:us-east-1:111122223333:parameter/app/token", Type: "SecureString", KeyId: "alias/app", Version: 3 }],
    });
    expect(await readParameterEncryption(clients.ssm("us-east-1"), ["/app/token"], "us-east-1")).toEqual({ found: true, name: "/app/token", type: "SecureString", keyId: "alias/app" });
    const requests = ssm.commandCalls(DescribeParametersCommand).map((call) => call.args[0].input);
    expect(requests).toEqual([
      { ParameterFilters: [{ Key: "Name", Option: "Equals", Values: ["/app/token"] }], MaxResults: 50 },
      { ParameterFilters: [{ Key: "Name", Option: "Equals", Values: ["/app/token"] }], MaxResults: 50, NextToken: "t1" },
    ]);
  });

  it("a name the pages never show is not found", async () => {
    ssm.on(DescribeParametersCommand).resolvesOnce({ $metadata: metadata, Parameters: [], NextToken: "t1" }).resolvesOnce({ $metadata: metadata, Parameters: [] });
    expect(await readParameterEncryption(clients.ssm("us-east-1"), ["token", "/token"], "us-east-1")).toEqual({
      found: false,
      reason: "not found in us-east-1 (DescribeParameters lists the caller's own account's parameters only)",
    });
  });

  it("a refused call is a reason for a warning", async () => {
    ssm.on(DescribeParametersCommand).rejects(Object.assign(new Error("not authorized"), { name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } }));
    expect(await readParameterEncryption(clients.ssm("us-east-1"), ["/app/token"], "us-east-1")).toEqual({
      found: false,
      reason: "denied: tighten needs ssm:DescribeParameters (read-only) on it",
    });
  });
});
