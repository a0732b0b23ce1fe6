import { describe, expect, it } from "vitest";
import { createIamCatalog, loadIamCatalog, qualifiedName, splitActionName } from "../../src/iam/catalog.js";

describe("loadIamCatalog", () => {
  it("looks actions up case-insensitively and answers with iam-data's casing", async () => {
    const catalog = await loadIamCatalog(["s3"]);
    const action = catalog.action("S3", "getobject");
    expect(action).toMatchObject({ service: "s3", name: "GetObject", accessLevel: "Read", isWildcardOnly: false });
    expect(action?.resourceTypes.map((t) => t.name)).toContain("object");
    expect(catalog.action("s3", "NoSuchAction")).toBeUndefined();
  });

  it("marks actions without resource types as wildcard-only", async () => {
    const catalog = await loadIamCatalog(["s3"]);
    expect(catalog.action("s3", "ListAllMyBuckets")).toMatchObject({ isWildcardOnly: true, resourceTypes: [] });
  });

  it("gives resource ARN formats by resource type, case-insensitively", async () => {
    const catalog = await loadIamCatalog(["s3", "secretsmanager"]);
    expect(catalog.resourceArnFormat("s3", "object")).toBe("arn:${Partition}:s3:::${BucketName}/${ObjectName}");
    // iam-data names the type "Secret" in actions and "secret" in resource types
    expect(catalog.resourceArnFormat("secretsmanager", "Secret")).toContain(":secret:");
    expect(catalog.resourceArnFormat("s3", "nothing")).toBeUndefined();
  });

  it("knows every service but only loads the ones asked for", async () => {
    const catalog = await loadIamCatalog(["sqs", "not-a-service"]);
    expect(catalog.hasService("sqs")).toBe(true);
    expect(catalog.hasService("kms")).toBe(true);
    expect(catalog.hasService("not-a-service")).toBe(false);
    expect(() => catalog.action("kms", "Decrypt")).toThrow(/not loaded/);
    expect(catalog.action("not-a-service", "Foo")).toBeUndefined();
  });

  it("loads every service when given no prefixes", async () => {
    const catalog = await loadIamCatalog();
    expect(catalog.action("ec2", "describeinstances")?.name).toBe("DescribeInstances");
    expect(catalog.action("cloudwatch", "PutMetricData")?.name).toBe("PutMetricData");
  });
});

describe("createIamCatalog", () => {
  it("serves literal data, for tests that need no iam-data", () => {
    const catalog = createIamCatalog(
      new Map([
        [
          "demo",
          {
            actions: [{ service: "demo", name: "GetThing", accessLevel: "Read", resourceTypes: [], isWildcardOnly: true }],
            resourceArnFormats: { thing: "arn:${Partition}:demo:::${ThingName}" },
          },
        ],
      ]),
    );
    expect(catalog.action("DEMO", "getthing")?.name).toBe("GetThing");
    expect(catalog.resourceArnFormat("demo", "Thing")).toBe("arn:${Partition}:demo:::${ThingName}");
  });
});

describe("action names", () => {
  it("splits and joins service-qualified names", () => {
    expect(splitActionName("S3:GetObject")).toEqual(["s3", "GetObject"]);
    expect(qualifiedName({ service: "s3", name: "GetObject" })).toBe("s3:GetObject");
    expect(() => splitActionName("GetObject")).toThrow();
  });
});
