import { beforeAll, describe, expect, it } from "vitest";
import type { Grant } from "../../src/diff/current-grants.js";
import { unusedGrants } from "../../src/drift/unused-grants.js";
import type { IamCatalog } from "../../src/iam/catalog.js";
import { testCatalog } from "../mapping/fixtures.js";

let catalog: IamCatalog;
beforeAll(async () => {
  catalog = await testCatalog();
});

const grant = (action: string, ...resources: string[]): Grant => ({ action, resources, conditional: false, conditionallyDenied: [] });
const call = (action: string, resource: string, lastSeen = "2026-11-10T00:00:00Z") => ({ action, resource, evidence: { count: 1, firstSeen: lastSeen, lastSeen } });
const S3_RECORDED = new Set(["AWS::S3::Object"]);

describe("unusedGrants", () => {
  it("reports a grant with no call in the window, with its last use before it", () => {
    const { unused } = unusedGrants(
      [grant("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/orders"), grant("sqs:SendMessage", "*")],
      {
        window: [call("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:jobs")],
        before: [call("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/orders", "2026-09-01T00:00:00Z"), call("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/orders", "2026-10-01T00:00:00Z")],
        // DynamoDB item calls are data events: an unused GetItem only shows when the trail records them.
        recordedDataEvents: new Set(["AWS::DynamoDB::Table"]),
      },
      catalog,
    );
    expect(unused).toEqual([
      { action: "dynamodb:GetItem", resources: ["arn:aws:dynamodb:us-east-1:111122223333:table/orders"], accessLevel: "Read", risks: [], lastUsed: "2026-10-01T00:00:00Z", conditionallyDenied: [] },
    ]);
  });

  it("reports just the granted resources no call in the window matched, for an action that was used", () => {
    const { unused } = unusedGrants(
      [grant("s3:GetObject", "arn:aws:s3:::data/*", "arn:aws:s3:::other/*")],
      { window: [call("s3:GetObject", "arn:aws:s3:::data/in/*")], before: [call("s3:GetObject", "arn:aws:s3:::other/x", "2026-10-02T00:00:00Z")], recordedDataEvents: S3_RECORDED },
      catalog,
    );
    expect(unused).toEqual([expect.objectContaining({ action: "s3:GetObject", resources: ["arn:aws:s3:::other/*"], lastUsed: "2026-10-02T00:00:00Z" })]);
  });

  it("keeps grants CloudTrail cannot show in use out of unused", () => {
    const { unused, unobservable } = unusedGrants(
      [grant("logs:PutLogEvents", "*"), grant("s3:GetObject", "arn:aws:s3:::data/*")],
      { window: [], before: [], recordedDataEvents: new Set() },
      catalog,
    );
    expect(unused).toEqual([]);
    expect(unobservable.map((u) => u.action)).toEqual(["logs:PutLogEvents", "s3:GetObject"]);
  });

  it("judges a NotResource grant by action only", () => {
    const { unused } = unusedGrants([grant("sqs:SendMessage", "* except arn:aws:sqs:us-east-1:111122223333:secret")], {
      window: [call("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:jobs")],
      before: [],
      recordedDataEvents: new Set(),
    }, catalog);
    expect(unused).toEqual([]);
  });
});
