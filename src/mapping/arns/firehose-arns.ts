import { type ArnBuilder, arnInEventAccount, byResourceType, found, foundInResources, stringParameter, viaParameter } from "./arn-context.js";

/**
 * Delivery streams are `deliverystream/NAME`, named by `deliveryStreamName` in every Firehose call
 * that acts on one (PutRecord, PutRecordBatch, DescribeDeliveryStream, ...).
 * Source: Amazon Data Firehose API Reference and Developer Guide, "Controlling access".
 */
export const firehoseArns: ArnBuilder = (context) =>
  byResourceType(context, {
    deliverystream: (c) => {
      const name = stringParameter(c.row, "deliveryStreamName");
      return (
        foundInResources(c, "deliverystream") ??
        found(name === undefined ? [] : [arnInEventAccount(c, "firehose", `deliverystream/${name}`)], viaParameter("deliveryStreamName"))
      );
    },
  });
