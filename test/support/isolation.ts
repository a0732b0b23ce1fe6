import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * What a test file does that outlives it in its worker and that the shared project's setup
 * (test/support/shared-file-reset.ts: stubbed environment and globals, spies, fake timers) does not
 * undo: mocks a module, changes the working directory, the environment or the exit code by hand,
 * listens on the process, or starts a browser. Such a file runs in a worker of its own; the others
 * share one, and with it the modules they import (DuckDB, the AWS SDK, iam-data): importing them
 * again for each file was a quarter of the run. An AWS client mocked with aws-sdk-client-mock
 * stays mocked for the next file unless restored, so a file that mocks one and never calls
 * `.restore()` runs alone too. moto is leased per worker and reset for each file (moto-pool.ts).
 */
const PROCESS_WIDE =
  /vi\.(?:mock|doMock)\(|chromium|process\.chdir|process\.on\(|process\.exitCode|Object\.defineProperty\(process|delete process\.env|process\.env(?:\.\w+|\[[^\]]+\])\s*=[^=]/;
const MOCKS_A_CLIENT = /mockClient\(|mockAthenaOnDuckDB\(/;
const RESTORES = /\.restore\(\)/;

/** The test files under `root` (relative, "/"-separated) whose text says they change process-wide state. */
export function filesNeedingIsolation(root: string, dir = "test"): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".test.ts"))
    .map((file) => `${dir}/${file.split(path.sep).join("/")}`)
    .filter((file) => {
      const text = readFileSync(path.join(root, file), "utf8");
      return PROCESS_WIDE.test(text) || (MOCKS_A_CLIENT.test(text) && !RESTORES.test(text));
    })
    .sort();
}
