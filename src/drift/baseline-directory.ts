import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { RoleArn } from "../engines/role-selection.js";
import { parsePolicy, PolicyParseError } from "../policy/parse-policy.js";
import type { RoleCurrentPolicies } from "../pipeline/generate-policies.js";
import { UsageError } from "../usage-error.js";

/**
 * The reviewed policies of each role in a baseline directory: the files `generate --out` wrote and
 * the team committed, `<base>.json` then `<base>-2.json`, `<base>-3.json`... when IAM's size quotas
 * split the policy, `base` the first of the role's `fileBases` (the names generate --out may have
 * given it) that has a file. A role with no file is
 * an error: drift against nothing would report every call as new. A file that is not a policy is
 * an error naming it.
 */
/** Fails, naming it, when `dir` is no directory: checked before any log is read. */
export function checkBaselineDirectory(dir: string): void {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--baseline ${dir}: no such directory`);
}

export function readBaselineDirectory(dir: string, roles: readonly RoleArn[], fileBases: (role: RoleArn) => readonly string[], recorded?: (role: RoleArn) => readonly string[] | undefined): Map<string, RoleCurrentPolicies> {
  checkBaselineDirectory(dir);
  const baselines = new Map<string, RoleCurrentPolicies>();
  for (const role of roles) {
    // The files generate recorded writing for this role (tighten-files.json), when it did: exact.
    const own = recorded?.(role)?.filter((name) => name.endsWith(".json") && !name.endsWith(".trust.json"));
    if (own !== undefined && own.length > 0) {
      baselines.set(role.arn, { policies: own.map((name) => path.join(dir, name)).map((file) => ({ source: file, document: readPolicyFile(file) })) });
      continue;
    }
    const base = fileBases(role).find((candidate) => existsSync(path.join(dir, `${candidate}.json`))) ?? null;
    if (base === null) {
      throw new UsageError(`--baseline ${dir}: no policy file for role ${role.name} (expected ${path.join(dir, `${role.name}.json`)})`);
    }
    const files = [path.join(dir, `${base}.json`)];
    for (let part = 2; existsSync(path.join(dir, `${base}-${part}.json`)); part += 1) files.push(path.join(dir, `${base}-${part}.json`));
    baselines.set(role.arn, { policies: files.map((file) => ({ source: file, document: readPolicyFile(file) })) });
  }
  return baselines;
}

function readPolicyFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`--baseline ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    const document: unknown = JSON.parse(text);
    parsePolicy(document);
    return document;
  } catch (error) {
    if (error instanceof SyntaxError) throw new UsageError(`--baseline ${file}: not valid JSON: ${error.message}`);
    if (error instanceof PolicyParseError) throw new UsageError(`--baseline ${file}: ${error.message}`);
    throw error;
  }
}
