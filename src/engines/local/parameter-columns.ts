import { NESTED_VALUES_BOUND, type NestedValues, type ParameterSelection, type RequestFlag, type StatementReduction, UNREAD_TEXT } from "../usage-row.js";

/**
 * The SQL expressions that pull an event's selected request parameters out of its
 * requestParameters JSON, in two stages. The first (extractedValuesSql) is one CASE branch per
 * eventSource, each a single json_extract_string over that source's paths, so a body is parsed
 * once and only for the names its service needs. Measured on the benchmark, this costs less than
 * reading requestParameters as a struct of every selected name (125 fields: +1.6 CPU-s on 1M
 * events) or extracting every name from every event.
 *
 * The second (parameterValuesSql) reduces some of those values, reading the first stage's list as
 * a column: a list literal of its items, each reduced or kept. It was a list_transform lambda over
 * the list, which DuckDB 1.5 sets up again for every chunk of rows it runs on (compiling each
 * regular expression in it again) and evaluates as a CASE on the position for every item: on the
 * 1M-event benchmark that made the extraction cost about twice the decompression and parsing of
 * the logs (bench/README.md, where the time goes).
 *
 * The result is a VARCHAR list: first the source's object key (S3 key, log stream) or NULL, then
 * its parameters in selection order. A value that is an array or an object arrives as its JSON
 * text; a folder-reduced value (ParameterSelection.folders) is cut after its last "/", an ARN
 * prefix (ParameterSelection.arnPrefixes) after its last ":", a flag (ParameterSelection.flags) is
 * 'true' or NULL, and a nested name (ParameterSelection.nested) is reduced to its distinct values
 * inside the same pass, so that what is grouped by stays bounded whatever the request held.
 */
export function extractedValuesSql(selection: ParameterSelection, event: string): string {
  const column = `${event}.requestParameters`;
  const branches = selectedSources(selection).map((source) => {
    const key = selection.objectKey[source];
    const paths = [...(key === undefined ? [] : [key]), ...namesOf(selection, source).map((name) => extractedName(name, selection))].map(jsonPath);
    const values = `json_extract_string(${column}, [${paths.join(", ")}])`;
    // Without requestParameters this is [NULL] for a source without an object key, NULL for one with.
    return `WHEN ${sqlString(source)} THEN ${key === undefined ? `list_prepend(NULL::VARCHAR, ${values})` : values}`;
  });
  if (branches.length === 0) return "NULL::VARCHAR[]";
  return `CASE ${event}.eventSource\n      ${branches.join("\n      ")}\n    END`;
}

/** `extracted` (the column extractedValuesSql made) with the reductions of each source applied. */
export function parameterValuesSql(selection: ParameterSelection, event: string, extracted: string): string {
  const folders = new Set(selection.folders);
  const arnPrefixes = new Set(selection.arnPrefixes);
  const flags = selection.flags ?? {};
  const nested = selection.nested ?? {};
  const branches = selectedSources(selection).flatMap((source) => {
    const names = namesOf(selection, source);
    const key = selection.objectKey[source];
    const keyResource = key === undefined ? undefined : selection.objectKeyResources?.[source];
    // Positions in the list are 1-based and the object key (or its NULL) comes first.
    const item = (position: number) => `${extracted}[${position}]`;
    const reductions = new Map<number, string>();
    if (keyResource !== undefined) reductions.set(1, `coalesce(${item(1)}, ${keyFromResources(`${event}.resources`, keyResource)})`);
    names.forEach((name, index) => {
      const value = item(index + 2);
      const flag = flags[name];
      const values = nested[name];
      if (flag !== undefined) reductions.set(index + 2, flagOf(value, flag));
      else if (values !== undefined) reductions.set(index + 2, nestedOf(value, values));
      else if (folders.has(name)) reductions.set(index + 2, folderOf(value));
      else if (arnPrefixes.has(name)) reductions.set(index + 2, arnPrefixOf(value));
    });
    if (reductions.size === 0) return [];
    const length = names.length + 1;
    const items = Array.from({ length }, (_, i) => reductions.get(i + 1) ?? item(i + 1));
    // Only a list of every position is reduced: the [NULL] of a source without an object key and
    // without requestParameters stays as it is, as it did under list_transform.
    return [`WHEN ${sqlString(source)} THEN CASE WHEN len(${extracted}) = ${length} THEN [${items.join(", ")}] ELSE ${extracted} END`];
  });
  if (branches.length === 0) return extracted;
  return `CASE ${event}.eventSource\n      ${branches.join("\n      ")}\n      ELSE ${extracted}\n    END`;
}

/** The eventSources the selection reads anything of, sorted. */
function selectedSources(selection: ParameterSelection): string[] {
  return [...new Set([...Object.keys(selection.parameters), ...Object.keys(selection.objectKey)])].sort();
}

function namesOf(selection: ParameterSelection, source: string): readonly string[] {
  return selection.parameters[source] ?? [];
}

/** The request parameter a selected name is read from: a flag's or a nested name's own, else the name itself. */
function extractedName(name: string, selection: ParameterSelection): string {
  const flag = selection.flags?.[name];
  if (flag !== undefined) return flag.parameter;
  const values = selection.nested?.[name];
  if (values !== undefined) return values.list ?? values.field;
  return name;
}

/** The key in the first resources[] ARN of the type (`arn:P:s3:::bucket/KEY` -> KEY), or NULL. */
function keyFromResources(resources: string, type: string): string {
  const arn = `list_filter(${resources}, r -> r."type" = ${sqlString(type)})[1]."ARN"`;
  return `nullif(regexp_extract(${arn}, '^arn:[^:]+:[^:]+:[^:]*:[^:]*:[^/]+/(.+)$', 1), '')`;
}

/**
 * 'true' when the header is there (and matches), else NULL: one bit, whatever the value. A header
 * is a string; an object or a list where one belongs (its JSON text here) is none, as in Athena.
 */
function flagOf(value: string, flag: RequestFlag): string {
  const test = flag.matches === undefined ? `${value} <> ''` : `regexp_matches(${value}, ${sqlString(flag.matches)})`;
  return `CASE WHEN ${test} AND NOT (${value} LIKE '{%' OR ${value} LIKE '[%') THEN 'true' END`;
}

/**
 * The sorted distinct values of one member of a list's elements, as JSON text of a list; NULL when
 * the list is missing, is not a list, or is empty. Without a list, the one value itself.
 */
function nestedOf(value: string, values: NestedValues): string {
  if (values.list === undefined) {
    const one = values.reduce === undefined ? value : reduced(value, values.reduce);
    return `CASE WHEN coalesce(${value}, '') <> '' THEN to_json([${one}])::VARCHAR END`;
  }
  const wrappers = values.wrappers ?? [];
  const read = (path: string) => `json_extract_string(element, ${jsonPath(path)})`;
  const field = `coalesce(${[values.field, ...wrappers.map((w) => `${w}.${values.field}`)].map(read).join(", ")}, '')`;
  let item = values.reduce === undefined ? field : reduced(field, values.reduce);
  if (values.label !== undefined || wrappers.length > 0) {
    const kinds = wrappers.map((w) => `WHEN json_extract(element, ${jsonPath(w)}) IS NOT NULL THEN ${sqlString(w)}`);
    const kind = kinds.length === 0 ? "NULL" : `CASE ${kinds.join(" ")} END`;
    const label = values.label === undefined ? kind : `coalesce(${read(values.label)}, ${kind})`;
    item = `coalesce(${label}, '') || ':' || ${item}`;
  }
  const list = `list_sort(list_distinct(list_transform(json_extract(${value}, '$[*]'), element -> ${item})))[1:${NESTED_VALUES_BOUND}]`;
  return `CASE WHEN json_valid(${value}) THEN nullif(to_json(${list})::VARCHAR, '[]') END`;
}

/** A text reduced to the groups of StatementReduction.pattern, or UNREAD_TEXT when it does not match. */
function reduced(text: string, reduction: StatementReduction): string {
  const pattern = sqlString(reduction.pattern);
  const parts = reduction.output.map((groups) => groups.map((group) => `regexp_extract(${text}, ${pattern}, ${group})`).join(" || "));
  return `CASE WHEN regexp_matches(${text}, ${pattern}) THEN concat_ws(' ', ${parts.join(", ")}) ELSE ${sqlString(UNREAD_TEXT)} END`;
}

/** "srcbucket/in/2026/x.csv?versionId=v" -> "srcbucket/in/2026/"; NULL when there is no "/". */
function folderOf(value: string): string {
  return `nullif(regexp_extract(split_part(${value}, '?', 1), '^(.*/)', 1), '')`;
}

/** "arn:...:execution:MACHINE:run-42" -> "arn:...:execution:MACHINE:"; NULL when there is no ":". */
function arnPrefixOf(value: string): string {
  return `nullif(regexp_extract(${value}, '^(.*:)', 1), '')`;
}

/**
 * A JSON path to one member, each name quoted so that names like x-amz-copy-source work; "." in a
 * selected name separates nested members (`overrides.taskRoleArn`).
 */
function jsonPath(name: string): string {
  return sqlString(`$.${name.split(".").map((part) => JSON.stringify(part)).join(".")}`);
}

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
