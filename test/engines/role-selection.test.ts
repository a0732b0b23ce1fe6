import { describe, expect, it } from "vitest";
import type { PrincipalSummary } from "../../src/engines/engine.js";
import { allIamPrincipals, allRoles, parseRoleArn, selectRoles } from "../../src/engines/role-selection.js";
import { UsageError } from "../../src/usage-error.js";

const seen = (arn: string): PrincipalSummary => ({
  principal: arn,
  principalType: "AssumedRole",
  calls: 1,
  services: [],
  errors: 0,
  firstSeen: "2026-11-02T10:00:00Z",
  lastSeen: "2026-11-02T10:00:00Z",
});

const PRINCIPALS = [
  "arn:aws:iam::111122223333:role/ecs/payments-service-task",
  "arn:aws:iam::111122223333:role/ecs/payments-service-execution",
  "arn:aws:iam::111122223333:role/notifications-service-task",
  "arn:aws:iam::444455556666:role/ecs/payments-service-task",
  "arn:aws:iam::111122223333:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS",
  "arn:aws:iam::111122223333:user/deploy-bot",
  "secretsmanager.amazonaws.com",
].map(seen);

const arns = (specs: string[]) => selectRoles(specs, PRINCIPALS).map((role) => role.arn);

describe("parseRoleArn", () => {
  it("splits partition, account, path and name", () => {
    expect(parseRoleArn("arn:aws-cn:iam::111122223333:role/a/b/name")).toEqual({
      arn: "arn:aws-cn:iam::111122223333:role/a/b/name",
      kind: "role",
      partition: "aws-cn",
      account: "111122223333",
      path: "/a/b/",
      name: "name",
    });
    expect(parseRoleArn("arn:aws:iam::111122223333:role/plain")?.path).toBe("/");
    expect(parseRoleArn("arn:aws:iam::111122223333:user/plain")).toBeNull();
    expect(parseRoleArn("arn:aws:sts::111122223333:assumed-role/r/session")).toBeNull();
  });
});

describe("selectRoles", () => {
  it("matches a name in every account and path", () => {
    expect(arns(["payments-service-task"])).toEqual([
      "arn:aws:iam::111122223333:role/ecs/payments-service-task",
      "arn:aws:iam::444455556666:role/ecs/payments-service-task",
    ]);
  });

  it("matches path/name with or without the leading slash, and full ARNs", () => {
    expect(arns(["ecs/payments-service-execution"])).toEqual(["arn:aws:iam::111122223333:role/ecs/payments-service-execution"]);
    expect(arns(["/ecs/payments-service-execution"])).toEqual(["arn:aws:iam::111122223333:role/ecs/payments-service-execution"]);
    expect(arns(["arn:aws:iam::444455556666:role/ecs/payments-service-task"])).toEqual([
      "arn:aws:iam::444455556666:role/ecs/payments-service-task",
    ]);
  });

  it("matches globs, and merges repeated specs", () => {
    expect(arns(["*-task"])).toEqual([
      "arn:aws:iam::111122223333:role/ecs/payments-service-task",
      "arn:aws:iam::111122223333:role/notifications-service-task",
      "arn:aws:iam::444455556666:role/ecs/payments-service-task",
    ]);
    expect(arns(["ecs/*", "payments-service-task"])).toHaveLength(3);
    expect(arns(["arn:aws:iam::111122223333:role/ecs/*"])).toHaveLength(2);
  });

  it("names an unknown role and the roles that were seen", () => {
    expect(() => arns(["billing-task"])).toThrow(UsageError);
    expect(() => arns(["billing-task"])).toThrow(
      /^--role billing-task: no such role in these logs; roles seen: aws-service-role\/ecs.amazonaws.com\/AWSServiceRoleForECS, ecs\/payments-service-execution/,
    );
    expect(() => selectRoles(["x"], [seen("arn:aws:iam::111122223333:user/u")])).toThrow(/no role made any call/);
  });
});

describe("allIamPrincipals", () => {
  it("takes roles, AWS-managed ones included, and IAM users, but no services", () => {
    expect(allIamPrincipals(PRINCIPALS).map((p) => `${p.kind}:${p.name}`)).toEqual([
      "role:AWSServiceRoleForECS",
      "role:payments-service-execution",
      "role:payments-service-task",
      "role:notifications-service-task",
      "user:deploy-bot",
      "role:payments-service-task",
    ]);
  });
});

describe("allRoles", () => {
  it("takes every role but the AWS-managed ones", () => {
    const { roles, awsManaged } = allRoles(PRINCIPALS);
    expect(roles.map((role) => role.name)).toEqual([
      "payments-service-execution",
      "payments-service-task",
      "notifications-service-task",
      "payments-service-task",
    ]);
    expect(awsManaged.map((role) => role.name)).toEqual(["AWSServiceRoleForECS"]);
  });

  it("names the principals that read as roles but whose ARN names none, instead of dropping them unsaid", () => {
    const odd = ["arn:aws:iam::111122223333:role/svc/", "arn:aws:iam::1:role/short-account", "arn:aws:iam::111122223333:user/deploy-bot", "ec2.amazonaws.com"];
    const { roles, malformed } = allRoles([...PRINCIPALS, ...odd.map((principal) => ({ ...PRINCIPALS[0]!, principal }))]);
    expect(malformed).toEqual(["arn:aws:iam::111122223333:role/svc/", "arn:aws:iam::1:role/short-account"]);
    expect(roles.map((role) => role.arn)).not.toContain("arn:aws:iam::111122223333:role/svc/");
  });
});
