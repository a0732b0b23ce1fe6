import { describe, expect, it } from "vitest";
import { queueArnOfUrl } from "../../../src/mapping/arns/sqs-arns.js";
import { granted, unmappedOf, usageRow } from "../fixtures.js";

describe("SQS ARNs", () => {
  it("reads region, account and name from the queue URL", async () => {
    const row = usageRow({
      eventSource: "sqs.amazonaws.com",
      eventName: "SendMessageBatch",
      parameters: { queueUrl: "https://sqs.us-east-2.amazonaws.com/444455556666/settlements.fifo" },
    });
    expect(await granted(row)).toEqual([["sqs:SendMessage", "arn:aws:sqs:us-east-2:444455556666:settlements.fifo"]]);
  });

  it("understands the legacy and China queue hosts", () => {
    expect(queueArnOfUrl("https://queue.amazonaws.com/111122223333/q")).toBe("arn:aws:sqs:us-east-1:111122223333:q");
    expect(queueArnOfUrl("https://eu-west-1.queue.amazonaws.com/111122223333/q")).toBe(
      "arn:aws:sqs:eu-west-1:111122223333:q",
    );
    expect(queueArnOfUrl("https://sqs.cn-north-1.amazonaws.com.cn/111122223333/q")).toBe(
      "arn:aws-cn:sqs:cn-north-1:111122223333:q",
    );
    expect(queueArnOfUrl("https://example.com/q")).toBeUndefined();
  });

  it("names the queue of GetQueueUrl, in its owner's account", async () => {
    const row = usageRow({
      eventSource: "sqs.amazonaws.com",
      eventName: "GetQueueUrl",
      parameters: { queueName: "jobs", queueOwnerAWSAccountId: "444455556666" },
    });
    expect(await granted(row)).toEqual([["sqs:GetQueueUrl", "arn:aws:sqs:eu-west-1:444455556666:jobs"]]);
  });
});

describe("SNS ARNs", () => {
  it("takes topicArn and Publish's targetArn as they are", async () => {
    const topic = "arn:aws:sns:eu-west-1:111122223333:payment-events";
    const rows = [
      usageRow({ eventSource: "sns.amazonaws.com", eventName: "Publish", parameters: { topicArn: topic } }),
      usageRow({ eventSource: "sns.amazonaws.com", eventName: "PublishBatch", parameters: { topicArn: topic } }),
      usageRow({ eventSource: "sns.amazonaws.com", eventName: "GetTopicAttributes", parameters: { targetArn: topic } }),
    ];
    expect(await granted(...rows)).toEqual([
      ["sns:GetTopicAttributes", topic],
      ["sns:Publish", topic],
    ]);
  });

  it("reports a publish to something that is not a topic", async () => {
    const row = usageRow({
      eventSource: "sns.amazonaws.com",
      eventName: "Publish",
      parameters: { targetArn: "arn:aws:sns:eu-west-1:111122223333:endpoint/GCM/app/1234" },
    });
    expect(await unmappedOf(row)).toEqual([["sns:Publish", "the event names no topic"]]);
  });
});
