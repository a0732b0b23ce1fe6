import { type ArnBuilder, arnInEventAccount, byResourceType, found, foundInResources, stringParameter, viaParameter } from "./arn-context.js";

/**
 * Streams are `stream/NAME`, named by `streamName`, by `streamARN` (newer SDKs), or, for data
 * events (PutRecord, GetRecords, whose request names only a shard iterator), in resources[].
 * Enhanced fan-out consumers are named by `consumerARN`.
 * Source: Kinesis Data Streams Developer Guide, "Controlling access" and its CloudTrail page.
 */
export const kinesisArns: ArnBuilder = (context) =>
  byResourceType(context, {
    stream: (c) => {
      const name = stringParameter(c.row, "streamName");
      const arn = stringParameter(c.row, "streamARN");
      return (
        foundInResources(c, "stream") ??
        found(arn === undefined ? [] : [arn], viaParameter("streamARN")) ??
        found(name === undefined ? [] : [arnInEventAccount(c, "kinesis", `stream/${name}`)], viaParameter("streamName"))
      );
    },
    consumer: (c) => {
      const consumer = stringParameter(c.row, "consumerARN");
      return found(consumer === undefined ? [] : [consumer], viaParameter("consumerARN")) ?? foundInResources(c, "consumer");
    },
  });
