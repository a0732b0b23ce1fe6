import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonPathOf, selectionPaths } from "../../../src/engines/athena/athena-engine.js";
import {
  bindQuery,
  booleanLiteral,
  constantLiteral,
  inList,
  integerLiteral,
  jsonLiteral,
  MAX_PARAMETER_LENGTH,
  queryMarkers,
  sqlStringLiteral,
  stringParameter,
  tableReference,
} from "../../../src/engines/athena/query-text.js";
import { UsageError } from "../../../src/usage-error.js";

/**
 * Reads one SQL string literal as Trino's lexer does: a quote opens it, two quotes stand for one,
 * a lone quote closes it. Throws when anything follows the closing quote, which is what an
 * injected value would need to do.
 */
function readSqlLiteral(literal: string): string {
  if (!literal.startsWith("'")) throw new Error(`not a literal: ${literal}`);
  let value = "";
  for (let i = 1; i < literal.length; i++) {
    const char = literal[i]!;
    if (char !== "'") {
      value += char;
      continue;
    }
    if (literal[i + 1] === "'") {
      value += "'";
      i++;
      continue;
    }
    if (i !== literal.length - 1) throw new Error(`the literal closes before its end: ${literal}`);
    return value;
  }
  throw new Error(`the literal never closes: ${literal}`);
}

describe("sqlStringLiteral", () => {
  it("quotes and doubles quotes, as Athena's execution parameters want strings", () => {
    expect(sqlStringLiteral("payments")).toBe("'payments'");
    expect(sqlStringLiteral("")).toBe("''");
    expect(sqlStringLiteral("it's")).toBe("'it''s'");
    expect(sqlStringLiteral("'; DROP TABLE cloudtrail; --")).toBe("'''; DROP TABLE cloudtrail; --'");
    // Trino string literals know no backslash escapes: a backslash is itself.
    expect(sqlStringLiteral("a\\'b")).toBe("'a\\''b'");
  });

  it("is always one literal that reads back as the string", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("'", "\\", '"', "?", "a", "é", "😀", "\n", " ", "-", ";") }), (text) => {
        expect(readSqlLiteral(sqlStringLiteral(text))).toBe(text);
      }),
    );
  });
});

describe("stringParameter and inList", () => {
  it("makes one placeholder per value, each value one quoted literal", () => {
    expect(stringParameter("2026/11/01")).toEqual({ sql: "?", parameters: ["'2026/11/01'"] });
    expect(inList('"region"', ["eu-west-1", "us-east-1"])).toEqual({ sql: '"region" IN (?, ?)', parameters: ["'eu-west-1'", "'us-east-1'"] });
    expect(() => inList('"region"', [])).toThrow();
  });

  it("refuses a value past Athena's 1,024 characters for one parameter", () => {
    expect(stringParameter("x".repeat(MAX_PARAMETER_LENGTH - 2)).parameters[0]).toHaveLength(MAX_PARAMETER_LENGTH);
    expect(() => stringParameter("x".repeat(MAX_PARAMETER_LENGTH - 1))).toThrow(/1025 bytes/);
    expect(() => stringParameter("'".repeat(600))).toThrow();
  });
});

describe("tighten's own constants as literals", () => {
  it("quote a constant text, doubling its quotes, with no parameter", () => {
    expect(constantLiteral('$["x-amz-copy-source"]')).toEqual({ sql: `'$["x-amz-copy-source"]'`, parameters: [] });
    expect(jsonLiteral({ "s3.amazonaws.com": ["$[\"key\"]", null] })).toEqual({ sql: `'{"s3.amazonaws.com":["$[\\"key\\"]",null]}'`, parameters: [] });
    expect(readSqlLiteral(jsonLiteral(["o'brien"]).sql)).toBe('["o\'brien"]');
    expect(integerLiteral(64)).toEqual({ sql: "64", parameters: [] });
    expect(booleanLiteral(true)).toEqual({ sql: "TRUE", parameters: [] });
  });

  it("refuse what no constant of tighten holds: control characters, a parameter marker, a fraction", () => {
    expect(() => constantLiteral("a\nb")).toThrow(/control character/);
    expect(() => constantLiteral("a\u0000")).toThrow(/control character/);
    expect(() => constantLiteral("key?versionId")).toThrow(/'\?'/);
    expect(() => integerLiteral(1.5)).toThrow();
    expect(() => integerLiteral(-1)).toThrow();
    expect(() => integerLiteral(2 ** 53)).toThrow();
  });

  it("are one literal that reads back as the text, whatever quotes it holds", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("'", "\\", '"', "a", "é", "😀", " ", "-", ";", "$", "[") }), (text) => {
        expect(readSqlLiteral(constantLiteral(text).sql)).toBe(text);
      }),
    );
  });
});

describe("tableReference", () => {
  it("quotes a database and table made of letters, digits and _", () => {
    expect(tableReference("tighten", "cloudtrail_logs")).toEqual({ sql: '"tighten"."cloudtrail_logs"', parameters: [] });
    expect(tableReference("Audit_2026", "CT")).toEqual({ sql: '"Audit_2026"."CT"', parameters: [] });
  });

  it.each([
    ["tighten", 'cloud"trail'],
    ["tighten", "cloudtrail; DROP TABLE x"],
    ["tighten", "cloud-trail"],
    ["tighten.db", "cloudtrail"],
    ["", "cloudtrail"],
    ["tighten", ""],
    ["tighten", "cloudtrail\n"],
  ])("refuses %j.%j with a usage error naming the flag", (database, table) => {
    expect(() => tableReference(database, table)).toThrow(UsageError);
    expect(() => tableReference(database, table)).toThrow(database === "tighten" ? /^--table/ : /^--database/);
  });
});

describe("bindQuery", () => {
  const template = "SELECT x FROM /*TABLE*/ WHERE /*SCAN_FILTER*/ AND contains(CAST(json_parse(/*FOLDERS*/) AS ARRAY(VARCHAR)), p)";

  it("binds parameters in the order their markers appear", () => {
    const bound = bindQuery("SELECT /*SAMPLE*/ FROM /*TABLE*/ WHERE /*SCAN_FILTER*/", {
      SAMPLE: { sql: "5", parameters: [] },
      TABLE: { sql: '"db"."t"', parameters: [] },
      SCAN_FILTER: { sql: '"timestamp" >= ? AND "timestamp" <= ?', parameters: ["'2026/11/01'", "'2026/11/30'"] },
    });
    expect(bound.sql).toBe('SELECT 5 FROM "db"."t" WHERE "timestamp" >= ? AND "timestamp" <= ?');
    expect(bound.parameters).toEqual(["'2026/11/01'", "'2026/11/30'"]);
    expect(queryMarkers(template)).toEqual(["TABLE", "SCAN_FILTER", "FOLDERS"]);
  });

  it("refuses a query file with a placeholder of its own, a missing fragment or an unused one", () => {
    const fragments = { TABLE: { sql: "t", parameters: [] }, SCAN_FILTER: { sql: "TRUE", parameters: [] }, FOLDERS: jsonLiteral([]) };
    expect(() => bindQuery(`${template} AND y = ?`, fragments)).toThrow(/holds a '\?'/);
    expect(() => bindQuery(template, { TABLE: fragments.TABLE, SCAN_FILTER: fragments.SCAN_FILTER })).toThrow(/FOLDERS/);
    expect(() => bindQuery(template, { ...fragments, EXTRA: { sql: "?", parameters: ["1"] } })).toThrow(/EXTRA/);
  });

  it("refuses parameters anywhere but right after WHERE, where Athena binds them", () => {
    const fragments = { TABLE: { sql: "t", parameters: [] }, SCAN_FILTER: { sql: "TRUE", parameters: [] } };
    expect(() => bindQuery(template, { ...fragments, FOLDERS: { sql: "?", parameters: ["'[]'"] } })).toThrow(
      "the query marker FOLDERS takes parameters but does not follow WHERE",
    );
    expect(bindQuery(template, { ...fragments, SCAN_FILTER: stringParameter("x"), FOLDERS: jsonLiteral([]) }).parameters).toEqual(["'x'"]);
  });
});

describe("JSON paths for the parameter selection", () => {
  it("brackets and quotes every member, so that any name is a valid Trino path", () => {
    expect(jsonPathOf("bucketName")).toBe('$["bucketName"]');
    expect(jsonPathOf("x-amz-copy-source")).toBe('$["x-amz-copy-source"]');
    expect(jsonPathOf("overrides.taskRoleArn")).toBe('$["overrides"]["taskRoleArn"]');
    expect(jsonPathOf('we"ird\\name')).toBe('$["we\\"ird\\\\name"]');
  });

  it("puts each source's object key first, then its parameters in selection order", () => {
    expect(
      selectionPaths({
        parameters: { "s3.amazonaws.com": ["bucketName", "x-amz-copy-source"], "dynamodb.amazonaws.com": ["tableName"] },
        objectKey: { "s3.amazonaws.com": "key", "logs.amazonaws.com": "logStreamName" },
        lists: [],
        folders: [],
        arnPrefixes: [],
      }),
    ).toEqual({
      "dynamodb.amazonaws.com": [null, '$["tableName"]'],
      "logs.amazonaws.com": ['$["logStreamName"]'],
      "s3.amazonaws.com": ['$["key"]', '$["bucketName"]', '$["x-amz-copy-source"]'],
    });
  });
});
