import { describe, expect, it } from "vitest";
import { createActionNames, loadActionNames } from "../../src/policy/action-names.js";
import { expandActionPattern } from "../../src/policy/expand-actions.js";

describe("expandActionPattern", () => {
  const names = createActionNames(
    new Map([
      ["s3", ["GetObject", "GetObjectAcl", "PutObject", "ListBucket"]],
      ["sqs", ["SendMessage"]],
    ]),
    ["s3", "sqs", "kms"],
  );

  it("lists the actions a pattern names, in iam-data's casing, sorted", () => {
    expect(expandActionPattern("s3:get*", names)).toEqual(["s3:GetObject", "s3:GetObjectAcl"]);
    expect(expandActionPattern("S3:?utObject", names)).toEqual(["s3:PutObject"]);
    expect(expandActionPattern("s3:getobject", names)).toEqual(["s3:GetObject"]);
    expect(expandActionPattern("s3:Nothing*", names)).toEqual([]);
    expect(expandActionPattern("nosuchservice:*", names)).toEqual([]);
  });

  it("expands * over every loaded service and refuses to answer for an unloaded one", () => {
    expect(() => expandActionPattern("*", names)).toThrow(/"kms" was not loaded/);
    expect(() => expandActionPattern("kms:*", names)).toThrow(/"kms" was not loaded/);
    const loaded = createActionNames(new Map([["sqs", ["SendMessage"]]]));
    expect(expandActionPattern("*", loaded)).toEqual(["sqs:SendMessage"]);
  });

  it("works on iam-data", async () => {
    const real = await loadActionNames(["sqs"]);
    const all = expandActionPattern("sqs:*", real);
    expect(all).toContain("sqs:SendMessage");
    expect(expandActionPattern("sqs:Send*", real)).toEqual(all.filter((a) => a.startsWith("sqs:Send")));
  });
});
