import { describe, expect, it } from "vitest";
import { printable } from "../../src/emit/printable.js";
import { renderTable } from "../../src/emit/table.js";

describe("printable", () => {
  it("shows terminal escapes, newlines and bidi overrides from logs as \\u escapes", () => {
    expect(printable("role\u001b]0;pwned\u0007")).toBe("role\\u001b]0;pwned\\u0007");
    expect(printable("a\nb\rc\td")).toBe("a\\u000ab\\u000dc\\u0009d");
    expect(printable("evil\u202etxt.exe")).toBe("evil\\u202etxt.exe");
    expect(printable("arn:aws:s3:::bucket/ключ/ファイル")).toBe("arn:aws:s3:::bucket/ключ/ファイル");
  });

  it("protects table cells", () => {
    expect(renderTable(["A"], [["x\u001b[2Jy"]])).toBe("A\nx\\u001b[2Jy\n");
  });
});
