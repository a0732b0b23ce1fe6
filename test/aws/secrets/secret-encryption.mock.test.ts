import { DescribeSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { readSecretEncryption } from "../../../src/aws/secrets/secret-encryption.js";
import { secretsClients, type SecretsClients } from "../../../src/aws/secrets/secrets-clients.js";
import { UsageError } from "../../../src/usage-error.js";

// Responses shaped as Secrets Manager sends them (API Reference, DescribeSecret): KmsKeyId only for a customer managed key.
const ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbC123";
const KEY = "arn:aws:kms:us-east-1:111122223333:key/c81a4f0e-95d2-4b7a-b3e6-0d4f2a9c7e51";
const metadata = { httpStatusCode: 200, requestId: "r", attempts: 1, totalRetryDelay: 0 };

function awsError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, $fault: "client", $metadata: { httpStatusCode: 400, attempts: 1 }, ...extra });
}

const secretsManager = mockClient(SecretsManagerClient);
// The next file in this worker gets the real client.
afterAll(() => {
  secretsManager.restore();
});
let clients: SecretsClients;

beforeEach(() => {
  secretsManager.reset();
  clients = secretsClients({ config: { credentials: { accessKeyId: "testing", secretAccessKey: "testing" } } });
});
afterEach(() => clients.destroy());

describe("readSecretEncryption", () => {
  it("asks by the secret's own ARN and gives its key", async () => {
    secretsManager.on(DescribeSecretCommand, { SecretId: ARN }).resolves({ $metadata: metadata, ARN, Name: "prod/db", KmsKeyId: KEY });
    expect(await readSecretEncryption(clients.secretsManager("us-east-1"), ARN, "us-east-1")).toEqual({ found: true, arn: ARN, kmsKeyId: KEY });
  });

  it("no KmsKeyId: the AWS managed key", async () => {
    secretsManager.on(DescribeSecretCommand).resolves({ $metadata: metadata, ARN, Name: "prod/db" });
    expect(await readSecretEncryption(clients.secretsManager("us-east-1"), ARN, "us-east-1")).toEqual({ found: true, arn: ARN, kmsKeyId: null });
  });

  it("a missing or refused secret is a reason, for a warning; the run goes on", async () => {
    secretsManager.reset();
    secretsManager.on(DescribeSecretCommand).rejects(awsError("ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
    expect(await readSecretEncryption(clients.secretsManager("us-east-1"), ARN, "us-east-1")).toEqual({ found: false, reason: "not found in us-east-1 (ResourceNotFoundException)" });
    secretsManager.reset();
    secretsManager.on(DescribeSecretCommand).rejects(awsError("AccessDeniedException", "not authorized to perform secretsmanager:DescribeSecret"));
    expect(await readSecretEncryption(clients.secretsManager("us-east-1"), ARN, "us-east-1")).toEqual({
      found: false,
      reason: "denied: tighten needs secretsmanager:DescribeSecret (read-only) on it",
    });
  });

  it("no credentials, or throttling past the retries, stop the run with a usage error", async () => {
    secretsManager.reset();
    secretsManager.on(DescribeSecretCommand).rejects(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }));
    await expect(readSecretEncryption(clients.secretsManager("us-east-1"), ARN, "us-east-1")).rejects.toThrow(
      new UsageError("--read-metadata: no AWS credentials found (Could not load credentials from any providers); configure them or pass --profile"),
    );
    secretsManager.reset();
    secretsManager.on(DescribeSecretCommand).rejects(awsError("ThrottlingException", "Rate exceeded", { $metadata: { httpStatusCode: 400, attempts: 8 } }));
    await expect(readSecretEncryption(clients.secretsManager("us-east-1"), ARN, "us-east-1")).rejects.toThrow(
      `--read-metadata: secretsmanager:DescribeSecret for ${ARN} in us-east-1 was still throttled after 8 attempts; try again later`,
    );
  });

  it("any other failure stays what it is (a bug or AWS itself failing)", async () => {
    secretsManager.on(DescribeSecretCommand).rejects(awsError("InternalServiceError", "internal", { $fault: "server" }));
    const failure = readSecretEncryption(clients.secretsManager("us-east-1"), ARN, "us-east-1");
    await expect(failure).rejects.not.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toThrow("internal");
  });

  it("one client per region, made once", () => {
    expect(clients.secretsManager("eu-west-1")).toBe(clients.secretsManager("eu-west-1"));
    expect(clients.secretsManager("eu-west-1")).not.toBe(clients.secretsManager("us-east-1"));
  });
});
