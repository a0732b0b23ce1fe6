import { describe, expect, it } from "vitest";
import { renderPolicyJson } from "../../src/emit/policy-json.js";
import type { PolicyDocument } from "../../src/policy/policy-document.js";

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
});
