import { EventEmitter } from "node:events";
import { AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, StartQueryExecutionCommand } from "@aws-sdk/client-athena";
// The Trino modules alone: the package's index loads the grammars of seven dialects, 12 s of import.
import { TrinoSqlListener } from "dt-sql-parser/dist/lib/trino/TrinoSqlListener.js";
import { TrinoSqlParser } from "dt-sql-parser/dist/lib/trino/TrinoSqlParser.js";
import { TrinoSQL } from "dt-sql-parser/dist/parser/trino/index.js";
import type { ParserRuleContext } from "antlr4ng";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAthenaClient } from "../../../src/aws/athena/athena-client.js";
import { ATHENA_QUERIES, openAthenaUsage, type AthenaQueryName } from "../../../src/engines/athena/athena-engine.js";
import type { NameReduction } from "../../../src/engines/engine.js";
import type { TimeWindow } from "../../../src/engines/time-window.js";
import { PARAMETER_SELECTION } from "../../../src/mapping/request-parameters.js";
import { readQuery } from "../../../src/queries.js";
import { resultPages } from "./athena-wire.js";

/*
 * Every query text the Athena engine can send, checked with a Trino grammar (dt-sql-parser's
 * TrinoSQL, an ANTLR grammar of Trino's SQL): it must parse, and each `?` must sit in a WHERE
 * clause, because Athena binds execution parameters only there (Athena User Guide, "Use
 * parameterized queries": "Currently, ? parameters can be placed only in the WHERE clause").
 * The texts are captured from the engine itself, over every scan a command can ask for.
 */

const trino = new TrinoSQL();

interface ParameterPlaces {
  readonly errors: readonly string[];
  /** Each `?` the parser read, with the clause it stands in: "where" or the rule it left WHERE-less by. */
  readonly places: readonly string[];
}

const PLACES: Readonly<Record<number, string>> = {
  [TrinoSqlParser.RULE_whereClause]: "where",
  [TrinoSqlParser.RULE_selectItem]: "selectItem",
  [TrinoSqlParser.RULE_querySpecification]: "querySpecification",
};

/** Where a query's `?` stand, by the parse tree: the nearest enclosing WHERE clause or SELECT. */
function parameterPlaces(sql: string): ParameterPlaces {
  const errors: string[] = [];
  const places: string[] = [];
  // One parse gives both the syntax errors (as validate reports them) and the tree.
  const tree = trino.parse(sql, (error) => errors.push(`${error.startLine}:${error.startColumn} ${error.message}`));
  class Parameters extends TrinoSqlListener {
    override enterParameter = (ctx: ParserRuleContext): void => {
      // A subquery inside a WHERE starts a query of its own: the `?` must be in that query's WHERE.
      for (let node: ParserRuleContext | null = ctx.parent; node !== null; node = node.parent) {
        const rule = PLACES[node.ruleIndex];
        if (rule !== undefined) {
          places.push(rule);
          return;
        }
      }
      places.push("outside any query");
    };
  }
  trino.listen(new Parameters(), tree);
  return { errors, places };
}

describe("the Trino grammar check", () => {
  it("finds a parameter outside WHERE, and syntax Trino does not have", () => {
    expect(parameterPlaces('SELECT json_parse(?) AS j FROM "db"."t" WHERE "account" IN (?, ?)')).toEqual({ errors: [], places: ["selectItem", "where", "where"] });
    expect(parameterPlaces("SELECT x FROM t WHERE y IN (SELECT z FROM u WHERE w = ?)").places).toEqual(["where"]);
    expect(parameterPlaces("SELECT x FROM t GROUP BY x HAVING count(*) > ?").places).toEqual(["querySpecification"]);
    expect(parameterPlaces("SELECT x FROM t WHERE").errors).not.toEqual([]);
    // DuckDB's list literal is no Trino.
    expect(parameterPlaces("SELECT [1, 2] FROM t").errors).not.toEqual([]);
  });
});

// Role ARNs long enough that the list passes one parameter's 1,024 characters.
const MANY = Array.from({ length: 60 }, (_, i) => `arn:aws:iam::111122223333:role/service-role/o'brien-payments-service-${i}`);
const ROLE = "arn:aws:iam::111122223333:role/ecs/payments-service-task";

const WINDOWS: Readonly<Record<string, TimeWindow>> = {
  "--since all": { since: null, until: null },
  "--since": { since: new Date("2026-09-04T00:00:00Z"), until: null },
  "--until": { since: null, until: new Date("2026-11-05T12:00:00Z") },
  "--since and --until": { since: new Date("2026-11-02T09:00:00Z"), until: new Date("2026-11-05T12:00:00Z") },
};
const SCOPES = {
  "every account and region": {},
  "--accounts and --regions": { accounts: ["111122223333", "444455556666"], regions: ["eu-west-1"] },
};
// The scans commands ask for: generate, diff, drift, explain, roles (shapes); verify (exact); backtest (exact, by hour).
const SHAPES: readonly { names: NameReduction; byHour: boolean }[] = [
  { names: "shapes", byHour: false },
  { names: "exact", byHour: false },
  { names: "exact", byHour: true },
];

interface SentQuery {
  readonly name: AthenaQueryName;
  readonly sql: string;
  readonly parameters: readonly string[];
}

function queryName(sql: string): AthenaQueryName {
  const names = Object.keys(ATHENA_QUERIES) as AthenaQueryName[];
  const name = names.find((candidate) => sql.startsWith(readQuery(`athena/${candidate}.sql`).split("\n")[0]!));
  if (name === undefined) throw new Error(`not one of the Athena queries: ${sql.slice(0, 80)}`);
  return name;
}

const sent = new Map<string, SentQuery>();
const athena = mockClient(AthenaClient);

beforeAll(async () => {
  athena.on(StartQueryExecutionCommand).callsFake((input: { QueryString: string; ExecutionParameters?: string[] }) => {
    const query = { name: queryName(input.QueryString), sql: input.QueryString, parameters: input.ExecutionParameters ?? [] };
    sent.set(JSON.stringify([query.sql, query.parameters]), query);
    return { QueryExecutionId: query.name };
  });
  athena.on(GetQueryExecutionCommand).callsFake((input: { QueryExecutionId: string }) => ({
    QueryExecution: { QueryExecutionId: input.QueryExecutionId, Status: { State: "SUCCEEDED" }, Statistics: { DataScannedInBytes: 0 } },
  }));
  athena.on(GetQueryResultsCommand).callsFake((input: { QueryExecutionId: AthenaQueryName }) =>
    resultPages(ATHENA_QUERIES[input.QueryExecutionId].map((name) => ({ name, type: "varchar" as const })), [])[0]!,
  );
  for (const window of Object.values(WINDOWS)) {
    for (const scope of Object.values(SCOPES)) {
      for (const shape of SHAPES) {
        const source = openAthenaUsage({
          client: createAthenaClient({ region: "us-east-1", config: { credentials: { accessKeyId: "testing", secretAccessKey: "testing" } } }),
          region: "us-east-1",
          database: "tighten",
          table: "cloudtrail",
          workgroup: "primary",
          timeoutSeconds: 30,
          window,
          ...scope,
          selection: PARAMETER_SELECTION,
          ...shape,
          poll: { firstMs: 1, maxMs: 1 },
          interrupts: new EventEmitter(),
        });
        try {
          // What commands ask: the principals (every command), one role (verify, generate --role),
          // many roles (--all-roles), the calls seen (data events).
          await source.principals();
          await source.usage([ROLE]);
          await source.usage(MANY);
          await source.observedCalls();
        } finally {
          source.close();
        }
      }
    }
  }
});

afterAll(() => athena.restore());

describe("every query text the Athena engine sends", () => {
  it("was captured over every window, scope and scan shape", () => {
    // Each window and scope changes the WHERE; each shape changes the text: none may collapse into another.
    expect(new Set([...sent.values()].map((query) => query.sql)).size).toBeGreaterThanOrEqual(SHAPES.length * 2);
    expect(sent.size).toBeGreaterThanOrEqual(Object.keys(WINDOWS).length * Object.keys(SCOPES).length * SHAPES.length);
  });

  it("parses as Trino, and has a `?` for each parameter, each in a WHERE clause", () => {
    for (const query of sent.values()) {
      const { errors, places } = parameterPlaces(query.sql);
      expect({ name: query.name, errors }).toEqual({ name: query.name, errors: [] });
      expect(places).toHaveLength(query.parameters.length);
      expect({ name: query.name, places: places.filter((place) => place !== "where") }).toEqual({ name: query.name, places: [] });
    }
  });
});
