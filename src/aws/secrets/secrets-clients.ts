import { SecretsManagerClient, type SecretsManagerClientConfig } from "@aws-sdk/client-secrets-manager";
import { SSMClient, type SSMClientConfig } from "@aws-sdk/client-ssm";
import { silenceSdkNodeNotice } from "../sdk-environment.js";

export interface SecretsClientOptions {
  /** A profile of the shared config/credentials files; otherwise the SDK's default chain (AWS_PROFILE included). */
  readonly profile?: string;
  /** Tests only: a fixed endpoint, credentials or HTTP handler instead of the environment's. */
  readonly config?: Omit<SecretsManagerClientConfig & SSMClientConfig, "profile" | "region" | "maxAttempts" | "retryMode">;
}

/**
 * DescribeSecret and DescribeParameters are throttled per account and region (Secrets Manager
 * User Guide, "Quotas"; Systems Manager, "Parameter Store quotas": DescribeParameters is among
 * the slowest), at rates every other reader of the account shares. As for IAM and CloudTrail,
 * eight attempts with the SDK's standard backoff ride out about a minute of throttling.
 */
export const SECRETS_MAX_ATTEMPTS = 8;

/**
 * Secrets Manager and SSM clients, one per region, made when first asked for: a secret or
 * parameter is described in its own region. The endpoint is the SDK's own
 * (`AWS_ENDPOINT_URL_SECRETS_MANAGER`, `AWS_ENDPOINT_URL_SSM`, `AWS_ENDPOINT_URL` or the profile's
 * `endpoint_url`), which is how end-to-end tests point the CLI at moto.
 */
export interface SecretsClients {
  secretsManager(region: string): SecretsManagerClient;
  ssm(region: string): SSMClient;
  destroy(): void;
}

export function secretsClients(options: SecretsClientOptions = {}): SecretsClients {
  silenceSdkNodeNotice();
  const common = {
    ...options.config,
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    retryMode: "standard",
    maxAttempts: SECRETS_MAX_ATTEMPTS,
  } as const;
  const secretsManager = new Map<string, SecretsManagerClient>();
  const ssm = new Map<string, SSMClient>();
  const cached = <C>(clients: Map<string, C>, region: string, create: () => C): C => {
    let client = clients.get(region);
    if (client === undefined) {
      client = create();
      clients.set(region, client);
    }
    return client;
  };
  return {
    secretsManager: (region) => cached(secretsManager, region, () => new SecretsManagerClient({ ...common, region })),
    ssm: (region) => cached(ssm, region, () => new SSMClient({ ...common, region })),
    destroy() {
      for (const client of [...secretsManager.values(), ...ssm.values()]) client.destroy();
      secretsManager.clear();
      ssm.clear();
    },
  };
}
