import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import type { AthenaClient } from "@aws-sdk/client-athena";
import type { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import type { ECSClient } from "@aws-sdk/client-ecs";
import type { IAMClient } from "@aws-sdk/client-iam";
import { createAthenaClient } from "../../src/aws/athena/athena-client.js";
import { createCloudTrailClient } from "../../src/aws/cloudtrail/cloudtrail-client.js";
import { createEcsClient } from "../../src/aws/ecs/ecs-client.js";
import { createIamClient } from "../../src/aws/iam/iam-client.js";

/** A moto_server on loopback, started once per test file (see /work/shared/AWS-LOCAL.md). */
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
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const env = options.account !== undefined ? { ...process.env, MOTO_ACCOUNT_ID: options.account } : process.env;
  const child = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: ["ignore", "ignore", "pipe"], env });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<never>((_, reject) => {
    child.once("error", (error) => reject(new Error(`moto_server did not start (install python3-moto or pip install 'moto[server]'): ${error.message}`)));
    child.once("exit", (code) => reject(new Error(`moto_server exited with ${code} before answering:\n${stderr}`)));
  });
  try {
    await Promise.race([waitUntilAnswering(endpoint), exited]);
  } catch (error) {
    stop(child);
    throw error;
  }
  exited.catch(() => undefined);
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
    reset: async () => {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
      if (!response.ok) throw new Error(`moto reset failed: HTTP ${response.status}`);
    },
    stop: () => stop(child),
  };
}

function stop(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null) child.kill("SIGTERM");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilAnswering(endpoint: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      await response.arrayBuffer();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`moto_server at ${endpoint} did not answer within ${timeoutMs} ms: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
