/**
 * Warnings about a run's roles, printed in one place: one line per role and kind with totals, so
 * that 200 rows of one role's denied calls (the same action in other regions, with other
 * resources) read as one line; `--verbose` prints each as before. A kind with a single warning
 * prints it whole: the summary would say less.
 */

export type WarningKind = "denied" | "failed" | "unmapped" | "uncarried" | "ungranted" | "not-compared";

export interface Warning {
  /** The role's name, as the summary lines show it. */
  readonly role: string;
  readonly kind: WarningKind;
  /** What the warning is about, the same for the same action: "s3:DeleteObject", "kms.amazonaws.com:Decrypt". */
  readonly subject: string;
  /** Calls it counts; null when it is about a grant, not calls. */
  readonly calls: number | null;
  /** The whole line without "warning: ", as --verbose prints it. */
  readonly detail: string;
}

/** What a group of one kind says: a row per kind, not a branch. `{calls}`/`{subjects}` are the totals. */
const GROUP_TEXT: Readonly<Record<WarningKind, (calls: string, subjects: string) => string>> = {
  denied: (calls, subjects) => `${calls} to ${subjects} denied with an authorization error, not granted`,
  failed: (calls, subjects) => `${calls} to ${subjects} failed with errors that do not show authorization passed, not granted (--grant-failed grants such calls)`,
  unmapped: (calls, subjects) => `${calls} to ${subjects} left out: no IAM action or resource could be named for them`,
  uncarried: (_calls, subjects) => `${subjects} of the current policy no log could show in use, not kept`,
  ungranted: (calls, subjects) => `${calls} to ${subjects} its task definitions do not account for, not granted`,
  "not-compared": (calls, subjects) => `${calls} to ${subjects} that cannot be compared with the policy`,
};

/** Subjects named in a group line before the rest is counted. */
export const SUBJECTS_SHOWN = 3;

/** `items` joined by ", ": all of them with --verbose or when few, else the first few and how many more. */
export function briefList(items: readonly string[], verbose: boolean): string {
  if (verbose || items.length <= SUBJECTS_SHOWN) return items.join(", ");
  return `${items.slice(0, SUBJECTS_SHOWN).join(", ")}, and ${items.length - SUBJECTS_SHOWN} more (--verbose lists each)`;
}

/** The lines to print, each starting "warning: ", groups in the order their first warning came. */
export function warningLines(warnings: readonly Warning[], verbose: boolean): string[] {
  if (verbose) return warnings.map((warning) => `warning: ${warning.detail}`);
  const groups = new Map<string, Warning[]>();
  for (const warning of warnings) {
    const key = JSON.stringify([warning.role, warning.kind]);
    groups.set(key, [...(groups.get(key) ?? []), warning]);
  }
  return [...groups.values()].map((group) => (group.length === 1 ? `warning: ${group[0]!.detail}` : groupLine(group)));
}

function groupLine(group: readonly Warning[]): string {
  const { role, kind } = group[0]!;
  const bySubject = new Map<string, number>();
  for (const warning of group) bySubject.set(warning.subject, (bySubject.get(warning.subject) ?? 0) + (warning.calls ?? 0));
  const subjects = [...bySubject].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  const calls = subjects.reduce((sum, [, count]) => sum + count, 0);
  const aboutCalls = group.some((warning) => warning.calls !== null);
  const noun = kind === "uncarried" ? "grant" : "action";
  const named = subjects.map(([subject, count]) => (aboutCalls ? `${subject} ${count}x` : subject));
  return `warning: ${role}: ${GROUP_TEXT[kind](counted(calls, "call"), counted(subjects.length, noun))}: ${briefList(named, false)}`;
}

function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** Grants of a current policy no log could show in use that the new one does not keep (generate, diff). */
export function uncarriedWarnings(role: string, grants: readonly { readonly action: string; readonly reason: string }[]): Warning[] {
  return grants.map((grant) => ({ role, kind: "uncarried", subject: grant.action, calls: null, detail: `${role}: ${grant.action}: ${grant.reason}` }));
}

/**
 * Warnings about log files ("skipped PATH: corrupt gzip"): files that share a reason share one line
 * once there are more of them than SUBJECTS_SHOWN, so a tree of broken files is not a page of lines.
 * `action` is what happened to them: "skipped", "read in part".
 */
export function fileWarningLines(action: string, files: readonly { readonly path: string; readonly reason: string }[], verbose: boolean): string[] {
  const one = (file: { readonly path: string; readonly reason: string }) =>
    action === "read in part" ? `warning: read ${file.path} in part: ${file.reason}` : `warning: ${action} ${file.path}: ${file.reason}`;
  if (verbose) return files.map(one);
  const byReason = new Map<string, string[]>();
  for (const file of files) byReason.set(file.reason, [...(byReason.get(file.reason) ?? []), file.path]);
  return [...byReason].flatMap(([reason, paths]) => {
    if (paths.length <= SUBJECTS_SHOWN) return paths.map((path) => one({ path, reason }));
    return [`warning: ${action} ${counted(paths.length, "file")}: ${reason}: ${briefList(paths, false)}`];
  });
}
