import { describe, expect, it } from "vitest";
import { actionMatches } from "../../src/policy/action-pattern.js";

describe("actionMatches", () => {
  it.each([
    ["*", "s3:GetObject", true],
    ["s3:*", "s3:GetObject", true],
    ["s3:Get*", "s3:GetObject", true],
    ["s3:get*", "S3:GETOBJECT", true], // IAM action names are case-insensitive
    ["S3:GetObject", "s3:getobject", true],
    ["s3:?etObject", "s3:GetObject", true],
    ["s3:?etObject", "s3:GetObjectAcl", false],
    ["s3:GetObject", "s3:GetObjectAcl", false], // no implicit prefix match
    ["s3:*Object", "s3:GetObjectAcl", false],
    ["s3:*", "s3control:GetJob", false], // the service prefix is compared whole
    ["sqs:*", "s3:GetObject", false],
    ["s3", "s3:GetObject", false],
  ])("%s names %s: %s", (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });
});
