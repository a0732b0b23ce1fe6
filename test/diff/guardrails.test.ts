import { describe, expect, it } from "vitest";
import { guardrails, withGuardrails } from "../../src/diff/guardrails.js";
import { renderPolicyJson } from "../../src/emit/policy/policy-json.js";
import { renderRoleTerraform } from "../../src/emit/terraform/terraform-role.js";
import { parsePolicy } from "../../src/policy/parse-policy.js";
import type { PolicyDocument } from "../../src/policy/policy-document.js";

const GENERATED: PolicyDocument = {
  Version: "2012-10-17",
  Statement: [{ Sid: "S3Read", Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::data/in/*"] }],
};

const current = parsePolicy({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Action: "s3:*", Resource: "*" },
    { Sid: "RegionFence", Effect: "Deny", NotAction: ["iam:*", "sts:*"], Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": "eu-west-1" } } },
    { Sid: "NoSecretFolder", Effect: "Deny", Action: "s3:GetObject", Resource: "arn:aws:s3:::data/in/secret/*" },
    { Sid: "OnlyData", Effect: "Deny", Action: "s3:*", NotResource: ["arn:aws:s3:::data", "arn:aws:s3:::data/*"] },
    { Sid: "NoDeletes", Effect: "Deny", Action: "s3:Delete*", Resource: "*" },
  ],
});

describe("guardrails", () => {
  it("keeps Denies under a Condition and those that may refuse part of a generated grant; names the rest", () => {
    const result = guardrails([current], GENERATED);
    // OnlyData refuses nothing under data/: the generated grant sits inside its exceptions.
    expect(result.keptLabels).toEqual(["RegionFence", "NoSecretFolder"]);
    expect(result.dropped).toEqual(["OnlyData", "NoDeletes"]);
    expect(result.kept[0]).toEqual({
      Sid: "RegionFence",
      Effect: "Deny",
      Action: [],
      NotAction: ["iam:*", "sts:*"],
      Resource: ["*"],
      Condition: { StringNotEquals: { "aws:RequestedRegion": ["eu-west-1"] } },
    });
  });

  it("names the grants of calls the role made that a kept unconditional Deny refuses on every resource", () => {
    const used = [
      { action: "s3:GetObject", resource: "arn:aws:s3:::data/in/*" },
      { action: "s3:GetObject", resource: "arn:aws:s3:::data/in/secret/keys.txt" },
      { action: "s3:PutObject", resource: "arn:aws:s3:::data/out/*" },
    ];
    const result = guardrails([current], GENERATED, used);
    // NoSecretFolder refuses part of data/in/* (kept, not a certain refusal) and all of the secret
    // file; RegionFence is conditional, so it decides nothing here; the others are not kept.
    expect(result.refusedUse).toEqual([{ action: "s3:GetObject", resource: "arn:aws:s3:::data/in/secret/keys.txt", deny: "NoSecretFolder" }]);
    expect(guardrails([current], GENERATED).refusedUse).toEqual([]);
  });

  it("writes a kept NotAction or NotResource Deny with exactly those elements, in JSON and Terraform", () => {
    const document = withGuardrails(GENERATED, guardrails([current], { ...GENERATED, Statement: [{ Effect: "Allow", Action: ["s3:PutObject"], Resource: ["*"] }] }).kept);
    const json = JSON.parse(renderPolicyJson(document)) as { Statement: Record<string, unknown>[] };
    const fence = json.Statement.find((s) => s["Sid"] === "RegionFence")!;
    expect(Object.keys(fence)).toEqual(["Sid", "Effect", "NotAction", "Resource", "Condition"]);
    const onlyData = json.Statement.find((s) => s["Sid"] === "OnlyData")!;
    expect(Object.keys(onlyData)).toEqual(["Sid", "Effect", "Action", "NotResource"]);
    // The parsed document is a valid policy again.
    expect(() => parsePolicy(json)).not.toThrow();
    const hcl = renderRoleTerraform({ name: "worker", arn: "arn:aws:iam::111122223333:role/worker", account: "111122223333" }, document);
    expect(hcl).toMatch(/not_actions\s*=\s*\[\s*"iam:\*",\s*"sts:\*",?\s*\]/);
    expect(hcl).not.toMatch(/actions\s*=\s*\[\]/);
  });
});

describe("guardrails from a 2008-10-17 policy", () => {
  it("keeps '${' as text, since the replacement reads it as a variable", () => {
    const old = parsePolicy({ Version: "2008-10-17", Statement: [{ Sid: "Fence", Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::b/${x}/*", Condition: { StringLike: { "s3:prefix": "${y}" } } }] });
    const [fence] = guardrails([old], GENERATED).kept;
    expect(fence).toMatchObject({ Resource: ["arn:aws:s3:::b/${$}{x}/*"], Condition: { StringLike: { "s3:prefix": ["${$}{y}"] } } });
  });
});
