import { parseArn } from "../../iam/arn.js";
import { itemsOf } from "../item-actions.js";
import {
  type ArnBuilder,
  type ArnResult,
  type ArnContext,
  arnInEventAccount,
  arns,
  missing,
  namedResources,
  resourcesNamedInEvent,
  stringParameter,
  supports,
  VIA_RESOURCES,
  viaParameter,
} from "./arn-context.js";

/**
 * Tables come from resources[] (CloudTrail names them for data events, including each table of a
 * batch or transaction) or `tableName` (a name or, for cross-account access since 2024, an ARN).
 * A call on an index is authorized against the index ARN alone, `table/T/index/I`, granted as
 * `table/T/index/*` unless Generalization.dynamodbIndexes is "exact"; DynamoDB Streams
 * calls against the stream ARN (`streamArn`, or resources[] for GetRecords, which names only a
 * shard iterator). Source: DynamoDB Developer Guide, "Using IAM policy conditions for fine-grained
 * access control" and "DynamoDB API permissions reference".
 */
export const dynamodbArns: ArnBuilder = (context) => {
  const { row, action } = context;
  const streamArn = stringParameter(row, "streamArn");
  if (supports(action, "stream") && streamArn !== undefined) return arns([streamArn], viaParameter("streamArn"));
  if (!supports(action, "table")) return resourcesNamedInEvent(context);
  const items = itemArns(context);
  if (items !== undefined) return items;

  const tables = tableArns(context);
  if (tables === undefined) return missing("the event names no table");
  const index = stringParameter(row, "indexName");
  if (index !== undefined && supports(action, "index")) {
    const anyIndex = context.generalization.dynamodbIndexes === "any-index";
    return arns(
      tables.arns.map((table) => `${table}/index/${anyIndex ? "*" : index}`),
      `${tables.via} + ${viaParameter("indexName")}${anyIndex ? " (any index: dynamodbIndexes any-index)" : ""}`,
    );
  }
  return arns(tables.arns, tables.via);
};

function tableArns(context: ArnContext): { arns: readonly string[]; via: string } | undefined {
  const named = namedResources(context, "table");
  if (named.length > 0) return { arns: named, via: VIA_RESOURCES };
  const table = stringParameter(context.row, "tableName");
  if (table === undefined) return undefined;
  const arn = parseArn(table) !== undefined ? table : arnInEventAccount(context, "dynamodb", `table/${table}`);
  return { arns: [arn], via: viaParameter("tableName") };
}

/**
 * For calls whose actions come per item (transactions, PartiQL: item-actions.ts), the tables (or
 * indexes, names already escaped as log data) of the items that needed this action, not every table of the request: a transaction that
 * puts into `orders` and checks `ledger` needs no PutItem on `ledger`.
 */
function itemArns(context: ArnContext): ArnResult | undefined {
  const { row, action } = context;
  const read = itemsOf(`dynamodb:${row.eventName}`, row.parameters);
  if (read === undefined) return undefined;
  const name = `dynamodb:${action.name}`.toLowerCase();
  const mine = read.items.filter((item) => item.action.toLowerCase() === name);
  if (mine.length === 0) return undefined;
  const anyIndex = context.generalization.dynamodbIndexes === "any-index";
  const list = mine.map((item) => {
    const table = parseArn(item.table) !== undefined ? item.table : arnInEventAccount(context, "dynamodb", `table/${item.table}`);
    return item.index === null ? table : `${table}/index/${anyIndex ? "*" : item.index}`;
  });
  const indexed = mine.some((item) => item.index !== null) && anyIndex ? " (any index: dynamodbIndexes any-index)" : "";
  return arns(list, `items of the request (${read.call.parameters.filter((p) => row.parameters[p] !== undefined).map(viaParameter).join(", ")})${indexed}`);
}
