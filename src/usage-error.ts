/**
 * An input problem the user can fix: a bad flag, a missing file, an unknown role.
 * The CLI prints the message on one line and exits 2; anything else is a bug.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
