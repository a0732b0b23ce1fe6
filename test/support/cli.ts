import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI (`npm test` builds first) as a user would, from the repository root. */
export function tighten(...args: string[]): CliResult {
  return tightenWithEnv({}, ...args);
}

/** The same, with environment variables added (an AWS endpoint on loopback, dummy credentials). */
export function tightenWithEnv(env: Readonly<Record<string, string>>, ...args: string[]): CliResult {
  const result = spawnSync(process.execPath, [path.join(ROOT, "bin/tighten.js"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    // A fixed generation time: reports say when they were made, and two runs must give the same bytes.
    env: { ...process.env, NO_COLOR: "1", SOURCE_DATE_EPOCH: "1798761600", ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
