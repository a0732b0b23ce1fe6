import { describe, expect, it } from "vitest";
import { actionNamesFor, actionsFor, stripVersionSuffix } from "../../src/mapping/event-actions.js";
import { loadIamCatalog } from "../../src/iam/catalog.js";
import { mapUsage } from "../../src/mapping/map-usage.js";
import { usageRow } from "./fixtures.js";

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

describe("action names that are not the call's name (issue 14)", () => {
  it("authorizes AWS Budgets by ModifyBudget and ViewBudget, which the SAR lists instead of per-operation actions", () => {
    for (const name of ["CreateBudget", "UpdateBudget", "DeleteBudget", "CreateNotification", "DeleteSubscriber"]) {
      expect(actionNamesFor("budgets", name)).toEqual(["budgets:ModifyBudget"]);
    }
    for (const name of ["DescribeBudget", "DescribeBudgets", "DescribeBudgetPerformanceHistory", "DescribeNotificationsForBudget"]) {
      expect(actionNamesFor("budgets", name)).toEqual(["budgets:ViewBudget"]);
    }
  });

  it("authorizes the @connections API of a WebSocket API as execute-api:ManageConnections", () => {
    for (const name of ["PostToConnection", "GetConnection", "DeleteConnection"]) expect(actionNamesFor("execute-api", name)).toEqual(["execute-api:ManageConnections"]);
  });

  it("authorizes API Gateway calls the route table now holds by their HTTP verb", () => {
    expect(actionNamesFor("apigateway", "FlushStageAuthorizersCache")).toEqual(["apigateway:DELETE"]);
    expect(actionNamesFor("apigateway", "ResetAuthorizersCache")).toEqual(["apigateway:DELETE"]);
    expect(actionNamesFor("apigateway", "UntagResource")).toEqual(["apigateway:DELETE"]);
    expect(actionNamesFor("apigateway", "ImportApi")).toEqual(["apigateway:PUT"]);
    expect(actionNamesFor("apigateway", "ReimportApi")).toEqual(["apigateway:PUT"]);
    expect(actionNamesFor("apigateway", "ImportDocumentationParts")).toEqual(["apigateway:PUT"]);
    expect(actionNamesFor("apigateway", "ExportApi")).toEqual(["apigateway:GET"]);
    expect(actionNamesFor("apigateway", "GenerateClientCertificate")).toEqual(["apigateway:POST"]);
    expect(actionNamesFor("apigateway", "ImportApiKeys")).toEqual(["apigateway:POST"]);
    expect(actionNamesFor("apigateway", "TestInvokeAuthorizer")).toEqual(["apigateway:POST"]);
  });

  it("names both verbs of API Gateway TagResource as candidates: v1 PUTs, v2 POSTs, and the event does not say which", () => {
    const event = actionsFor("apigateway", "TagResource");
    expect(event.names).toEqual(["apigateway:POST", "apigateway:PUT"]);
    expect(event.undetermined?.why).toContain("v1");
  });

  it("names a Timestream query's possible actions as candidates, since its statement decides", () => {
    const event = actionsFor("timestream", "Query");
    expect(event.names).toContain("timestream:Select");
    expect(event.names).toContain("timestream:SelectValues");
    expect(event.undetermined).not.toBeNull();
  });

  it("maps CloudFront's CreateDistributionWithTags and CloudSearch's document upload to the actions IAM has", () => {
    expect(actionNamesFor("cloudfront", "CreateDistributionWithTags2020_05_31")).toEqual(["cloudfront:CreateDistribution", "cloudfront:TagResource"]);
    expect(actionNamesFor("cloudsearch", "UploadDocuments")).toEqual(["cloudsearch:document"]);
  });

  it("grants FlushStageAuthorizersCache DELETE on the stage's authorizer cache path, from a real-shaped event", async () => {
    const catalog = await loadIamCatalog(["apigateway"]);
    const row = usageRow({ eventSource: "apigateway.amazonaws.com", eventName: "FlushStageAuthorizersCache", parameters: { restApiId: "a1b2c3", stageName: "prod" } });
    expect(mapUsage([row], catalog).permissions.map((p) => [p.action, p.resource])).toEqual([
      ["apigateway:DELETE", "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3/stages/prod/cache/authorizers"],
    ]);
  });
});
