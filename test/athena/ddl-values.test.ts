import { describe, expect, it } from "vitest";
import { accountId, organizationId, projectionDay, regionName, s3BucketName, s3KeyPrefix, sqlIdentifier, sqlStringLiteral } from "../../src/athena/ddl-values.js";
import { UsageError } from "../../src/usage-error.js";

describe("values for Athena DDL", () => {
  it("identifiers: letters, digits and _ only, backquoted", () => {
    expect(sqlIdentifier("cloudtrail_2026", "--table")).toBe("`cloudtrail_2026`");
    expect(sqlIdentifier("_private", "--table")).toBe("`_private`");
    for (const bad of ["", "a-b", "a b", "a`b", "a.b", "a;DROP", "x".repeat(256)]) {
      expect(() => sqlIdentifier(bad, "--table")).toThrow(UsageError);
    }
    expect(() => sqlIdentifier("a`b", "--table")).toThrow("--table 'a`b' is not an Athena name: letters, digits and _ only, at most 255");
  });

  it("string literals refuse what could end them in either Hive or Trino quoting", () => {
    expect(sqlStringLiteral("s3://b/AWSLogs/${account}", "x")).toBe("'s3://b/AWSLogs/${account}'");
    for (const bad of ["it's", "a\\", "a\\'", "line\nbreak", "tab\t", "é"]) expect(() => sqlStringLiteral(bad, "the trail ARN")).toThrow(UsageError);
    expect(() => sqlStringLiteral("a'b", "the trail ARN")).toThrow("the trail ARN 'a'b' cannot go into Athena DDL: it holds a quote, a backslash or a non-printable character");
  });

  it("bucket names follow S3's rules (legacy capitals and underscores allowed)", () => {
    for (const good of ["abc", "my.trail-bucket", "Legacy_Bucket", "a".repeat(63)]) expect(s3BucketName(good, "b")).toBe(good);
    for (const bad of ["ab", "-abc", "abc-", "a..b", "192.168.1.1", "a/b", "a'b", "a${b}", "a b", ""]) expect(() => s3BucketName(bad, "b")).toThrow(UsageError);
  });

  it("key prefixes: S3's safe characters without the quote, '*', '$' or braces", () => {
    for (const good of ["cloudtrail", "org/logs/2026", "a!b_c.d(e)-f"]) expect(s3KeyPrefix(good, "p")).toBe(good);
    for (const bad of ["it's", "${account}", "a$b", "a{b}", "a*b", "a b", "a\\b", "", "x".repeat(201)]) expect(() => s3KeyPrefix(bad, "p")).toThrow(UsageError);
  });

  it("account ids, regions and organization ids", () => {
    expect(accountId("012345678901", "--accounts")).toBe("012345678901");
    for (const bad of ["12345678901", "1234567890123", "12345678901a", "123456789012,"]) expect(() => accountId(bad, "--accounts")).toThrow(UsageError);
    for (const good of ["us-east-1", "us-gov-west-1", "ap-southeast-7", "cn-northwest-1", "eusc-de-east-1"]) expect(regionName(good, "--regions")).toBe(good);
    for (const bad of ["us-east", "US-EAST-1", "us_east_1", "us-east-1'", "useast1"]) expect(() => regionName(bad, "--regions")).toThrow(UsageError);
    expect(organizationId("o-a1b2c3d4e5", "--organization-id")).toBe("o-a1b2c3d4e5");
    for (const bad of ["o-short", "o-A1B2C3D4E5", "a1b2c3d4e5f6", "o-a1b2c3d4e5'"]) expect(() => organizationId(bad, "--organization-id")).toThrow(UsageError);
  });

  it("projection days from YYYY-MM-DD, real dates only", () => {
    expect(projectionDay("2026-02-28", "--since-date")).toBe("2026/02/28");
    expect(projectionDay("2024/02/29", "--since-date")).toBe("2024/02/29");
    for (const bad of ["2026-02-30", "2026-13-01", "26-01-01", "2026-1-1", "yesterday"]) expect(() => projectionDay(bad, "--since-date")).toThrow(UsageError);
  });
});
