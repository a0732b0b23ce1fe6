import { MASKED, NAME_MASK_PATTERN } from "../mapping/name-tokens.js";

/**
 * The SQL that computes a name's mask (mapping/name-tokens.ts, nameMask) inside the engine: one
 * global replacement, the same pattern in both dialects. Everything in it is tighten's own constant
 * text, never a value from the user or a log.
 */
export type SqlDialect = "duckdb" | "trino";

export function nameMaskSql(column: string, dialect: SqlDialect): string {
  const escaped = `replace(${column}, '{', '{{')`;
  // DuckDB replaces the first match unless told 'g'; Trino replaces every match.
  return dialect === "duckdb"
    ? `regexp_replace(${escaped}, ${sqlString(NAME_MASK_PATTERN)}, ${sqlString(MASKED)}, 'g')`
    : `regexp_replace(${escaped}, ${sqlString(NAME_MASK_PATTERN)}, ${sqlString(MASKED)})`;
}

function sqlString(text: string): string {
  if (text.includes("?")) throw new Error(`a '?' in engine SQL text would read as a parameter marker: ${text}`);
  return `'${text.replaceAll("'", "''")}'`;
}
