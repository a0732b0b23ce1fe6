// The layout CloudTrail uses when it delivers log files to S3:
//   AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<account>_CloudTrail_<region>_<yyyymmdd>T<hhmm>Z_<16 base62>.json.gz
// Each file is gzip of one line {"Records":[...]}, delivered about every five minutes per region.

import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

/** CloudTrail's own compression level is unknown; 6 is zlib's default and what `gzip` uses. */
export const GZIP_LEVEL = 6;

export function deliveryPath(account: string, region: string, deliveredAt: Date, suffix: string): string {
  const iso = deliveredAt.toISOString(); // 2026-11-02T10:05:00.000Z
  const [yyyy, mm, dd] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
  const stamp = `${yyyy}${mm}${dd}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
  const name = `${account}_CloudTrail_${region}_${stamp}_${suffix}.json.gz`;
  return join("AWSLogs", account, "CloudTrail", region, yyyy, mm, dd, name);
}

/** Serialize as CloudTrail does (one line, no trailing newline); returns the uncompressed size. */
export function deliveryBody(recordsJson: readonly string[]): string {
  return `{"Records":[${recordsJson.join(",")}]}`;
}

/** Gzip and write, through a temporary name so a reader never sees half a file. */
export function writeDeliveryFile(root: string, relativePath: string, body: string): number {
  const path = join(root, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  const gz = gzipSync(body, { level: GZIP_LEVEL });
  writeFileSync(`${path}.tmp`, gz);
  renameSync(`${path}.tmp`, path);
  return gz.length;
}
