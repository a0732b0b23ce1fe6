import { describe, expect, it } from "vitest";
import { renderPolicyJson } from "../../src/emit/policy/policy-json.js";
import { trustPolicy } from "../../src/synth/trust-policy.js";

describe("trustPolicy", () => {
  it("lets ecs-tasks assume the role only for the account's tasks in the regions seen", () => {
    expect(trustPolicy({ account: "111122223333", regions: ["eu-west-1", "us-east-1", "eu-west-1"] })).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "EcsTasksAssumeRole",
          Effect: "Allow",
          Principal: { Service: ["ecs-tasks.amazonaws.com"] },
          Action: ["sts:AssumeRole"],
          Condition: {
            ArnLike: { "aws:SourceArn": ["arn:aws:ecs:eu-west-1:111122223333:*", "arn:aws:ecs:us-east-1:111122223333:*"] },
            StringEquals: { "aws:SourceAccount": ["111122223333"] },
          },
        },
      ],
    });
  });

  it("uses each region's partition, any region when none was seen, and given source ARNs", () => {
    const cn = trustPolicy({ account: "111122223333", regions: ["cn-north-1"] });
    expect(cn.Statement[0]?.Condition?.ArnLike).toEqual({ "aws:SourceArn": ["arn:aws-cn:ecs:cn-north-1:111122223333:*"] });
    const none = trustPolicy({ account: "111122223333", regions: [] });
    expect(none.Statement[0]?.Condition?.ArnLike).toEqual({ "aws:SourceArn": ["arn:aws:ecs:*:111122223333:*"] });
    const given = trustPolicy({ account: "111122223333", regions: ["eu-west-1"], sourceArns: ["arn:aws:ecs:eu-west-1:111122223333:task/main/*"] });
    expect(given.Statement[0]?.Condition?.ArnLike).toEqual({ "aws:SourceArn": ["arn:aws:ecs:eu-west-1:111122223333:task/main/*"] });
  });

  it("renders with a Principal and without a Resource, which IAM rejects in trust policies", () => {
    const json = JSON.parse(renderPolicyJson(trustPolicy({ account: "111122223333", regions: ["eu-west-1"] })));
    expect(Object.keys(json.Statement[0])).toEqual(["Sid", "Effect", "Principal", "Action", "Condition"]);
  });
});

describe("trust policy regions from logs", () => {
  it("names only region-shaped regions, never a pattern someone wrote into awsRegion", () => {
    const document = trustPolicy({ account: "111122223333", regions: ["eu-west-1", "*", "us-east-1:*", "us-gov-west-1"] });
    expect(document.Statement[0]!.Condition!.ArnLike!["aws:SourceArn"]).toEqual(["arn:aws-us-gov:ecs:us-gov-west-1:111122223333:*", "arn:aws:ecs:eu-west-1:111122223333:*"]);
  });
});
