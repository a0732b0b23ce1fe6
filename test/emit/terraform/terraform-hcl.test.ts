import { describe, expect, it } from "vitest";
import { attribute, block, renderHcl } from "../../../src/emit/terraform/terraform-hcl.js";

describe("renderHcl: the converter's layout", () => {
  it("aligns a run of single-line attributes on =", () => {
    expect(renderHcl([block("b", [], [attribute("a", '"1"'), attribute("long_name", ['"2"']), attribute("c", [])])])).toBe(
      'b {\n  a         = "1"\n  long_name = ["2"]\n  c         = []\n}\n',
    );
  });

  it("writes a list of two or more one item per line with a trailing comma, set apart by blank lines", () => {
    expect(renderHcl([block("b", [], [attribute("a", '"1"'), attribute("list", ['"x"', '"y"']), attribute("c", '"3"')])])).toBe(
      'b {\n  a = "1"\n\n  list = [\n    "x",\n    "y",\n  ]\n\n  c = "3"\n}\n',
    );
  });

  it("separates blocks by a blank line and aligns only within a run", () => {
    const condition = block("condition", [], [attribute("test", '"Bool"')]);
    expect(renderHcl([block("s", [], [attribute("effect", '"Allow"'), condition, condition])])).toBe(
      's {\n  effect = "Allow"\n\n  condition {\n    test = "Bool"\n  }\n\n  condition {\n    test = "Bool"\n  }\n}\n',
    );
  });

  it("writes labels and an empty body on one line", () => {
    expect(renderHcl([block("data", ['"aws_iam_policy_document"', '"policy"'], [])])).toBe('data "aws_iam_policy_document" "policy" {}\n');
  });

  it("separates top-level blocks too", () => {
    expect(renderHcl([block("a", [], []), block("b", [], [])])).toBe("a {}\n\nb {}\n");
  });
});
