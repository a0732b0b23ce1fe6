import { describe, expect, it } from "vitest";
import type { UsageRow } from "../../../src/engines/usage-row.js";
import { granted, grantedWith, objectKeys, unmappedOf, usageRow } from "../fixtures.js";

const s3 = (eventName: string, extra: Partial<UsageRow> = {}) =>
  usageRow({ eventSource: "s3.amazonaws.com", eventName, parameters: { bucketName: "payments-data" }, ...extra });

describe("S3 ARNs", () => {
  it("names the bucket for bucket actions", async () => {
    expect(await granted(s3("ListObjectsV2"), s3("HeadBucket"), s3("GetBucketLocation"))).toEqual([
      ["s3:GetBucketLocation", "arn:aws:s3:::payments-data"],
      ["s3:ListBucket", "arn:aws:s3:::payments-data"],
    ]);
  });

  it("names each object when every key is known", async () => {
    const keys = objectKeys(["config/app.json", "config/db.json"]);
    expect(await granted(s3("GetObject", { objectKeys: keys }), s3("HeadObject", { objectKeys: keys }))).toEqual([
      ["s3:GetObject", "arn:aws:s3:::payments-data/config/app.json"],
      ["s3:GetObject", "arn:aws:s3:::payments-data/config/db.json"],
    ]);
  });

  it("grants keys by their shape: a date folder and what is below it as *", async () => {
    const keys = objectKeys(Array.from({ length: 100 }, (_, i) => `exports/2026/${i}.csv`));
    expect(await granted(s3("PutObject", { objectKeys: keys }))).toEqual([["s3:PutObject", "arn:aws:s3:::payments-data/exports/*"]]);
  });

  it("grants the folder of several stable names to a reader, never to a writer", async () => {
    const daily = (name: string) => ({ name, calls: 10, firstSeen: "2026-01-01T08:00:00Z", lastSeen: "2026-01-10T08:00:00Z" });
    const keys = objectKeys([daily("config/app.json"), daily("config/db.json")]);
    const span = { firstSeen: "2026-01-01T08:00:00Z", lastSeen: "2026-01-10T08:00:00Z" };
    expect(await granted(s3("GetObject", { objectKeys: keys, ...span }))).toEqual([["s3:GetObject", "arn:aws:s3:::payments-data/config/*"]]);
    expect(await granted(s3("PutObject", { objectKeys: keys, ...span }))).toEqual([
      ["s3:PutObject", "arn:aws:s3:::payments-data/config/app.json"],
      ["s3:PutObject", "arn:aws:s3:::payments-data/config/db.json"],
    ]);
  });

  it("applies a prefix rule of the bucket before the default", async () => {
    const keys = objectKeys(["uploads/a/x.jpg", "uploads/b/y.jpg", "private/z.txt"]);
    expect(await grantedWith({ s3Prefixes: { "payments-data/uploads/": "*" } }, s3("PutObject", { objectKeys: keys }))).toEqual([
      ["s3:PutObject", "arn:aws:s3:::payments-data/private/z.txt"],
      ["s3:PutObject", "arn:aws:s3:::payments-data/uploads/*"],
    ]);
    // Another bucket's rule does not apply.
    expect(await grantedWith({ s3Prefixes: { "other-bucket/uploads/": "*" } }, s3("PutObject", { objectKeys: keys }))).toContainEqual([
      "s3:PutObject",
      "arn:aws:s3:::payments-data/uploads/a/x.jpg",
    ]);
  });

  it("maps multipart uploads to s3:PutObject", async () => {
    const keys = objectKeys(["big/file.bin"]);
    const rows = ["CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload"].map((e) => s3(e, { objectKeys: keys }));
    expect(await granted(...rows)).toEqual([["s3:PutObject", "arn:aws:s3:::payments-data/big/file.bin"]]);
  });

  it("takes the bucket from resources[] when requestParameters lack it", async () => {
    const row = usageRow({
      eventSource: "s3.amazonaws.com",
      eventName: "GetBucketAcl",
      resources: [{ arn: "arn:aws:s3:::logs-bucket", type: "AWS::S3::Bucket", accountId: "444455556666" }],
    });
    expect(await granted(row)).toEqual([["s3:GetBucketAcl", "arn:aws:s3:::logs-bucket"]]);
  });

  it("uses the partition of the region", async () => {
    const row = s3("GetObject", { region: "cn-north-1", objectKeys: objectKeys(["a"]) });
    expect(await granted(row)).toEqual([["s3:GetObject", "arn:aws-cn:s3:::payments-data/a"]]);
  });

  it("grants the copy target, and the copy source's folder as the engine kept it", async () => {
    const row = s3("CopyObject", {
      parameters: { bucketName: "payments-data", "x-amz-copy-source": "incoming/2026/01/" },
      objectKeys: objectKeys(["copies/a"]),
    });
    expect(await granted(row)).toEqual([
      ["s3:GetObject", "arn:aws:s3:::incoming/2026/01/*"],
      ["s3:PutObject", "arn:aws:s3:::payments-data/copies/a"],
    ]);
  });

  it("grants a copy source's generated folders (dates, UUIDs) by their shape, its top folder as written", async () => {
    const copy = (source: string) =>
      s3("CopyObject", { parameters: { bucketName: "payments-data", "x-amz-copy-source": source }, objectKeys: objectKeys(["copies/a"]) });
    const rows = [copy("landing/incoming/2026-11-30/"), copy("landing/incoming/2026-12-01/"), copy("landing/jobs/6f1c2a4e-7b1d-4c55-9a2e-5d8c1e6b7a90/")];
    expect((await granted(...rows)).filter(([action]) => action === "s3:GetObject")).toEqual([
      ["s3:GetObject", "arn:aws:s3:::landing/incoming/*/*"],
      ["s3:GetObject", "arn:aws:s3:::landing/jobs/*/*"],
    ]);
    // Nothing is widened at the top of the source bucket, nor under the exact rule.
    expect((await granted(copy("landing/2026-11-30/"))).filter(([action]) => action === "s3:GetObject")).toEqual([["s3:GetObject", "arn:aws:s3:::landing/2026-11-30/*"]]);
    expect((await grantedWith({ s3ObjectKeys: "exact" }, rows[0]!)).filter(([action]) => action === "s3:GetObject")).toEqual([["s3:GetObject", "arn:aws:s3:::landing/incoming/2026-11-30/*"]]);
  });

  it("reports a copy whose source the event does not name", async () => {
    const row = s3("CopyObject", { objectKeys: objectKeys(["copies/a"]) });
    expect(await unmappedOf(row)).toEqual([["s3:GetObject", "the event names no copy source (x-amz-copy-source)"]]);
  });
});
