import type { AthenaClient } from "@aws-sdk/client-athena";
import type { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import type { ECSClient } from "@aws-sdk/client-ecs";
import type { IAMClient } from "@aws-sdk/client-iam";
import { createAthenaClient } from "../../src/aws/athena/athena-client.js";
import { createCloudTrailClient } from "../../src/aws/cloudtrail/cloudtrail-client.js";
import { createEcsClient } from "../../src/aws/ecs/ecs-client.js";
import { createIamClient } from "../../src/aws/iam/iam-client.js";
import { leaseMoto } from "./moto-pool.js";
import { resetMoto, spawnMoto } from "./moto-process.js";

/** A moto_server on loopback (see /work/shared/AWS-LOCAL.md): this worker's, given to one test file at a time. */
export interface Moto {
  readonly endpoint: string;
  /** An IAM client with tighten's retry settings, pointed at moto with dummy credentials. */
  iamClient(): IAMClient;
  /** CloudTrail and Athena clients the same way; moto keeps each region's trails and queries apart. */
  cloudTrailClient(region?: string): CloudTrailClient;
  athenaClient(region?: string): AthenaClient;
  /** An ECS client the same way; clusters, services and task definitions are per region. */
  ecsClient(region?: string): ECSClient;
  /** An empty S3 bucket (CreateTrail checks that its bucket exists). */
  createBucket(name: string): Promise<void>;
  /**
   * The environment a tighten process needs to talk to this moto: the SDK's per-service endpoint
   * variables (AWS_ENDPOINT_URL_<SERVICE>, e.g. "IAM", "SECRETS_MANAGER"), dummy credentials, a region.
   */
  cliEnv(...services: readonly string[]): Record<string, string>;
  /** Forgets every resource created so far. */
  reset(): Promise<void>;
  /** Done with it: a moto of the file's own stops; the pool's stays for the worker's next file. */
  stop(): void;
}

export const MOTO_CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" } as const;
export const MOTO_REGION = "us-east-1";
/** moto's default account id: the one in every ARN it makes. */
export const MOTO_ACCOUNT = "123456789012";

export interface MotoOptions {
  /**
   * The account every request acts in (moto's MOTO_ACCOUNT_ID), for tests whose roles are of the
   * example logs' account. It overrides the account of AssumeRole credentials too: a test of
   * several accounts keeps the default.
   */
  readonly account?: string;
}

export async function startMoto(options: MotoOptions = {}): Promise<Moto> {
  // This worker's moto from the run's pool (moto-pool.ts), reset; else one of this file's own.
  const leased = await leaseMoto(options.account);
  const own = leased === undefined ? await spawnMoto(options.account) : undefined;
  const endpoint = leased ?? own!.endpoint;
  return {
    endpoint,
    cliEnv: (...services) => ({
      ...Object.fromEntries(services.map((service) => [`AWS_ENDPOINT_URL_${service}`, endpoint])),
      AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
      AWS_REGION: MOTO_REGION,
    }),
    iamClient: () => createIamClient({ region: MOTO_REGION, config: { endpoint, credentials: MOTO_CREDENTIALS } }),
    cloudTrailClient: (region = MOTO_REGION) => createCloudTrailClient({ region, config: { endpoint, credentials: MOTO_CREDENTIALS } }),
    athenaClient: (region = MOTO_REGION) => createAthenaClient({ region, config: { endpoint, credentials: MOTO_CREDENTIALS } }),
    ecsClient: (region = MOTO_REGION) => createEcsClient({ region, config: { endpoint, credentials: MOTO_CREDENTIALS } }),
    createBucket: async (name) => {
      // moto's S3 takes an unsigned path-style PUT; no S3 client is needed for one call.
      const response = await fetch(`${endpoint}/${name}`, { method: "PUT" });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`moto CreateBucket ${name} failed: HTTP ${response.status}`);
    },
    reset: () => resetMoto(endpoint),
    // A leased moto is the pool's to stop, at the end of the run; the next file's lease resets it.
    stop: () => own?.stop(),
  };
}
