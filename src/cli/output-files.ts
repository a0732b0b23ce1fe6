import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { RoleArn } from "../engines/role-selection.js";

/**
 * The base file name for each role: its name without the path (so `--role NAME` finds it again),
 * prefixed by the account only when two accounts share the name.
 */
export function roleFileBases(roles: readonly RoleArn[]): Map<string, string> {
  const accountsByName = new Map<string, Set<string>>();
  for (const role of roles) {
    const accounts = accountsByName.get(role.name) ?? new Set<string>();
    accounts.add(role.account);
    accountsByName.set(role.name, accounts);
  }
  return new Map(
    roles.map((role) => {
      const shared = (accountsByName.get(role.name)?.size ?? 0) > 1;
      return [role.arn, `${shared ? `${role.account}-` : ""}${role.name}`];
    }),
  );
}

/** Writes through a temporary file and a rename, so a reader never sees half a policy. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}
