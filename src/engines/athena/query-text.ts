import { UsageError } from "../../usage-error.js";

/**
 * A piece of SQL and the execution parameters its `?` take, in order. Values from the user (days,
 * accounts, regions, the window) travel only as parameters, each one a quoted SQL literal, and only
 * in WHERE clauses: Athena binds them nowhere else (Athena User Guide, "Use parameterized queries":
 * "Currently, ? parameters can be placed only in the WHERE clause"). tighten's own constants are
 * literals in the text, checked by the functions below.
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
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A string as an Athena execution parameter. Athena reads each parameter as SQL: a string must be a
 * single-quoted literal, a quote inside it doubled (Athena User Guide, "Use parameterized queries").
 */
export function sqlStringLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** One string value as one parameter; the values tighten passes (days, accounts, regions, times) are short. */
export function stringParameter(text: string): SqlFragment {
  const literal = sqlStringLiteral(text);
  if (Buffer.byteLength(literal) > MAX_PARAMETER_LENGTH) throw new Error(`an execution parameter of ${Buffer.byteLength(literal)} bytes: ${text.slice(0, 40)}...`);
  return { sql: "?", parameters: [literal] };
}

/**
 * One of tighten's own constant texts (JSON paths, patterns) as a string literal in the query text.
 * It never comes from a user or a log; still, a control character or a `?` (which a reader of the
 * text could take for a parameter marker) is refused as the bug it would be.
 */
export function constantLiteral(text: string): SqlFragment {
  if (CONTROL.test(text)) throw new Error(`a control character in a SQL constant: ${JSON.stringify(text)}`);
  if (text.includes("?")) throw new Error(`a '?' in a SQL constant: ${text}`);
  return { sql: sqlStringLiteral(text), parameters: [] };
}

/** One of tighten's own values as JSON text in the query, for it to read back with json_parse. */
export function jsonLiteral(value: unknown): SqlFragment {
  return constantLiteral(JSON.stringify(value));
}

/** One of tighten's own integer constants as a SQL literal. */
export function integerLiteral(value: number): SqlFragment {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`not a non-negative integer: ${value}`);
  return { sql: String(value), parameters: [] };
}

/** One of tighten's own switches as TRUE or FALSE. */
export function booleanLiteral(value: boolean): SqlFragment {
  return { sql: value ? "TRUE" : "FALSE", parameters: [] };
}

/** `column IN (?, ?, ...)`: the shape partition projection prunes on (static equality). */
export function inList(column: string, values: readonly string[]): SqlFragment {
  if (values.length === 0) throw new Error(`${column} IN (): an empty list matches nothing`);
  const parameters = values.map((value) => stringParameter(value).parameters[0]!);
  return { sql: `${column} IN (${values.map(() => "?").join(", ")})`, parameters };
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
 * parameter count always matches; a marker without a fragment, or a fragment without a marker, is a
 * bug, and so is a fragment with parameters whose marker does not directly follow WHERE.
 */
export function bindQuery(template: string, fragments: Readonly<Record<string, SqlFragment>>): BoundQuery {
  if (template.includes("?")) throw new Error("a query file holds a '?' of its own: parameters come only from fragments");
  const used = new Set<string>();
  const parameters: string[] = [];
  const sql = template.replace(MARKER, (marker: string, name: string, offset: number) => {
    const fragment = fragments[name];
    if (fragment === undefined) throw new Error(`no fragment for the query marker ${name}`);
    if (fragment.parameters.length > 0 && !/\bWHERE\s*$/.test(template.slice(0, offset))) {
      throw new Error(`the query marker ${name} takes parameters but does not follow WHERE`);
    }
    used.add(name);
    parameters.push(...fragment.parameters);
    return fragment.sql;
  });
  const unused = Object.keys(fragments).filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`the query has no marker for ${unused.join(", ")}`);
  return { sql, parameters };
}
