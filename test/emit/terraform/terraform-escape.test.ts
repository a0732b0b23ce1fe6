import { parse } from "@cdktf/hcl2json";
import { describe, expect, it } from "vitest";
import { escapeCommentText, escapeTemplateText, quoteTerraformString } from "../../../src/emit/terraform/terraform-escape.js";
import { TerraformInputError } from "../../../src/emit/terraform/terraform-input-error.js";
import { interpolationEnd, isPolicyVariable } from "../../../src/emit/terraform/terraform-interpolation.js";

const keep = (text: string) => escapeTemplateText(text, "keep-terraform-references");
const all = (text: string) => escapeTemplateText(text, "escape-all");

describe("escapeTemplateText: what HCL's quoted templates require", () => {
  it("escapes quotes, backslashes and the whitespace controls with short escapes", () => {
    expect(all('a"b\\c\nd\re\tf')).toBe('a\\"b\\\\c\\nd\\re\\tf');
  });

  it("escapes other control characters, line separators and bidi overrides as \\u", () => {
    expect(all("\u0000\u001b[31m\u007f\u0085\u2028\u2029\u202e\u2066")).toBe("\\u0000\\u001B[31m\\u007F\\u0085\\u2028\\u2029\\u202E\\u2066");
  });

  it("leaves other unicode as it is", () => {
    expect(all("bücket/日本/😀")).toBe("bücket/日本/😀");
  });

  it("refuses a lone surrogate, which no UTF-8 file can hold", () => {
    expect(() => all("a\ud800b")).toThrow(TerraformInputError);
    expect(() => all("\udc00")).toThrow(/lone UTF-16 surrogate \(U\+DC00\)/);
    expect(all("\ud83d\ude00")).toBe("😀");
  });

  it("refuses text Terraform would normalize to NFC, since that names something else", async () => {
    expect(() => all("cafe\u0301")).toThrow(/is not in Unicode normalization form C/);
    expect(() => all("\uF900")).toThrow(TerraformInputError);
    expect(all("caf\u00e9")).toBe("café");
    // The reason: HCL normalizes, escapes included.
    const parsed = (await parse("x.tf", 'a = "cafe\\u0301"\n')) as { a: string };
    expect(parsed.a).toBe("caf\u00e9");
  });

  it("always escapes template directives: IAM has none", () => {
    expect(keep("%{ if true }x%{ endif }")).toBe("%%{ if true }x%%{ endif }");
    expect(all("100%{")).toBe("100%%{");
    expect(all("100% sure {")).toBe("100% sure {");
  });

  it("leaves a $ or % that opens nothing", () => {
    expect(all("$x %y $ { % {")).toBe("$x %y $ { % {");
  });

  it("keeps an already escaped sequence literal: $${ in the input is a $ and then ${", () => {
    expect(all("$${aws:username}")).toBe("$$${aws:username}");
    expect(keep("$${aws:username}")).toBe("$$${aws:username}");
  });
});

describe("escape-all: nothing from a log becomes Terraform code", () => {
  it.each([
    ['${file("/etc/passwd")}', '$${file(\\"/etc/passwd\\")}'],
    ["${var.x}", "$${var.x}"],
    ["${aws_kms_key.key.arn}", "$${aws_kms_key.key.arn}"],
    ["${aws:username}", "$${aws:username}"],
    ["%{ for x in var.y }${x}%{ endfor }", "%%{ for x in var.y }$${x}%%{ endfor }"],
    ["${unterminated", "$${unterminated"],
    ['${"}"}', '$${\\"}\\"}'],
  ])("%s -> %s", (input, output) => {
    expect(all(input)).toBe(output);
  });
});

describe("keep-terraform-references: a user's own Terraform references survive", () => {
  it("copies a reference as written, quotes and nested templates included", () => {
    expect(keep('arn:aws:s3:::foo/${join("/",["foo${lower("BAR")}"])}')).toBe('arn:aws:s3:::foo/${join("/",["foo${lower("BAR")}"])}');
    expect(keep('${join(":", var.parts)}')).toBe('${join(":", var.parts)}');
    expect(keep("${var.x ? var.a : var.b}")).toBe("${var.x ? var.a : var.b}");
  });

  it("escapes the text around a reference", () => {
    expect(keep('say "${var.x}"\n')).toBe('say \\"${var.x}\\"\\n');
  });

  it("escapes IAM policy variables, including those with a default value", () => {
    expect(keep("${aws:username}/${www.amazon.com:user_id}/${aws:PrincipalTag/team, 'none'}")).toBe(
      "$${aws:username}/$${www.amazon.com:user_id}/$${aws:PrincipalTag/team, 'none'}",
    );
  });

  it("escapes what cannot be a reference: unterminated, empty, or holding a control character", () => {
    expect(keep("${var.x")).toBe("$${var.x");
    expect(keep('${join("/", "a)}')).toBe('$${join(\\"/\\", \\"a)}');
    expect(keep("${var.x\n}")).toBe("$${var.x\\n}");
    expect(keep("${} ${ }")).toBe("$${} $${ }");
  });
});

describe("interpolationEnd and isPolicyVariable", () => {
  it("finds the closing brace past nested braces, strings and templates", () => {
    const text = 'x${f({a = "}"}, "${y}")}z';
    expect(text.slice(1, interpolationEnd(text, 1))).toBe('${f({a = "}"}, "${y}")}');
  });

  it("is -1 when the sequence never closes", () => {
    expect(interpolationEnd("${a", 0)).toBe(-1);
    expect(interpolationEnd('${"a}', 0)).toBe(-1);
  });

  it.each([
    ["aws:username", true],
    ["s3:x-amz-acl", true],
    ["cognito-identity.amazonaws.com:sub", true],
    ["*", true],
    ["?", true],
    ["$", true],
    ["var.x", false],
    ['join(":", var.parts)', false],
    ["aws_kms_key.key.arn", false],
    [" aws:username", false],
  ])("%s is a policy variable: %s", (body, expected) => {
    expect(isPolicyVariable(body)).toBe(expected);
  });
});

describe("quoteTerraformString and escapeCommentText", () => {
  it("quotes", () => {
    expect(quoteTerraformString('a"b', "escape-all")).toBe('"a\\"b"');
  });

  it("keeps a comment on its line whatever the text holds", () => {
    const hostile = "arn:aws:iam::1:role/x\nresource \"null\" \"pwn\" {}\r\u2028\u0085\u202e";
    const escaped = escapeCommentText(hostile);
    expect(escaped).not.toMatch(/[\n\r\u2028\u2029\u0085\u202e]/);
    expect(escaped).toBe('arn:aws:iam::1:role/x\\u000aresource "null" "pwn" {}\\u000d\\u2028\\u0085\\u202e');
  });
});
