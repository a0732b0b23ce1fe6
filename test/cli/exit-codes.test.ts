import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import type { CommandModule } from "yargs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main, wantsDebug } from "../../src/cli/main.js";
import { UsageError } from "../../src/usage-error.js";
import { ROOT, type CliResult } from "../support/cli.js";
import { runWithEnv, type InProcessResult } from "../support/run-cli.js";
import { scratchDir } from "../support/scratch-dir.js";
import { withoutWaiting } from "../support/without-waiting.js";

/*
 * The exit-code contract: 0 success, 1 findings only, 2 bad input or an AWS error in one line,
 * 3 a bug in one line that says so, the stack only with --debug. In process, with commands that
 * fail the ways real ones could; real processes where the process itself is what is tested.
 */

const BUG_LINE = /^tighten: internal error \(a bug; run again with --debug for the stack\): /;

let stdout: string;
let stderr: string;
beforeEach(() => {
  stdout = "";
  stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** A command `tighten fail` whose handler does `act`. */
function failing(act: () => unknown): CommandModule<object, object> {
  return { command: "fail", describe: "fails", handler: async () => void (await act()) };
}

/** An error as the AWS SDK throws it for an answer: a name, a message, $fault and $metadata. */
function sdkError(name: string, message: string, status: number): Error {
  return Object.assign(new Error(message), { name, $fault: status >= 500 ? "server" : "client", $metadata: { httpStatusCode: status, attempts: 3 } });
}

describe("main: each exit code means one thing", () => {
  it("a bug is exit 3 and one line that says so, not exit 1 (findings)", async () => {
    const code = await main(["fail"], [failing(() => (undefined as unknown as { x: number }).x)]);
    expect(code).toBe(3);
    expect(stdout).toBe("");
    const lines = stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(BUG_LINE);
    expect(lines[0]).toMatch(/TypeError: Cannot read properties of undefined/);
  });

  it("a bug thrown synchronously, a rejected promise and a thrown non-Error are the same", async () => {
    const sync: CommandModule<object, object> = { command: "fail", describe: "fails", handler: () => { throw new RangeError("out of range\nsecond line"); } };
    expect(await main(["fail"], [sync])).toBe(3);
    expect(stderr).toMatch(new RegExp(`${BUG_LINE.source}RangeError: out of range\\n$`));
    stderr = "";
    expect(await main(["fail"], [failing(() => Promise.reject(new Error("rejected")))])).toBe(3);
    expect(stderr).toMatch(new RegExp(`${BUG_LINE.source}Error: rejected\\n$`));
    stderr = "";
    expect(await main(["fail"], [failing(() => { throw "a string"; })])).toBe(3);
    expect(stderr).toMatch(new RegExp(`${BUG_LINE.source}a string\\n$`));
  });

  it("--debug prints the line and then the error with its stack", async () => {
    function deepInTighten(): never {
      throw new TypeError("no such thing");
    }
    const code = await main(["fail", "--debug"], [failing(deepInTighten)]);
    expect(code).toBe(3);
    const [line, ...rest] = stderr.trimEnd().split("\n");
    expect(line).toBe("tighten: internal error (a bug; run again with --debug for the stack): TypeError: no such thing");
    expect(rest[0]).toBe("TypeError: no such thing");
    expect(rest.join("\n")).toMatch(/^\s+at deepInTighten \(.*exit-codes\.test\.ts:\d+:\d+\)$/m);
  });

  it("a message with terminal escapes is shown escaped, even with --debug", async () => {
    await main(["fail", "--debug"], [failing(() => { throw new Error("bad \u001b[2J\u202e name"); })]);
    expect(stderr).not.toMatch(/[\u001b\u202e]/);
    expect(stderr).toContain("bad \\u001b[2J\\u202e name");
  });

  it("a usage error is exit 2 and one line; an unknown flag too, --debug accepted by every command", async () => {
    expect(await main(["fail"], [failing(() => { throw new UsageError("--role x: no such role\nin these logs"); })])).toBe(2);
    expect(stderr).toBe("tighten: --role x: no such role in these logs\n");
    stderr = "";
    expect(await main(["fail", "--frobnicate", "--debug"], [failing(() => undefined)])).toBe(2);
    expect(stderr.split("\n")[0]).toBe("tighten: Unknown argument: frobnicate");
    stderr = "";
    expect(await main(["fail", "--debug"], [failing(() => undefined)])).toBe(0);
    expect(stderr).toBe("");
  });

  it("an AWS error no service module worded is exit 2, one line with AWS's code and message", async () => {
    expect(await main(["fail"], [failing(() => { throw sdkError("ServiceUnavailable", "Service is unavailable.", 503); })])).toBe(2);
    expect(stderr).toBe("tighten: AWS: a request failed: ServiceUnavailable (HTTP 503): Service is unavailable.; the fault is on AWS's side: try again later\n");
    stderr = "";
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED", address: "127.0.0.1", port: 9, $metadata: { attempts: 3 } });
    expect(await main(["fail"], [failing(() => { throw refused; })])).toBe(2);
    expect(stderr).toBe("tighten: AWS: a request could not reach 127.0.0.1:9 (ECONNREFUSED, 3 attempts); check the network, the region and any AWS_ENDPOINT_URL setting\n");
  });

  it("AWS out of reach is exit 2, one line naming the call, the endpoint and the attempts", async () => {
    const port = await closedPort();
    const closed = `http://127.0.0.1:${port}`;
    const env = { AWS_ENDPOINT_URL_IAM: closed, AWS_ENDPOINT_URL_STS: closed, AWS_ACCESS_KEY_ID: "x", AWS_SECRET_ACCESS_KEY: "x", AWS_REGION: "us-east-1" };
    // Every attempt is made, without waiting out the backoff between them (seconds in a process).
    const ran = await withoutWaiting(() => runWithEnv(env, "diff", "--logs", "examples/cloudtrail", "--role", "payments-service-task", "--from-iam", "--quiet"));
    expect(ran.status).toBe("fulfilled");
    const result = (ran as PromiseFulfilledResult<InProcessResult>).value;
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines.at(-1)).toMatch(
      // --from-iam first asks STS which account the credentials are of (the role's must be the caller's).
      new RegExp(`^tighten: --from-iam: STS GetCallerIdentity \\(which account the credentials are of\\) could not reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED, 8 attempts\\); check the network`),
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("findings are exit 1, and the next run in the same process starts from 0", async () => {
    const findings: CommandModule<object, object> = { command: "fail", describe: "finds", handler: () => { process.exitCode = 1; } };
    expect(await main(["fail"], [findings])).toBe(1);
    expect(process.exitCode).toBeUndefined();
    expect(await main(["fail"], [failing(() => undefined)])).toBe(0);
  });

  it("reads --debug from the arguments, up to --", () => {
    expect(wantsDebug(["generate", "--debug"])).toBe(true);
    expect(wantsDebug(["generate", "--debug=true"])).toBe(true);
    expect(wantsDebug(["generate", "--debug", "--no-debug"])).toBe(false);
    expect(wantsDebug(["convert", "--", "--debug"])).toBe(false);
  });
});

/** A loopback port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("the tighten process", () => {
  it("exits 3 with one line for an error thrown outside any await, and for a promise nobody awaited; the stack only with --debug", () => {
    // A command whose failure escapes main's await, as a bug in a callback or a forgotten promise would.
    const run = (how: string, ...flags: string[]) => {
      const script = `
        import { runCli } from "./dist/src/cli/main.js";
        const escapes = { command: "escape", describe: "", handler: () => {
          ${how}
          return new Promise((resolve) => setTimeout(resolve, 5000));
        } };
        await runCli(["escape", ...${JSON.stringify(flags)}], [escapes]);`;
      const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    };
    const thrown = run('setTimeout(() => { throw new TypeError("thrown in a callback"); }, 0);');
    expect(thrown).toEqual({ code: 3, stdout: "", stderr: "tighten: internal error (a bug; run again with --debug for the stack): TypeError: thrown in a callback\n" });
    const dangling = run('Promise.reject(new Error("nobody awaited me"));');
    expect(dangling).toEqual({ code: 3, stdout: "", stderr: "tighten: internal error (a bug; run again with --debug for the stack): Error: nobody awaited me\n" });
    const debug = run('setTimeout(() => { throw new TypeError("thrown in a callback"); }, 0);', "--debug");
    expect(debug.code).toBe(3);
    expect(debug.stderr).toMatch(/^tighten: internal error .*: TypeError: thrown in a callback\nTypeError: thrown in a callback\n\s+at /);
  });

  it("exits 2 with one line when stdout closes before the output is written, not 1 and a stack", async () => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin/tighten.js"), "generate", "--logs", "examples/cloudtrail", "--role", "payments-service-task", "--quiet"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    // The reader goes away before tighten writes, as `| head -c 0` would.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(2);
    expect(stderr.trimEnd().split("\n").at(-1)).toBe("tighten: stdout: the reader closed the pipe before the output was complete (EPIPE)");
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it("exits 3 with one line when the build it runs is missing", () => {
    const dir = scratchDir();
    mkdirSync(path.join(dir, "bin"));
    copyFileSync(path.join(ROOT, "bin/tighten.js"), path.join(dir, "bin/tighten.js"));
    const result = spawnSync(process.execPath, [path.join(dir, "bin/tighten.js"), "roles"], { encoding: "utf8" });
    const outcome: CliResult = { code: result.status, stdout: result.stdout, stderr: result.stderr };
    expect(outcome.code).toBe(3);
    expect(outcome.stderr).toMatch(/^tighten: internal error \(a bug; run again with --debug for the stack\): cannot load the build in dist\/ \(npm run build makes it\): Error: Cannot find module [^\n]*\n$/);
  });
});
