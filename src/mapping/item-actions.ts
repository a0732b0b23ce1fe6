import { type NestedValues, type StatementReduction, UNREAD_TEXT, type UsageRow } from "../engines/usage-row.js";

/**
 * Calls whose actions are decided per item of the request, not by the call: DynamoDB transactions
 * (each item a Put, Update, Delete, ConditionCheck or Get) and PartiQL (each statement a SELECT,
 * INSERT, UPDATE or DELETE). The engine keeps each item reduced to its kind and table
 * (ParameterSelection.nested), so the mapping grants each action on the tables it was used on.
 */

/** One item of a call: the action it needs and the table (or `"table"."index"`) it names. */
export interface Item {
  readonly action: string;
  readonly table: string;
  readonly index: string | null;
}

/**
 * A PartiQL statement reduced to its verb and target, the only parts the engine keeps (CloudTrail
 * logs the statement with key values in it; they are many and must not be grouped by). EXISTS is a
 * transaction's condition check, a read of one item. Source: DynamoDB Developer Guide, "PartiQL
 * select/insert/update/delete statements for DynamoDB" and "Using the EXISTS function".
 */
export const PARTIQL_REDUCTION: StatementReduction = partiqlReduction();

function partiqlReduction(): StatementReduction {
  // Spelled for the subset every engine reads alike (StatementReduction): no flags, no escapes, and
  // no "?" at all, which the Athena query text keeps for its parameters alone.
  const space = "[ \t\r\n]";
  const word = (text: string) => [...text].map((c) => `[${c.toUpperCase()}${c.toLowerCase()}]`).join("");
  const quoted = '"([^"]|"")+"';
  // Up to FROM, quoted names and literals skipped whole, so that a "from" inside one is no FROM;
  // DynamoDB's PartiQL has one FROM per statement (no joins or subqueries but EXISTS's own).
  const skip = `([^;"']|"[^"]*"|'[^']*')*`;
  const verb = `((${word("select")}|${word("delete")}|${word("exists")})${skip}[ \t\r\n)"']${word("from")}|(${word("insert")})${space}+${word("into")}|(${word("update")}))`;
  const target = `(${quoted}(${space}*[.]${space}*${quoted}){0,1}|[A-Za-z0-9_.-]+)`;
  // Groups: 2 SELECT/DELETE/EXISTS, 4 INSERT, 5 UPDATE, 6 the target.
  return { pattern: `^${space}*${verb}${space}+${target}`, output: [[2, 4, 5], [6]] };
}

/** The reduction as JavaScript runs it, for tests that hold it to the engine's. */
export function reducePartiql(statement: string): string {
  const match = new RegExp(PARTIQL_REDUCTION.pattern).exec(statement);
  if (match === null) return UNREAD_TEXT;
  return PARTIQL_REDUCTION.output.map((groups) => groups.map((group) => match[group] ?? "").join("")).join(" ");
}

/**
 * Where CloudTrail puts the items. The DynamoDB Developer Guide's CloudTrail examples log
 * TransactWriteItems as `requestItems[]` of `{operation, tableName, key}`; SDK-shaped requests name
 * them `transactItems[]` of `{Put: {tableName, ...}}`. Both are read, whichever the event has.
 */
/** The members a transaction item wraps its body in, as CloudTrail spells member names (first letter lower case). */
const TRANSACTION_WRAPPERS = ["put", "update", "delete", "conditionCheck", "get"];

export const ITEM_VALUES: Readonly<Record<string, NestedValues>> = {
  "requestItems[].tableName": { list: "requestItems", field: "tableName", label: "operation" },
  "transactItems[].tableName": { list: "transactItems", field: "tableName", wrappers: TRANSACTION_WRAPPERS },
  "statement~": { field: "statement", reduce: PARTIQL_REDUCTION },
  "statements[].statement~": { list: "statements", field: "statement", reduce: PARTIQL_REDUCTION },
  "requestItems[].statement~": { list: "requestItems", field: "statement", reduce: PARTIQL_REDUCTION },
  "transactStatements[].statement~": { list: "transactStatements", field: "statement", reduce: PARTIQL_REDUCTION },
};

const TRANSACTION_ITEMS = ["requestItems[].tableName", "transactItems[].tableName"];
const STATEMENTS = ["statement~", "statements[].statement~", "requestItems[].statement~", "transactStatements[].statement~"];

/** A transaction item's kind, in any case CloudTrail spells it, -> the action IAM authorizes it as. */
const TRANSACTION_ACTIONS: Readonly<Record<string, string>> = {
  put: "dynamodb:PutItem",
  update: "dynamodb:UpdateItem",
  delete: "dynamodb:DeleteItem",
  conditioncheck: "dynamodb:ConditionCheckItem",
  get: "dynamodb:GetItem",
};

const PARTIQL_ACTIONS: Readonly<Record<string, string>> = {
  select: "dynamodb:PartiQLSelect",
  exists: "dynamodb:PartiQLSelect",
  insert: "dynamodb:PartiQLInsert",
  update: "dynamodb:PartiQLUpdate",
  delete: "dynamodb:PartiQLDelete",
};

interface ItemCall {
  readonly parameters: readonly string[];
  readonly parse: (value: string) => Item | null;
  /** The actions an item that cannot be read may need: reported as candidates, never granted. */
  readonly candidates: readonly string[];
  readonly source: string;
}

const PARTIQL_CANDIDATES = ["dynamodb:PartiQLDelete", "dynamodb:PartiQLInsert", "dynamodb:PartiQLSelect", "dynamodb:PartiQLUpdate"];
const TRANSACTIONS = "DynamoDB Developer Guide, 'Using IAM with DynamoDB transactions': each item is authorized as its own action on its table";
const PARTIQL = "DynamoDB Developer Guide, 'IAM security policies with PartiQL for DynamoDB': dynamodb:PartiQLSelect/Insert/Update/Delete on the table or index";

/** "prefix:eventName" -> where its items are and how each is read. */
export const ITEM_CALLS: Readonly<Record<string, ItemCall>> = {
  "dynamodb:TransactWriteItems": {
    parameters: TRANSACTION_ITEMS, parse: transactionItem, source: TRANSACTIONS,
    candidates: ["dynamodb:ConditionCheckItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
  },
  "dynamodb:TransactGetItems": { parameters: TRANSACTION_ITEMS, parse: transactionItem, source: TRANSACTIONS, candidates: ["dynamodb:GetItem"] },
  "dynamodb:ExecuteStatement": { parameters: STATEMENTS, parse: statementItem, source: PARTIQL, candidates: PARTIQL_CANDIDATES },
  "dynamodb:BatchExecuteStatement": { parameters: STATEMENTS, parse: statementItem, source: PARTIQL, candidates: PARTIQL_CANDIDATES },
  "dynamodb:ExecuteTransaction": { parameters: STATEMENTS, parse: statementItem, source: PARTIQL, candidates: PARTIQL_CANDIDATES },
};

/** "Put:orders" (or "put:orders") -> PutItem on orders. */
function transactionItem(value: string): Item | null {
  const colon = value.indexOf(":");
  if (colon < 0) return null;
  const action = TRANSACTION_ACTIONS[value.slice(0, colon).toLowerCase()];
  const table = value.slice(colon + 1);
  return action === undefined || table === "" ? null : { action, table, index: null };
}

/** "SELECT \"orders\".\"byDate\"" -> PartiQLSelect on orders' index byDate; UNREAD_TEXT -> null. */
function statementItem(value: string): Item | null {
  const space = value.indexOf(" ");
  if (space < 0) return null;
  const action = PARTIQL_ACTIONS[value.slice(0, space).toLowerCase()];
  const target = targetOf(value.slice(space + 1));
  return action === undefined || target === null ? null : { action, ...target };
}

/** `"orders"`, `"orders"."byDate"` or a bare `orders` -> table and index; PartiQL doubles a quote inside a quoted name. */
function targetOf(text: string): { table: string; index: string | null } | null {
  const quoted = /^"((?:[^"]|"")+)"(?:\s*\.\s*"((?:[^"]|"")+)")?$/.exec(text);
  if (quoted !== null) return { table: unquote(quoted[1] ?? ""), index: quoted[2] === undefined ? null : unquote(quoted[2]) };
  return /^[A-Za-z0-9_.-]+$/.test(text) ? { table: text, index: null } : null;
}

function unquote(name: string): string {
  return name.replaceAll('""', '"');
}

/** What a row's items say: the items read, the values that could not be read as one, and the call's table row. */
export interface Items {
  readonly items: readonly Item[];
  readonly unread: readonly string[];
  readonly call: ItemCall;
}

/** The call's items; undefined when the row keeps none (an older scan, or an engine that does not read them). */
export function itemsOf(call: string, parameters: UsageRow["parameters"]): Items | undefined {
  const spec = ITEM_CALLS[call];
  if (spec === undefined) return undefined;
  const values = spec.parameters.flatMap((name) => {
    const value = parameters[name];
    return value === undefined ? [] : typeof value === "string" ? [value] : value;
  });
  if (values.length === 0) return undefined;
  const items: Item[] = [];
  const unread: string[] = [];
  for (const value of values) {
    const item = spec.parse(value);
    if (item === null) unread.push(value);
    else items.push(item);
  }
  return { items, unread, call: spec };
}
