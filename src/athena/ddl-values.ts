import { printable } from "../emit/shared/printable.js";
import { UsageError } from "../usage-error.js";

/*
 * Every value that goes into tighten's Athena DDL passes one of these checks for the place it
 * takes, so that nothing from a flag or an AWS response can end a literal or an identifier early.
 * Each check names the flag or field at fault in a one-line UsageError.
 */

// Athena table and database names: letters, digits and underscore (Athena User Guide, "Name databases, tables, and columns").
const IDENTIFIER = /^[A-Za-z0-9_]{1,255}$/;

/** A database or table name, backquoted as Hive DDL allows for any name (including ones starting with "_"). */
export function sqlIdentifier(value: string, what: string): string {
  if (!IDENTIFIER.test(value)) throw new UsageError(`${what} '${printable(value)}' is not an Athena name: letters, digits and _ only, at most 255`);
  return `\`${value}\``;
}

/**
 * A single-quoted string literal of Athena DDL. DDL goes through Hive's parser, whose literals take
 * backslash escapes and join adjacent literals ('a''b' is "ab", not a quote: Hive Language
 * Manual, "String Types"), unlike Athena's Trino SQL where '' is a quote. Rather than escape for
 * one dialect and be wrong in the other, values with a quote, a backslash or a control character
 * are refused; tighten's values never need them.
 */
export function sqlStringLiteral(value: string, what: string): string {
  if (!/^[\x20-\x7e]*$/.test(value) || /['\\]/.test(value)) {
    throw new UsageError(`${what} '${printable(value)}' cannot go into Athena DDL: it holds a quote, a backslash or a non-printable character`);
  }
  return `'${value}'`;
}

// S3 bucket naming rules (S3 User Guide, "General purpose bucket naming rules"): 3-63 characters,
// lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit. Buckets
// made in us-east-1 before March 2018 may also have capitals and underscores, up to 255 characters.
const BUCKET = /^[A-Za-z0-9][A-Za-z0-9._-]{1,253}[A-Za-z0-9]$/;

export function s3BucketName(value: string, what: string): string {
  if (!BUCKET.test(value) || value.includes("..") || /^\d+\.\d+\.\d+\.\d+$/.test(value)) {
    throw new UsageError(`${what} '${printable(value)}' is not an S3 bucket name (S3 naming rules: letters, digits, '.', '-', '_')`);
  }
  return value;
}

/**
 * A trail's S3KeyPrefix: at most 200 characters (CloudTrail API reference, CreateTrail), here
 * limited to S3's "safe" key characters (S3 User Guide, "Object key naming") without the quote and
 * "*", so that it can neither end the location literal nor open a `${...}` projection placeholder.
 */
const KEY_PREFIX = /^[A-Za-z0-9!_.()/-]{1,200}$/;

export function s3KeyPrefix(value: string, what: string): string {
  if (!KEY_PREFIX.test(value)) {
    throw new UsageError(`${what} '${printable(value)}' is not a key prefix tighten can put in a table location: letters, digits and !_.()/- only`);
  }
  return value;
}

export function accountId(value: string, what: string): string {
  if (!/^\d{12}$/.test(value)) throw new UsageError(`${what} '${printable(value)}' is not an AWS account id (12 digits)`);
  return value;
}

/** us-east-1, us-gov-west-1, eusc-de-east-1 (AWS General Reference, "Regional endpoints"). */
export function regionName(value: string, what: string): string {
  if (!/^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/.test(value)) throw new UsageError(`${what} '${printable(value)}' is not an AWS region name (like us-east-1)`);
  return value;
}

/** o- and 10 to 32 lowercase letters or digits (Organizations API reference, Organization "Id"). */
export function organizationId(value: string, what: string): string {
  if (!/^o-[a-z0-9]{10,32}$/.test(value)) throw new UsageError(`${what} '${printable(value)}' is not an organization id (o- and 10 to 32 lowercase letters or digits)`);
  return value;
}

/** A day as partition projection's date format yyyy/MM/dd wants it, from YYYY-MM-DD or YYYY/MM/DD. */
export function projectionDay(value: string, what: string): string {
  const match = /^(\d{4})[-/](\d{2})[-/](\d{2})$/.exec(value);
  const date = match === null ? undefined : new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (match === null || date === undefined || date.getUTCDate() !== Number(match[3]) || date.getUTCMonth() !== Number(match[2]) - 1) {
    throw new UsageError(`${what} '${printable(value)}' is not a date (YYYY-MM-DD)`);
  }
  return `${match[1]}/${match[2]}/${match[3]}`;
}
