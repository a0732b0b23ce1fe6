import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { escapeTemplateText } from "../../../src/emit/terraform/terraform-escape.js";
import { TerraformInputError } from "../../../src/emit/terraform/terraform-input-error.js";
import { parsePolicyJson } from "../../../src/emit/terraform/terraform-json-parse.js";
import { policyToTerraform } from "../../../src/emit/terraform/terraform-policy.js";
import { ROOT } from "../../support/cli.js";

// Fixtures stay where they are, shared with the other implementations: ../shared/peers/j2tf/README.md.
const J2TF = path.resolve(ROOT, "../shared/peers/j2tf");
const FIXTURE_DIRS = [J2TF, path.join(J2TF, "extra")];

interface Pair {
  readonly json: string;
  readonly tf: string;
  readonly id: string;
  readonly name: string;
}

/** Every `X.json -> X.tf` and `X.json -> X.name-NAME.tf` pair, the second converted with that name. */
function fixturePairs(): Pair[] {
  return FIXTURE_DIRS.flatMap((dir) =>
    readdirSync(dir)
      .filter((file) => file.endsWith(".tf"))
      .sort()
      .map((file) => {
        const [, base, name] = /^(.*?)(?:\.name-(.*))?\.tf$/.exec(file) as RegExpExecArray;
        return { json: path.join(dir, `${base}.json`), tf: path.join(dir, file), id: file, name: name ?? "policy" };
      }),
  );
}

function convert(file: string, name = "policy"): string {
  return policyToTerraform(parsePolicyJson(readFileSync(file, "utf8")), { name, escapeInterpolations: "keep-terraform-references" });
}

/** `text` with `from`, which must occur exactly once, replaced by `to`: a difference stated exactly. */
function replaceOnce(text: string, from: string, to: string): string {
  expect(text.split(from)).toHaveLength(2);
  return text.replace(from, () => to);
}

/**
 * Where iam-policy-json-to-terraform is wrong (README "Where the converter is wrong"), tighten's
 * output is the fixture with these changes and no others.
 */
const CONVERTER_BUGS: Record<string, { readonly why: string; readonly fix: (fixture: string) => string }> = {
  "x01-single-string-policy-variable.tf": {
    why: "the converter escapes a policy variable in a list but not in a single string, so Terraform would evaluate ${aws:username}",
    fix: (tf) => replaceOnce(tf, '"arn:aws:s3:::bucket/home/${aws:username}/*"', '"arn:aws:s3:::bucket/home/$${aws:username}/*"'),
  },
  "x03-numeric-condition-value.tf": {
    why: "the converter drops a single numeric condition value, leaving a condition without values",
    fix: (tf) => replaceOnce(tf, '      variable = "s3:max-keys"\n', '      variable = "s3:max-keys"\n      values   = ["10"]\n'),
  },
  "x07-quotes-and-backslashes.tf": {
    why: "the converter writes quotes and backslashes raw, which is not HCL",
    fix: (tf) => replaceOnce(replaceOnce(tf, '"arn:aws:s3:::b/a"quote"', String.raw`"arn:aws:s3:::b/a\"quote"`), String.raw`"arn:aws:s3:::b/back\slash"`, String.raw`"arn:aws:s3:::b/back\\slash"`),
  },
  "x11-special-escapes.tf": {
    why: 'the converter takes any ${...} holding ":" for a policy variable, so the Terraform call join(":", ...) became a literal (with backslashes it added)',
    fix: (tf) => replaceOnce(tf, '"arn:aws:s3:::b/$${join(\\":\\", var.parts)}"', '"arn:aws:s3:::b/${join(":", var.parts)}"'),
  },
};

describe("policyToTerraform prints what iam-policy-json-to-terraform prints", () => {
  const pairs = fixturePairs();

  it("finds the fixtures", () => {
    expect(pairs.length).toBeGreaterThanOrEqual(24);
  });

  for (const pair of pairs.filter((p) => CONVERTER_BUGS[p.id] === undefined)) {
    it(`byte for byte: ${pair.id}`, () => {
      expect(convert(pair.json, pair.name)).toBe(readFileSync(pair.tf, "utf8"));
    });
  }

  for (const pair of pairs.filter((p) => CONVERTER_BUGS[p.id] !== undefined)) {
    const bug = CONVERTER_BUGS[pair.id] as (typeof CONVERTER_BUGS)[string];
    it(`differs exactly where the converter is wrong: ${pair.id}: ${bug.why}`, () => {
      const fixture = readFileSync(pair.tf, "utf8");
      const ours = convert(pair.json, pair.name);
      expect(ours).not.toBe(fixture);
      expect(ours).toBe(bug.fix(fixture));
    });
  }

  it("x20: a number in a condition list, on which the converter panics, becomes a string", () => {
    expect(readFileSync(path.join(J2TF, "extra/x20-numeric-in-array-PANICS.expected-error.txt"), "utf8")).toMatch(/^panic: /);
    expect(convert(path.join(J2TF, "extra/x20-numeric-in-array-PANICS.json"))).toBe(`data "aws_iam_policy_document" "policy" {
  statement {
    effect    = "Allow"
    resources = ["*"]
    actions   = ["s3:ListBucket"]

    condition {
      test     = "NumericLessThan"
      variable = "s3:max-keys"
      values   = ["10"]
    }
  }
}
`);
  });

  describe("NONDETERMINISTIC fixtures: the converter's block order is random, ours is the document's", () => {
    const x18 = path.join(J2TF, "extra/x18-multi-principal-types-NONDETERMINISTIC.json");
    const x19 = path.join(J2TF, "extra/x19-multi-condition-operators-NONDETERMINISTIC.json");

    it("gives the same bytes every time", () => {
      for (const file of [x18, x19]) expect(new Set(Array.from({ length: 20 }, () => convert(file))).size).toBe(1);
    });

    it("follows the document: condition operators and keys, principal types, as written", () => {
      const reordered = {
        Statement: [
          {
            Effect: "Allow",
            Action: "s3:GetObject",
            Resource: "*",
            Principal: { Service: "s", AWS: "a" },
            Condition: { Bool: { "aws:SecureTransport": "true" }, StringEquals: { "s3:b": "x", "aws:a": "y" } },
          },
        ],
      };
      const hcl = policyToTerraform(reordered, { name: "policy", escapeInterpolations: "keep-terraform-references" });
      const order = [...hcl.matchAll(/(?:test|variable|type)\s+= "([^"]*)"/g)].map((match) => match[1]);
      expect(order).toEqual(["Bool", "aws:SecureTransport", "StringEquals", "s3:b", "StringEquals", "aws:a", "Service", "AWS"]);
    });
  });
});

describe("the converter's error fixtures get clear errors", () => {
  function errorOf(file: string): string {
    try {
      convert(path.join(J2TF, file));
    } catch (error) {
      expect(error).toBeInstanceOf(TerraformInputError);
      return (error as Error).message;
    }
    throw new Error(`${file} converted without error`);
  }

  const expected = (file: string) => readFileSync(path.join(J2TF, file), "utf8").trim();

  it("broken JSON: the converter's own words", () => {
    expect(expected("error-broken.expected-error.txt")).toContain("unexpected end of JSON input");
    expect(errorOf("error-broken.json")).toBe("not valid JSON: unexpected end of JSON input");
  });

  it("no Statement", () => {
    expect(expected("error-no-statements.expected-error.txt")).toContain("did not contain any statements");
    expect(errorOf("error-no-statements.json")).toBe('no "Statement" found: this is not an IAM policy document');
  });

  it("a CloudFormation snippet, and where its policy is", () => {
    expect(expected("error-cloudformation-snippet.expected-error.txt")).toContain("looks like CloudFormation");
    expect(errorOf("error-cloudformation-snippet.json")).toBe(
      'no "Statement" at the top level: this looks like a CloudFormation snippet, with a policy under PolicyDocument; CloudFormation is not supported, convert a plain policy document',
    );
  });
});

describe("escape-cases.json: the converter's escaping table", () => {
  const cases = JSON.parse(readFileSync(path.join(J2TF, "escape-cases.json"), "utf8")) as { in: string; out: string }[];

  it("has the cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  for (const { in: input, out } of cases) {
    it(`keep-terraform-references: ${JSON.stringify(input)} -> ${JSON.stringify(out)}`, () => {
      expect(escapeTemplateText(input, "keep-terraform-references")).toBe(out);
    });

    it(`escape-all: ${JSON.stringify(input)} keeps no interpolation`, () => {
      expect(escapeTemplateText(input, "escape-all")).toBe(input.split("${").join("$${"));
    });
  }
});
