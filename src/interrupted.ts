/**
 * The run was interrupted (SIGINT) after what it had started was stopped. Not a usage error: the
 * CLI exits 130, as a shell does for a command ended by Ctrl-C. Kept apart from the errors of what
 * was interrupted (Athena's) so that the CLI can tell it without loading them.
 */
export class Interrupted extends Error {
  override readonly name: string = "Interrupted";
  readonly exitCode = 130;
}
