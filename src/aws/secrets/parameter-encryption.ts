import { DescribeParametersCommand, type ParameterMetadata, type SSMClient } from "@aws-sdk/client-ssm";
import { unreadableReason } from "./secrets-errors.js";

/** What DescribeParameters says of a parameter's type and key, or why it could not be asked. */
export type ParameterEncryption =
  | {
      readonly found: true;
      readonly name: string;
      /** "String", "StringList" or "SecureString": only a SecureString is encrypted. */
      readonly type: string | null;
      /** As the API gives it: a key ID, key ARN or alias ("alias/aws/ssm" for the AWS managed key). */
      readonly keyId: string | null;
    }
  | { readonly found: false; readonly reason: string };

/**
 * DescribeParameters never reads a value (GetParameter would, and needs kms:Decrypt). A filter on
 * the exact name is applied after paging, so an answer may be an empty page with a NextToken:
 * every page is read until the name turns up (API Reference, DescribeParameters: "the request
 * can return fewer results than MaxResults"). `names` are the spellings the parameter may have
 * (with and without a leading "/" for a top-level name: its ARN does not say which).
 */
export async function readParameterEncryption(client: SSMClient, names: readonly string[], region: string): Promise<ParameterEncryption> {
  const subject = names[0] ?? "";
  try {
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new DescribeParametersCommand({ ParameterFilters: [{ Key: "Name", Option: "Equals", Values: [...names] }], MaxResults: 50, ...(nextToken !== undefined ? { NextToken: nextToken } : {}) }),
      );
      const found = (page.Parameters ?? []).find((parameter: ParameterMetadata) => parameter.Name !== undefined && names.includes(parameter.Name));
      if (found !== undefined) return { found: true, name: found.Name ?? subject, type: found.Type ?? null, keyId: found.KeyId === undefined || found.KeyId === "" ? null : found.KeyId };
      nextToken = page.NextToken === "" ? undefined : page.NextToken;
    } while (nextToken !== undefined);
    return { found: false, reason: `not found in ${region} (DescribeParameters lists the caller's own account's parameters only)` };
  } catch (error) {
    return { found: false, reason: unreadableReason(error, "ssm:DescribeParameters", subject, region) };
  }
}
