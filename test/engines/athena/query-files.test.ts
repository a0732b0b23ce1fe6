import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ATHENA_QUERIES, type AthenaQueryName, jsonPathOf } from "../../../src/engines/athena/athena-engine.js";
import { derivedValuesSql, resourceKeySql } from "../../../src/engines/athena/derived-values.js";
import { PARTITION_COLUMNS, scanFilter } from "../../../src/engines/athena/partition-predicates.js";
import { bindQuery, booleanLiteral, integerLiteral, jsonLiteral, queryMarkers, tableReference } from "../../../src/engines/athena/query-text.js";
import { foldScopeSql, nameMaskSql } from "../../../src/engines/name-template-sql.js";
import { USAGE_ROW_COLUMNS } from "../../../src/engines/usage-row-parse.js";
import { readQuery } from "../../../src/queries.js";

const NAMES = Object.keys(ATHENA_QUERIES) as AthenaQueryName[];
const MARKERS: Record<AthenaQueryName, string[]> = {
  "usage-rows": [
    "SELECTION", "FOLDERS", "ARN_PREFIXES", "RESOURCE_KEY", "TABLE", "SCAN_FILTER", "DERIVED_VALUES", "BY_HOUR", "NAME_MASK", "NAME_SAMPLE", "EXACT_NAMES",
    ...Array.from({ length: 4 }, () => ["TEMPLATES_PER_CALL", "EXACT_NAMES"]).flat(),
    "FOLD_SCOPE",
  ],
};

/** The SQL without its comments (`--` to the end of the line, outside string literals). */
function withoutComments(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'|--[^\n]*/g, (match) => (match.startsWith("--") ? "" : match));
}

/** The names of the outermost SELECT's columns: the last SELECT that starts a line. */
function outputColumns(sql: string): string[] {
  const code = withoutComments(sql);
  const start = code.lastIndexOf("\nSELECT");
  const end = code.indexOf("\nFROM", start);
  const list = code.slice(start + "\nSELECT".length, end).replace(/^\s*DISTINCT\b/, "");
  const items: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of list) {
    if (char === "(") depth++;
    if (char === ")") depth--;
    if (char === "," && depth === 0) {
      items.push(current);
      current = "";
    } else current += char;
  }
  items.push(current);
  return items.map((item) => /(\w+)\s*$/.exec(item.trim())![1]!);
}

describe("queries/athena", () => {
  it("holds one file per query the engine runs, and nothing else", () => {
    expect(readdirSync("queries/athena").sort()).toEqual(NAMES.map((name) => `${name}.sql`).sort());
  });

  it.each(NAMES)("%s.sql returns the columns its parser reads, in order", (name) => {
    expect(outputColumns(readQuery(`athena/${name}.sql`))).toEqual([...ATHENA_QUERIES[name]]);
  });

  it("usage-rows.sql returns the local engine's usage-rows columns", () => {
    expect(outputColumns(readQuery("athena/usage-rows.sql"))).toEqual([...USAGE_ROW_COLUMNS]);
    expect(outputColumns(readQuery("local/usage-rows.sql"))).toEqual([...USAGE_ROW_COLUMNS]);
  });

  it.each(NAMES)("%s.sql holds no placeholder, interpolation or value of its own: only its markers", (name) => {
    const sql = readQuery(`athena/${name}.sql`);
    expect(sql).not.toContain("?");
    // Nor any other templating or named-parameter syntax, outside string literals.
    expect(withoutComments(sql).replace(/'(?:[^']|'')*'/g, "''")).not.toMatch(/\$\{|\{\{|\$\w|:\w|@\w|%s/);
    expect(queryMarkers(sql)).toEqual(MARKERS[name]);
    expect(sql.match(/\/\*TABLE\*\//g)).toHaveLength(1);
    // String literals in the code are fixed SQL: formats, JSON member names, the S3 object type.
    const literals = withoutComments(sql).match(/'(?:[^']|'')*'/g) ?? [];
    expect(new Set(literals)).toEqual(
      new Set([
        "''", "'(unknown)'", "'Unknown'", "'AWS::S3::Object'", "'ARN'", "'accountId'", "'type'", "'UTC'", "'null'", "'^(.*/)'", "'^(.*:)'",
        "'%Y-%m-%dT%H:%i:%sZ'", "'%Y-%m-%dT%H:%i:%s.%f'", "'-'", "'hour'", "'template'", "'names'", "'calls'", "'first_seen'", "'last_seen'",
        "'min'", "'max'", "'sample'",
      ]),
    );
  });

  it.each(NAMES)("%s.sql binds as many parameters as it has placeholders", (name) => {
    const bound = bindQuery(readQuery(`athena/${name}.sql`), {
      TABLE: tableReference("tighten", "cloudtrail"),
      SCAN_FILTER: scanFilter({ window: { since: new Date("2026-11-01T00:00:00Z"), until: null }, accounts: ["111122223333"], regions: [] }),
      SELECTION: jsonLiteral({ "s3.amazonaws.com": ['$["key"]', '$["bucketName"]'] }),
      FOLDERS: jsonLiteral([]),
      ARN_PREFIXES: jsonLiteral([]),
      DERIVED_VALUES: derivedValuesSql({ parameters: {}, objectKey: {}, lists: [], folders: [], arnPrefixes: [] }, jsonPathOf),
      RESOURCE_KEY: resourceKeySql({ parameters: {}, objectKey: {}, lists: [], folders: [], arnPrefixes: [] }),
      NAME_MASK: { sql: nameMaskSql("object_key", "trino"), parameters: [] },
      FOLD_SCOPE: { sql: foldScopeSql("mask"), parameters: [] },
      NAME_SAMPLE: integerLiteral(5),
      TEMPLATES_PER_CALL: integerLiteral(64),
      EXACT_NAMES: booleanLiteral(false),
      BY_HOUR: booleanLiteral(false),
    });
    expect(bound.sql.match(/\?/g)?.length ?? 0).toBe(bound.parameters.length);
    expect(bound.parameters).toEqual(["'2026/10/31'", "'111122223333'", "'2026-11-01T00:00:00.000Z'"]);
    expect(bound.sql).toContain('FROM "tighten"."cloudtrail"');
    expect(bound.sql).not.toContain("111122223333");
  });
});

describe("the table tighten athena init creates", () => {
  const template = readFileSync("templates/athena/cloudtrail-table.sql", "utf8");

  it("is partitioned by the columns the scan filter prunes on", () => {
    const partitioned = /PARTITIONED BY \(([^)]*)\)/.exec(template)![1]!;
    const columns = [...partitioned.matchAll(/`(\w+)`/g)].map((match) => `"${match[1]}"`);
    expect(columns).toEqual([PARTITION_COLUMNS.account, PARTITION_COLUMNS.region, PARTITION_COLUMNS.day]);
    expect(template).toContain("'projection.timestamp.format'='yyyy/MM/dd'");
  });

  it.each(NAMES)("has every column and struct member %s.sql reads", (name) => {
    const code = withoutComments(readQuery(`athena/${name}.sql`));
    const paths = [...code.matchAll(/\b(useridentity(?:\.\w+)+|r\.\w+)/g)].map((match) => match[1]!);
    const tableColumns = ["eventid", "eventtime", "eventsource", "eventname", "awsregion", "recipientaccountid", "errorcode", "requestparameters", "resources"];
    for (const column of tableColumns.filter((column) => new RegExp(`\\b${column}\\b`).test(code))) {
      expect(template).toMatch(new RegExp(`^  ${column} (STRING|ARRAY)`, "m"));
    }
    for (const path of paths) {
      for (const member of path.split(".").slice(1)) expect(template).toMatch(new RegExp(`\\b${member}: `));
    }
    expect(paths).toContain("useridentity.sessioncontext.sessionissuer.arn");
  });
});
