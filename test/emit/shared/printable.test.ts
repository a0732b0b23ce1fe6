import { describe, expect, it } from "vitest";
import { printable } from "../../../src/emit/shared/printable.js";
import { renderTable } from "../../../src/emit/shared/table.js";
import { printableJson } from "../../../src/emit/shared/printable-json.js";
import { quoteTerraformString } from "../../../src/emit/terraform/terraform-escape.js";

// Marks that reorder or break what a reader sees while showing nothing themselves.
const INVISIBLE = ["\u061c", "\u200e", "\u200f", "\u2028", "\u2029", "\u202a", "\u202e", "\u2066", "\u2069"];

describe("printable", () => {
  it("shows terminal escapes, newlines and bidi overrides from logs as \\u escapes", () => {
    expect(printable("role\u001b]0;pwned\u0007")).toBe("role\\u001b]0;pwned\\u0007");
    expect(printable("a\nb\rc\td")).toBe("a\\u000ab\\u000dc\\u0009d");
    expect(printable("evil\u202etxt.exe")).toBe("evil\\u202etxt.exe");
    expect(printable("arn:aws:s3:::bucket/ключ/ファイル")).toBe("arn:aws:s3:::bucket/ключ/ファイル");
  });

  it("shows every bidirectional mark and line separator, in text, JSON and Terraform, and JSON still parses to the same value", () => {
    for (const mark of INVISIBLE) {
      const escape = `\\u${mark.charCodeAt(0).toString(16).padStart(4, "0")}`;
      const name = `secret${mark}/txt.exe`;
      expect(printable(name)).toBe(`secret${escape}/txt.exe`);
      const json = printableJson({ Resource: name });
      expect(json).not.toContain(mark);
      expect(JSON.parse(json)).toEqual({ Resource: name });
      expect(quoteTerraformString(name, "escape-all")).not.toContain(mark);
      expect(quoteTerraformString(name, "escape-all").toLowerCase()).toContain(escape);
    }
  });

  it("protects table cells", () => {
    expect(renderTable(["A"], [["x\u001b[2Jy"]])).toBe("A\nx\\u001b[2Jy\n");
  });
});
