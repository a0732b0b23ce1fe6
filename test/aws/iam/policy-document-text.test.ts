import { describe, expect, it } from "vitest";
import { parsePolicyDocumentText } from "../../../src/aws/iam/policy-document-text.js";

const DOCUMENT = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/in box+tax 100%/é*" }] };

describe("parsePolicyDocumentText", () => {
  it("decodes the URL-encoded text IAM sends (RFC 3986: spaces as %20, '+' as %2B)", () => {
    const wire = encodeURIComponent(JSON.stringify(DOCUMENT, null, 2));
    expect(wire.startsWith("%7B")).toBe(true);
    expect(parsePolicyDocumentText(wire, "x")).toEqual(DOCUMENT);
  });

  it("parses plain JSON as it is (moto's GetPolicyVersion), '%' inside included", () => {
    expect(parsePolicyDocumentText(`  \n${JSON.stringify(DOCUMENT)}`, "x")).toEqual(DOCUMENT);
  });

  it("names the policy when the text is neither", () => {
    expect(() => parsePolicyDocumentText("%7B%ZZ", "inline a of role r")).toThrow(/malformed URL-encoded policy document for inline a of role r/);
    expect(() => parsePolicyDocumentText("%7B", "arn:aws:iam::aws:policy/X")).toThrow(/for arn:aws:iam::aws:policy\/X that is not JSON/);
  });
});
