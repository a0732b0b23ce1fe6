import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

/** A moto_server process on loopback (see /work/shared/AWS-LOCAL.md); no AWS SDK here. */
export interface MotoProcess {
  readonly endpoint: string;
  /** Forgets every resource created so far. */
  reset(): Promise<void>;
  stop(): void;
}

/**
 * Starts moto_server on a free port and waits until it answers. `account`, when given, is the
 * account every request acts in (MOTO_ACCOUNT_ID), AssumeRole credentials included.
 */
export async function spawnMoto(account?: string): Promise<MotoProcess> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const env = account !== undefined ? { ...process.env, MOTO_ACCOUNT_ID: account } : process.env;
  // Through a shell that stops moto when its stdin closes: when the test run dies without its
  // teardown (killed, a timeout), the pipe closes with it and no moto_server is left running.
  const child = spawn("sh", ["-c", WATCHED_MOTO, "sh", "-H", "127.0.0.1", "-p", String(port)], { stdio: ["pipe", "ignore", "pipe"], env });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<never>((_, reject) => {
    child.once("error", (error) => reject(new Error(`moto_server did not start (install python3-moto or pip install 'moto[server]'): ${error.message}`)));
    child.once("exit", (code) =>
      reject(new Error(code === 127 ? "moto_server is not on the PATH (install python3-moto or pip install 'moto[server]')" : `moto_server exited with ${code} before answering:\n${stderr}`)),
    );
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
    reset: () => resetMoto(endpoint),
    stop: () => stop(child),
  };
}

export async function resetMoto(endpoint: string): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`moto reset failed: HTTP ${response.status}`);
}

const WATCHED_MOTO = 'command -v moto_server >/dev/null || exit 127; moto_server "$@" </dev/null & moto=$!; read _; kill $moto 2>/dev/null; wait $moto';

function stop(child: ChildProcess): void {
  // The shell stops moto and waits for it once its stdin ends.
  if (child.pid !== undefined && child.exitCode === null) child.stdin?.end();
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
