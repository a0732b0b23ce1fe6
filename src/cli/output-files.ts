import { createHash } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { RoleArn } from "../engines/role-selection.js";
import { UsageError } from "../usage-error.js";

/**
 * The base file name for each role, keyed by role ARN: what `generate --out` names its files
 * (`<base>.json`, `<base>-2.json`, `<base>.tf`, `<base>.trust.json`) and what drift's baseline
 * reader looks for. Readable names stay as they are: the role name without its path (so
 * `--role NAME` finds it again), prefixed by the account only when two accounts share the name,
 * and by partition and account when the same account and name appear in two partitions (aws,
 * aws-cn, aws-us-gov). Anything else is made safe (fileSafeName). Names are compared ignoring
 * case, as the file systems of macOS and Windows do, and a base that another role's split or
 * trust file would take (`app-2` beside `app`, `app.trust` beside `app`) gets a hash of its ARN:
 * no two roles ever write the same file.
 */
export function roleFileBases(roles: readonly RoleArn[]): Map<string, string> {
  const groups = groupBy(roles, (role) => fold(fileSafeName(role.name)));
  const qualified = new Map<string, string>();
  for (const group of groups.values()) {
    const level = qualification(group);
    for (const role of group) qualified.set(role.arn, qualifiedBase(role, level));
  }
  const taken = new Set([...qualified.values()].map(fold));
  const clashes = groupBy(roles, (role) => fold(qualified.get(role.arn)!));
  return new Map(
    roles.map((role) => {
      const base = qualified.get(role.arn)!;
      const shared = (clashes.get(fold(base))?.length ?? 0) > 1;
      return [role.arn, shared || isDerivedFromAnother(base, taken) ? withArnHash(base, role) : base];
    }),
  );
}

/**
 * Every base roleFileBases may give this role, whatever other roles it was given with, for a
 * reader that knows fewer roles than the writer did (drift with --role). Most specific first, so
 * that the first one present is the role's own: a name with the hash of the role's ARN can be no
 * other role's, while `app-2` may be the second part of role app's policy.
 */
export function roleFileBaseCandidates(role: RoleArn): string[] {
  const bases = ([2, 1, 0] as const).map((level) => qualifiedBase(role, level));
  return [...new Set([...bases.map((base) => withArnHash(base, role)), ...bases])];
}

/**
 * For a reader given these roles (drift --baseline), the bases to look for, in order: the one
 * roleFileBases gives them, then every other base generate may have chosen when given other roles.
 */
export function roleFileBaseChoices(roles: readonly RoleArn[]): (role: RoleArn) => readonly string[] {
  const bases = roleFileBases(roles);
  return (role) => [...new Set([bases.get(role.arn) ?? role.name, ...roleFileBaseCandidates(role)])];
}

// 0: the name; 1: account and name; 2: partition, account and name.
type Qualification = 0 | 1 | 2;

/** The least a group of roles whose names make the same file name needs to tell them apart. */
function qualification(group: readonly RoleArn[]): Qualification {
  if (group.length === 1) return 0;
  const accounts = new Set(group.map((role) => role.account));
  return accounts.size === group.length ? 1 : 2;
}

function qualifiedBase(role: RoleArn, level: Qualification): string {
  const parts = level === 0 ? [role.name] : level === 1 ? [role.account, role.name] : [role.partition, role.account, role.name];
  return fileSafeName(parts.join("-"));
}

/** `app-2` or `app.trust` when `app` is another role's base: its files would be app's split or trust files. */
function isDerivedFromAnother(base: string, taken: ReadonlySet<string>): boolean {
  const derived = /^(.+)(?:-\d+|\.trust)$/.exec(fold(base));
  return derived !== null && taken.has(derived[1]!);
}

function withArnHash(base: string, role: RoleArn): string {
  return `${base}~${shortHash(role.arn)}`;
}

// IAM's own role-name characters ([\w+=,.@-], IAM API reference, CreateRole RoleName), ASCII only:
// every valid role name but one starting with a dot is kept, and each of these characters is safe
// in a file name on Linux, macOS and Windows.
const READABLE = /^[A-Za-z0-9+=,@_-][A-Za-z0-9+=,.@_-]*$/;
const UNSAFE = /[^A-Za-z0-9+=,.@_-]/gu;
// Windows refuses these names, with or without an extension, in any case ("Naming Files, Paths,
// and Namespaces"); a role may be called CON, and its file would be committed by someone on Windows.
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\.|$)/i;
// An IAM role name has at most 64 characters; with the account, the partition and the longest
// suffix (`-NN.json`, `.trust.json`) a base this long stays far below any file system's 255 bytes.
const MAX_BASE = 100;
const HASH_LENGTH = 8;

/**
 * `text` as a file name: unchanged when it is readable (IAM's role-name characters, no leading
 * dot that hides the file or makes `..`, not a Windows device name, not overly long); otherwise
 * every other character becomes `_`, the name is cut, and `~` and a hash of the original keep two
 * names apart that would become the same. `~` is no role-name character, so a made-safe name never
 * equals a readable one.
 */
export function fileSafeName(text: string): string {
  if (READABLE.test(text) && text.length <= MAX_BASE && !WINDOWS_DEVICE.test(text)) return text;
  const cleaned = text.replace(UNSAFE, "_").replace(/^\./, "_").slice(0, MAX_BASE - HASH_LENGTH - 2);
  return `${WINDOWS_DEVICE.test(cleaned) ? "_" : ""}${cleaned}~${shortHash(text)}`;
}

function shortHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex").slice(0, HASH_LENGTH);
}

function fold(name: string): string {
  return name.toLowerCase();
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item)) ?? [];
    group.push(item);
    groups.set(key(item), group);
  }
  return groups;
}

export interface OutputFile {
  /** File name within the output directory, as roleFileBases and a suffix make it. */
  readonly name: string;
  readonly text: string;
}

/**
 * Writes every file into `dir` as a unit, as far as a file system allows: the names are checked
 * before anything is written, every file is written beside its target first, and only when all
 * are written are they renamed into place, so a failure to write (a full disk, a read-only
 * directory, a name the file system refuses) leaves the previous files as they were. Failures are
 * UsageErrors naming `flag` and the file.
 */
export async function writeFilesAtomic(flag: string, dir: string, files: readonly OutputFile[]): Promise<void> {
  assertDistinctNames(files);
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new UsageError(`${flag} ${dir}: cannot create the directory (${reasonOf(error)})`);
  }
  const staged: { temporary: string; target: string }[] = [];
  try {
    for (const file of files) {
      const target = path.join(dir, file.name);
      const temporary = temporaryName(target);
      staged.push({ temporary, target });
      await explainFailure(flag, target, () => writeFile(temporary, file.text));
    }
    for (const { temporary, target } of staged) await explainFailure(flag, target, () => rename(temporary, target));
  } finally {
    await Promise.all(staged.map(({ temporary }) => removeQuietly(temporary)));
  }
}

/**
 * Writes through a temporary file and a rename, so a reader never sees half a file. A failure is
 * a UsageError naming the file: the directory or the disk is the user's to fix.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temporary = temporaryName(file);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temporary, content);
    await rename(temporary, file);
  } catch (error) {
    throw new UsageError(`cannot write ${file} (${reasonOf(error)})`);
  } finally {
    await removeQuietly(temporary);
  }
}

/** Removes a temporary file if it is there; a failure to must not hide the error that led here. */
async function removeQuietly(file: string): Promise<void> {
  await rm(file, { force: true }).catch(() => undefined);
}

function temporaryName(file: string): string {
  return `${file}.${process.pid}.tmp`;
}

/** Two files of one run with the same name (ignoring case, as macOS and Windows do) would be a bug in naming them. */
function assertDistinctNames(files: readonly OutputFile[]): void {
  const seen = new Map<string, string>();
  for (const file of files) {
    if (path.basename(file.name) !== file.name || file.name === "." || file.name === "..") throw new Error(`output file name ${JSON.stringify(file.name)} is not a plain file name`);
    const other = seen.get(fold(file.name));
    if (other !== undefined) throw new Error(`two output files would be named ${JSON.stringify(other)} and ${JSON.stringify(file.name)}`);
    seen.set(fold(file.name), file.name);
  }
}

async function explainFailure(flag: string, target: string, act: () => Promise<void>): Promise<void> {
  try {
    await act();
  } catch (error) {
    throw new UsageError(`${flag}: cannot write ${target} (${reasonOf(error)})`);
  }
}

const REASONS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "read-only file system",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  ENOTDIR: "a path component is a file, not a directory",
  EEXIST: "a file is in the way",
  EISDIR: "a directory of that name is in the way",
  ENAMETOOLONG: "the file system refuses a name this long",
};

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined) throw error; // no file system error: a bug, not the user's directory
  const reason = REASONS[code];
  return reason === undefined ? code : `${reason}, ${code}`;
}
