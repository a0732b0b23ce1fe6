import { describe, expect, it } from "vitest";
import { granted, grantedWith, usageRow } from "../fixtures.js";

describe("Secrets Manager ARNs", () => {
  it("names a secret NAME-?????? whether named by ARN or name; keeps the ARN with secretNames exact", async () => {
    const arn = "arn:aws:secretsmanager:eu-west-1:444455556666:secret:shared/api-key-AbCdEf";
    const rows = [
      usageRow({ eventSource: "secretsmanager.amazonaws.com", eventName: "GetSecretValue", parameters: { secretId: arn } }),
      usageRow({ eventSource: "secretsmanager.amazonaws.com", eventName: "GetSecretValue", parameters: { secretId: "prod/db" } }),
    ];
    const name = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-??????";
    expect(await granted(...rows)).toEqual([
      ["secretsmanager:GetSecretValue", name],
      ["secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:444455556666:secret:shared/api-key-??????"],
    ]);
    expect(await grantedWith({ secretNames: "exact" }, ...rows)).toEqual([
      ["secretsmanager:GetSecretValue", name],
      ["secretsmanager:GetSecretValue", arn],
    ]);
  });

  it("adds the random suffix's pattern to a partial ARN, which IAM would otherwise never match", async () => {
    const partial = "arn:aws:secretsmanager:eu-west-1:444455556666:secret:prod/reports/db";
    const row = usageRow({ eventSource: "secretsmanager.amazonaws.com", eventName: "GetSecretValue", parameters: { secretId: partial } });
    for (const found of [await granted(row), await grantedWith({ secretNames: "exact" }, row)]) {
      expect(found).toEqual([["secretsmanager:GetSecretValue", `${partial}-??????`]]);
    }
  });

  it("grants GetSecretValue on each secret of a batch", async () => {
    const row = usageRow({
      eventSource: "secretsmanager.amazonaws.com",
      eventName: "BatchGetSecretValue",
      parameters: { secretIdList: ["a", "b"] },
    });
    expect(await granted(row)).toEqual([
      ["secretsmanager:BatchGetSecretValue", "*"],
      ["secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:a-??????"],
      ["secretsmanager:GetSecretValue", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:b-??????"],
    ]);
  });
});

describe("SSM parameter ARNs", () => {
  const PARAMETER = "arn:aws:ssm:eu-west-1:111122223333:parameter";

  it("drops the leading '/' of a parameter name, and any version selector", async () => {
    const rows = [
      usageRow({ eventSource: "ssm.amazonaws.com", eventName: "GetParameter", parameters: { name: "/payments/db-url" } }),
      usageRow({ eventSource: "ssm.amazonaws.com", eventName: "GetParameter", parameters: { name: "feature-flags:3" } }),
    ];
    expect(await granted(...rows)).toEqual([
      ["ssm:GetParameter", `${PARAMETER}/feature-flags`],
      ["ssm:GetParameter", `${PARAMETER}/payments/db-url`],
    ]);
  });

  it("names each parameter of GetParameters and the path of GetParametersByPath", async () => {
    const rows = [
      usageRow({ eventSource: "ssm.amazonaws.com", eventName: "GetParameters", parameters: { names: ["/a", "b"] } }),
      usageRow({ eventSource: "ssm.amazonaws.com", eventName: "GetParametersByPath", parameters: { path: "/payments/prod" } }),
    ];
    expect(await granted(...rows)).toEqual([
      ["ssm:GetParameters", `${PARAMETER}/a`],
      ["ssm:GetParameters", `${PARAMETER}/b`],
      ["ssm:GetParametersByPath", `${PARAMETER}/payments/prod`],
    ]);
  });

  it("keeps a shared parameter's ARN, in its owner's account", async () => {
    const shared = "arn:aws:ssm:eu-west-1:444455556666:parameter/shared/endpoint";
    const row = usageRow({ eventSource: "ssm.amazonaws.com", eventName: "GetParameter", parameters: { name: `${shared}:2` } });
    expect(await granted(row)).toEqual([["ssm:GetParameter", shared]]);
  });

  it("uses the GovCloud partition in GovCloud", async () => {
    const row = usageRow({
      eventSource: "ssm.amazonaws.com",
      eventName: "GetParameter",
      region: "us-gov-west-1",
      parameters: { name: "x" },
    });
    expect(await granted(row)).toEqual([["ssm:GetParameter", "arn:aws-us-gov:ssm:us-gov-west-1:111122223333:parameter/x"]]);
  });
});
