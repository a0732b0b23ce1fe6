import type { ObjectKeys } from "../engines/usage-row.js";
import { escapeResourceName } from "../iam/arn.js";

/**
 * How many distinct keys (S3 object keys, log stream names) the engine keeps per scope (first path
 * segment): enough to name a handful of keys exactly, bounded so that a bucket of a million
 * uploads costs ten names. An exact-keys limit above it could never be met.
 */
export const KEY_SAMPLE = 10;

/**
 * Distinct S3 keys under one first path segment that are still named one by one, by default
 * (Generalization.s3ObjectKeys). Five: a service reads a handful of fixed keys (config files,
 * templates, a manifest) again and again, and names them the same tomorrow; past that, keys are
 * usually written once (uploads, receipts, exports), and tomorrow's will differ from those seen.
 */
export const EXACT_OBJECT_KEYS = 5;

/**
 * The resource-name patterns that cover the keys a row saw (S3 object keys, log stream names):
 * every key exactly when there are at most `exactUpTo` of them under one first path segment (and
 * the engine kept them all), else one prefix pattern. A handful of keys are config files read again
 * and again; more are names written once (receipts, uploads), and tomorrow's will differ. The prefix is the
 * common prefix of the smallest and largest key (which is the common prefix of all of them), cut
 * back to its last "/" so that it names a folder rather than half a file name: keys
 * `in/2024-01.csv` ... `in/2024-12.csv` give `in/*`, never `in/2024-1*`.
 */
export function keyPatterns(keys: ObjectKeys, exactUpTo: number): readonly string[] {
  if (keys.distinct === 0) return [];
  if (keys.sample.length === keys.distinct && keys.distinct <= exactUpTo) return keys.sample.map(escapeResourceName);
  const common = commonPrefix(keys.min, keys.max);
  const folder = common.slice(0, common.lastIndexOf("/") + 1);
  return [`${escapeResourceName(folder)}*`];
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return a.slice(0, i);
}

/** How keyPatterns named the keys, for explanations: "object keys: 3 exact", "object keys: folder of 240". */
export function keyPatternsVia(keys: ObjectKeys, exactUpTo: number): string {
  const exact = keys.sample.length === keys.distinct && keys.distinct <= exactUpTo;
  return exact ? `${keys.distinct} exact` : `folder of ${keys.distinct}`;
}
