import { NESTED_VALUES_BOUND, type NestedValues, type ParameterSelection, type RequestFlag, type StatementReduction, UNREAD_TEXT } from "../usage-row.js";
import type { SqlFragment } from "./query-text.js";

/*
 * The parts of ParameterSelection that are not a value at a path (request features, nested
 * values, object keys from resources[]) as Trino SQL for queries/athena/usage-rows.sql: the same
 * reductions the local engine makes (engines/local/parameter-columns.ts), so that both engines
 * group by the same bounded values. Every path and pattern is one of tighten's own constants,
 * inlined as a checked literal; nothing from a log or a user enters this text.
 */

/**
 * DERIVED_VALUES: one `WHEN path = '<selected name's path>' THEN <value>` per flag and nested name,
 * read from `requestparameters` (the selected name's own path holds nothing).
 */
export function derivedValuesSql(selection: ParameterSelection, pathOf: (name: string) => string): SqlFragment {
  const branches = [
    ...Object.entries(selection.flags ?? {}).map(([name, flag]) => `WHEN path = ${literal(pathOf(name))} THEN ${flagOf(flag, pathOf)}`),
    ...Object.entries(selection.nested ?? {}).map(([name, values]) => `WHEN path = ${literal(pathOf(name))} THEN ${nestedOf(values, pathOf)}`),
  ];
  // A CASE needs a WHEN: a selection without derived names gives one that never holds.
  return { sql: branches.length === 0 ? "WHEN FALSE THEN CAST(NULL AS VARCHAR)" : branches.join("\n      "), parameters: [] };
}

/** RESOURCE_KEY: per source of ParameterSelection.objectKeyResources, the key in its first resources[] ARN of the type. */
export function resourceKeySql(selection: ParameterSelection): SqlFragment {
  const sources = Object.entries(selection.objectKeyResources ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (sources.length === 0) return { sql: "CAST(NULL AS VARCHAR)", parameters: [] };
  const branches = sources.map(([source, type]) => {
    const arn = `element_at(transform(filter(resources, r -> r.type = ${literal(type)}), r -> r.arn), 1)`;
    return `WHEN ${literal(source)} THEN nullif(regexp_extract(${arn}, '^arn:[^:]+:[^:]+:[^:]*:[^:]*:[^/]+/(.+)$', 1), '')`;
  });
  return { sql: `CASE eventsource ${branches.join(" ")} END`, parameters: [] };
}

/** A member's value as the query reads every parameter: a scalar's text, else the JSON text; JSON null as NULL. */
function valueAt(json: string, path: string): string {
  return `coalesce(json_extract_scalar(${json}, ${literal(path)}), nullif(json_format(json_extract(${json}, ${literal(path)})), 'null'))`;
}

/** A header is a string: its presence is one scalar read (an object where a header belongs is no header). */
function flagOf(flag: RequestFlag, pathOf: (name: string) => string): string {
  const value = `json_extract_scalar(requestparameters, ${literal(pathOf(flag.parameter))})`;
  const test = flag.matches === undefined ? `${value} <> ''` : `regexp_like(${value}, ${literal(flag.matches)})`;
  return `CASE WHEN ${test} THEN 'true' END`;
}

function nestedOf(values: NestedValues, pathOf: (name: string) => string): string {
  if (values.list === undefined) {
    const value = valueAt("requestparameters", pathOf(values.field));
    const one = values.reduce === undefined ? value : reduced(value, values.reduce);
    return `CASE WHEN coalesce(${value}, '') <> '' THEN json_format(CAST(ARRAY[${one}] AS JSON)) END`;
  }
  const wrappers = values.wrappers ?? [];
  const read = (path: string) => `json_extract_scalar(element, ${literal(pathOf(path))})`;
  const field = `coalesce(${[values.field, ...wrappers.map((w) => `${w}.${values.field}`)].map(read).join(", ")}, '')`;
  let item = values.reduce === undefined ? field : reduced(field, values.reduce);
  if (values.label !== undefined || wrappers.length > 0) {
    const kinds = wrappers.map((w) => `WHEN json_extract(element, ${literal(pathOf(w))}) IS NOT NULL THEN ${literal(w)}`);
    const kind = kinds.length === 0 ? "CAST(NULL AS VARCHAR)" : `CASE ${kinds.join(" ")} END`;
    const label = values.label === undefined ? kind : `coalesce(${read(values.label)}, ${kind})`;
    item = `coalesce(${label}, '') || ':' || ${item}`;
  }
  // A member that is not a list (an object, a string) gives no values, as in the local engine.
  const json = `json_extract(requestparameters, ${literal(pathOf(values.list))})`;
  const list = `CASE WHEN substr(json_format(${json}), 1, 1) = '[' THEN CAST(${json} AS ARRAY(JSON)) END`;
  const reducedList = `slice(array_sort(array_distinct(transform(${list}, element -> ${item}))), 1, ${NESTED_VALUES_BOUND})`;
  return `nullif(json_format(CAST(${reducedList} AS JSON)), '[]')`;
}

/** StatementReduction in Trino: a group that took no part gives "" (Trino's regexp_extract gives NULL). */
function reduced(text: string, reduction: StatementReduction): string {
  const pattern = literal(reduction.pattern);
  const parts = reduction.output.map((groups) => groups.map((group) => `coalesce(regexp_extract(${text}, ${pattern}, ${group}), '')`).join(" || "));
  return `CASE WHEN regexp_like(${text}, ${pattern}) THEN ${parts.join(" || ' ' || ")} ELSE ${literal(UNREAD_TEXT)} END`;
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
