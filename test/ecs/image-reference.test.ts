import { describe, expect, it } from "vitest";
import { ImageReferenceError, parseImageReference } from "../../src/ecs/image-reference.js";

describe("parseImageReference", () => {
  it("an ECR image in the task's own account and region names its repository", () => {
    expect(parseImageReference("111122223333.dkr.ecr.us-east-1.amazonaws.com/payments-service:v1.42.0")).toEqual({
      kind: "ecr",
      image: "111122223333.dkr.ecr.us-east-1.amazonaws.com/payments-service:v1.42.0",
      registry: "111122223333.dkr.ecr.us-east-1.amazonaws.com",
      repository: "payments-service",
      tag: "v1.42.0",
      digest: null,
      account: "111122223333",
      region: "us-east-1",
      partition: "aws",
      repositoryArn: "arn:aws:ecr:us-east-1:111122223333:repository/payments-service",
    });
  });

  it("another account's or region's registry is that registry's repository, namespaces kept", () => {
    expect(parseImageReference("444455556666.dkr.ecr.eu-west-1.amazonaws.com/shared/reports:2026.11")).toMatchObject({
      kind: "ecr",
      repository: "shared/reports",
      repositoryArn: "arn:aws:ecr:eu-west-1:444455556666:repository/shared/reports",
    });
  });

  it("a digest, with or without a tag, is not part of the repository", () => {
    const digest = "sha256:" + "a".repeat(64);
    expect(parseImageReference(`111122223333.dkr.ecr.us-east-1.amazonaws.com/api@${digest}`)).toMatchObject({ repository: "api", tag: null, digest });
    expect(parseImageReference(`111122223333.dkr.ecr.us-east-1.amazonaws.com/api:v2@${digest}`)).toMatchObject({ repository: "api", tag: "v2", digest });
    expect(parseImageReference("111122223333.dkr.ecr.us-east-1.amazonaws.com/api")).toMatchObject({ repository: "api", tag: null, digest: null });
  });

  it("a China region registry (.amazonaws.com.cn) is in the aws-cn partition; GovCloud in aws-us-gov", () => {
    expect(parseImageReference("111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/app:1")).toMatchObject({
      partition: "aws-cn",
      repositoryArn: "arn:aws-cn:ecr:cn-north-1:111122223333:repository/app",
    });
    expect(parseImageReference("111122223333.dkr.ecr.us-gov-west-1.amazonaws.com/app:1")).toMatchObject({
      repositoryArn: "arn:aws-us-gov:ecr:us-gov-west-1:111122223333:repository/app",
    });
  });

  it("FIPS and dual-stack ECR endpoints are the same registry", () => {
    expect(parseImageReference("111122223333.dkr.ecr-fips.us-east-1.amazonaws.com/app:1")).toMatchObject({ kind: "ecr", region: "us-east-1" });
    expect(parseImageReference("111122223333.dkr-ecr.us-west-2.on.aws/app:1")).toMatchObject({ kind: "ecr", region: "us-west-2" });
  });

  it("ECR Public, Docker Hub and other registries are not ECR private repositories", () => {
    expect(parseImageReference("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable")).toMatchObject({ kind: "ecr-public", repository: "aws-observability/aws-for-fluent-bit" });
    expect(parseImageReference("nginx:1.27")).toMatchObject({ kind: "docker-hub", registry: "docker.io", repository: "library/nginx", tag: "1.27" });
    expect(parseImageReference("docker.io/bitnami/redis")).toMatchObject({ kind: "docker-hub", repository: "bitnami/redis", tag: null });
    expect(parseImageReference("ghcr.io/acme/pdf-renderer:1.4")).toMatchObject({ kind: "registry", registry: "ghcr.io", repository: "acme/pdf-renderer", tag: "1.4" });
    // A port is not a tag: the registry is localhost:5000, the repository x.
    expect(parseImageReference("localhost:5000/x")).toMatchObject({ kind: "registry", registry: "localhost:5000", repository: "x", tag: null });
    expect(parseImageReference("localhost/x:2")).toMatchObject({ kind: "registry", registry: "localhost", repository: "x", tag: "2" });
  });

  it("a look-alike host is not ECR", () => {
    expect(parseImageReference("111122223333.dkr.ecr.us-east-1.amazonaws.com.evil.example/app").kind).toBe("registry");
    expect(parseImageReference("12345.dkr.ecr.us-east-1.amazonaws.com/app").kind).toBe("registry");
  });

  it("refuses what is no image reference", () => {
    for (const bad of ["", " ", "nginx :1", "ghcr.io/", "nginx:", "nginx@"]) expect(() => parseImageReference(bad), bad).toThrow(ImageReferenceError);
  });
});
