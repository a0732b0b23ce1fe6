import { describe, expect, it } from "vitest";
import { tighten } from "../support/cli.js";
import { run, runWithEnv, runWithStdin } from "../support/run-cli.js";

/*
 * The in-process runner most CLI tests use must show what the process shows: the same bytes on
 * stdout and stderr and the same exit code, and leave the test process as it found it.
 */

const CASES: readonly (readonly string[])[] = [
  ["--version"],
  ["--help"],
  ["generate", "--help"],
  ["generate", "--logs", "examples/cloudtrail", "--role", "payments-service-task", "--since", "all"],
  ["roles", "--logs", "examples/cloudtrail", "--format", "json", "--quiet"],
  ["generate", "--logs", "examples/cloudtrail", "--role", "nobody-at-all", "--quiet"],
  ["generat", "--all-roles"],
];

describe("run: tighten in this process", () => {
  it.each(CASES.map((args) => [args.join(" "), args] as const))("prints and exits as the process does: %s", async (_, args) => {
    const [inProcess, spawned] = [await run(...args), tighten(...args)];
    // The scan's timing line is the one thing two runs may print differently.
    const timing = (text: string) => text.replace(/ in \d+\.\d s(, [\d,]+ events\/s)?/g, " in N s");
    expect({ ...inProcess, stderr: timing(inProcess.stderr) }).toEqual({ ...spawned, stderr: timing(spawned.stderr) });
  });

  it("reads stdin when given one, and an empty one otherwise", async () => {
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });
    const converted = await runWithStdin(policy, "convert", "--to", "terraform");
    expect(converted.code, converted.stderr).toBe(0);
    expect(converted.stdout).toContain('"s3:GetObject"');
    expect((await run("convert", "--to", "terraform")).code).toBe(2);
  });

  it("puts back the environment, the working directory, stdout and stderr", async () => {
    const env = { ...process.env };
    const cwd = process.cwd();
    const [stdoutWrite, stderrWrite, log] = [process.stdout.write, process.stderr.write, console.log];
    const result = await runWithEnv({ TIGHTEN_TEST_ONLY: "1", AWS_REGION: "eu-west-3" }, "--version");
    expect(result.code).toBe(0);
    expect(process.env).toEqual(env);
    expect(process.cwd()).toBe(cwd);
    expect([process.stdout.write, process.stderr.write, console.log]).toEqual([stdoutWrite, stderrWrite, log]);
  });

  it("runs calls made together one after the other, each with its own output", async () => {
    const results = await Promise.all([run("--version"), run("generat"), run("--version")]);
    expect(results.map((result) => result.code)).toEqual([0, 2, 0]);
    expect(results[0]!.stdout).toBe(results[2]!.stdout);
    expect(results[1]!.stdout).toBe("");
  });
});
