/**
 * How IAM matches a Resource pattern against an ARN: the partition, service, region and account
 * segments are matched one by one, the resource part (which may hold colons) as a whole; "*" is
 * any run of characters and "?" any one character within what it is matched against; `${*}`,
 * `${?}` and `${$}` are the literal characters. Source: IAM User Guide, "IAM JSON policy elements:
 * Resource" and "Variables and tags".
 */
function patternMatcher(pattern: string): (arn: string) => boolean {
  const segments = splitSegments(pattern).map((segment) => new RegExp(`^${globSource(segment)}$`, "s"));
  return (arn) => {
    const values = splitSegments(unescapeLiteral(arn));
    return values.length === segments.length && segments.every((re, i) => re.test(values[i] as string));
  };
}

function splitSegments(arn: string): string[] {
  const parts = arn.split(":");
  return [...parts.slice(0, 5), parts.slice(5).join(":")];
}

function globSource(segment: string): string {
  return segment
    .split(/(\$\{[*?$]\}|[*?])/)
    .map((token) => {
      if (token === "*") return ".*";
      if (token === "?") return ".";
      const literal = /^\$\{([*?$])\}$/.exec(token)?.[1] ?? token;
      return literal.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&");
    })
    .join("");
}

function unescapeLiteral(arn: string): string {
  return arn.replace(/\$\{([*?$])\}/g, "$1");
}

/** An ARN without "*" or "?" wildcards (escaped ones are literal). */
function isExact(resource: string): boolean {
  return !/[*?]/.test(resource.replace(/\$\{[*?$]\}/g, ""));
}

/**
 * The resources without exact ARNs that another pattern of the same list already grants, such as
 * `secret:prod/db-AbCdEf` next to `secret:prod/db-??????`, or an object next to its folder's `*`.
 * Only exact ARNs are dropped: telling whether one pattern covers another is not needed here.
 */
export function withoutCoveredResources(resources: readonly string[]): string[] {
  const patterns = resources.filter((r) => !isExact(r)).map(patternMatcher);
  return resources.filter((r) => !isExact(r) || !patterns.some((matches) => matches(r)));
}

/**
 * Whether a resource is already granted by a list of resources: "*" covers everything, an equal
 * entry covers itself, and a pattern covers the exact ARNs it matches.
 */
export function isCoveredBy(resources: readonly string[], resource: string): boolean {
  if (resources.includes("*") || resources.includes(resource)) return true;
  return isExact(resource) && resources.filter((r) => !isExact(r)).some((pattern) => patternMatcher(pattern)(resource));
}
