// A small seeded PRNG and the identifier shapes CloudTrail records carry.
// Committed example logs must be byte-for-byte reproducible, so nothing here reads the clock
// or Math.random.

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const HEX = "0123456789abcdef";

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** mulberry32: tiny, fast, good enough for synthetic data (not for cryptography). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  chars(alphabet: string, length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  hex(length: number): string {
    return this.chars(HEX, length);
  }

  /** uuid-shaped (version 4 layout), as CloudTrail eventIDs and SQS message ids are. */
  uuid(): string {
    const h = this.hex(32);
    const variant = HEX[8 + Math.floor(this.next() * 4)];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** The 16-character suffix of a CloudTrail delivery file name. */
  base62(length: number): string {
    return this.chars(BASE62, length);
  }

  /** IAM unique ids (AROA..., AIDA...) and access key ids (ASIA..., AKIA...) are 20 characters. */
  awsId(prefix: string): string {
    return prefix + this.chars(UPPER_ALNUM, 20 - prefix.length);
  }

  /** S3 and CloudFront style request ids: 16 upper-case hex characters. */
  s3RequestId(): string {
    return this.hex(16).toUpperCase();
  }

  /** The base64 x-amz-id-2 host id S3 returns with every request. */
  base64(length: number): string {
    return this.chars(BASE62 + "+/", length) + "=";
  }
}

/** FNV-1a, to derive independent seeds from names (a file index, a role name). */
export function seedFrom(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
