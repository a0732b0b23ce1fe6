// The commands that name roles scan only what those roles need, and `roles` reads no request
// parameters (engines/local/principal-focus.ts). The suite's other in-process runs share kept scans
// that answer any principal (run-cli.ts), so they never focus. Here each command runs with a scan
// of its own, as in a process, and must print what the full scan prints; one runs as a process.

import { describe, expect, it } from "vitest";
import { tighten } from "../support/cli.js";
import { run, runWith } from "../support/run-cli.js";

describe("focused scans print what the full scan prints", () => {
  it.each<[string, string[]]>([
    ["roles", ["roles", "--logs", "examples/cloudtrail", "--format", "json"]],
    ["generate --role (two roles, by path/name and by name)", ["generate", "--logs", "examples/cloudtrail", "--role", "ecs/payments-service-task", "--role", "notifications-service-execution"]],
    ["diff --role", ["diff", "--logs", "examples/cloudtrail", "--role", "payments-service-task", "--current", "examples/current/payments-service-task.json"]],
    ["explain --role (path/name)", ["explain", "--logs", "examples/cloudtrail", "--role", "ecs/notifications-service-execution"]],
    ["drift --role", ["drift", "--logs", "examples/cloudtrail", "--role", "payments-service-task", "--baseline", "examples/current", "--since", "2026-11-03", "--format", "json"]],
    ["backtest --role", ["backtest", "--logs", "examples/cloudtrail", "--role", "payments-service-task", "--split", "70%", "--format", "json"]],
    ["verify --role (a role)", ["verify", "--logs", "examples/cloudtrail", "--role", "payments-service-task", "--policy", "examples/current/payments-service-task.json", "--format", "json"]],
    ["verify --role (an IAM user)", ["verify", "--logs", "examples/cloudtrail", "--role", "deploy-bot", "--policy", "examples/current/payments-service-task.json"]],
    ["ecs execution-policy (the task definitions' execution roles)", ["ecs", "execution-policy", "--task-definition", "examples/ecs/payments-service.json", "--task-definition", "examples/ecs/notifications-service.json", "--logs", "examples/cloudtrail", "--why"]],
  ])("tighten %s", async (_label, args) => {
    const focused = await runWith({ freshScans: true }, ...args, "--quiet");
    const full = await run(...args, "--quiet");
    expect(focused.stderr).toBe(full.stderr);
    expect([focused.code, focused.stdout]).toEqual([full.code, full.stdout]);
    expect(focused.stdout.length).toBeGreaterThan(200);
  });

  it("tighten generate --role as a process", async () => {
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
