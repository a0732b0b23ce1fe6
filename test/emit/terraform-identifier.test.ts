import { describe, expect, it } from "vitest";
import { isTerraformIdentifier, terraformIdentifier } from "../../src/emit/terraform-identifier.js";

describe("terraformIdentifier", () => {
  it("keeps a name that already is one", () => {
    expect(terraformIdentifier("payments-service-task")).toBe("payments-service-task");
    expect(terraformIdentifier("_x9")).toBe("_x9");
  });

  it("replaces other characters, never starts with a digit or dash, and keeps lossy names apart", () => {
    const names = ["a.b", "a@b", "a+b", "9lives", "-x", "", "rôle", "a b\n${x}"].map(terraformIdentifier);
    for (const name of names) expect(isTerraformIdentifier(name)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]).toMatch(/^a_b_[0-9a-f]{8}$/);
    expect(names[3]).toMatch(/^_9lives_[0-9a-f]{8}$/);
  });

  it("is deterministic", () => {
    expect(terraformIdentifier("role@example")).toBe(terraformIdentifier("role@example"));
  });
});
