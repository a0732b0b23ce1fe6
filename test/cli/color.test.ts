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

  it("is offered by every command that prints text", async () => {
    const commands = [["roles"], ["generate"], ["diff"], ["drift"], ["explain"], ["verify"], ["backtest"], ["ecs", "roles"], ["ecs", "audit"], ["ecs", "execution-policy"]];
    for (const command of commands) {
      const help = (await run(...command, "--help")).stdout;
      expect(help, command.join(" ")).toMatch(/--color +colour text output: auto .*\[choices: "auto", "always", "never"\]/s);
    }
  });
});
