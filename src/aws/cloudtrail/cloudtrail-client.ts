import { CloudTrailClient, type CloudTrailClientConfig } from "@aws-sdk/client-cloudtrail";
import { silenceSdkNodeNotice } from "../sdk-environment.js";

export interface CloudTrailClientOptions {
  /** A profile of the shared config/credentials files; otherwise the SDK's default chain (AWS_PROFILE included). */
  readonly profile?: string;
  /** CloudTrail is regional: a trail is described from the region it is looked up in (shadow trails included). */
  readonly region: string;
  /** Tests only: a fixed endpoint, credentials or HTTP handler instead of the environment's. */
  readonly config?: Omit<CloudTrailClientConfig, "profile" | "region" | "maxAttempts" | "retryMode">;
}

/**
 * CloudTrail's control-plane calls (DescribeTrails, GetEventSelectors) are throttled per account
 * and region, at a rate shared with every security tool that polls trail settings. As for IAM, the
 * SDK's standard strategy (exponential backoff with full jitter, 20 s cap) over eight attempts
 * rides out about a minute of throttling.
 */
export const CLOUDTRAIL_MAX_ATTEMPTS = 8;

/**
 * A CloudTrail client from the SDK's standard credential chain. The endpoint is the SDK's own:
 * `AWS_ENDPOINT_URL_CLOUDTRAIL`, `AWS_ENDPOINT_URL` or the profile's `endpoint_url`, which is how
 * end-to-end tests point the CLI at moto.
 */
export function createCloudTrailClient(options: CloudTrailClientOptions): CloudTrailClient {
  silenceSdkNodeNotice();
  return new CloudTrailClient({
    ...options.config,
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    region: options.region,
    retryMode: "standard",
    maxAttempts: CLOUDTRAIL_MAX_ATTEMPTS,
  });
}

/** One client per region, made when first asked for; `destroy` closes them all. */
export interface CloudTrailClients {
  clientFor(region: string): CloudTrailClient;
  destroy(): void;
}

export function cloudTrailClients(options: Omit<CloudTrailClientOptions, "region">): CloudTrailClients {
  const clients = new Map<string, CloudTrailClient>();
  return {
    clientFor(region) {
      let client = clients.get(region);
      if (client === undefined) {
        client = createCloudTrailClient({ ...options, region });
        clients.set(region, client);
      }
      return client;
    },
    destroy() {
      for (const client of clients.values()) client.destroy();
      clients.clear();
    },
  };
}
