import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotEmulated, bindParameters, executeTrino, translateTrino } from "./trino-on-duckdb.js";

/*
 * The compatibility layer read as a specification: each answer below is the one Trino's
 * documentation gives (docs/src/main/sphinx/functions/*.md), or the Trino source where the docs are
 * silent; what the layer does not emulate it refuses.
 */

let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:");
  connection = await instance.connect();
});

afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

/** The one value `SELECT expression` gives, as Athena would send it (text, or null). */
async function value(expression: string, parameters: readonly string[] = []): Promise<string | null> {
  const result = await executeTrino(connection, `SELECT ${expression} AS v`, parameters);
  return result.rows[0]![0]!;
}

describe("parameters, as Athena substitutes ExecutionParameters", () => {
  it("replaces each ? in order, outside string literals and comments", () => {
    const sql = "SELECT ? -- a ? in a comment\n, '?' /* ? */, ?";
    expect(bindParameters(sql, ["'it''s'", "42"])).toBe("SELECT 'it''s' -- a ? in a comment\n, '?' /* ? */, 42");
  });

  it("refuses a count that differs, an item that is not one literal, and items over 1,024 characters", () => {
    expect(() => bindParameters("SELECT ?", [])).toThrow(NotEmulated);
    expect(() => bindParameters("SELECT ?", ["'a' OR 1=1 --'"])).toThrow(NotEmulated);
    expect(() => bindParameters("SELECT ?", ["'a'''"])).not.toThrow();
    expect(() => bindParameters("SELECT ?", [`'${"x".repeat(1023)}'`])).toThrow(/1025 characters/);
  });

  it("binds values that reach the query as literals", async () => {
    expect(await value("? || ?", ["'o''neil'", "'?'"])).toBe("o'neil?");
  });
});

describe("Trino's meaning where DuckDB's differs", () => {
  it.each([
    // string.md, regexp.md
    ["regexp_replace('1a 2b 14m', '\\d+[ab] ')", "14m"],
    ["regexp_replace('1a 2b 14m', '(\\d+)([ab]) ', '3c$2 ')", "3ca 3cb 14m"],
    ["regexp_extract('abc', 'x(.)', 1)", null],
    ["regexp_extract('1a 2b 14m', '\\d+')", "1"],
    ["split_part('a/b', '/', 3)", null],
    ["split_part('a/b', '/', 2)", "b"],
    ["substr('abc', 0, 2)", ""],
    ["substr('é/naïve', 1, strpos('é/naïve', '/'))", "é/"],
    // comparison.md: null if any argument is null
    ["CAST(greatest(NULL, 0) AS VARCHAR)", null],
    // array.md
    ["array_join(ARRAY['a', NULL, 'b'], ',')", "a,b"],
    ["array_join(ARRAY['a', NULL, 'b'], ',', 'n')", "a,n,b"],
    ["json_format(CAST(slice(ARRAY[1, 2, 3, 4], 2, 2) AS JSON))", "[2,3]"],
    ["json_format(CAST(slice(ARRAY[1, 2, 3, 4], -2, 5) AS JSON))", "[3,4]"],
    ["json_format(CAST(slice(ARRAY[1, 2], 5, 1) AS JSON))", "[]"],
    ["CAST(element_at(ARRAY['a'], 2) AS VARCHAR)", null],
    ["element_at(ARRAY['a', 'b'], -1)", "b"],
    ["CAST(contains(ARRAY['a', NULL], 'b') AS VARCHAR)", null],
    ["CAST(contains(ARRAY['a', NULL], 'a') AS VARCHAR)", "true"],
    ["json_format(CAST(array_sort(ARRAY['b', NULL, 'a']) AS JSON))", '["a","b",null]'],
    ["json_format(CAST(array_distinct(ARRAY['b', NULL, 'b', NULL, 'a']) AS JSON))", '["b",null,"a"]'],
    ["json_format(CAST(zip_with(ARRAY['a'], ARRAY['d', NULL, 'f'], (x, y) -> coalesce(x, y)) AS JSON))", '["a",null,"f"]'],
    ["json_format(CAST(transform(filter(ARRAY[5, NULL, 7], x -> x IS NOT NULL), x -> x + 1) AS JSON))", "[6,8]"],
    // json.md: Cast to JSON (map keys in order), json_format, json_extract(_scalar)
    ["json_format(CAST(MAP(ARRAY['type', 'ARN', 'accountId'], ARRAY['t', 'a', NULL]) AS JSON))", '{"ARN":"a","accountId":null,"type":"t"}'],
    ["json_format(CAST(ARRAY['é', 'q\"', NULL] AS JSON))", '["é","q\\"",null]'],
    ["json_format(CAST(CAST(NULL AS VARCHAR) AS JSON))", null],
    ["json_extract_scalar('{\"a\": {\"b\": 1}}', '$[\"a\"]')", null],
    ["json_extract_scalar('{\"a\": {\"b\": 1}}', '$[\"a\"][\"b\"]')", "1"],
    ["json_extract_scalar('{\"a.b\": true}', '$[\"a.b\"]')", "true"],
    ["json_extract_scalar('{\"a\\\"b\": \"q\"}', '$[\"a\\\"b\"]')", "q"],
    ["json_extract_scalar('{\"x/y~\": \"p\"}', '$[\"x/y~\"]')", "p"],
    ["json_extract_scalar('{\"a\": {\"b\": \"c\"}}', '$.a.b')", "c"],
    ["json_extract_scalar('{\"a\": null}', '$[\"a\"]')", null],
    ["json_extract_scalar('not json', '$[\"a\"]')", null],
    ["json_format(json_extract('{\"a\": null}', '$[\"a\"]'))", "null"],
    ["json_format(json_extract('{\"a\": {\"z\": 1, \"b\": [true]}}', '$[\"a\"]'))", '{"z":1,"b":[true]}'],
    ["CAST(json_extract('{\"a\": 1}', '$[\"b\"]') AS JSON) IS NULL", "true"],
    ["json_format(CAST(CAST(json_parse('[\"a\", 1, null]') AS ARRAY(VARCHAR)) AS JSON))", '["a","1",null]'],
    ["element_at(element_at(CAST(json_parse('{\"k\": [\"v\"]}') AS MAP(VARCHAR, ARRAY(VARCHAR))), 'k'), 1)", "v"],
    // datetime.md: MySQL codes; from_iso8601_timestamp keeps the offset's instant
    ["date_format(from_iso8601_timestamp('2026-11-03T12:04:05+02:00') AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%i:%sZ')", "2026-11-03T10:04:05Z"],
    ["date_format(date_trunc('hour', from_iso8601_timestamp('2026-11-03T12:04:05.999Z') AT TIME ZONE 'UTC'), '%T')", "12:00:00"],
    // %f: microseconds, six digits, of a time Trino holds to the millisecond.
    ["date_format(from_iso8601_timestamp('2026-11-03T12:04:05.5Z') AT TIME ZONE 'UTC', '%s.%f')", "05.500000"],
    ["CAST(try(from_iso8601_timestamp('not a time')) IS NULL AS VARCHAR)", "true"],
  ] as [string, string | null][])("%s = %j", async (expression, expected) => {
    expect(await value(expression)).toBe(expected);
  });

  it("aggregates as Trino does: arbitrary non-null, min(x, n) the n smallest, max_by", async () => {
    await connection.run("CREATE OR REPLACE TABLE aggregated AS SELECT * FROM (VALUES ('b', 2), ('a', 3), (NULL, 9), ('c', 1)) AS t (x, n)");
    const result = await executeTrino(
      connection,
      "SELECT arbitrary(x) IS NOT NULL, json_format(CAST(array_sort(min(x, 2)) AS JSON)), max_by(x, n), count_if(x IS NULL) FROM aggregated",
    );
    expect(result.rows).toEqual([["true", '["a","b"]', null, "1"]]);
  });

  it("fails where Trino fails", async () => {
    await expect(value("CAST(json_parse('[{\"a\": 1}]') AS ARRAY(VARCHAR))")).rejects.toThrow(/cannot|cast of JSON/i);
    await expect(value("slice(ARRAY[1], 0, 1)")).rejects.toThrow(/start at 1/);
    await expect(value("json_extract_scalar('{}', '$.a[0]')")).rejects.toThrow(/JSON path/);
    await expect(value("regexp_extract('a.txt\n', '[.][a-z]+$')")).rejects.toThrow(/final newline/);
  });
});

describe("what the layer does not emulate, it refuses", () => {
  it.each([
    ["SELECT unknown_function(1)", /function unknown_function/],
    ["SELECT x FROM (VALUES 1) AS t (x)", /VALUES/],
    ["SELECT 7 / 2", /operator \//],
    ["SELECT a[1] FROM t", /subscript/],
    ["SELECT TIMESTAMP '2026-01-01 00:00:00'", /TIMESTAMP/],
    ["SELECT x AT TIME ZONE 'Europe/Paris' FROM t", /AT TIME ZONE/],
    ["SELECT CAST(x AS ROW(a VARCHAR)) FROM t", /ROW/],
    ["SELECT CAST(x AS DOUBLE) FROM t", /type DOUBLE/],
    ["SELECT 1.5", /number 1\.5/],
    ["SELECT x FROM t LIMIT 1", /LIMIT/],
    ["SELECT x FROM t UNION SELECT y FROM u", /UNION/],
    ["SELECT count(*) FILTER (WHERE x) FROM t", /filter/],
    ["SELECT transform(a, (x, i) -> x) FROM t", /one-parameter lambda/],
    ["SELECT regexp_like(x, '(?=a)') FROM t", /common subset/],
    ["SELECT regexp_like(x, p) FROM t", /not a literal/],
    ["SELECT date_format(t, '%W') FROM t", /%W/],
    ["SELECT regexp_replace(x, 'a', '${name}') FROM t", /replacement/],
    ["SELECT element_at(a, 0) FROM t", /element_at/],
  ] as [string, RegExp][])("%s", (sql, reason) => {
    expect(() => translateTrino(sql)).toThrow(NotEmulated);
    expect(() => translateTrino(sql)).toThrow(reason);
  });

  it("refuses at run time casts whose Trino meaning differs by type", async () => {
    await expect(value("CAST(coalesce(json_extract('{\"a\": 1}', '$[\"a\"]'), json_parse('2')) AS VARCHAR)")).rejects.toThrow(/CAST of JSON/);
    await expect(value("json_format(CAST(from_iso8601_timestamp('2026-01-01') AS JSON))")).rejects.toThrow(/AS JSON/);
    await expect(value("json_format('[1]')")).rejects.toThrow(/json_format of VARCHAR/);
  });
});
