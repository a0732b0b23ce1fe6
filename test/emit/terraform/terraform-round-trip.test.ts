import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "@cdktf/hcl2json";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { InterpolationMode } from "../../../src/emit/terraform/terraform-escape.js";
import { parsePolicyJson } from "../../../src/emit/terraform/terraform-json-parse.js";
import { policyToTerraform } from "../../../src/emit/terraform/terraform-policy.js";
import { ROOT } from "../../support/cli.js";
import { meaningOfJson, meaningOfTerraform } from "./terraform-semantics.js";

const J2TF = path.resolve(ROOT, "../shared/peers/j2tf");

/** Every fixture policy the converter turns into Terraform (not the error-* inputs, not the escape table). */
function fixturePolicies(): string[] {
  return [J2TF, path.join(J2TF, "extra")].flatMap((dir) =>
    readdirSync(dir)
      .filter((file) => file.endsWith(".json") && !file.startsWith("error-") && file !== "escape-cases.json")
      .sort()
      .map((file) => path.join(dir, file)),
  );
}

async function expectRoundTrip(json: unknown, mode: InterpolationMode): Promise<void> {
  const hcl = policyToTerraform(json, { name: "policy", escapeInterpolations: mode });
  expect(await meaningOfTerraform(hcl, "policy")).toEqual(meaningOfJson(json));
}

describe("round trip: hcl2json reads back what the JSON says", () => {
  for (const file of fixturePolicies()) {
    const json = parsePolicyJson(readFileSync(file, "utf8"));
    it(`${path.basename(file)}, keeping Terraform references`, async () => {
      await expectRoundTrip(json, "keep-terraform-references");
    });
    it(`${path.basename(file)}, escaping everything`, async () => {
      await expectRoundTrip(json, "escape-all");
    });
  }

  it("where the converter's own output is not HCL, or says something else, ours is and does not", async () => {
    const fixture = (name: string) => readFileSync(path.join(J2TF, "extra", `${name}.tf`), "utf8");
    await expect(parse("x.tf", fixture("x01-single-string-policy-variable"))).rejects.toThrow(/Extra characters after interpolation expression/);
    await expect(parse("x.tf", fixture("x07-quotes-and-backslashes"))).rejects.toThrow(/Invalid multi-line string/);
    const x03 = JSON.parse(readFileSync(path.join(J2TF, "extra/x03-numeric-condition-value.json"), "utf8")) as unknown;
    expect((await meaningOfTerraform(fixture("x03-numeric-condition-value"), "policy"))[0]?.conditions[0]?.values).toEqual([]);
    expect((await meaningOfTerraform(policyToTerraform(x03, { name: "policy", escapeInterpolations: "escape-all" }), "policy"))[0]?.conditions[0]?.values).toEqual(["10"]);
  });
});

// Strings a log can carry: HCL's special characters, template openers, controls, unicode, comment markers.
const NASTY = [
  '"', "\\", "\n", "\r", "\t", "\u0000", "\u001b", "\u007f", "\u0085", "\u2028", "\u202e",
  "${", "%{", "$${", "%%{", "$", "%", "{", "}", "${aws:username}", '${file("/etc/passwd")}', "${var.x}", "%{ if true }",
  "ü", "日本", "😀", "\\u0041", "#", "//", "/*", "*/", "<<EOF", "EOF",
];

const nastyText = fc
  .array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: "binary", maxLength: 6 })), { maxLength: 6 })
  // Terraform normalizes every string to NFC, so other text is refused (terraform-escape.test.ts).
  .map((parts) => parts.join("").normalize("NFC"));

/** A policy whose every string is `text`: Sid, Effect aside, lists and single strings, blocks. */
function policyOf(text: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const stringOrList = fc.oneof(text, fc.array(text, { maxLength: 3 }));
  const principal = fc.oneof(fc.constant("*"), fc.dictionary(text, stringOrList, { maxKeys: 2 }));
  const statement = fc.record(
    {
      Sid: text,
      Effect: fc.constantFrom("Allow", "Deny"),
      Action: stringOrList,
      NotAction: stringOrList,
      Resource: stringOrList,
      NotResource: stringOrList,
      Principal: principal,
      NotPrincipal: principal,
      Condition: fc.dictionary(text, fc.dictionary(text, stringOrList, { maxKeys: 2 }), { maxKeys: 2 }),
    },
    { requiredKeys: ["Effect"] },
  );
  return fc.record({ Version: fc.constant("2012-10-17"), Statement: fc.array(statement, { maxLength: 3 }) });
}

describe("round trip of generated policies with nasty strings", () => {
  it("escape-all: every string comes back exactly, nothing is evaluated", async () => {
    await fc.assert(
      fc.asyncProperty(policyOf(nastyText), async (policy) => {
        await expectRoundTrip(policy, "escape-all");
      }),
      { numRuns: 150 },
    );
  });

  it("keep-terraform-references: references stay references, the rest comes back exactly", async () => {
    // No bare "$", "%" or "{" here: glued to a neighbour they would write new, possibly invalid,
    // Terraform expressions, which this mode passes through by design.
    const pieces = NASTY.filter((piece) => !/^(\$|%|\{|\$\{|%\{|\$\$\{|%%\{)$/.test(piece));
    const text = fc.array(fc.oneof(fc.constantFrom(...pieces, "${aws_kms_key.key.arn}", '${join(":", var.parts)}'), fc.stringMatching(/^[a-z:/*?]{0,5}$/)), { maxLength: 6 }).map((parts) => parts.join("").normalize("NFC"));
    await fc.assert(
      fc.asyncProperty(policyOf(text), async (policy) => {
        await expectRoundTrip(policy, "keep-terraform-references");
      }),
      { numRuns: 100 },
    );
  });
});
