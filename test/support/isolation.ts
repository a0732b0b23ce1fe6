import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * What a test file does that outlives it in its worker: mocks a module or an AWS client, stubs
 * the environment, a global or a method, fakes timers, changes the working directory or the
 * environment, listens on the process, or starts something outside it (moto, Chromium). Such a
 * file runs in a worker of its own; the others share one, and with it the modules they import
 * (DuckDB, the AWS SDK, iam-data): importing them again for each file was a quarter of the run.
 */
const PROCESS_WIDE =
  /vi\.(?:mock|doMock|stubEnv|stubGlobal|spyOn|useFakeTimers)\(|mockClient\(|mockAthenaOnDuckDB\(|withoutWaiting\(|startMoto\(|chromium|process\.chdir|process\.on\(|process\.exitCode|Object\.defineProperty\(process|delete process\.env|process\.env(?:\.\w+|\[[^\]]+\])\s*=[^=]/;

/** The test files under `root` (relative, "/"-separated) whose text says they change process-wide state. */
export function filesNeedingIsolation(root: string, dir = "test"): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".test.ts"))
    .map((file) => `${dir}/${file.split(path.sep).join("/")}`)
    .filter((file) => PROCESS_WIDE.test(readFileSync(path.join(root, file), "utf8")))
    .sort();
}
