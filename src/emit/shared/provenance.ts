/**
 * Where a report's data came from, so that a reader can tell a stale or partial run from a real
 * one: the events actually read (not the window asked for), the policies compared, the tool.
 */
export interface Provenance {
  /** The oldest and newest event read, ISO 8601; null when no event was read. */
  readonly firstEvent: string | null;
  readonly lastEvent: string | null;
  readonly events: number;
  /** Log files read (the local engine); null when the engine reads no files (Athena). */
  readonly files: number | null;
  /** Accounts of the principals seen, sorted. */
  readonly accounts: readonly string[];
  readonly engine: "local" | "athena";
  /** "baseline examples/current", "current policy a.json, b.json", "IAM (--from-iam)". */
  readonly policies: string;
  readonly version: string;
  /**
   * When the report was made, ISO 8601: SOURCE_DATE_EPOCH when set (reproducible-builds.org), so
   * that the same input gives the same bytes; the clock otherwise.
   */
  readonly generated: string;
}

/** One line, for text and Markdown; `code` escapes a value for the format. */
export function provenanceLine(p: Provenance, code: (value: string) => string): string {
  const read = p.firstEvent === null || p.lastEvent === null ? "no events" : `events ${code(p.firstEvent)} to ${code(p.lastEvent)}`;
  const files = p.files === null ? "" : ` in ${p.files} file${p.files === 1 ? "" : "s"}`;
  const accounts = p.accounts.length === 0 ? "no account" : `account${p.accounts.length === 1 ? "" : "s"} ${p.accounts.slice(0, 10).map(code).join(", ")}${p.accounts.length > 10 ? ` and ${p.accounts.length - 10} more` : ""}`;
  return `Read ${read}: ${p.events} events${files}, ${accounts}, engine ${p.engine}; compared with ${code(p.policies)}; tighten ${code(p.version)}, generated ${code(p.generated)}.`;
}

/** The JSON object docs/drift-json.md and docs/diff-json.md document; keys in a fixed order. */
export function provenanceJson(p: Provenance) {
  return {
    firstEvent: p.firstEvent,
    lastEvent: p.lastEvent,
    events: p.events,
    files: p.files,
    accounts: [...p.accounts],
    engine: p.engine,
    policies: p.policies,
    version: p.version,
    generated: p.generated,
  };
}
