import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonPathOf, selectionPaths } from "../../../src/engines/athena/athena-engine.js";
import {
  bindQuery,
  inList,
  integerValue,
  jsonValue,
  MAX_PARAMETER_LENGTH,
  queryMarkers,
  sqlStringLiteral,
  tableReference,
  textValue,
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

describe("textValue", () => {
  it("is one parameter while it fits", () => {
    expect(textValue('["a"]')).toEqual({ sql: "?", parameters: [`'["a"]'`] });
  });

  it("splits long text into parameters of at most 1,024 bytes, joined with ||", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("'", "a", "é", "😀", "\\", '"'), maxLength: 3000 }), (text) => {
        const value = textValue(text);
        for (const parameter of value.parameters) expect(Buffer.byteLength(parameter)).toBeLessThanOrEqual(MAX_PARAMETER_LENGTH);
        expect(value.parameters.map(readSqlLiteral).join("")).toBe(text);
        expect(value.sql.match(/\?/g)).toHaveLength(value.parameters.length);
        expect(value.sql).toBe(value.parameters.length === 1 ? "?" : `(${value.parameters.map(() => "?").join(" || ")})`);
      }),
    );
  });

  it("never splits a doubled quote or a character", () => {
    const value = textValue("'".repeat(1500) + "😀".repeat(300));
    expect(value.parameters.length).toBeGreaterThan(2);
    for (const parameter of value.parameters) expect(() => readSqlLiteral(parameter)).not.toThrow();
    expect(value.parameters.map(readSqlLiteral).join("")).toBe("'".repeat(1500) + "😀".repeat(300));
  });

  it("carries JSON of any size, e.g. the principals of a large account", () => {
    const principals = Array.from({ length: 400 }, (_, i) => `arn:aws:iam::111122223333:role/service-role/o'brien-${i}`);
    const value = jsonValue(principals);
    expect(JSON.parse(value.parameters.map(readSqlLiteral).join(""))).toEqual(principals);
  });
});

describe("integerValue and inList", () => {
  it("passes integers unquoted and refuses anything else", () => {
    expect(integerValue(10)).toEqual({ sql: "?", parameters: ["10"] });
    expect(() => integerValue(1.5)).toThrow();
    expect(() => integerValue(-1)).toThrow();
  });

  it("makes one placeholder per value", () => {
    expect(inList('"region"', ["eu-west-1", "us-east-1"])).toEqual({ sql: '"region" IN (?, ?)', parameters: ["'eu-west-1'", "'us-east-1'"] });
    expect(() => inList('"region"', [])).toThrow();
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
  const template = "SELECT x FROM /*TABLE*/ WHERE /*SCAN_FILTER*/ AND contains(CAST(json_parse(/*PRINCIPALS*/) AS ARRAY(VARCHAR)), p)";

  it("binds parameters in the order their markers appear", () => {
    const bound = bindQuery(template, {
      PRINCIPALS: { sql: "?", parameters: ["'[\"p\"]'"] },
      TABLE: { sql: '"db"."t"', parameters: [] },
      SCAN_FILTER: { sql: '"timestamp" >= ? AND "timestamp" <= ?', parameters: ["'2026/11/01'", "'2026/11/30'"] },
    });
    expect(bound.sql).toBe(
      'SELECT x FROM "db"."t" WHERE "timestamp" >= ? AND "timestamp" <= ? AND contains(CAST(json_parse(?) AS ARRAY(VARCHAR)), p)',
    );
    expect(bound.parameters).toEqual(["'2026/11/01'", "'2026/11/30'", "'[\"p\"]'"]);
    expect(queryMarkers(template)).toEqual(["TABLE", "SCAN_FILTER", "PRINCIPALS"]);
  });

  it("refuses a query file with a placeholder of its own, a missing fragment or an unused one", () => {
    const fragments = { TABLE: { sql: "t", parameters: [] }, SCAN_FILTER: { sql: "TRUE", parameters: [] }, PRINCIPALS: { sql: "?", parameters: ["'[]'"] } };
    expect(() => bindQuery(`${template} AND y = ?`, fragments)).toThrow(/holds a '\?'/);
    expect(() => bindQuery(template, { TABLE: fragments.TABLE, SCAN_FILTER: fragments.SCAN_FILTER })).toThrow(/PRINCIPALS/);
    expect(() => bindQuery(template, { ...fragments, EXTRA: { sql: "?", parameters: ["1"] } })).toThrow(/EXTRA/);
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
