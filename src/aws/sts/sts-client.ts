import type { STSClient, STSClientConfig } from "@aws-sdk/client-sts";
import { configuredRegion, silenceSdkNodeNotice } from "../sdk-environment.js";

export interface StsClientOptions {
  /** A profile of the shared config/credentials files; otherwise the SDK's default chain (AWS_PROFILE included). */
  readonly profile?: string;
  readonly region?: string;
  /** Tests only: a fixed endpoint, credentials or HTTP handler instead of the environment's. */
  readonly config?: Omit<STSClientConfig, "profile" | "region" | "maxAttempts" | "retryMode">;
}

/**
 * STS throttles per account and region like IAM; as for IAM, eight attempts with the SDK's
 * standard backoff (full jitter, 20 s cap) ride out about a minute of throttling.
 */
export const STS_MAX_ATTEMPTS = 8;

/**
 * STS is regional; with no region configured, us-east-1's endpoint answers for the aws partition
 * (STS User Guide, "Managing AWS STS in an AWS Region"), as IAM's does (iam-client.ts).
 */
const STS_HOME_REGION = "us-east-1";

type StsModule = typeof import("@aws-sdk/client-sts");
let stsModule: Promise<StsModule> | undefined;

/**
 * The STS client package, imported on first use: only the commands that read another account or
 * ask who the caller is need it, and the commands that work on files alone should not pay for
 * loading it at start-up.
 */
export function loadStsModule(): Promise<StsModule> {
  return (stsModule ??= import("@aws-sdk/client-sts"));
}

/** An STS client from the SDK's standard credential chain; the endpoint is the SDK's own (`AWS_ENDPOINT_URL_STS`, ...). */
export async function createStsClient(options: StsClientOptions = {}): Promise<STSClient> {
  silenceSdkNodeNotice();
  const { STSClient } = await loadStsModule();
  const profile = options.profile !== undefined ? { profile: options.profile } : {};
  const region = options.region ?? (await configuredRegion(() => new STSClient(profile))) ?? STS_HOME_REGION;
  return new STSClient({ ...options.config, ...profile, region, retryMode: "standard", maxAttempts: STS_MAX_ATTEMPTS });
}
