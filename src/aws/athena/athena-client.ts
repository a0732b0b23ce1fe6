import { AthenaClient, type AthenaClientConfig } from "@aws-sdk/client-athena";
import { silenceSdkNodeNotice } from "../sdk-environment.js";

export interface AthenaClientOptions {
  /** A profile of the shared config/credentials files; otherwise the SDK's default chain (AWS_PROFILE included). */
  readonly profile?: string;
  readonly region: string;
  /** Tests only: a fixed endpoint, credentials or HTTP handler instead of the environment's. */
  readonly config?: Omit<AthenaClientConfig, "profile" | "region" | "maxAttempts" | "retryMode">;
}

/**
 * Athena limits the rate of StartQueryExecution and GetQueryExecution per account and region
 * (Athena User Guide, "Service Quotas": API rate limits), shared with every other Athena user in
 * the account. Eight attempts with the SDK's standard backoff, as for IAM and CloudTrail.
 * StartQueryExecution carries a ClientRequestToken the SDK fills in (an idempotency token), so a
 * retried start does not run a statement twice.
 */
export const ATHENA_MAX_ATTEMPTS = 8;

/**
 * An Athena client from the SDK's standard credential chain. The endpoint is the SDK's own:
 * `AWS_ENDPOINT_URL_ATHENA`, `AWS_ENDPOINT_URL` or the profile's `endpoint_url`, which is how
 * end-to-end tests point the CLI at moto.
 */
export function createAthenaClient(options: AthenaClientOptions): AthenaClient {
  silenceSdkNodeNotice();
  return new AthenaClient({
    ...options.config,
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    region: options.region,
    retryMode: "standard",
    maxAttempts: ATHENA_MAX_ATTEMPTS,
  });
}
