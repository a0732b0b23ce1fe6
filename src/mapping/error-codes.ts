/**
 * errorCodes that mean IAM (or a resource policy) refused the call. Such calls are Denied: they
 * show intent, never a need that was met, so they are never granted. Sources: each service's
 * "Common errors" page (AccessDenied for S3/STS/IAM, AccessDeniedException for JSON-protocol
 * services, Client.UnauthorizedOperation for EC2 in CloudTrail, AuthorizationError for SNS,
 * KMS key-policy refusals as AccessDeniedException).
 */
export const AUTHORIZATION_ERRORS: ReadonlySet<string> = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "AllAccessDisabled", // S3: the bucket or account is blocked
  "AuthorizationError", // SNS
  "AuthorizationErrorException", // SNS (JSON protocol)
  "Client.UnauthorizedOperation", // EC2, as CloudTrail records it
  "Forbidden",
  "ForbiddenException",
  "NotAuthorized",
  "NotAuthorizedException",
  "UnauthorizedAccess",
  "UnauthorizedException",
  "UnauthorizedOperation",
]);

/**
 * errorCodes of calls that failed before authorization was evaluated (bad or expired
 * credentials). They prove neither a need nor a refusal, so they are reported as Unmapped.
 * Source: AWS API "Common Errors" reference.
 */
export const AUTHENTICATION_ERRORS: ReadonlySet<string> = new Set([
  "ExpiredToken",
  "ExpiredTokenException",
  "IncompleteSignature",
  "InvalidAccessKeyId",
  "InvalidClientTokenId",
  "MissingAuthenticationToken",
  "SignatureDoesNotMatch",
  "UnrecognizedClientException",
]);

/**
 * errorCodes a service returns only once IAM has authorized the call: the action was needed, and
 * the role held it. Anything else a call failed with proves nothing by itself (see outcomeOf).
 */
export const AFTER_AUTHORIZATION: Readonly<Record<string, string>> = {
  // S3 answers a missing key with 404 only to a caller allowed s3:ListBucket, else with 403.
  NoSuchKey: "S3 API Reference, GetObject: 'If you have the s3:ListBucket permission ... Amazon S3 returns an HTTP status code 404 (Not Found) error. If you don't have the s3:ListBucket permission, Amazon S3 returns 403'",
  NoSuchVersion: "S3 API Reference, GetObject with versionId: as NoSuchKey, for an object version",
  NoSuchUpload: "S3 API Reference, UploadPart/CompleteMultipartUpload: the upload id is checked after the request is authorized",
  PreconditionFailed: "S3 API Reference, conditional requests (If-Match ...): conditions are evaluated on the object, after authorization",
  NotModified: "S3 API Reference, conditional requests (If-None-Match ...): as PreconditionFailed",
  InvalidObjectState: "S3 API Reference, GetObject: an archived object's storage class is checked after authorization",
  ConditionalCheckFailedException: "DynamoDB API Reference, PutItem/UpdateItem/DeleteItem: the condition expression is evaluated on the item, after authorization",
  TransactionCanceledException: "DynamoDB API Reference, TransactWriteItems: cancellation reasons are item conditions and conflicts, after authorization",
  ProvisionedThroughputExceededException: "DynamoDB API Reference, Common errors: the table's throughput is consumed by authorized requests",
  ItemCollectionSizeLimitExceededException: "DynamoDB API Reference, PutItem: an item collection's size is checked when writing an authorized item",
  // DynamoDB, Secrets Manager, Lambda, SNS, ...: a caller not allowed the action on the name gets
  // AccessDenied(Exception) for it whether or not the resource exists.
  ResourceNotFoundException: "IAM User Guide, 'Troubleshoot access denied error messages' and each service's API reference: authorization is evaluated on the requested resource ARN before the service looks it up",
  ResourceNotFound: "as ResourceNotFoundException, for the services that spell it without the suffix",
  ParameterNotFound: "Systems Manager API Reference, GetParameter: returned to a caller allowed ssm:GetParameter on the name",
  ParameterVersionNotFound: "Systems Manager API Reference, GetParameter with a version selector: as ParameterNotFound",
  DisabledException: "KMS API Reference, Decrypt/Encrypt: the key state is checked once the key policy allowed the call",
  KMSInvalidStateException: "KMS API Reference, Decrypt/Encrypt: as DisabledException",
  InvalidCiphertextException: "KMS API Reference, Decrypt: the ciphertext is read once the call was allowed",
  IncorrectKeyException: "KMS API Reference, Decrypt with KeyId: the ciphertext's key is compared once the call was allowed",
};

/**
 * errorCodes of requests a service rejects while reading them, which may be before IAM ever saw
 * the call: a malformed name, an unknown parameter, a bucket that does not exist. A name such a
 * call carried is text someone wrote, not a resource the role used; it is never granted unless
 * asked (--grant-failed). Source: AWS API "Common Errors" reference; S3 Error Responses
 * (InvalidBucketName, NoSuchBucket); each service's API reference for its validation errors.
 */
export const BEFORE_AUTHORIZATION: ReadonlySet<string> = new Set([
  "ValidationException",
  "ValidationError",
  "InvalidParameterValue",
  "InvalidParameterValueException",
  "InvalidParameterException",
  "InvalidParameterCombination",
  "InvalidParameter",
  "InvalidArgument",
  "InvalidArgumentException",
  "InvalidRequest",
  "InvalidRequestException",
  "InvalidInputException",
  "MalformedPolicyDocument",
  "MalformedPolicyDocumentException",
  "MissingParameter",
  "MissingRequiredParameter",
  "SerializationException",
  "UnknownOperationException",
  "InvalidAction",
  "InvalidBucketName",
  "NoSuchBucket",
  "ClientException",
]);

export type CallOutcome = "authorized" | "denied" | "unauthenticated" | "unproven";

/**
 * What a call's errorCode says about authorization: none (it succeeded) or an error returned only
 * after authorization: "authorized"; an authorization error: "denied"; bad credentials:
 * "unauthenticated"; any other error (validation errors, throttling, unknown codes) proves
 * nothing: "unproven", which is granted only when `grantFailed` says so.
 */
export function outcomeOf(errorCode: string | null, grantFailed = false): CallOutcome {
  if (errorCode === null || errorCode === "") return "authorized";
  if (AUTHORIZATION_ERRORS.has(errorCode)) return "denied";
  if (AUTHENTICATION_ERRORS.has(errorCode)) return "unauthenticated";
  if (AFTER_AUTHORIZATION[errorCode] !== undefined || grantFailed) return "authorized";
  return "unproven";
}

/** How a failed call is described: "failed before authorization (ValidationException)" or "failed (ThrottlingException)". */
export function failureText(errorCode: string): string {
  return BEFORE_AUTHORIZATION.has(errorCode) ? `failed before authorization (${errorCode})` : `failed (${errorCode}), which does not show that authorization passed`;
}
