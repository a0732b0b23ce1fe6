import { IAMClient, type IAMClientConfig } from "@aws-sdk/client-iam";
import { configuredRegion, silenceSdkNodeNotice } from "../sdk-environment.js";

export interface IamClientOptions {
  /** A profile of the shared config/credentials files; otherwise the SDK's default chain (AWS_PROFILE included). */
  readonly profile?: string;
  readonly region?: string;
  /** Tests only: a fixed endpoint, credentials or HTTP handler instead of the environment's. */
  readonly config?: Omit<IAMClientConfig, "profile" | "region" | "maxAttempts" | "retryMode">;
}

/**
 * IAM throttles per account, at a rate every other caller in the account shares. The SDK's
 * standard strategy backs off exponentially with full jitter (1 s base after throttling, 20 s cap),
 * so eight attempts ride out up to about a minute of throttling before giving up.
 */
export const IAM_MAX_ATTEMPTS = 8;

/**
 * The aws partition's IAM endpoint signs in us-east-1; any region there reaches the same IAM.
 * IAM is a global service: in the aws partition every region resolves to iam.amazonaws.com, so a
 * user with credentials but no region configured should not have to pass --region. The SDK's own
 * loader (env, then profile) still decides when a region is configured, which keeps the China and
 * GovCloud partitions working.
 */
const IAM_HOME_REGION = "us-east-1";

/**
 * An IAM client from the SDK's standard credential chain. The endpoint is the SDK's own:
 * `AWS_ENDPOINT_URL_IAM`, `AWS_ENDPOINT_URL` or the profile's `endpoint_url` when set, which is how
 * end-to-end tests point the CLI at moto.
 */
export function createIamClient(options: IamClientOptions = {}): IAMClient {
  silenceSdkNodeNotice();
  return new IAMClient({
    ...options.config,
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    region: options.region ?? once(async () => (await configuredRegion(() => new IAMClient(profileOnly(options.profile)))) ?? IAM_HOME_REGION),
    retryMode: "standard",
    maxAttempts: IAM_MAX_ATTEMPTS,
  });
}

/** The SDK asks for the region on every request; the files behind it are read once. */
function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= compute());
}

function profileOnly(profile: string | undefined): IAMClientConfig {
  return profile !== undefined ? { profile } : {};
}
