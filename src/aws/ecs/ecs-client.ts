import { ECSClient, type ECSClientConfig } from "@aws-sdk/client-ecs";
import { silenceSdkNodeNotice } from "../sdk-environment.js";

export interface EcsClientOptions {
  /** A profile of the shared config/credentials files; otherwise the SDK's default chain (AWS_PROFILE included). */
  readonly profile?: string;
  /** ECS is regional: clusters, services and task definitions live in one region each. */
  readonly region: string;
  /** Tests only: a fixed endpoint, credentials or HTTP handler instead of the environment's. */
  readonly config?: Omit<ECSClientConfig, "profile" | "region" | "maxAttempts" | "retryMode">;
}

/**
 * ECS throttles its API per account and region with a token bucket (ECS API reference, "Request
 * throttling for the Amazon ECS API"), shared with deployments, autoscaling and every tool that
 * describes services. As for IAM and CloudTrail, the SDK's standard strategy (exponential backoff
 * with full jitter, 20 s cap) over eight attempts rides out about a minute of throttling.
 */
export const ECS_MAX_ATTEMPTS = 8;

/**
 * An ECS client from the SDK's standard credential chain. The endpoint is the SDK's own:
 * `AWS_ENDPOINT_URL_ECS`, `AWS_ENDPOINT_URL` or the profile's `endpoint_url`, which is how
 * end-to-end tests point the CLI at moto.
 */
export function createEcsClient(options: EcsClientOptions): ECSClient {
  silenceSdkNodeNotice();
  return new ECSClient({
    ...options.config,
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    region: options.region,
    retryMode: "standard",
    maxAttempts: ECS_MAX_ATTEMPTS,
  });
}
