import { describe, expect, it } from "vitest";
import { renderPolicyJson } from "../../../src/emit/policy/policy-json.js";
import type { PolicyDocument } from "../../../src/policy/policy-document.js";

describe("renderPolicyJson", () => {
  it("writes IAM's key order with 2-space indent and a trailing newline", () => {
    const statement = {
      Condition: { StringEquals: { "aws:RequestedRegion": ["eu-west-1"] }, Bool: { "aws:SecureTransport": ["true"] } },
      Resource: ["arn:aws:s3:::b"],
      Action: ["s3:ListBucket"],
      Effect: "Allow",
      Sid: "S3List",
    } as const;
    const document = { Statement: [statement], Version: "2012-10-17" } as PolicyDocument;
    expect(renderPolicyJson(document)).toBe(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "S3List",
      "Effect": "Allow",
      "Action": [
        "s3:ListBucket"
      ],
      "Resource": [
        "arn:aws:s3:::b"
      ],
      "Condition": {
        "Bool": {
          "aws:SecureTransport": [
            "true"
          ]
        },
        "StringEquals": {
          "aws:RequestedRegion": [
            "eu-west-1"
          ]
        }
      }
    }
  ]
}
`);
  });

  it("leaves out a missing Sid and Condition", () => {
    const text = renderPolicyJson({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["sts:GetCallerIdentity"], Resource: ["*"] }],
    });
    expect(JSON.parse(text)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["sts:GetCallerIdentity"], Resource: ["*"] }],
    });
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("renders an empty policy", () => {
    expect(renderPolicyJson({ Version: "2012-10-17", Statement: [] })).toBe('{\n  "Version": "2012-10-17",\n  "Statement": []\n}\n');
  });

  it("writes control characters and bidirectional overrides from a log as \\u escapes, which IAM reads as the same characters", () => {
    const resource = "arn:aws:s3:::b/invoices/\u202egpj.exe\u0085\u009b31m\u007f\u2066";
    const document: PolicyDocument = { Version: "2012-10-17", Statement: [{ Sid: "S3Read", Effect: "Allow", Action: ["s3:GetObject"], Resource: [resource] }] };
    const text = renderPolicyJson(document);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(text).toContain('"arn:aws:s3:::b/invoices/\\u202egpj.exe\\u0085\\u009b31m\\u007f\\u2066"');
    expect((JSON.parse(text) as PolicyDocument).Statement[0]!.Resource).toEqual([resource]);
  });

  it("is JSON.stringify's text for anything else, other Unicode included", () => {
    const document: PolicyDocument = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: ['arn:aws:s3:::bücket/日本/😀/"quoted"\\back\tslash\n'] }],
    };
    expect(renderPolicyJson(document)).toBe(`${JSON.stringify(document, null, 2)}\n`);
  });
});
