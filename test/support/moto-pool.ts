import { createServer, type Server } from "node:http";
import { resetMoto, spawnMoto, type MotoProcess } from "./moto-process.js";

/** The variable through which test workers find the pool (set here, inherited by the workers). */
export const MOTO_POOL_VARIABLE = "TIGHTEN_TEST_MOTO_POOL";
/** The vitest project a worker runs (vitest.config.ts): workers are numbered per project. */
export const MOTO_PROJECT_VARIABLE = "TIGHTEN_TEST_PROJECT";

/**
 * Vitest global setup: moto_server once per worker, not once per test file. Starting moto takes
 * 2-3 s of CPU; a dozen files did it each. This setup answers, on loopback, `GET /lease?worker=N
 * &account=A` with the endpoint of worker N's moto for account A (MOTO_ACCOUNT_ID is per process),
 * started on the first lease and reset on every later one. A worker (VITEST_POOL_ID, numbered per
 * project) runs one file at a time, so a file has its moto to itself while it runs, as before,
 * without waiting for one to start. Every moto is stopped when the run ends.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const started = new Map<string, Promise<MotoProcess>>();
  const lease = async (key: string, account: string | undefined): Promise<string> => {
    const known = started.get(key);
    if (known !== undefined) {
      const moto = await known;
      await resetMoto(moto.endpoint);
      return moto.endpoint;
    }
    const starting = spawnMoto(account);
    started.set(key, starting);
    starting.catch(() => started.delete(key));
    return (await starting).endpoint;
  };
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const worker = url.searchParams.get("worker");
    const account = url.searchParams.get("account") ?? undefined;
    if (url.pathname !== "/lease" || worker === null) {
      response.writeHead(404).end();
      return;
    }
    lease(`${worker}/${account ?? "default"}`, account).then(
      (endpoint) => response.writeHead(200, { "content-type": "text/plain" }).end(endpoint),
      (error: Error) => response.writeHead(500, { "content-type": "text/plain" }).end(error.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  const inherited = process.env[MOTO_POOL_VARIABLE];
  process.env[MOTO_POOL_VARIABLE] = `http://127.0.0.1:${port}`;
  return async () => {
    if (inherited === undefined) delete process.env[MOTO_POOL_VARIABLE];
    else process.env[MOTO_POOL_VARIABLE] = inherited;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const motos = await Promise.allSettled(started.values());
    for (const moto of motos) if (moto.status === "fulfilled") moto.value.stop();
  };
}

/**
 * The endpoint of this worker's moto for `account`, reset, or undefined when the run has no pool
 * (a config without this setup, or a pool without worker ids): the caller then starts its own.
 */
export async function leaseMoto(account: string | undefined): Promise<string | undefined> {
  const pool = process.env[MOTO_POOL_VARIABLE];
  const id = process.env.VITEST_POOL_ID;
  if (pool === undefined || id === undefined) return undefined;
  const worker = `${process.env[MOTO_PROJECT_VARIABLE] ?? ""}/${id}`;
  const query = new URLSearchParams({ worker, ...(account !== undefined ? { account } : {}) });
  const response = await fetch(`${pool}/lease?${query}`);
  const text = await response.text();
  if (!response.ok) throw new Error(`moto pool: ${text}`);
  return text;
}
