import { describe, expect, it } from "vitest";
import { servicePrefixOf } from "../../src/mapping/service-prefix.js";

describe("servicePrefixOf", () => {
  it("is the eventSource host for most services", () => {
    expect(servicePrefixOf("s3.amazonaws.com")).toBe("s3");
    expect(servicePrefixOf("secretsmanager.amazonaws.com")).toBe("secretsmanager");
    expect(servicePrefixOf("elasticloadbalancing.amazonaws.com")).toBe("elasticloadbalancing");
  });

  it("follows the exceptions where CloudTrail and IAM disagree", () => {
    expect(servicePrefixOf("monitoring.amazonaws.com")).toBe("cloudwatch");
    expect(servicePrefixOf("streams.dynamodb.amazonaws.com")).toBe("dynamodb");
    expect(servicePrefixOf("tagging.amazonaws.com")).toBe("tag");
    expect(servicePrefixOf("email.amazonaws.com")).toBe("ses");
    expect(servicePrefixOf("models.lex.amazonaws.com")).toBe("lex");
    expect(servicePrefixOf("appstream2.amazonaws.com")).toBe("appstream");
  });
});
