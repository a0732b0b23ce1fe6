// The commands that name roles scan only what those roles need (engines/local/principal-focus.ts).
// The suite's in-process runs keep their scans, each answering any principal (run-cli.ts), so they
// never focus: only a process shows what users run. Each command, spawned, must print what the
// in-process run of the full scan prints.

import { describe, expect, it } from "vitest";
import { tighten, tightenWithEnv } from "../support/cli.js";
import { run, runWithEnv } from "../support/run-cli.js";

describe("focused scans, as a process", () => {
  it("tighten roles prints what the full scan of the same logs gives", async () => {
    const args = ["roles", "--logs", "examples/cloudtrail", "--format", "json"];
    const spawned = tighten(...args);
    expect(spawned.code).toBe(0);
    expect(spawned.stdout).toContain("payments-service-task");
    expect(spawned.stdout).toBe((await run(...args)).stdout);
  });

  it.each([
    ["diff", "--logs", "examples/cloudtrail", "--role", "payments-service-task", "--current", "examples/current/payments-service-task.json"],
    ["explain", "--logs", "examples/cloudtrail", "--role", "ecs/notifications-service-execution"],
    ["drift", "--logs", "examples/cloudtrail", "--role", "payments-service-task", "--baseline", "examples/current", "--since", "2026-11-03", "--format", "json"],
    ["backtest", "--logs", "examples/cloudtrail", "--role", "payments-service-task", "--split", "70%", "--format", "json"],
  ])("tighten %s --role prints what the full scan gives", async (...args) => {
    const env = { SOURCE_DATE_EPOCH: "1790000000" };
    const spawned = tightenWithEnv(env, ...args, "--quiet");
    const inProcess = await runWithEnv(env, ...args, "--quiet");
    expect(spawned.stderr).toBe(inProcess.stderr);
    expect([spawned.code, spawned.stdout]).toEqual([inProcess.code, inProcess.stdout]);
    expect(spawned.stdout.length).toBeGreaterThan(200);
  });

  it("tighten generate --role prints what the full scan of the same logs gives for those roles", async () => {
    const args = ["generate", "--logs", "examples/cloudtrail", "--role", "ecs/payments-service-task", "--role", "notifications-service-execution", "--format", "terraform"];
    const spawned = tighten(...args);
    const inProcess = await run(...args);
    expect(spawned.code).toBe(0);
    expect(spawned.stdout).toContain("payments-service-task");
    expect(spawned.stdout).toBe(inProcess.stdout);
    // Besides the line that says how long the scan took, the same warnings and summaries.
    const untimed = (stderr: string) => stderr.replace(/^read .* events\/s\n/m, "");
    expect(untimed(spawned.stderr)).toBe(untimed(inProcess.stderr));
    expect(spawned.stderr).toMatch(/^read [\d,]+ events/m);
  });
});
