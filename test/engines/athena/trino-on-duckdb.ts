import type { DuckDBConnection, DuckDBResultReader } from "@duckdb/node-api";
import type { WireColumn, WireValue } from "./athena-wire.js";

/*
 * Trino on DuckDB: runs the text the Athena engine sends (Athena engine v3 is Trino) in DuckDB, with
 * its ExecutionParameters bound, so that tests can execute queries/athena/*.sql instead of only
 * parsing results. It is a compatibility layer for the SQL tighten writes, not a Trino: every
 * construct it does not know is refused (NotEmulated), never passed through with DuckDB's meaning.
 *
 * Parameters. Athena substitutes each ExecutionParameters item, SQL literal text, for one `?` in
 * order (Athena User Guide, "Use execution parameters"); `?` inside a string literal or a comment is
 * no placeholder. Each item must be one quoted string ('' doubling a quote) or an unsigned integer,
 * 1 to 1,024 characters (Athena API reference, StartQueryExecution), and their count must match.
 *
 * Text rewriting, where a macro cannot carry the meaning (Trino docs, docs/src/main/sphinx/functions):
 * - ARRAY[a, b] -> [a, b]; `x AT TIME ZONE 'UTC'` (only UTC) kept: with DuckDB's session zone UTC it
 *   yields the UTC wall time, which orders, truncates and formats as Trino's timestamp(3) with time
 *   zone in UTC does.
 * - CAST(x AS T): types VARCHAR, BIGINT, BOOLEAN, JSON, ARRAY(T) -> T[], MAP(K, V), ROW(n T) -> STRUCT.
 *   To JSON (json.md "Cast to JSON"): DuckDB's to_json, which writes values as Trino does as long as
 *   every MAP is sorted by key, as Trino's MapToJsonCast writes objects (a TreeMap); every MAP made
 *   here is built sorted. From JSON (json.md "Cast from JSON") only when the operand is json_parse,
 *   json_extract or a cast to JSON, converted element by element: JSON null -> NULL, strings
 *   unquoted, a number or boolean as its text, an object or array where VARCHAR is expected fails.
 *   Any other cast is DuckDB's, refused at run time for JSON, temporal and fractional operands,
 *   whose Trino casts differ. Casts to ROW are refused (Trino casts rows by position, DuckDB by name).
 * - date_format(t, 'fmt') -> strftime with MySQL codes (datetime.md): %Y %m %d %H, %i minutes,
 *   %s/%S seconds, %f microseconds (six digits in both), %T, %%; any other code is refused. The
 *   format must be a literal.
 * - regexp_replace(s, p[, r]) replaces every match (regexp.md), DuckDB only with 'g'; `$n` in r
 *   becomes RE2's `\n`, `\$` a dollar. r must be a literal; `${name}` is refused.
 * - zip_with(a, b, (x, y) -> f) -> list_transform over the pair list padded with NULLs to the
 *   longer array (array.md); NULL when either array is NULL.
 * - transform and filter -> list_transform and list_filter (one-parameter lambdas only: DuckDB
 *   reads a second parameter as the index); arbitrary -> any_value (a non-null value, as Trino's);
 *   max_by/min_by -> arg_max_null/arg_min_null (rows with a NULL key skipped, x may be NULL);
 *   regexp_like -> regexp_matches (contains, not full match).
 *
 * Macros (below, named trino_*), each with Trino's documented edge semantics where DuckDB differs
 * (json_parse is DuckDB's json(), which fails on malformed text as Trino's does): json_format (JSON
 * operands only), json_extract_scalar (NULL for objects, arrays and
 * JSON null; NULL for malformed JSON), json_extract (JSON 'null' for a null member, NULL when
 * absent); both read Trino's path syntax (JsonPathTokenizer: `.name`, `["name"]` with \" and \\
 * escapes), turned into a JSON pointer; element_at (NULL past the end, from the end when negative,
 * an error at 0), cardinality, slice (1-based start, negative from the end, length >= 0),
 * contains (NULL when not found and the array holds NULL), array_join (NULLs skipped, or replaced),
 * array_sort (NULLs last), array_distinct (first occurrences, one NULL kept), map(keys, values),
 * from_iso8601_timestamp (millisecond precision; the ISO forms CloudTrail writes), greatest/least
 * (NULL if any argument is), split_part (NULL past the last field), substr (start 0 gives ''),
 * regexp_extract (NULL without a match), regexp_extract_all. `min(x, n)` is DuckDB's (the n smallest,
 * ascending). Session settings: time zone UTC (Athena's), NULLS LAST in every direction (Trino's
 * default ordering).
 *
 * Passed through because both engines define them alike: SELECT, WITH, joins, GROUP BY, ORDER BY,
 * window functions, CASE, IS [NOT] DISTINCT FROM, ||, comparisons, + - *, coalesce, nullif,
 * count, count(DISTINCT x) (NULLs not counted in either), count_if, sum, min, max, row_number,
 * array_agg (NULLs kept, ORDER BY), strpos (code points), replace, chr, date_trunc, lambdas `x -> e`,
 * "quoted identifiers", struct member access,
 * and try (DuckDB's TRY turns the errors of a row's values into NULL, as Trino's does for invalid
 * arguments and casts). Regular expressions must be literals in the common subset of Trino's Joni
 * (Java syntax, `.` stopping at \n only) and DuckDB's RE2: no lookaround, backreferences, inline
 * flags, possessive quantifiers, escapes but \d, \w and escaped metacharacters; a `$` anchor, which
 * Joni also matches before a final "\n", makes such subjects fail. Not emulated (refused): `/` and
 * `%` (integer division differs), subscripts `a[i]` (Trino fails out of bounds), typed literals,
 * decimals, and every keyword not listed.
 *
 * Known limits: no type checking (SQL Trino would reject with a type error may run); JSON numbers
 * with a fraction come out as DuckDB's writer prints them, not as Jackson does.
 */

export class NotEmulated extends Error {
  override readonly name = "NotEmulated";
}

export interface TrinoResult {
  readonly columns: readonly WireColumn[];
  readonly rows: readonly (readonly WireValue[])[];
}

// Athena API reference, StartQueryExecution: ExecutionParameters items are 1 to 1,024 characters.
const MAX_PARAMETER_LENGTH = 1024;
const STRING_LITERAL = /^'(?:[^']|'')*'$/;
const INTEGER_LITERAL = /^[0-9]+$/;

interface Token {
  readonly kind: "space" | "comment" | "string" | "quoted" | "word" | "number" | "param" | "op" | "raw";
  readonly text: string;
}
interface Group {
  readonly kind: "group";
  readonly open: "(" | "[";
  readonly items: Item[];
}
type Item = Token | Group;

const LEXEME =
  /(\s+)|(--[^\n]*|\/\*[\s\S]*?\*\/)|('(?:[^']|'')*')|("(?:[^"]|"")*")|([A-Za-z_][A-Za-z0-9_]*)|([0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)|(\?)|(->|\|\||<=|>=|<>|!=|[=<>+\-*/%(),.[\];:])/y;
const KINDS = ["space", "comment", "string", "quoted", "word", "number", "param", "op"] as const;

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  LEXEME.lastIndex = 0;
  while (LEXEME.lastIndex < sql.length) {
    const at = LEXEME.lastIndex;
    if (sql.startsWith("/*", at) && !sql.includes("*/", at + 2)) throw new NotEmulated(`unterminated comment at ${at}`);
    const match = LEXEME.exec(sql);
    if (match === null) throw new NotEmulated(`cannot read the SQL at ${at}: ${sql.slice(at, at + 20)}`);
    const group = match.findIndex((text, index) => index > 0 && text !== undefined);
    tokens.push({ kind: KINDS[group - 1]!, text: match[0] });
  }
  return tokens;
}

/** The query text as Athena runs it: each `?` outside strings and comments replaced by its parameter. */
export function bindParameters(sql: string, parameters: readonly string[]): string {
  const tokens = tokenize(sql);
  const markers = tokens.filter((token) => token.kind === "param").length;
  if (markers !== parameters.length) throw new NotEmulated(`the query has ${markers} parameter markers and ${parameters.length} parameters`);
  let next = 0;
  return tokens
    .map((token) => {
      if (token.kind !== "param") return token.text;
      const value = parameters[next++]!;
      if (value.length < 1 || value.length > MAX_PARAMETER_LENGTH) throw new NotEmulated(`parameter ${next} is ${value.length} characters`);
      if (!STRING_LITERAL.test(value) && !INTEGER_LITERAL.test(value)) throw new NotEmulated(`parameter ${next} is not one literal: ${value.slice(0, 40)}`);
      return value;
    })
    .join("");
}

function group(tokens: readonly Token[]): Item[] {
  const stack: { open: "(" | "["; items: Item[] }[] = [{ open: "(", items: [] }];
  for (const token of tokens) {
    if (token.kind === "space" || token.kind === "comment") continue;
    if (token.kind === "param") throw new NotEmulated("an unbound parameter marker");
    if (token.text === "(" || token.text === "[") stack.push({ open: token.text, items: [] });
    else if (token.kind === "op" && (token.text === ")" || token.text === "]")) {
      const closed = stack.pop();
      if (closed === undefined || stack.length === 0 || (closed.open === "(") !== (token.text === ")")) throw new NotEmulated(`unbalanced ${token.text}`);
      stack.at(-1)!.items.push({ kind: "group", open: closed.open, items: closed.items });
    } else stack.at(-1)!.items.push(token);
  }
  if (stack.length !== 1) throw new NotEmulated("unbalanced parentheses");
  return stack[0]!.items;
}

// Keywords whose meaning is the same in both engines.
const KEYWORDS = new Set(
  "SELECT DISTINCT FROM WHERE WITH AS CASE WHEN THEN ELSE END AND OR NOT IS NULL TRUE FALSE GROUP BY ORDER ASC DESC NULLS FIRST LAST OVER PARTITION CROSS JOIN ON IN".split(" "),
);
// Trino's reserved words not above, and syntax words whose meaning is not emulated.
const REFUSED_WORDS = new Set(
  (
    "ALTER BETWEEN CONSTRAINT CREATE CUBE CURRENT_CATALOG CURRENT_DATE CURRENT_PATH CURRENT_ROLE CURRENT_SCHEMA CURRENT_TIME " +
    "CURRENT_TIMESTAMP CURRENT_USER DEALLOCATE DELETE DESCRIBE DROP ESCAPE EXCEPT EXECUTE EXISTS EXTRACT FOR FULL GROUPING HAVING " +
    "INNER INSERT INTERSECT INTO JSON_ARRAY JSON_EXISTS JSON_OBJECT JSON_QUERY JSON_TABLE JSON_VALUE LEFT LIKE LISTAGG LOCALTIME " +
    "LOCALTIMESTAMP NATURAL NORMALIZE OUTER PREPARE RECURSIVE RIGHT ROLLUP SKIP TABLE TRIM UESCAPE UNION UNNEST USING VALUES " +
    "INTERVAL TIMESTAMP DATE TIME ZONE ROWS RANGE GROUPS UNBOUNDED PRECEDING FOLLOWING CURRENT LIMIT OFFSET FETCH WINDOW IGNORE " +
    "RESPECT TABLESAMPLE LATERAL ORDINALITY ALL ANY SOME IF ROW MATCH_RECOGNIZE"
  ).split(" "),
);
const OPERATORS = new Set([",", ".", "=", "<", ">", "<=", ">=", "<>", "!=", "+", "-", "*", "||", "->"]);

// Trino function -> the DuckDB function or trino_* macro with its meaning.
const FUNCTIONS: Readonly<Record<string, string>> = {
  coalesce: "coalesce", nullif: "nullif", count: "count", count_if: "count_if", sum: "sum", min: "min", max: "max",
  row_number: "row_number", strpos: "strpos", replace: "replace", chr: "chr", date_trunc: "date_trunc", try: "try",
  array_agg: "array_agg", transform: "list_transform", filter: "list_filter", arbitrary: "any_value", max_by: "arg_max_null", min_by: "arg_min_null", regexp_like: "regexp_matches",
  json_parse: "json", json_format: "trino_json_format", json_extract_scalar: "trino_json_extract_scalar", json_extract: "trino_json_extract",
  element_at: "trino_element_at", cardinality: "trino_cardinality", slice: "trino_slice", contains: "trino_contains",
  array_join: "trino_array_join", array_sort: "trino_array_sort", array_distinct: "trino_array_distinct", map: "trino_map",
  from_iso8601_timestamp: "trino_from_iso8601_timestamp", greatest: "trino_greatest", least: "trino_least",
  split_part: "trino_split_part", substr: "trino_substr", regexp_extract: "trino_regexp_extract", regexp_extract_all: "regexp_extract_all",
};
const PATTERN_ARGUMENT: Readonly<Record<string, number>> = { regexp_like: 1, regexp_extract: 1, regexp_extract_all: 1, regexp_replace: 1 };
const DATE_CODES: Readonly<Record<string, string>> = { Y: "%Y", m: "%m", d: "%d", H: "%H", i: "%M", s: "%S", S: "%S", f: "%f", T: "%H:%M:%S", "%": "%%" };

const isGroup = (item: Item | undefined, open?: "(" | "["): item is Group => item?.kind === "group" && (open === undefined || item.open === open);
const isWord = (item: Item | undefined, word?: string): item is Token =>
  item?.kind === "word" && (word === undefined || item.text.toUpperCase() === word);
const isOp = (item: Item | undefined, op: string): boolean => item?.kind === "op" && item.text === op;

function splitArguments(items: readonly Item[]): Item[][] {
  if (items.length === 0) return [];
  const parts: Item[][] = [[]];
  for (const item of items) {
    if (isOp(item, ",")) parts.push([]);
    else parts.at(-1)!.push(item);
  }
  return parts;
}

/** A Trino query (parameters bound) as DuckDB SQL over the compatibility macros; NotEmulated when it cannot be. */
export function translateTrino(sql: string): string {
  return emit(group(tokenize(sql)));
}

function emit(items: readonly Item[]): string {
  const out: string[] = [];
  let glue = false;
  const push = (text: string): void => {
    if (glue) out[out.length - 1] += text;
    else out.push(text);
    glue = false;
  };
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const next = items[i + 1];
    if (isGroup(item)) {
      if (item.open === "[") throw new NotEmulated("subscript a[i] (Trino fails out of bounds where DuckDB gives NULL)");
      push(`(${emit(item.items)})`);
      continue;
    }
    switch (item.kind) {
      case "word": {
        const upper = item.text.toUpperCase();
        if (upper === "ARRAY" && isGroup(next, "[")) {
          push(`[${emit(next.items)}]`);
          i++;
        } else if (upper === "AT") {
          const zone = items[i + 3];
          if (!isWord(next, "TIME") || !isWord(items[i + 2], "ZONE") || zone?.kind !== "string" || zone.text !== "'UTC'") {
            throw new NotEmulated("AT TIME ZONE other than 'UTC'");
          }
          push("AT TIME ZONE 'UTC'");
          i += 3;
        } else if (KEYWORDS.has(upper)) push(upper);
        else if (REFUSED_WORDS.has(upper)) throw new NotEmulated(`the keyword ${upper}`);
        else if (isGroup(next, "(")) {
          push(emitCall(item.text, next.items));
          i++;
        } else if (next?.kind === "string") throw new NotEmulated(`the typed literal ${item.text} ${next.text}`);
        else push(item.text);
        break;
      }
      case "number":
        if (!INTEGER_LITERAL.test(item.text)) throw new NotEmulated(`the number ${item.text} (only integers)`);
        push(item.text);
        break;
      case "op":
        if (!OPERATORS.has(item.text)) throw new NotEmulated(`the operator ${item.text}`);
        if (item.text === ".") {
          out[out.length - 1] += ".";
          glue = true;
        } else push(item.text);
        break;
      default:
        push(item.text);
    }
  }
  return out.join(" ");
}

function emitCall(name: string, body: readonly Item[]): string {
  const lower = name.toLowerCase();
  if (lower === "cast") return emitCast(body);
  const args = splitArguments(body);
  const patternAt = PATTERN_ARGUMENT[lower];
  const call = emitFunction(lower, name, args);
  if (patternAt === undefined || !endAnchored(checkPattern(lower, args[patternAt]))) return call;
  // Joni compiles Trino's patterns with Java syntax, where `$` also matches before a final "\n";
  // RE2's does not. Such subjects are refused rather than answered differently.
  return `CASE WHEN regexp_matches(${emit(args[0] ?? [])}, '\\n$') THEN trino_error('${lower}: $ before a final newline') ELSE ${call} END`;
}

function emitFunction(lower: string, name: string, args: readonly Item[][]): string {
  switch (lower) {
    case "date_format":
      if (args.length !== 2) throw new NotEmulated("date_format takes a time and a format");
      return `strftime(${emit(args[0]!)}, ${dateFormat(args[1])})`;
    case "regexp_replace": {
      if (args.length < 2 || args.length > 3) throw new NotEmulated("regexp_replace with a lambda or wrong arity");
      return `regexp_replace(${emit(args[0]!)}, ${emit(args[1]!)}, ${args.length === 3 ? replacement(args[2]!) : "''"}, 'g')`;
    }
    case "zip_with":
      return zipWith(args);
    case "transform":
    case "filter":
      if (args.length !== 2 || !isWord(args[1]![0]) || !isOp(args[1]![1], "->")) throw new NotEmulated(`${lower} takes an array and a one-parameter lambda`);
      break;
    case "min":
    case "max":
      if (args.length === 2 && (args[1]!.length !== 1 || args[1]![0]!.kind !== "number")) throw new NotEmulated(`${lower}(x, n) with n not a literal`);
      break;
    case "json_extract":
    case "json_extract_scalar": {
      // A literal path of the common shape is converted here, as trino_json_pointer would convert it:
      // binding that macro costs milliseconds, and the usage query names paths hundreds of times.
      const pointer = args.length === 2 ? literalPointer(args[1]!) : undefined;
      if (pointer !== undefined) return `${FUNCTIONS[lower]}_at(${emit(args[0]!)}, ${sqlString(pointer)})`;
      break;
    }
    case "element_at": {
      const index = args[1];
      if (index?.length === 1 && index[0]!.kind === "number" && index[0]!.text === "0") throw new NotEmulated("element_at(x, 0): Trino fails");
      break;
    }
  }
  const target = FUNCTIONS[lower];
  if (target === undefined) throw new NotEmulated(`the function ${name}`);
  return `${target}(${args.map(emit).join(", ")})`;
}

/** A Java regular expression literal that RE2 reads alike (returned), or NotEmulated. */
function checkPattern(name: string, argument: readonly Item[] | undefined): string {
  const literal = argument?.length === 1 && argument[0]!.kind === "string" ? stringValue(argument[0]!) : undefined;
  if (literal === undefined) throw new NotEmulated(`${name} with a pattern that is not a literal`);
  // \z (end of input) reads alike in Java, Joni and RE2.
  const outside = literal.replace(/\\[dw.\\/[\](){}*+?|^$z-]/g, "");
  if (/\\|\(\?(?!:)|[*+?}]\+/.test(outside)) throw new NotEmulated(`${name} pattern beyond the common subset of Java and RE2: ${literal}`);
  return literal;
}

/** Whether a pattern has a `$` anchor: not escaped, not inside a character class. */
function endAnchored(pattern: string): boolean {
  return /\$/.test(pattern.replace(/\\./g, "").replace(/\[(?:\\.|[^\]\\])*\]/g, ""));
}

function stringValue(token: Item): string {
  if (token.kind !== "string") throw new NotEmulated("a literal was expected");
  return token.text.slice(1, -1).replaceAll("''", "'");
}

const sqlString = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/** trino_json_pointer's first case, for a literal: $["a"]["b"] without escapes, ~, / or digits-only names -> /a/b. */
const COMMON_PATH = /^\$(\["[^"\\~/]*[^"\\~/0-9][^"\\~/]*"\])+$/;
function literalPointer(argument: readonly Item[]): string | undefined {
  if (argument.length !== 1 || argument[0]!.kind !== "string") return undefined;
  const path = stringValue(argument[0]!);
  return COMMON_PATH.test(path) ? `/${path.slice(3, -2).replaceAll('"]["', "/")}` : undefined;
}

function dateFormat(argument: readonly Item[] | undefined): string {
  if (argument?.length !== 1) throw new NotEmulated("date_format with a format that is not a literal");
  const format = stringValue(argument[0]!).replace(/%(.?)/g, (_, code: string) => {
    const mapped = DATE_CODES[code];
    if (mapped === undefined) throw new NotEmulated(`date_format code %${code}`);
    return mapped;
  });
  return sqlString(format);
}

/** Java's replacement syntax ($1, \$) as RE2's (\1, $); named groups are refused. */
function replacement(argument: readonly Item[]): string {
  if (argument.length !== 1) throw new NotEmulated("regexp_replace with a replacement that is not a literal");
  const java = stringValue(argument[0]!);
  let re2 = "";
  for (let i = 0; i < java.length; i++) {
    const char = java[i]!;
    if (char === "\\") {
      const escaped = java[++i];
      if (escaped === undefined) throw new NotEmulated("regexp_replace replacement ends in \\");
      re2 += escaped === "\\" ? "\\\\" : escaped;
    } else if (char === "$") {
      const digit = java[++i];
      if (digit === undefined || !/[0-9]/.test(digit) || /[0-9]/.test(java[i + 1] ?? "")) throw new NotEmulated(`regexp_replace replacement ${java}`);
      re2 += `\\${digit}`;
    } else re2 += char;
  }
  return sqlString(re2);
}

function zipWith(args: readonly Item[][]): string {
  const lambda = args[2];
  const params = lambda?.[0];
  const names = isGroup(params, "(") ? splitArguments(params.items) : [];
  if (args.length !== 3 || names.length !== 2 || !names.every((n) => n.length === 1 && isWord(n[0])) || !isOp(lambda![1], "->")) {
    throw new NotEmulated("zip_with takes two arrays and a two-parameter lambda");
  }
  const body = lambda!.slice(2);
  const [first, second] = names.map((n) => (n[0] as Token).text.toLowerCase());
  const substitute = (items: readonly Item[]): Item[] =>
    items.map((item, index) => {
      if (isGroup(item)) return { ...item, items: substitute(item.items) };
      if (isOp(item, "->")) throw new NotEmulated("a lambda inside zip_with's lambda");
      const name = item.kind === "word" ? item.text.toLowerCase() : undefined;
      if ((name === first || name === second) && !isOp(items[index - 1], ".") && !isGroup(items[index + 1], "(")) {
        return { kind: "raw", text: `__trino_zip[${name === first ? 1 : 2}]` };
      }
      return item;
    });
  return `list_transform(trino_zip(${emit(args[0]!)}, ${emit(args[1]!)}), __trino_zip -> ${emit(substitute(body))})`;
}

type SqlType =
  | { readonly kind: "VARCHAR" | "BIGINT" | "BOOLEAN" | "JSON" }
  | { readonly kind: "ARRAY"; readonly element: SqlType }
  | { readonly kind: "MAP"; readonly key: SqlType; readonly value: SqlType }
  | { readonly kind: "ROW"; readonly fields: readonly { readonly name: string; readonly type: SqlType }[] };

function parseType(items: readonly Item[]): SqlType {
  const [head, body, ...rest] = items;
  const name = isWord(head) ? head.text.toUpperCase() : "";
  if (rest.length > 0) throw new NotEmulated(`the type ${name}`);
  if (body === undefined && (name === "VARCHAR" || name === "BIGINT" || name === "BOOLEAN" || name === "JSON")) return { kind: name };
  if (!isGroup(body, "(")) throw new NotEmulated(`the type ${name}`);
  const parts = splitArguments(body.items);
  if (name === "ARRAY" && parts.length === 1) return { kind: "ARRAY", element: parseType(parts[0]!) };
  if (name === "MAP" && parts.length === 2) {
    const key = parseType(parts[0]!);
    if (key.kind !== "VARCHAR") throw new NotEmulated("MAP keys other than VARCHAR");
    return { kind: "MAP", key, value: parseType(parts[1]!) };
  }
  if (name === "ROW") {
    return {
      kind: "ROW",
      fields: parts.map((part) => {
        if (!isWord(part[0])) throw new NotEmulated("ROW fields without names");
        return { name: part[0].text, type: parseType(part.slice(1)) };
      }),
    };
  }
  throw new NotEmulated(`the type ${name}`);
}

function duckType(type: SqlType): string {
  switch (type.kind) {
    case "ARRAY":
      return `${duckType(type.element)}[]`;
    case "MAP":
      return `MAP(${duckType(type.key)}, ${duckType(type.value)})`;
    case "ROW":
      return `STRUCT(${type.fields.map((field) => `"${field.name.toLowerCase()}" ${duckType(field.type)}`).join(", ")})`;
    default:
      return type.kind;
  }
}

function emitCast(body: readonly Item[]): string {
  const as = body.findLastIndex((item) => isWord(item, "AS"));
  if (as <= 0) throw new NotEmulated("CAST without AS");
  const operand = body.slice(0, as);
  const type = parseType(body.slice(as + 1));
  const value = emit(operand);
  if (type.kind === "JSON") return `trino_to_json(${value})`;
  if (type.kind === "ROW") throw new NotEmulated("CAST to ROW (Trino casts rows by position, DuckDB by name)");
  if (isJsonValued(operand)) return fromJson(`CAST(${value} AS JSON)`, type, 1);
  return `CAST(trino_cast_operand(${value}) AS ${duckType(type)})`;
}

/** Whether an operand is JSON by its form: json_parse(...), json_extract(...) or CAST(... AS JSON). */
function isJsonValued(operand: readonly Item[]): boolean {
  const [head, body] = operand;
  if (operand.length !== 2 || !isWord(head) || !isGroup(body, "(")) return false;
  const name = head.text.toLowerCase();
  if (name === "json_parse" || name === "json_extract") return true;
  return name === "cast" && isWord(body.items.at(-1), "JSON") && isWord(body.items.at(-2), "AS");
}

/** Trino's CAST(json AS type), element by element (json.md, "Cast from JSON"). */
function fromJson(json: string, type: SqlType, depth: number): string {
  const each = `__trino_j${depth}`;
  const notNull = `WHEN ${json} IS NULL OR json_type(${json}) = 'NULL' THEN NULL`;
  const refuse = `ELSE error('trino-on-duckdb: cannot cast ' || json_type(${json}) || ' to ${duckType(type)}')`;
  switch (type.kind) {
    case "VARCHAR":
      return `trino_json_to_varchar(${json})`;
    // An element of ARRAY(JSON) stays JSON; a JSON null becomes NULL (json.md, "Cast from JSON").
    case "JSON":
      return `CASE ${notNull} ELSE ${json} END`;
    case "ARRAY":
      return `CASE ${notNull} WHEN json_type(${json}) = 'ARRAY' THEN list_transform(CAST(${json} AS JSON[]), ${each} -> ${fromJson(`CAST(${each} AS JSON)`, type.element, depth + 1)}) ${refuse} END`;
    case "MAP":
      return (
        `CASE ${notNull} WHEN json_type(${json}) = 'OBJECT' THEN map_from_entries(list_sort(list_transform(map_entries(CAST(${json} AS MAP(VARCHAR, JSON))), ` +
        `${each} -> {'key': ${each}.key, 'value': ${fromJson(`CAST(${each}.value AS JSON)`, type.value, depth + 1)}}))) ${refuse} END`
      );
    default:
      throw new NotEmulated(`CAST(json AS ${duckType(type)})`);
  }
}

// The macros. Lambda parameters are named __trino_* so that they never capture a query's columns.
const MACROS = String.raw`
CREATE OR REPLACE MACRO trino_error(message) AS error('trino-on-duckdb: ' || message);
-- An operand named twice is bound twice, and nested macros multiply that: with these three so,
-- binding the usage query (json_format(CAST(... AS JSON)) dozens of times) took 0.6-1.3 s, four
-- times what it takes now. Their operand is bound once, as the one element of a list (see
-- trino_array_distinct).
CREATE OR REPLACE MACRO trino_json_format(j) AS list_transform([j], __trino_j ->
  CASE WHEN typeof(__trino_j) <> 'JSON' THEN trino_error('json_format of ' || typeof(__trino_j)) ELSE CAST(__trino_j AS VARCHAR) END)[1];
CREATE OR REPLACE MACRO trino_json_pointer(p) AS CASE
  WHEN p IS NULL THEN NULL
  -- the common shape, $["name"]..., without escapes, digits-only names, ~ or /: one match and a replace
  WHEN regexp_full_match(p, '\$(\["[^"\\~/]*[^"\\~/0-9][^"\\~/]*"\])+') THEN '/' || replace(p[4:-3], '"]["', '/')
  WHEN NOT regexp_full_match(p, '\$(\.[A-Za-z0-9_:]+|\["(?:[^"\\]|\\["\\])*"\])*') THEN trino_error('JSON path ' || p)
  WHEN p = '$' THEN '$'
  ELSE array_to_string(list_transform(regexp_extract_all(p, '\.[A-Za-z0-9_:]+|\["(?:[^"\\]|\\["\\])*"\]'), __trino_s ->
    '/' || CASE WHEN regexp_full_match(__trino_s, '\.?\[?"?[0-9]+"?\]?') THEN trino_error('JSON path with a numeric member ' || p)
      ELSE replace(replace(CASE WHEN __trino_s[1] = '.' THEN __trino_s[2:] ELSE regexp_replace(__trino_s[3:-3], '\\(["\\])', '\1', 'g') END,
        '~', '~0'), '/', '~1') END), '')
END;
-- Malformed JSON gives NULL (try), as Trino's extraction does; the path is converted once.
CREATE OR REPLACE MACRO trino_json_extract(j, p) AS
  list_transform([trino_json_pointer(p)], __trino_p -> try(json_extract(j, __trino_p)))[1];
CREATE OR REPLACE MACRO trino_json_extract_scalar(j, p) AS
  list_transform([trino_json_extract(j, p)], __trino_f ->
    CASE WHEN json_type(__trino_f) IN ('OBJECT', 'ARRAY', 'NULL') THEN NULL ELSE json_extract_string(__trino_f, '$') END)[1];
-- The same at a JSON pointer the translation converted from a literal path (literalPointer).
CREATE OR REPLACE MACRO trino_json_extract_at(j, pointer) AS try(json_extract(j, pointer));
-- Named twice rather than bound once in a lambda (as trino_json_extract_scalar does): the
-- queries pass a column here, and a lambda took a third of the usage query's binding (143 -> 94 ms).
CREATE OR REPLACE MACRO trino_json_extract_scalar_at(j, pointer) AS CASE
  WHEN json_type(trino_json_extract_at(j, pointer)) IN ('OBJECT', 'ARRAY', 'NULL') THEN NULL
  ELSE json_extract_string(trino_json_extract_at(j, pointer), '$') END;
CREATE OR REPLACE MACRO trino_json_to_varchar(j) AS CASE
  WHEN j IS NULL OR json_type(j) = 'NULL' THEN NULL
  WHEN json_type(j) IN ('OBJECT', 'ARRAY', 'DOUBLE') THEN trino_error('cast of JSON ' || json_type(j) || ' to VARCHAR')
  ELSE json_extract_string(j, '$') END;
CREATE OR REPLACE MACRO trino_to_json(x) AS list_transform([x], __trino_x -> CASE
  WHEN regexp_matches(replace(typeof(__trino_x), 'MAP(VARCHAR,', ''), 'DOUBLE|FLOAT|DECIMAL|TIMESTAMP|DATE|TIME|INTERVAL|BLOB|UUID|UNION|MAP\(|STRUCT\(""')
    THEN trino_error('CAST(' || typeof(__trino_x) || ' AS JSON)')
  ELSE to_json(__trino_x) END)[1];
CREATE OR REPLACE MACRO trino_cast_operand(x) AS list_transform([x], __trino_x -> CASE
  WHEN regexp_matches(typeof(__trino_x), '^(JSON|TIMESTAMP|DATE|TIME|DOUBLE|FLOAT|DECIMAL|INTERVAL)') THEN trino_error('CAST of ' || typeof(__trino_x))
  ELSE __trino_x END)[1];
CREATE OR REPLACE MACRO trino_element_at(a, i) AS CASE
  WHEN typeof(a) NOT LIKE 'MAP(%' AND CAST(i AS VARCHAR) = '0' THEN trino_error('element_at(array, 0)')
  ELSE a[i] END;
CREATE OR REPLACE MACRO trino_cardinality(a) AS len(a);
-- The array is bound once (see trino_array_distinct): named six times, a nested operand would be expanded six times.
CREATE OR REPLACE MACRO trino_slice(a, s, n) AS list_transform([a], __trino_a -> CASE
  WHEN __trino_a IS NULL OR s IS NULL OR n IS NULL THEN NULL
  WHEN s = 0 THEN trino_error('slice: SQL array indices start at 1')
  WHEN n < 0 THEN trino_error('slice: length must be greater than or equal to 0')
  WHEN s < 0 AND len(__trino_a) + s + 1 < 1 THEN list_slice(__trino_a, 1, 0)
  WHEN s < 0 THEN list_slice(__trino_a, len(__trino_a) + s + 1, len(__trino_a) + s + n)
  ELSE list_slice(__trino_a, s, s + n - 1) END)[1];
CREATE OR REPLACE MACRO trino_contains(a, x) AS CASE
  WHEN a IS NULL OR x IS NULL THEN NULL
  WHEN list_contains(a, x) THEN TRUE
  WHEN list_contains(list_transform(a, __trino_e -> __trino_e IS NULL), TRUE) THEN NULL
  ELSE FALSE END;
CREATE OR REPLACE MACRO trino_array_join(a, d) AS CASE
    WHEN typeof(a) <> 'VARCHAR[]' THEN trino_error('array_join of ' || typeof(a))
    ELSE array_to_string(list_filter(a, __trino_e -> __trino_e IS NOT NULL), d) END,
  (a, d, r) AS CASE
    WHEN typeof(a) <> 'VARCHAR[]' THEN trino_error('array_join of ' || typeof(a))
    ELSE array_to_string(list_transform(a, __trino_e -> coalesce(__trino_e, r)), d) END;
CREATE OR REPLACE MACRO trino_array_sort(a) AS list_sort(a, 'ASC', 'NULLS LAST');
-- The operand is bound once, as the one element of a list: a macro argument named twice is
-- expanded twice, and inside the lambda once per element.
CREATE OR REPLACE MACRO trino_array_distinct(a) AS
  list_transform([a], __trino_a -> list_filter(__trino_a, (__trino_e, __trino_i) -> list_position(__trino_a, __trino_e) = __trino_i))[1];
CREATE OR REPLACE MACRO trino_zip(a, b) AS CASE WHEN a IS NULL OR b IS NULL THEN NULL ELSE list_zip(a, b) END;
CREATE OR REPLACE MACRO trino_map(k, v) AS CASE
  WHEN k IS NULL OR v IS NULL THEN NULL
  WHEN len(k) <> len(v) THEN trino_error('map: key and value arrays must be the same length')
  ELSE map_from_entries(list_sort(list_transform(list_zip(k, v), __trino_e -> {'key': __trino_e[1], 'value': __trino_e[2]}))) END;
CREATE OR REPLACE MACRO trino_from_iso8601_timestamp(s) AS date_trunc('millisecond', CAST(CASE
  WHEN regexp_full_match(s, '[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?') THEN s
  ELSE 'not ISO 8601: ' || s END AS TIMESTAMPTZ));
CREATE OR REPLACE MACRO trino_greatest(a, b) AS CASE WHEN a IS NULL OR b IS NULL THEN NULL ELSE greatest(a, b) END;
CREATE OR REPLACE MACRO trino_least(a, b) AS CASE WHEN a IS NULL OR b IS NULL THEN NULL ELSE least(a, b) END;
CREATE OR REPLACE MACRO trino_split_part(s, d, n) AS CASE
  WHEN s IS NULL OR d IS NULL OR n IS NULL THEN NULL
  WHEN d = '' OR n < 1 THEN trino_error('split_part with an empty delimiter or an index below 1')
  WHEN n > len(string_split(s, d)) THEN NULL
  ELSE split_part(s, d, n) END;
CREATE OR REPLACE MACRO trino_substr(s, b, n) AS CASE
  WHEN s IS NULL OR b IS NULL OR n IS NULL THEN NULL
  WHEN b = 0 OR n <= 0 OR b > length(s) OR (b < 0 AND length(s) + b < 0) THEN ''
  WHEN b < 0 THEN substr(s, length(s) + b + 1, n)
  ELSE substr(s, b, n) END;
CREATE OR REPLACE MACRO trino_regexp_extract(s, p) AS CASE WHEN regexp_matches(s, p) THEN regexp_extract(s, p) END,
  (s, p, g) AS CASE WHEN regexp_matches(s, p) THEN regexp_extract(s, p, g) END;
`;

const SESSION = ["SET TimeZone = 'UTC'", "SET default_null_order = 'nulls_last'", "SET default_order = 'asc'"];

const prepared = new WeakSet<DuckDBConnection>();

/** Session settings and trino_* macros on a connection; once per connection. */
export async function installTrinoCompat(connection: DuckDBConnection): Promise<void> {
  if (prepared.has(connection)) return;
  for (const statement of SESSION) await connection.run(statement);
  await connection.run(MACROS);
  prepared.add(connection);
}

/**
 * Runs a query as Athena would: parameters substituted, the Trino text translated, executed in
 * DuckDB; the rows come back as Athena sends them (every value text, NULL as null).
 */
export async function executeTrino(connection: DuckDBConnection, sql: string, parameters: readonly string[] = []): Promise<TrinoResult> {
  await installTrinoCompat(connection);
  const reader = await connection.runAndReadAll(translated(bindParameters(sql, parameters)));
  return wireResult(reader);
}

// Tests send the same few query texts many times; each is translated once per worker.
const translations = new Map<string, string>();

function translated(sql: string): string {
  let text = translations.get(sql);
  if (text === undefined) {
    text = translateTrino(sql);
    translations.set(sql, text);
  }
  return text;
}

const WIRE_TYPES: Readonly<Record<string, WireColumn["type"]>> = { VARCHAR: "varchar", BIGINT: "bigint", HUGEINT: "bigint", INTEGER: "integer", BOOLEAN: "boolean" };
const BIGINT_RANGE = [-(2n ** 63n), 2n ** 63n - 1n] as const;

function wireResult(reader: DuckDBResultReader): TrinoResult {
  const columns = reader.columnNames().map((name, index) => {
    const duck = reader.columnType(index).toString();
    const type = WIRE_TYPES[duck];
    if (type === undefined) throw new NotEmulated(`a result column of type ${duck} (${name})`);
    return { name, type };
  });
  const rows = reader.getRowsJS().map((row) =>
    row.map((value, index): WireValue => {
      if (value === null) return null;
      if (typeof value === "bigint" && (value < BIGINT_RANGE[0] || value > BIGINT_RANGE[1])) {
        throw new NotEmulated(`${columns[index]!.name} = ${value} overflows Trino's BIGINT`);
      }
      return String(value);
    }),
  );
  return { columns, rows };
}
