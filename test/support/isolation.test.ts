import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { filesNeedingIsolation } from "./isolation.js";
import { tempDir } from "./trail.js";

const roots: string[] = [];
afterEach(() => {
  while (roots.length > 0) rmSync(roots.pop()!, { recursive: true, force: true });
});

/** The files of a test tree, each with its text, as filesNeedingIsolation reads them. */
function isolatedAmong(files: Readonly<Record<string, string>>): string[] {
  const root = tempDir("tighten-isolation-");
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, "test", name)), { recursive: true });
    writeFileSync(path.join(root, "test", name), text);
  }
  return filesNeedingIsolation(root);
}

describe("which test files run in a worker of their own", () => {
  it("those whose change outlives them: module mocks, the environment set by hand, a browser, an AWS client mocked and never restored", () => {
    expect(
      isolatedAmong({
        "a/module-mock.test.ts": 'vi.mock("../x.js");',
        "a/env-by-hand.test.ts": 'process.env.AWS_REGION = "eu-west-1";',
        "a/env-deleted.test.ts": "delete process.env.AWS_REGION;",
        "a/exit-code.test.ts": "process.exitCode = 2;",
        "b/browser.test.ts": 'import { chromium } from "playwright-core";',
        "b/client-kept.test.ts": "const iam = mockClient(IAMClient);",
        "c/athena-kept.test.ts": "const athena = mockAthenaOnDuckDB();",
      }),
    ).toEqual([
      "test/a/env-by-hand.test.ts",
      "test/a/env-deleted.test.ts",
      "test/a/exit-code.test.ts",
      "test/a/module-mock.test.ts",
      "test/b/browser.test.ts",
      "test/b/client-kept.test.ts",
      "test/c/athena-kept.test.ts",
    ]);
  });

  it("not those whose change the shared project's setup undoes, or that restore their mocked clients", () => {
    expect(
      isolatedAmong({
        "stubs.test.ts": 'vi.stubEnv("AWS_REGION", "eu-west-1"); vi.stubGlobal("fetch", f); vi.spyOn(process.stdout, "write"); vi.useFakeTimers();',
        "client-restored.test.ts": "const iam = mockClient(IAMClient);\nafterAll(() => iam.restore());",
        "moto.test.ts": "const moto = await startMoto();",
        "reads-env.test.ts": 'if (process.env.CI === "true") skip();',
        "helper.ts": 'vi.mock("../x.js");',
      }),
    ).toEqual([]);
  });
});
