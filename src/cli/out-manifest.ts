import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic, writeFilesAtomic, type OutputFile } from "./output-files.js";

/**
 * `tighten-files.json` in an --out directory: which files tighten wrote there for each role, by
 * role ARN. A later run for the same role removes what it no longer writes (`app-3.json` when the
 * policy now fits in two parts), and `drift --baseline` reads exactly a role's own files. Only
 * files the manifest names for a role of this run are ever removed: a file of another role, or one
 * a person put there, is never touched.
 */
export const MANIFEST = "tighten-files.json";

interface Manifest {
  readonly roles: Readonly<Record<string, readonly string[]>>;
}

/** The manifest of `dir`, or null where there is none or it is not one (then nothing is removed on its word). */
export function readManifest(dir: string): Manifest | null {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path.join(dir, MANIFEST), "utf8"));
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || typeof (value as { roles?: unknown }).roles !== "object") return null;
  const roles = (value as { roles: Record<string, unknown> }).roles;
  const valid = Object.entries(roles).filter(
    (entry): entry is [string, string[]] => Array.isArray(entry[1]) && entry[1].every((name) => typeof name === "string" && isPlainName(name)),
  );
  return { roles: Object.fromEntries(valid) };
}

/** A file name in `dir` itself: no separator, no `..`, not the manifest. */
function isPlainName(name: string): boolean {
  return name !== "" && name !== "." && name !== ".." && name !== MANIFEST && !/[/\\]/.test(name);
}

/**
 * Writes the files (as writeFilesAtomic), then removes what the manifest says an earlier run wrote
 * for these roles and this one did not, then records this run's files. Returns the names removed.
 */
export async function writeRoleFiles(flag: string, dir: string, files: readonly OutputFile[], byRole: ReadonlyMap<string, readonly string[]>): Promise<string[]> {
  const before = readManifest(dir);
  await writeFilesAtomic(flag, dir, files);
  const written = new Set(files.map((file) => file.name));
  const stale = [...byRole.keys()].flatMap((arn) => (before?.roles[arn] ?? []).filter((name) => !written.has(name)));
  const removed = [...new Set(stale)].sort();
  for (const name of removed) await rm(path.join(dir, name), { force: true });
  const roles = { ...(before?.roles ?? {}), ...Object.fromEntries([...byRole].map(([arn, names]) => [arn, [...names]])) };
  const sorted = Object.fromEntries(Object.entries(roles).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  await writeFileAtomic(path.join(dir, MANIFEST), `${JSON.stringify({ roles: sorted }, null, 2)}\n`);
  return removed;
}
