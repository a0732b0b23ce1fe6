import { UsageError } from "../../usage-error.js";

/**
 * A piece of SQL and the execution parameters its `?` take, in order. The SQL of a fragment comes
 * from this module's fixed shapes or from partition-predicates.ts, never from a value: values only
 * travel as parameters, each one a quoted SQL literal.
 */
export interface SqlFragment {
  readonly sql: string;
  readonly parameters: readonly string[];
}

/** A query ready for StartQueryExecution: its text and ExecutionParameters. */
export interface BoundQuery {
  readonly sql: string;
  readonly parameters: readonly string[];
}

// Athena API reference, StartQueryExecution: each ExecutionParameters item is 1 to 1,024 characters.
// Counted here in UTF-8 bytes, which are never fewer than characters.
export const MAX_PARAMETER_LENGTH = 1024;

const MARKER = /\/\*([A-Z_]+)\*\//g;
const IDENTIFIER = /^[A-Za-z0-9_]+$/;

/**
 * A string as an Athena execution parameter. Athena reads each parameter as SQL: a string must be a
 * single-quoted literal, a quote inside it doubled (Athena User Guide, "Use parameterized queries").
 */
export function sqlStringLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * A text of any length as one SQL value: a single `?`, or `(? || ? || ...)` when its literal would
 * exceed Athena's 1,024-character limit for a parameter. Chunks split between code points and
 * are quoted one by one, so that a doubled quote never straddles two parameters.
 */
export function textValue(text: string): SqlFragment {
  const chunks: string[] = [];
  let chunk = "";
  let size = 2; // the two quotes
  for (const char of text) {
    const bytes = Buffer.byteLength(char) * (char === "'" ? 2 : 1);
    if (size + bytes > MAX_PARAMETER_LENGTH) {
      chunks.push(chunk);
      chunk = "";
      size = 2;
    }
    chunk += char;
    size += bytes;
  }
  chunks.push(chunk);
  const parameters = chunks.map(sqlStringLiteral);
  return { sql: parameters.length === 1 ? "?" : `(${parameters.map(() => "?").join(" || ")})`, parameters };
}

/** A value as JSON text, for the query to read back with json_parse. */
export function jsonValue(value: unknown): SqlFragment {
  return textValue(JSON.stringify(value));
}

/** A non-negative integer as a BIGINT parameter (an unquoted numeric literal). */
export function integerValue(value: number): SqlFragment {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`not a non-negative integer: ${value}`);
  return { sql: "?", parameters: [String(value)] };
}

/**
 * One of tighten's own integer constants as a SQL literal, not a parameter: Athena binds
 * parameters only in WHERE clauses, and a constant is no user or log value.
 */
export function integerLiteral(value: number): SqlFragment {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`not a non-negative integer: ${value}`);
  return { sql: String(value), parameters: [] };
}

/** `column IN (?, ?, ...)`: the shape partition projection prunes on (static equality). */
export function inList(column: string, values: readonly string[]): SqlFragment {
  if (values.length === 0) throw new Error(`${column} IN (): an empty list matches nothing`);
  return { sql: `${column} IN (${values.map(() => "?").join(", ")})`, parameters: values.map(sqlStringLiteral) };
}

/**
 * `"database"."table"`: the one name that cannot be a parameter, so it is checked instead. Glue
 * names are lower-case letters, digits and underscores; anything else is refused before it reaches SQL.
 */
export function tableReference(database: string, table: string): SqlFragment {
  if (!IDENTIFIER.test(database)) throw new UsageError(`--database '${database}': only letters, digits and _ are allowed`);
  if (!IDENTIFIER.test(table)) throw new UsageError(`--table '${table}': only letters, digits and _ are allowed`);
  return { sql: `"${database}"."${table}"`, parameters: [] };
}

/** Every marker (`/*NAME*\/`) a query text holds, in order. */
export function queryMarkers(template: string): string[] {
  return [...template.matchAll(MARKER)].map((match) => match[1]!);
}

/**
 * Replaces each marker of a query from queries/athena with its fragment, collecting the
 * parameters in the order their `?` appear. The query files hold no `?` of their own, so the
 * parameter count always matches; a marker without a fragment, or a fragment without a marker, is a bug.
 */
export function bindQuery(template: string, fragments: Readonly<Record<string, SqlFragment>>): BoundQuery {
  if (template.includes("?")) throw new Error("a query file holds a '?' of its own: parameters come only from fragments");
  const used = new Set<string>();
  const parameters: string[] = [];
  const sql = template.replace(MARKER, (_, name: string) => {
    const fragment = fragments[name];
    if (fragment === undefined) throw new Error(`no fragment for the query marker ${name}`);
    used.add(name);
    parameters.push(...fragment.parameters);
    return fragment.sql;
  });
  const unused = Object.keys(fragments).filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`the query has no marker for ${unused.join(", ")}`);
  return { sql, parameters };
}
