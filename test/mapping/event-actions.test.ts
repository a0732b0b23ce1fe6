import { describe, expect, it } from "vitest";
import { actionNamesFor, stripVersionSuffix } from "../../src/mapping/event-actions.js";

describe("stripVersionSuffix", () => {
  it("removes the API versions CloudTrail appends to some operation names", () => {
    expect(stripVersionSuffix("GetFunction20150331v2")).toBe("GetFunction");
    expect(stripVersionSuffix("ListVersionsByFunction20150331")).toBe("ListVersionsByFunction");
    expect(stripVersionSuffix("GetFunctionConfiguration20150331v2")).toBe("GetFunctionConfiguration");
    expect(stripVersionSuffix("UpdateDistribution2016_11_25")).toBe("UpdateDistribution");
  });

  it("leaves other names alone", () => {
    expect(stripVersionSuffix("ListObjectsV2")).toBe("ListObjectsV2");
    expect(stripVersionSuffix("Ec2InstanceConnect")).toBe("Ec2InstanceConnect");
    expect(stripVersionSuffix("PutObject")).toBe("PutObject");
  });
});

describe("actionNamesFor", () => {
  it("maps CloudTrail operation names to IAM actions where they differ", () => {
    expect(actionNamesFor("s3", "ListObjects")).toEqual(["s3:ListBucket"]);
    expect(actionNamesFor("s3", "ListObjectsV2")).toEqual(["s3:ListBucket"]);
    expect(actionNamesFor("s3", "HeadObject")).toEqual(["s3:GetObject"]);
    expect(actionNamesFor("s3", "HeadBucket")).toEqual(["s3:ListBucket"]);
    expect(actionNamesFor("s3", "CreateMultipartUpload")).toEqual(["s3:PutObject"]);
    expect(actionNamesFor("s3", "UploadPart")).toEqual(["s3:PutObject"]);
    expect(actionNamesFor("s3", "CompleteMultipartUpload")).toEqual(["s3:PutObject"]);
    expect(actionNamesFor("s3", "PutBucketReplication")).toEqual(["s3:PutReplicationConfiguration"]);
    expect(actionNamesFor("lambda", "Invoke")).toEqual(["lambda:InvokeFunction"]);
    expect(actionNamesFor("kms", "ReEncrypt")).toEqual(["kms:ReEncryptFrom", "kms:ReEncryptTo"]);
  });

  it("strips version suffixes before looking up exceptions", () => {
    expect(actionNamesFor("lambda", "GetFunction20150331v2")).toEqual(["lambda:GetFunction"]);
  });

  it("passes other names through as prefix:eventName", () => {
    expect(actionNamesFor("dynamodb", "GetItem")).toEqual(["dynamodb:GetItem"]);
  });

  it("needs nothing for sts:GetCallerIdentity, which IAM never refuses", () => {
    expect(actionNamesFor("sts", "GetCallerIdentity")).toEqual([]);
  });
});
