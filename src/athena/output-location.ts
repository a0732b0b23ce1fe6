import { printable } from "../emit/shared/printable.js";
import { UsageError } from "../usage-error.js";
import { s3BucketName } from "./ddl-values.js";

/** --output: an s3:// URI whose bucket follows S3's naming rules (Athena API reference, ResultConfiguration "OutputLocation"). */
export function athenaOutputLocation(value: string): string {
  const match = /^s3:\/\/([^/]+)(\/.*)?$/.exec(value);
  if (match === null || /[\u0000-\u001f\u007f]/.test(value)) throw new UsageError(`--output '${printable(value)}' is not an s3://BUCKET/PREFIX/ location`);
  s3BucketName(match[1]!, "--output bucket");
  return value;
}
