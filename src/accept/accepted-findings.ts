import { readFileSync } from "node:fs";
import picomatch from "picomatch";
import { UsageError } from "../usage-error.js";

/**
 * What a finding is, for an acceptance: drift's unused grants (`high-risk` for those with a risk
 * category, which only an entry naming `high-risk` accepts, so that a broad `"action": "*"` never
 * hides an iam:PassRole), new usage and denied calls; ecs audit's credentials in environment.
 */
export const ACCEPTED_KINDS = ["unused", "high-risk", "new-usage", "denied", "environment-secret"] as const;
export type AcceptedKind = (typeof ACCEPTED_KINDS)[number];

/** One entry of an accepted-findings file: which findings it covers, why, and until when. */
export interface Acceptance {
  /** Its position in the file, from 1: how reports and messages name it. */
  readonly entry: number;
  /** A role as --role takes it (name, path/name, ARN, or a glob of one); null for environment-secret entries. */
  readonly role: string | null;
  /** null: unused, new-usage and denied (never high-risk or environment-secret, which must be named). */
  readonly kind: AcceptedKind | null;
  /** IAM action patterns ("s3:Get*"); for environment-secret, unused. */
  readonly actions: readonly string[];
  /** IAM resource patterns (ARNs with * and ?); default ["*"]. */
  readonly resources: readonly string[];
  /** environment-secret only: the task definition family and the variable name, globs. */
  readonly taskDefinition: string | null;
  readonly variable: string | null;
  readonly reason: string;
  /** YYYY-MM-DD, the last day the acceptance holds (UTC). */
  readonly expires: string;
}

export interface AcceptedFindings {
  readonly file: string;
  readonly entries: readonly Acceptance[];
}

const KEYS = ["role", "kind", "action", "resource", "taskDefinition", "variable", "reason", "expires"] as const;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A parsed accepted-findings file -> its entries. Every problem is a UsageError naming the file
 * and the entry (its position and role), so that a bad file stops the run before a log is read.
 */
export function parseAcceptedFindings(json: unknown, file: string): AcceptedFindings {
  if (!isObject(json) || !Array.isArray(json.accepted)) throw new UsageError(`${file}: expected a JSON object {"accepted": [entries]}`);
  for (const key of Object.keys(json)) if (key !== "accepted" && key !== "$schema") throw new UsageError(`${file}: ${key}: unknown key (expected accepted)`);
  return { file, entries: json.accepted.map((value: unknown, i: number) => parseEntry(value, i + 1, file)) };
}

function parseEntry(value: unknown, entry: number, file: string): Acceptance {
  const label = isObject(value) && typeof value.role === "string" ? `entry ${entry} (${value.role})` : `entry ${entry}`;
  const fail = (why: string): never => {
    throw new UsageError(`${file}: ${label}: ${why}`);
  };
  if (!isObject(value)) return fail("expected an object");
  for (const key of Object.keys(value)) if (!(KEYS as readonly string[]).includes(key)) fail(`${key}: unknown key (expected ${KEYS.join(", ")})`);
  const kind = value.kind === undefined ? null : (ACCEPTED_KINDS as readonly unknown[]).includes(value.kind) ? (value.kind as AcceptedKind) : fail(`kind: ${JSON.stringify(value.kind)} is not one of ${ACCEPTED_KINDS.join(", ")}`);
  const reason = typeof value.reason === "string" && value.reason.trim() !== "" ? value.reason.trim() : fail("reason: required, a non-empty string (why the finding is accepted)");
  const expires = typeof value.expires === "string" && validDate(value.expires) ? value.expires : fail(`expires: ${value.expires === undefined ? "required" : JSON.stringify(value.expires) + " is not"} a date YYYY-MM-DD (the last day it holds)`);
  const patterns = (key: "action" | "resource"): string[] | null => {
    const given = value[key];
    if (given === undefined) return null;
    const list = typeof given === "string" ? [given] : Array.isArray(given) ? given : null;
    if (list === null || list.length === 0 || list.some((item) => typeof item !== "string" || item === "")) return fail(`${key}: expected a pattern or a non-empty list of patterns`);
    return list as string[];
  };
  const glob = (key: "taskDefinition" | "variable" | "role"): string | null => {
    const given = value[key];
    if (given === undefined) return null;
    if (typeof given !== "string" || given === "") return fail(`${key}: expected a non-empty string`);
    if (picomatch.scan(given).isGlob) {
      try {
        picomatch.makeRe(given);
      } catch {
        fail(`${key}: ${JSON.stringify(given)} is not a valid glob`);
      }
    }
    return given;
  };
  const actions = patterns("action");
  const resources = patterns("resource");
  const role = glob("role");
  const taskDefinition = glob("taskDefinition");
  const variable = glob("variable");
  if (kind === "environment-secret") {
    if (taskDefinition === null) fail("taskDefinition: required for kind environment-secret (the family, or a glob)");
    if (actions !== null || resources !== null) fail("action and resource do not apply to kind environment-secret (use taskDefinition and variable)");
  } else {
    if (role === null) fail("role: required (a role name, path/name, ARN or glob, as --role takes)");
    if (actions === null) fail("action: required (an IAM action pattern, or a list)");
    for (const action of actions!) if (action !== "*" && !/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(action)) fail(`action: ${JSON.stringify(action)} is not an IAM action pattern (service:Action, * and ? allowed)`);
    if (taskDefinition !== null || variable !== null) fail("taskDefinition and variable apply to kind environment-secret only");
  }
  return { entry, role, kind, actions: actions ?? [], resources: resources ?? ["*"], taskDefinition, variable, reason, expires };
}

/** Reads and checks the file of --accepted; called before any log is read. */
export function readAcceptedFindings(file: string, flag = "--accepted"): AcceptedFindings {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`${flag} ${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  return parseAcceptedFindings(json, file);
}

/** Whether an acceptance no longer holds on `today` (YYYY-MM-DD): its expiry day is the last it holds. */
export function isExpired(acceptance: Pick<Acceptance, "expires">, today: string): boolean {
  return acceptance.expires < today;
}

function validDate(text: string): boolean {
  const match = DATE.exec(text);
  if (match === null) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
