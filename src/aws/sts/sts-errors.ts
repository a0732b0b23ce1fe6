import { UsageError } from "../../usage-error.js";
import { awsServiceError, classifyAwsError, commonFailureMessage } from "../aws-failure.js";
import type { AccountRef } from "./account-access.js";
import { STS_MAX_ATTEMPTS } from "./sts-client.js";

/** The stack set template that creates the role --assume-role names, in every account of an organization. */
export const READER_TEMPLATE = "templates/stackset/tighten-reader.yaml";

/** GetCallerIdentity needs no permission (STS API reference): what fails is the credentials or the network. */
export function callerIdentityError(error: unknown, prefix: string): unknown {
  const failure = classifyAwsError(error) ?? awsServiceError(error);
  if (failure === undefined) return error;
  const message = commonFailureMessage(failure, { prefix, callDescription: "STS GetCallerIdentity (which account the credentials are of)", maxAttempts: STS_MAX_ATTEMPTS });
  return new UsageError(message ?? `${prefix}: STS GetCallerIdentity was denied (${(error as Error).name})`);
}

/**
 * AWS answers AccessDenied both when the role does not exist and when its trust policy or the
 * caller's own policy refuses (STS API reference, AssumeRole "Errors"): the message names all three.
 */
export function assumeRoleError(error: unknown, roleArn: string, target: AccountRef, callerArn: string, prefix: string): unknown {
  const failure = classifyAwsError(error) ?? awsServiceError(error);
  if (failure === undefined) return error;
  if (failure.kind === "access-denied") {
    return new UsageError(
      `${prefix}: sts:AssumeRole of ${roleArn} was denied: the role must exist in account ${target.account} and trust ${callerArn}, and the caller must be allowed sts:AssumeRole on it (${READER_TEMPLATE} creates it)`,
    );
  }
  const message = commonFailureMessage(failure, { prefix, callDescription: `STS AssumeRole of ${roleArn}`, maxAttempts: STS_MAX_ATTEMPTS });
  return message === undefined ? error : new UsageError(message);
}
