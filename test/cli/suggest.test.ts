import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { closest, withSuggestions } from "../../src/cli/suggest.js";

describe("closest", () => {
  it("finds the command or flag within two edits, a swap of neighbours counting as one", () => {
    expect(closest("genrate", ["generate", "diff", "drift"])).toBe("generate");
    expect(closest("dirft", ["generate", "diff", "drift"])).toBe("drift");
    expect(closest("baselin", ["baseline", "since"])).toBe("baseline");
  });

  it("suggests nothing for a word far from every candidate, or from a short one", () => {
    expect(closest("foo", ["generate", "diff", "drift"])).toBeUndefined();
    expect(closest("xy", ["ab"])).toBeUndefined();
  });
});

describe("withSuggestions", () => {
  it("drops yargs' camelCase copy of an unknown flag and suggests per word", () => {
    expect(withSuggestions("Unknown arguments: all-role, allRole", ["generate"], ["all-roles", "allRoles", "logs"])).toBe(
      "Unknown argument: all-role (--all-role: did you mean --all-roles?)",
    );
    expect(withSuggestions("Not enough arguments", ["generate"], [])).toBe("Not enough arguments");
  });
});

describe("the CLI says what was meant", () => {
  let stderr = "";
  beforeEach(() => {
    stderr = "";
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it("for a mistyped command and a mistyped flag, in one line, exit 2", async () => {
    expect(await main(["genrate"])).toBe(2);
    expect(stderr).toBe('tighten: Unknown argument: genrate ("genrate": did you mean generate?)\n');
    stderr = "";
    expect(await main(["drift", "--logs", "x", "--baselin", "y"])).toBe(2);
    expect(stderr).toBe("tighten: Unknown argument: baselin (--baselin: did you mean --baseline?)\n");
  });
});
