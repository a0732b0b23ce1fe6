import { parseArn } from "../../iam/arn.js";
import { type ArnBuilder, type ArnContext, byResourceType, type Found, found, missing, stringParameter, supports, viaParameter } from "./arn-context.js";

/**
 * Glue Data Catalog calls are authorized on the catalog, the database and the table together: a
 * table call needs all three, a database call the catalog and the database. `name` is the table in
 * table calls and the database in database calls (elsewhere a crawler's or a job's). `catalogId` is
 * the account that owns the catalog, the caller's when absent. A call on every table of a database
 * (GetTables) is authorized on `table/DB/*`. Source: Glue Developer Guide, "Specifying AWS Glue
 * resource ARNs" and its table of ARNs per Data Catalog API.
 */
export const glueArns: ArnBuilder = (context) => {
  // All three are required together, not alternatives: a table call granted on the catalog alone would be refused.
  if (supports(context.action, "database") && databaseOf(context) === undefined) return missing("the event names no Glue database");
  if (requires(context, "table") && tableArns(context) === undefined) return missing("the event names no Glue table");
  return byResourceType(context, {
    rootcatalog: (c) => found([glueArn(c, "catalog")], catalogVia(c)),
    database: databaseArns,
    table: tableArns,
  });
};

function requires(context: ArnContext, type: string): boolean {
  return context.action.resourceTypes.some((t) => t.name === type && t.required);
}

/** Actions whose `name` names the database; table calls name their table by `name`. */
const DATABASE_BY_NAME = /^(Get|Delete|Update)Database$/;
const TABLE_BY_NAME = /^(Get|Delete|Update)Table$|^GetTableVersions?$|^DeleteTableVersion$/;

function accountOf(context: ArnContext): string {
  const catalog = stringParameter(context.row, "catalogId");
  return catalog !== undefined && /^\d{12}$/.test(catalog) ? catalog : context.row.account;
}

function catalogVia(context: ArnContext): string {
  return stringParameter(context.row, "catalogId") === undefined ? "the account's Data Catalog" : viaParameter("catalogId");
}

function glueArn(context: ArnContext, resource: string): string {
  return `arn:${context.partition}:glue:${context.row.region}:${accountOf(context)}:${resource}`;
}

function databaseOf(context: ArnContext): { name: string; via: string } | undefined {
  const { row, action } = context;
  const named = stringParameter(row, "databaseName");
  if (named !== undefined) return { name: named, via: viaParameter("databaseName") };
  const byName = DATABASE_BY_NAME.test(action.name) ? stringParameter(row, "name") : undefined;
  if (byName !== undefined) return { name: byName, via: viaParameter("name") };
  const input = action.name === "CreateDatabase" ? stringParameter(row, "databaseInput.name") : undefined;
  if (input !== undefined) return { name: input, via: viaParameter("databaseInput.name") };
  return LISTS_DATABASES.has(action.name) ? { name: "*", via: "every database of the catalog (the call lists them)" } : undefined;
}

function databaseArns(context: ArnContext): Found {
  const database = databaseOf(context);
  return database === undefined ? undefined : found([glueArn(context, `database/${database.name}`)], database.via);
}

/** GetDatabases lists every database of the catalog: authorized on `database/*`. */
const LISTS_DATABASES: ReadonlySet<string> = new Set(["GetDatabases"]);

function tableArns(context: ArnContext): Found {
  const { row, action } = context;
  const database = databaseOf(context);
  if (database === undefined) return undefined;
  const table =
    stringParameter(row, "tableName") ?? (TABLE_BY_NAME.test(action.name) ? stringParameter(row, "name") : undefined) ?? stringParameter(row, "tableInput.name");
  if (table !== undefined && parseArn(table) === undefined) {
    return found([glueArn(context, `table/${database.name}/${table}`)], viaParameter(tableParameter(context)));
  }
  if (action.name === "GetTables" || action.name === "SearchTables") {
    return found([glueArn(context, `table/${database.name}/*`)], "every table of the database (the call lists them)");
  }
  return undefined;
}

function tableParameter(context: ArnContext): string {
  if (stringParameter(context.row, "tableName") !== undefined) return "tableName";
  return stringParameter(context.row, "tableInput.name") !== undefined && !TABLE_BY_NAME.test(context.action.name) ? "tableInput.name" : "name";
}
