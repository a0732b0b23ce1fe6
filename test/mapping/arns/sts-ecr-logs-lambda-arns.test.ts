import { describe, expect, it } from "vitest";
import { DEFAULT_GENERALIZATION } from "../../../src/mapping/generalization.js";
import { mapUsage } from "../../../src/mapping/map-usage.js";
import { granted, grantedWith, objectKeys, testCatalog, unmappedOf, usageRow } from "../fixtures.js";

describe("STS ARNs", () => {
  it("grants AssumeRole on the target role, in its own account", async () => {
    const role = "arn:aws:iam::444455556666:role/shared/reporting-reader";
    const row = usageRow({ eventSource: "sts.amazonaws.com", eventName: "AssumeRole", parameters: { roleArn: role } });
    expect(await granted(row)).toEqual([["sts:AssumeRole", role]]);
  });

  it("takes a roleArn that is no ARN as naming no role: IAM accepts a Resource only as * or an ARN", async () => {
    for (const roleArn of ["reporting-reader", '"><img src=x>', "arn:aws"]) {
      const row = usageRow({ eventSource: "sts.amazonaws.com", eventName: "AssumeRole", parameters: { roleArn } });
      expect(await granted(row), roleArn).toEqual([]);
      expect(await unmappedOf(row), roleArn).toEqual([["sts:AssumeRole", "requestParameters.roleArn holds no ARN"]]);
    }
  });
});

describe("ECR ARNs", () => {
  it("names the repository in the registry's account", async () => {
    const rows = [
      usageRow({ eventSource: "ecr.amazonaws.com", eventName: "BatchGetImage", parameters: { repositoryName: "payments/api" } }),
      usageRow({
        eventSource: "ecr.amazonaws.com",
        eventName: "GetDownloadUrlForLayer",
        parameters: { repositoryName: "base/node", registryId: "444455556666" },
      }),
    ];
    expect(await granted(...rows)).toEqual([
      ["ecr:BatchGetImage", "arn:aws:ecr:eu-west-1:111122223333:repository/payments/api"],
      ["ecr:GetDownloadUrlForLayer", "arn:aws:ecr:eu-west-1:444455556666:repository/base/node"],
    ]);
  });
});

describe("CloudWatch Logs ARNs", () => {
  const GROUP = "arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/payments";

  it("names the log group for group actions", async () => {
    const row = usageRow({ eventSource: "logs.amazonaws.com", eventName: "CreateLogGroup", parameters: { logGroupName: "/ecs/payments" } });
    expect(await granted(row)).toEqual([["logs:CreateLogGroup", GROUP]]);
  });

  it("grants stream actions on every stream of the group (log-group:G:*), by default", async () => {
    const row = usageRow({
      eventSource: "logs.amazonaws.com",
      eventName: "PutLogEvents",
      parameters: { logGroupName: "/ecs/payments" },
      objectKeys: objectKeys(["ecs/api/task-1"]),
    });
    expect(await granted(row)).toEqual([["logs:PutLogEvents", `${GROUP}:*`]]);
  });

  it("with logStreams stream-prefix, names streams by their folder, however few: each task writes new ones", async () => {
    const few = usageRow({
      eventSource: "logs.amazonaws.com",
      eventName: "CreateLogStream",
      parameters: { logGroupName: "/ecs/payments" },
      objectKeys: objectKeys(["init/1"]),
    });
    const many = usageRow({
      eventSource: "logs.amazonaws.com",
      eventName: "CreateLogStream",
      parameters: { logGroupName: "/ecs/payments" },
      objectKeys: objectKeys(Array.from({ length: 40 }, (_, i) => `ecs/api/task-${i}`)),
    });
    // PutLogEvents is implied on the same streams: a stream is created to be written to.
    expect(await grantedWith({ logStreams: "stream-prefix" }, few, many)).toEqual([
      ["logs:CreateLogStream", `${GROUP}:log-stream:ecs/api/*`],
      ["logs:CreateLogStream", `${GROUP}:log-stream:init/*`],
      ["logs:PutLogEvents", `${GROUP}:log-stream:ecs/api/*`],
      ["logs:PutLogEvents", `${GROUP}:log-stream:init/*`],
    ]);
  });

  it("reads the group from logGroupIdentifier, name or ARN", async () => {
    const row = usageRow({
      eventSource: "logs.amazonaws.com",
      eventName: "FilterLogEvents",
      parameters: { logGroupIdentifier: "arn:aws:logs:eu-west-1:444455556666:log-group:shared:*" },
    });
    expect(await granted(row)).toEqual([["logs:FilterLogEvents", "arn:aws:logs:eu-west-1:444455556666:log-group:shared"]]);
  });

  it("grants a stream action that names only its group on the group's streams, as it would with a stream name", async () => {
    const row = usageRow({ eventSource: "logs.amazonaws.com", eventName: "CreateLogStream", parameters: { logGroupName: "g" } });
    expect(await granted(row)).toEqual([
      ["logs:CreateLogStream", "arn:aws:logs:eu-west-1:111122223333:log-group:g:*"],
      ["logs:PutLogEvents", "arn:aws:logs:eu-west-1:111122223333:log-group:g:*"],
    ]);
  });

  it("reports a stream action without a stream when streams are granted by name", async () => {
    const row = usageRow({ eventSource: "logs.amazonaws.com", eventName: "GetLogEvents", parameters: { logGroupName: "g" } });
    const { unmapped } = mapUsage([row], await testCatalog(), { ...DEFAULT_GENERALIZATION, logStreams: "stream-prefix" });
    expect(unmapped.map((u) => [u.action, u.reason])).toEqual([["logs:GetLogEvents", "the event names no log stream"]]);
  });
});

describe("Lambda ARNs", () => {
  it("maps Invoke to InvokeFunction on the function CloudTrail names", async () => {
    const fn = "arn:aws:lambda:eu-west-1:111122223333:function:settle";
    const row = usageRow({
      eventSource: "lambda.amazonaws.com",
      eventName: "Invoke",
      parameters: { functionName: "settle" },
      resources: [{ arn: fn, type: "AWS::Lambda::Function", accountId: "111122223333" }],
    });
    expect(await granted(row)).toEqual([["lambda:InvokeFunction", fn]]);
  });

  it("builds the ARN from a name or a partial ARN, keeping a qualifier", async () => {
    const rows = [
      usageRow({ eventSource: "lambda.amazonaws.com", eventName: "Invoke", parameters: { functionName: "settle:live" } }),
      usageRow({ eventSource: "lambda.amazonaws.com", eventName: "Invoke", parameters: { functionName: "444455556666:function:fx" } }),
    ];
    expect(await granted(...rows)).toEqual([
      ["lambda:InvokeFunction", "arn:aws:lambda:eu-west-1:111122223333:function:settle:live"],
      ["lambda:InvokeFunction", "arn:aws:lambda:eu-west-1:444455556666:function:fx"],
    ]);
  });
});

describe("Step Functions", () => {
  const machine = "arn:aws:states:eu-west-1:111122223333:stateMachine:settle";
  const start = (stateMachineArn: string) => usageRow({ eventSource: "states.amazonaws.com", eventName: "StartExecution", parameters: { stateMachineArn } });

  it("grants a numbered version as every version, and keeps an alias or the machine as named", async () => {
    expect(await granted(start(`${machine}:3`), start(`${machine}:17`))).toEqual([["states:StartExecution", `${machine}:*`]]);
    expect(await granted(start(`${machine}:live`))).toEqual([["states:StartExecution", `${machine}:live`]]);
    expect(await granted(start(machine))).toEqual([["states:StartExecution", machine]]);
  });

  it("grants an execution action on every execution of its state machine", async () => {
    const row = usageRow({ eventSource: "states.amazonaws.com", eventName: "DescribeExecution", parameters: { executionArn: "arn:aws:states:eu-west-1:111122223333:execution:settle:" } });
    expect(await granted(row)).toEqual([["states:DescribeExecution", "arn:aws:states:eu-west-1:111122223333:execution:settle:*"]]);
  });
});

describe("services without an ARN builder", () => {
  it("use the ARNs resources[] names that fit the action's resource types", async () => {
    const cluster = "arn:aws:ecs:eu-west-1:111122223333:cluster/main";
    const row = usageRow({
      eventSource: "ec2.amazonaws.com",
      eventName: "StopInstances",
      resources: [
        { arn: "arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc", type: "AWS::EC2::Instance", accountId: null },
        { arn: cluster, type: null, accountId: null }, // another service's resource: not this action's
      ],
    });
    expect(await granted(row)).toEqual([["ec2:StopInstances", "arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc"]]);
  });
});
