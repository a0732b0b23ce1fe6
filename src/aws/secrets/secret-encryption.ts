import { DescribeSecretCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { unreadableReason } from "./secrets-errors.js";

/** What DescribeSecret says of a secret's encryption, or why it could not be asked. */
export type SecretEncryption =
  | {
      readonly found: true;
      readonly arn: string | null;
      /** As the API gives it (a key ID, key ARN, alias or alias ARN); null: the AWS managed key aws/secretsmanager. */
      readonly kmsKeyId: string | null;
    }
  | { readonly found: false; readonly reason: string };

/**
 * DescribeSecret on a secret's ARN (full or partial) or name: its metadata only, never its value.
 * KmsKeyId is left out of the answer when the secret uses the AWS managed key (API Reference,
 * DescribeSecret, KmsKeyId). Another account's secret is read by ARN, as far as its resource
 * policy allows.
 */
export async function readSecretEncryption(client: SecretsManagerClient, secretId: string, region: string): Promise<SecretEncryption> {
  try {
    const answer = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
    return { found: true, arn: answer.ARN ?? null, kmsKeyId: answer.KmsKeyId === undefined || answer.KmsKeyId === "" ? null : answer.KmsKeyId };
  } catch (error) {
    return { found: false, reason: unreadableReason(error, "secretsmanager:DescribeSecret", secretId, region) };
  }
}
