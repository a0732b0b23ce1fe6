import { beforeAll, describe, expect, it } from "vitest";
import { wildcardStatements } from "../../src/drift/wildcard-statements.js";
import { loadIamCatalog, type IamCatalog } from "../../src/iam/catalog.js";
import { loadActionNames, type ActionNames } from "../../src/policy/action-names.js";
import { parsePolicy } from "../../src/policy/parse-policy.js";

let names: ActionNames;
let catalog: IamCatalog;
beforeAll(async () => {
  const services = ["ecr", "iam", "kms", "logs", "s3", "sts"];
  names = await loadActionNames(services);
  catalog = await loadIamCatalog(services);
});

const wildcards = (...statements: object[]) =>
  wildcardStatements([{ source: "base/app.json", policy: parsePolicy({ Version: "2012-10-17", Statement: statements }) }], names, catalog);

describe("wildcardStatements", () => {
  it("reports a wildcard action, naming the statement by Sid", () => {
    expect(wildcards({ Sid: "Admin", Effect: "Allow", Action: ["iam:*", "sts:AssumeRole"], Resource: "arn:aws:iam::111122223333:role/x" })).toEqual([
      { statement: "Admin", source: "base/app.json", actions: ["iam:*", "sts:AssumeRole"], resources: ["arn:aws:iam::111122223333:role/x"], why: "wildcard action iam:*" },
    ]);
  });

  it("reports Resource * for an action that can name a resource, by its position when it has no Sid", () => {
    const [found] = wildcards(
      { Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
      { Effect: "Allow", Action: ["ecr:GetAuthorizationToken", "s3:GetObject"], Resource: "*" },
    );
    expect(found).toMatchObject({ statement: "policy 1 statement 2", why: "Resource * for s3:GetObject, which can name a resource" });
  });

  it("leaves Resource * alone when every action has no resource-level permissions", () => {
    expect(wildcards({ Effect: "Allow", Action: ["ecr:GetAuthorizationToken", "sts:GetCallerIdentity"], Resource: "*" })).toEqual([]);
  });

  it("reports NotAction and NotResource as what they grant, and marks a conditional statement", () => {
    const [found] = wildcards({
      Sid: "AllButIam",
      Effect: "Allow",
      NotAction: ["iam:*"],
      NotResource: "arn:aws:s3:::secret/*",
      Condition: { Bool: { "aws:SecureTransport": "true" } },
    });
    expect(found).toMatchObject({
      actions: ["* except iam:*"],
      resources: ["* except arn:aws:s3:::secret/*"],
      why: "NotAction grants every action except iam:*; NotResource grants every resource except arn:aws:s3:::secret/* (under a Condition)",
    });
  });

  it("ignores Deny statements, which only narrow", () => {
    expect(wildcards({ Effect: "Deny", Action: "iam:*", Resource: "*" }, { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" })).toEqual([]);
  });
});
