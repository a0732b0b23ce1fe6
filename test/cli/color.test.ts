import { describe, expect, it } from "vitest";
import { paintLead, useColor } from "../../src/cli/color-option.js";
import { run, runWithEnv } from "../support/run-cli.js";

const ESC = "\u001b[";
const TTY = { isTTY: true };
const PIPE = { isTTY: false };

describe("useColor", () => {
  it("colours a terminal by default, not a pipe", () => {
    expect(useColor(undefined, TTY, {})).toBe(true);
    expect(useColor("auto", PIPE, {})).toBe(false);
  });

  it("honours NO_COLOR (when not empty) and TERM=dumb in auto, and lets always and never win", () => {
    expect(useColor("auto", TTY, { NO_COLOR: "1" })).toBe(false);
    expect(useColor("auto", TTY, { NO_COLOR: "" })).toBe(true);
    expect(useColor("auto", TTY, { TERM: "dumb" })).toBe(false);
    expect(useColor("always", PIPE, { NO_COLOR: "1" })).toBe(true);
    expect(useColor("never", TTY, {})).toBe(false);
  });
});

describe("paintLead", () => {
  it("colours only the lead word of a warning or a --fail-on reason", () => {
    expect(paintLead("warning: r: x", true)).toBe(`${ESC}33mwarning:${ESC}0m r: x`);
    expect(paintLead("tighten: failing on denied: 3 denied calls in 1 role", true)).toBe(`${ESC}31mtighten: failing on${ESC}0m denied: 3 denied calls in 1 role`);
    expect(paintLead("note: r: x", true)).toBe("note: r: x");
    expect(paintLead("warning: r: x", false)).toBe("warning: r: x");
  });
});

describe("--color, one option across commands", () => {
  const AUDIT = ["ecs", "audit", "--task-definition", "examples/ecs/notifications-service.json", "--fail-on", "environment-secret"];

  it("colours with always, a bare --color; not with never, --no-color, or by default without a terminal", async () => {
    for (const flags of [["--color", "always"], ["--color"]]) expect((await run(...AUDIT, ...flags)).stderr).toContain(`${ESC}31mtighten: failing on${ESC}0m`);
    for (const flags of [["--color", "never"], ["--no-color"], []]) expect((await run(...AUDIT, ...flags)).stderr).not.toContain(ESC);
    // NO_COLOR is set by the test runner: auto stays plain even so, always still colours.
    expect((await runWithEnv({ NO_COLOR: "1" }, ...AUDIT, "--color", "always")).stderr).toContain(ESC);
  });

  it("refuses a value it does not know, with exit 2", async () => {
    const result = await run(...AUDIT, "--color", "sometimes");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tighten: Invalid values:.*color.*"sometimes".*"auto", "always", "never"/);
  });

  it("colours every text report with always, and none by default without a terminal", async () => {
    const LOGS = ["--logs", "examples/cloudtrail", "--since", "all", "--quiet"];
    const ROLE = ["--role", "payments-service-task"];
    const reports = [
      ["roles", ...LOGS],
      ["drift", "--all-roles", "--baseline", "examples/current", "--logs", "examples/cloudtrail", "--since", "2026-11-03", "--quiet"],
      ["backtest", "--all-roles", "--split", "70%", ...LOGS],
      ["explain", ...ROLE, ...LOGS],
      ["explain", "--all-roles", "--summary", ...LOGS],
      ["verify", ...ROLE, "--policy", "examples/current/payments-service-task.json", ...LOGS],
      ["ecs", "audit", "--task-definition", "examples/ecs/notifications-service.json"],
      ["ecs", "roles", "--task-definition", "examples/ecs/payments-service.json", "--task-definition", "examples/ecs/notifications-service.json"],
    ];
    for (const command of reports) {
      const coloured = await run(...command, "--color", "always");
      expect(coloured.stdout, command.join(" ")).toMatch(/\u001b\[(1|3[1-6])m/);
      const plain = await run(...command);
      expect(plain.stdout, command.join(" ")).not.toContain(ESC);
      // The same text, less the escapes: colour adds nothing else.
      expect(coloured.stdout.replace(/\u001b\[[0-9;]*m/g, ""), command.join(" ")).toBe(plain.stdout);
    }
  });

  it("paints by consequence: what breaks red, what needs a decision yellow", async () => {
    const drift = await run("drift", "--all-roles", "--baseline", "examples/current", "--logs", "examples/cloudtrail", "--since", "2026-11-03", "--quiet", "--color", "always");
    expect(drift.stdout).toContain(`${ESC}31mDenied (2): calls refused with an authorization error${ESC}0m`);
    expect(drift.stdout).toMatch(new RegExp(`\\u001b\\[33m {2}payments-service-execution: 1 high-risk unused grant`));
  });

  it("never colours JSON, Markdown or HTML, even with always", async () => {
    const drift = ["drift", "--all-roles", "--baseline", "examples/current", "--logs", "examples/cloudtrail", "--since", "2026-11-03", "--quiet", "--color", "always"];
    for (const format of ["json", "markdown", "html"]) expect((await run(...drift, "--format", format)).stdout, format).not.toContain(ESC);
    expect((await run("roles", "--logs", "examples/cloudtrail", "--since", "all", "--quiet", "--format", "json", "--color", "always")).stdout).not.toContain(ESC);
    expect((await run("ecs", "audit", "--task-definition", "examples/ecs/notifications-service.json", "--format", "markdown", "--color", "always")).stdout).not.toContain(ESC);
  });

  it("is offered by every command that prints text", async () => {
    const commands = [["roles"], ["generate"], ["diff"], ["drift"], ["explain"], ["verify"], ["backtest"], ["ecs", "roles"], ["ecs", "audit"], ["ecs", "execution-policy"]];
    for (const command of commands) {
      const help = (await run(...command, "--help")).stdout;
      expect(help, command.join(" ")).toMatch(/--color +colour text output: auto .*\[choices: "auto", "always", "never"\]/s);
    }
  });
});
