import { parseArn } from "../iam/arn.js";
import type { Permission } from "../mapping/permission.js";
import { MASKED, maskSpans, nameMask, nameTemplate } from "../mapping/name-tokens.js";
import { escapeResourceName } from "../iam/arn.js";
import { compareText } from "../mapping/order.js";

/**
 * Why a policy made from the calls before a split refuses a call after it:
 * - "new-action": the role never made a call that needed the action: least privilege refuses it,
 *   and a reviewer decides whether the new behaviour is wanted;
 * - "new-resource": the action was granted, but on other resources, none of which a name rule
 *   would stretch to this one (another table, bucket, queue; a folder never used);
 * - "new-context": granted on this resource, but under a condition this call does not meet
 *   (kms:ViaService of another service);
 * - "too-narrow": a name rule would have allowed it: names of the same folder or shape were
 *   granted one by one. `wouldAllow` is the pattern that would have.
 */
export type RefusalCause =
  | { readonly kind: "new-action"; readonly why: string }
  | { readonly kind: "new-resource"; readonly why: string }
  | { readonly kind: "new-context"; readonly why: string }
  | { readonly kind: "too-narrow"; readonly why: string; readonly wouldAllow: string };

/** The cause of one refused (action, resource), judged against what the role was granted. */
export function refusalCause(action: string, resource: string, granted: readonly Permission[]): RefusalCause {
  const same = granted.filter((p) => p.action.toLowerCase() === action.toLowerCase());
  if (same.length === 0) return { kind: "new-action", why: `no call before the split needed ${action}` };
  if (same.some((p) => p.resource === resource && p.conditions !== undefined)) {
    return { kind: "new-context", why: `${action} on this resource was granted only under a condition this call does not meet` };
  }
  const arn = parseArn(resource);
  if (arn === undefined) return { kind: "new-resource", why: `${action} was granted on other resources only` };
  const container = containerOf(resource);
  if (container !== null) {
    const inside = same.map((p) => p.resource).filter((r) => r.startsWith(container.prefix));
    if (inside.length === 0) return { kind: "new-resource", why: `${action} was granted, but never in ${container.label}` };
    const name = resource.slice(container.prefix.length);
    const folder = name.slice(0, name.lastIndexOf("/") + 1);
    const names = inside.map((r) => r.slice(container.prefix.length));
    // A name alike a granted one but for its generated parts, or a new file in a folder whose
    // files were granted by name: a name rule would have allowed it. Anything else is a place
    // the role never went (another tenant's folder, a new folder, a new name at the root).
    const alike = names.find((n) => !/[*?]/.test(n.replace(/\$\{[*?$]\}/g, "")) && nameMask(n) === nameMask(name) && nameMask(name).includes(MASKED));
    if (alike !== undefined) {
      return { kind: "too-narrow", why: `${container.label} was granted "${alike}", which differs from it only in parts that look generated`, wouldAllow: `${container.prefix}${maskedPattern(name)}` };
    }
    const sibling = folder === "" ? undefined : names.find((n) => n.slice(0, n.lastIndexOf("/") + 1) === folder && literalPrefix(n).length >= folder.length);
    if (sibling !== undefined) {
      return { kind: "too-narrow", why: `${container.label} was granted names in "${folder}" one by one ("${sibling}"...)`, wouldAllow: `${container.prefix}${folder}*` };
    }
    // A folder that differs from a granted one only in generated parts (next month's folder).
    const twinFolder = folder === "" || !nameMask(folder).includes(MASKED) ? undefined : names.map(folderOf).find((f) => f !== folder && nameMask(f) === nameMask(folder));
    if (twinFolder !== undefined) {
      const wouldAllow = `${container.prefix}${escapeResourceName(commonFolder(twinFolder, folder))}*`;
      return { kind: "too-narrow", why: `${container.label} was granted names in "${twinFolder}", which differs from "${folder}" only in parts that look generated`, wouldAllow };
    }
    const where = folder === "" ? `a name at the root of ${container.label}` : `a folder of ${container.label}, "${folder}",`;
    return { kind: "new-resource", why: `${where} the role never used before the split` };
  }
  // Other ARNs: too narrow only where the name differs from a granted one in generated parts.
  const template = nameTemplate(arn.resource);
  const twin = same.find((p) => {
    const other = parseArn(p.resource);
    return other !== undefined && other.service === arn.service && other.region === arn.region && other.account === arn.account && nameTemplate(other.resource) === template;
  });
  if (twin !== undefined && template.includes("{")) {
    const wouldAllow = `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.account}:${template.replace(/\{[a-z]+\}/g, "*").replaceAll("{{", "{")}`;
    return { kind: "too-narrow", why: `the name differs from ${twin.resource} only in generated parts`, wouldAllow };
  }
  return { kind: "new-resource", why: `${action} was granted on other resources only` };
}

/**
 * Resources whose names are paths inside a container, where a folder rule applies: S3 objects in
 * their bucket, log streams in their group.
 */
function containerOf(resource: string): { readonly prefix: string; readonly label: string } | null {
  const object = /^(arn:[^:]+:s3:::([^/]+)\/)/.exec(resource);
  if (object !== null) return { prefix: object[1] as string, label: `bucket ${object[2]}` };
  const stream = /^(arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+):log-stream:)/.exec(resource);
  if (stream !== null) return { prefix: stream[1] as string, label: `log group ${stream[2]}` };
  return null;
}

/** A name with each part that may vary as `*`: the pattern a name rule would grant it by. */
function maskedPattern(name: string): string {
  return maskSpans(name)
    .map((span) => (span.masked ? "*" : escapeResourceName(span.text)))
    .join("");
}

/** A granted pattern's text before its first wildcard: every name it grants starts so. */
function literalPrefix(pattern: string): string {
  const wildcard = pattern.replace(/\$\{[*?$]\}/g, "____").search(/[*?]/);
  return wildcard < 0 ? pattern : pattern.slice(0, wildcard);
}

/** The folder part of a granted name or pattern, up to the last "/" before any wildcard. */
function folderOf(pattern: string): string {
  const literal = literalPrefix(pattern);
  return literal.slice(0, literal.lastIndexOf("/") + 1);
}

/** The longest folder two folders share: `a/2026/11/` and `a/2026/12/` share `a/2026/`. */
function commonFolder(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  const common = a.slice(0, i);
  return common.slice(0, common.lastIndexOf("/") + 1);
}
