import { describe, expect, it } from "vitest";
import { loadIamCatalog } from "../../src/iam/catalog.js";
import { mapUsage, servicePrefixesFor } from "../../src/mapping/map-usage.js";
import { EC2_TAGGED_TYPES, TAG_KEYS, TAG_OBJECT, TAG_ON_CREATE, tagParameters } from "../../src/mapping/tag-on-create.js";
import { PARAMETER_SELECTION } from "../../src/mapping/request-parameters.js";
import { usageRow } from "./fixtures.js";

const ACCOUNT = "111122223333";
const REGION = "eu-west-1";
const catalog = await loadIamCatalog(["ec2", "rds", "sns", "logs", "kms", "ecs", "iam", "elasticache", "lambda"]);

describe("tag-on-create", () => {
  it("grants ec2:CreateTags on each resource type the TagSpecifications name, for tagging on create only", () => {
    const row = usageRow({
      eventSource: "ec2.amazonaws.com",
      eventName: "CreateVolume",
      parameters: { [EC2_TAGGED_TYPES]: ["volume"] },
    });
    const tags = mapUsage([row], catalog).permissions.filter((p) => p.action === "ec2:CreateTags");
    expect(tags).toEqual([
      {
        action: "ec2:CreateTags",
        resource: `arn:aws:ec2:${REGION}:${ACCOUNT}:volume/*`,
        conditions: { StringEquals: { "ec2:CreateAction": ["CreateVolume"] } },
        implied: expect.stringContaining("tagging on create needs ec2:CreateTags"),
        evidence: expect.anything(),
      },
    ]);
  });

  it("adds nothing to a create whose request has no tags", () => {
    const row = usageRow({ eventSource: "rds.amazonaws.com", eventName: "CreateDBInstance", parameters: { dBInstanceIdentifier: "orders-db" } });
    expect(mapUsage([row], catalog).permissions.map((p) => p.action)).toEqual(["rds:CreateDBInstance"]);
  });

  it("tags the resource the call creates, on the ARN the call itself is granted on", () => {
    const row = usageRow({ eventSource: "rds.amazonaws.com", eventName: "CreateDBInstance", parameters: { dBInstanceIdentifier: "orders-db", [TAG_KEYS]: ["team"] } });
    expect(mapUsage([row], catalog).permissions.map((p) => [p.action, p.resource, p.implied !== undefined])).toEqual([
      ["rds:AddTagsToResource", `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders-db`, true],
      ["rds:CreateDBInstance", `arn:aws:rds:${REGION}:${ACCOUNT}:db:orders-db`, false],
    ]);
  });

  it("reads an object of tags (CloudWatch Logs) and ignores an empty one", () => {
    const tagged = usageRow({ eventSource: "logs.amazonaws.com", eventName: "CreateLogGroup", parameters: { logGroupName: "/ecs/payments", [TAG_OBJECT]: '{"team":"payments"}' } });
    const empty = usageRow({ eventSource: "logs.amazonaws.com", eventName: "CreateLogGroup", parameters: { logGroupName: "/ecs/orders", [TAG_OBJECT]: "{}" } });
    expect(mapUsage([tagged], catalog).permissions.map((p) => p.action)).toEqual(["logs:CreateLogGroup", "logs:TagResource"]);
    expect(mapUsage([empty], catalog).permissions.map((p) => p.action)).toEqual(["logs:CreateLogGroup"]);
  });

  it("gives a new resource whose id only the response holds a scoped pattern (KMS CreateKey)", () => {
    const row = usageRow({ eventSource: "kms.amazonaws.com", eventName: "CreateKey", parameters: { [TAG_KEYS]: [""] } });
    expect(mapUsage([row], catalog).permissions.map((p) => [p.action, p.resource])).toEqual([
      ["kms:CreateKey", "*"],
      ["kms:TagResource", `arn:aws:kms:${REGION}:${ACCOUNT}:key/*`],
    ]);
  });

  it("reports a tagged type IAM does not know instead of guessing its ARN", () => {
    const row = usageRow({ eventSource: "ec2.amazonaws.com", eventName: "CreateVolume", parameters: { [EC2_TAGGED_TYPES]: ["no-such-type"] } });
    expect(mapUsage([row], catalog).unmapped.map((u) => [u.action, u.reason])).toEqual([["ec2:CreateTags", expect.stringContaining('no resource type "no-such-type"')]]);
  });

  it("is never granted for a denied call", () => {
    const row = usageRow({ eventSource: "ec2.amazonaws.com", eventName: "CreateVolume", errorCode: "Client.UnauthorizedOperation", parameters: { [EC2_TAGGED_TYPES]: ["volume"] } });
    const result = mapUsage([row], catalog);
    expect(result.permissions).toEqual([]);
    expect(result.denied.map((d) => d.actions)).toEqual([["ec2:CreateVolume"]]);
  });

  it("has rows whose tag actions, created types and condition keys exist in iam-data", async () => {
    const all = await loadIamCatalog([...new Set(TAG_ON_CREATE.flatMap((rule) => rule.calls.map((call) => call.slice(0, call.indexOf(":")))))]);
    const problems = TAG_ON_CREATE.flatMap((rule) => {
      const [service, name] = rule.action.split(":") as [string, string];
      const action = all.action(service, name);
      if (action === undefined) return [`${rule.action}: no such action`];
      const typeOk = rule.creates === "tagged" || action.resourceTypes.some((t) => t.name.toLowerCase() === rule.creates.toLowerCase());
      const callsOk = rule.calls.filter((call) => all.action(...(call.split(":") as [string, string])) === undefined);
      return [...(typeOk ? [] : [`${rule.action}: no resource type ${rule.creates}`]), ...callsOk.map((call) => `${call}: no such action`)];
    });
    expect(problems).toEqual([]);
  });

  it("has the engine keep the tag parameter of every rule's service", () => {
    const missing = TAG_ON_CREATE.flatMap((rule) =>
      rule.calls.map((call) => call.slice(0, call.indexOf(":"))).filter((prefix) => !(PARAMETER_SELECTION.parameters[`${prefix}.amazonaws.com`] ?? []).includes(rule.tags)),
    );
    expect([...new Set(missing)]).toEqual([]);
    expect(tagParameters("ec2")).toEqual([EC2_TAGGED_TYPES]);
    expect(servicePrefixesFor([{ eventSource: "ec2.amazonaws.com", eventName: "CreateVolume" }])).toContain("ec2");
  });
});

describe("tag-on-create when the call's own resource is not named", () => {
  it("reports the tag action Unmapped with the call's reason instead of tagging a pattern", async () => {
    const row = usageRow({ eventSource: "rds.amazonaws.com", eventName: "CreateDBInstance", parameters: { [TAG_KEYS]: ["team"] } });
    const result = mapUsage([row], catalog);
    expect(result.permissions).toEqual([]);
    expect(result.unmapped.map((u) => u.action).sort()).toEqual(["rds:AddTagsToResource", "rds:CreateDBInstance"]);
  });
});
