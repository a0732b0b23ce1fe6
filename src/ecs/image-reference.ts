import { partitionOf } from "../iam/partition.js";

/**
 * A container image reference, split as Docker's reference grammar splits it
 * (github.com/distribution/reference): `[REGISTRY/]REPOSITORY[:TAG][@DIGEST]`. Only an ECR private
 * registry needs the execution role's permission to pull: ECS asks ECR for a token and the layers
 * with the role's credentials. Every other registry is pulled anonymously, or with the
 * `repositoryCredentials` secret the container names (that grant is the secret's, not the image's).
 */
export type ImageReference = EcrImage | OtherImage;

interface ImageParts {
  readonly image: string;
  /** The registry host as written (with its port), or "docker.io" for Docker Hub's short names. */
  readonly registry: string;
  readonly repository: string;
  readonly tag: string | null;
  readonly digest: string | null;
}

export interface EcrImage extends ImageParts {
  readonly kind: "ecr";
  readonly account: string;
  readonly region: string;
  readonly partition: string;
  /** `arn:PARTITION:ecr:REGION:ACCOUNT:repository/REPO`: what BatchGetImage and the layer calls are authorized against. */
  readonly repositoryArn: string;
}

export interface OtherImage extends ImageParts {
  /** ECR Public and Docker Hub serve anonymous pulls; "registry" is any other host (ghcr.io, quay.io, a private one). */
  readonly kind: "ecr-public" | "docker-hub" | "registry";
}

/** What is wrong with an image reference. */
export class ImageReferenceError extends Error {
  override readonly name = "ImageReferenceError";
}

/**
 * Host names of ECR private registries: the registry is the account, the region is in the name.
 * Source: ECR User Guide, "Amazon ECR private registry" (registry URL) and "Amazon ECR endpoints"
 * (FIPS and dual-stack endpoints); China regions end in `.amazonaws.com.cn`.
 */
const ECR_REGISTRY_HOSTS: readonly RegExp[] = [
  /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/,
  /^(\d{12})\.dkr\.ecr-fips\.([a-z0-9-]+)\.amazonaws\.com$/,
  /^(\d{12})\.dkr-ecr(?:-fips)?\.([a-z0-9-]+)\.on\.aws$/,
];

/** Docker Hub's names for itself; a reference without a registry host is Docker Hub's too. */
const DOCKER_HUB_HOSTS = new Set(["docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"]);
const ECR_PUBLIC_HOSTS = new Set(["public.ecr.aws"]);

export function parseImageReference(image: string): ImageReference {
  if (image.trim() === "" || /\s/.test(image)) throw new ImageReferenceError(`${JSON.stringify(image)} is not an image reference`);
  const at = image.indexOf("@");
  const digest = at === -1 ? null : image.slice(at + 1);
  const named = at === -1 ? image : image.slice(0, at);
  const slash = named.indexOf("/");
  const first = slash === -1 ? "" : named.slice(0, slash);
  // Docker's rule: the first component is a registry host only if it could not be a repository
  // path component: it has a "." or a ":" (port), or is "localhost".
  const hasRegistry = slash !== -1 && (first.includes(".") || first.includes(":") || first === "localhost");
  const registry = hasRegistry ? first : "docker.io";
  const path = hasRegistry ? named.slice(slash + 1) : named;
  const colon = path.lastIndexOf(":");
  const tagged = colon > path.lastIndexOf("/");
  const repository = tagged ? path.slice(0, colon) : path;
  const tag = tagged ? path.slice(colon + 1) : null;
  if (repository === "" || repository.startsWith("/") || repository.endsWith("/") || tag === "" || digest === "") {
    throw new ImageReferenceError(`${JSON.stringify(image)} is not an image reference`);
  }
  const parts: ImageParts = { image, registry, repository, tag, digest };

  for (const host of ECR_REGISTRY_HOSTS) {
    const match = host.exec(registry);
    if (match === null) continue;
    const [, account = "", region = ""] = match;
    const partition = partitionOf(region);
    return { ...parts, kind: "ecr", account, region, partition, repositoryArn: `arn:${partition}:ecr:${region}:${account}:repository/${repository}` };
  }
  if (ECR_PUBLIC_HOSTS.has(registry)) return { ...parts, kind: "ecr-public" };
  if (DOCKER_HUB_HOSTS.has(registry)) {
    // Official images are `library/NAME` on Docker Hub; `nginx` is short for it.
    return { ...parts, kind: "docker-hub", registry: "docker.io", repository: repository.includes("/") ? repository : `library/${repository}` };
  }
  return { ...parts, kind: "registry" };
}
