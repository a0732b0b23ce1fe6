import { EXTENSION_PATTERN, FOLD_SCOPE_PATTERN, MASKED, NAME_MASK_PATTERN } from "../mapping/name-tokens.js";

/**
 * The SQL that computes a name's mask (mapping/name-tokens.ts, nameMask) inside the engine: one
 * global replacement, the same pattern in both dialects. Everything in it is tighten's own constant
 * text, never a value from the user or a log.
 */
export type SqlDialect = "duckdb" | "trino";

export function nameMaskSql(column: string, dialect: SqlDialect): string {
  // Trino's `$` also matches before a final newline (Java's rule); `\z` is the end in both engines.
  const end = sqlString(EXTENSION_PATTERN.replace(/[$]$/, "\\z"));
  // The name without its extension, `{` doubled; the extension (alphanumeric, no `{`) as it is.
  const stem = `replace(regexp_replace(${column}, ${end}, ''), '{', '{{')`;
  const extension = `coalesce(regexp_extract(${column}, ${end}), '')`;
  // DuckDB replaces the first match unless told 'g'; Trino replaces every match.
  const masked =
    dialect === "duckdb"
      ? `regexp_replace(${stem}, ${sqlString(NAME_MASK_PATTERN)}, ${sqlString(MASKED)}, 'g')`
      : `regexp_replace(${stem}, ${sqlString(NAME_MASK_PATTERN)}, ${sqlString(MASKED)})`;
  return `${masked} || ${extension}`;
}

/** The literal folder a mask folds by (mapping/name-tokens.ts, foldScope); '' at the root. */
export function foldScopeSql(mask: string): string {
  // regexp_extract gives '' (DuckDB) or NULL (Trino) where nothing matches.
  return `coalesce(regexp_extract(${mask}, ${sqlString(FOLD_SCOPE_PATTERN)}, 1), '')`;
}

function sqlString(text: string): string {
  if (text.includes("?")) throw new Error(`a '?' in engine SQL text would read as a parameter marker: ${text}`);
  return `'${text.replaceAll("'", "''")}'`;
}
