/**
 * An input problem the user can fix: a bad flag, a missing file, an unknown role, an AWS call that
 * failed. The CLI prints the message on one line and exits 2; anything else is a bug, exit 3
 * (src/cli/exit-codes.ts).
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
