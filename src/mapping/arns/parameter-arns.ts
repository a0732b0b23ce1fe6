import { arnFormatPattern, escapeResourceName, parseArn } from "../../iam/arn.js";
import type { IamActionResourceType } from "../../iam/catalog.js";
import {
  type ArnBuilder,
  type ArnContext,
  arns,
  missing,
  namedResources,
  resourcesNamedInEvent,
  VIA_RESOURCES,
  viaParameter,
} from "./arn-context.js";
import { PARAMETER_ARN_ROWS, type ParameterArnRow, VALUE_IS_ARN } from "./parameter-arn-table.js";

/** How a row that reads no parameter says where its ARN came from; "scoped pattern" marks a grant wider than one name. */
export const VIA_FROM = {
  account: "the account's own (none named)",
  created: "created by the call (its id is not known before it)",
  unnamed: "scoped pattern: the request names none, so any of the type in the account and Region",
} as const;

/** ARNs of one resource type and where they were read. */
interface Read {
  readonly arns: readonly string[];
  readonly via: string;
}

/**
 * The generic, table-driven builder (PARAMETER_ARN_ROWS): for each resource type the action
 * lists, the first row of that type that reads a value, else the ARNs of that type in resources[].
 * A required type that some row can read must be read (EC2's CreateSubnet needs the new subnet
 * and the VPC); required types no row reads are alternatives, as in byResourceType (Bedrock's
 * InvokeModel lists a dozen model kinds, one of which is used). Services without rows get
 * resources[] alone.
 */
export const parameterArns: ArnBuilder = (context) => {
  const rows = rowsFor(context);
  if (rows.length === 0) return resourcesNamedInEvent(context);
  const list: string[] = [];
  const via: string[] = [];
  const unread: string[] = [];
  const required = context.action.resourceTypes.filter((type) => type.required).map((type) => type.name);
  let requiredRead = false;
  for (const type of context.action.resourceTypes) {
    const read = readType(context, type, rows);
    if (read !== undefined) {
      list.push(...read.arns);
      if (!via.includes(read.via)) via.push(read.via);
      if (type.required) requiredRead = true;
    } else if (type.required && rows.some((row) => sameType(row.resourceType, type.name))) {
      unread.push(type.name);
    }
  }
  if (unread.length > 0) return missing(namedNone(context, unread));
  if (required.length > 0 && !requiredRead) return missing(namedNone(context, required));
  if (list.length === 0) return missing(namedNone(context, context.action.resourceTypes.map((t) => t.name)));
  return arns(list, via.join(" + "));
};

function sameType(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The rows that apply to this call's action. */
function rowsFor(context: ArnContext): readonly ParameterArnRow[] {
  const { action, row } = context;
  return PARAMETER_ARN_ROWS.filter(
    (r) =>
      r.service === action.service &&
      (r.only === undefined || r.only.includes(action.name)) &&
      (r.when === undefined || row.parameters[r.when.parameter] === r.when.equals) &&
      (r.unless === undefined || row.parameters[r.unless] === undefined),
  );
}

function readType(context: ArnContext, type: IamActionResourceType, rows: readonly ParameterArnRow[]): Read | undefined {
  const format = context.catalog.resourceArnFormat(context.action.service, type.name);
  if (format === undefined) return undefined;
  const applicable = rows.filter((r) => sameType(r.resourceType, type.name) || r.resourceType === "*");
  for (const row of applicable) {
    const read = readRow(context, row, format);
    if (read !== undefined) return read;
  }
  const named = namedResources(context, type.name.toLowerCase());
  return named.length > 0 ? { arns: named, via: VIA_RESOURCES } : undefined;
}

function readRow(context: ArnContext, row: ParameterArnRow, format: string): Read | undefined {
  const { from } = row;
  if (from === "caller") {
    const { principal, principalType } = context.row;
    return principalType === "IAMUser" && arnFormatPattern(format).test(principal)
      ? { arns: [principal], via: "the calling IAM user (no userName named)" }
      : undefined;
  }
  if (from === "account" || from === "created" || from === "unnamed") {
    const arn = fillFormat(context, format, row.fills, from === "account" ? undefined : "*");
    if (arn === undefined) return undefined;
    return { arns: [arn], via: VIA_FROM[from] };
  }
  const named = parameterValues(context.row.parameters[from.parameter], from.field).filter(
    (value) => row.idPattern === undefined || row.idPattern.test(value),
  );
  const defaulted = named.length === 0 && row.orDefault !== undefined && context.row.parameters[from.parameter] === undefined;
  const values = defaulted ? [row.orDefault as string] : named;
  const pattern = arnFormatPattern(format);
  const list: string[] = [];
  for (const value of values) {
    if (parseArn(value) !== undefined) {
      if (pattern.test(value)) list.push(value);
      continue;
    }
    if (row.fills === VALUE_IS_ARN) continue;
    const account = row.awsOwned?.test(value) === true ? "" : undefined;
    list.push(...namesFor(context, row, value).flatMap((name) => fillFormat(context, format, row.fills, name, account) ?? []));
  }
  if (list.length === 0) return undefined;
  const where = from.field === undefined ? viaParameter(from.parameter) : `${viaParameter(from.parameter)}[].${from.field}`;
  return { arns: [...new Set(list)], via: defaulted ? `${where} absent: ${row.orDefault} (the default)` : where };
}

/**
 * The names a value stands for in the variable. IAM names (`...WithPath` variables) carry a path
 * (`role/service-role/NAME`) that calls naming the resource by name do not log: with the call's
 * own `path` (CreateRole, CreateUser, ...) the ARN is exact, else NAME fits the resource at the root
 * path and `*`/NAME at any other (names are unique in an account whatever the path). Source: IAM User
 * Guide, "IAM identifiers: Friendly names and paths". SSM's parameter ARNs drop the name's leading "/".
 */
function namesFor(context: ArnContext, row: ParameterArnRow, value: string): readonly string[] {
  const name = escapeResourceName(value);
  if (row.fills === "ParameterNameWithoutLeadingSlash") return [name.replace(/^\//, "")];
  if (!row.fills.endsWith("WithPath")) return [name];
  const path = context.row.parameters["path"];
  if (typeof path === "string" && path.startsWith("/") && path.endsWith("/")) return [`${escapeResourceName(path.slice(1))}${name}`];
  return [name, `*/${name}`];
}

/**
 * iam-data's ARN format with the event's partition, region and account and `variable` = `value`,
 * or undefined when another variable would stay unfilled. Formats that list alternatives
 * (", arn:...") use the first one the values fill.
 */
export function fillFormat(context: ArnContext, format: string, variable: string, value?: string, account?: string): string | undefined {
  const values: Record<string, string> = {
    Partition: context.partition,
    Region: context.row.region,
    Account: account ?? context.row.account,
  };
  if (variable !== "" && value !== undefined) values[variable] = value;
  for (const alternative of format.split(/,\s*(?=arn:)/)) {
    let complete = true;
    const filled = alternative.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
      const known = values[name];
      if (known === undefined) complete = false;
      return known ?? whole;
    });
    if (complete) return filled;
  }
  return undefined;
}

/**
 * The names in one parameter value: a string, a list, or JSON text of EC2's nested shapes (an
 * object value reaches the mapping as its JSON text), from which every string under `field` is
 * taken, at any depth; `{"content": "..."}` wrappers give their content.
 */
export function parameterValues(value: string | readonly string[] | undefined, field?: string): readonly string[] {
  if (value === undefined) return [];
  const list = typeof value === "string" ? [value] : value;
  if (field === undefined) return list.filter((v) => v !== "" && !v.startsWith("{") && !v.startsWith("["));
  const found: string[] = [];
  for (const text of list) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      continue;
    }
    collect(parsed, field, found);
  }
  return [...new Set(found)];
}

function collect(node: unknown, field: string, found: string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collect(item, field, found);
    return;
  }
  if (node === null || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === field) found.push(...namesIn(value));
    else collect(value, field, found);
  }
}

function namesIn(value: unknown): readonly string[] {
  if (typeof value === "string") return value === "" ? [] : [value];
  if (Array.isArray(value)) return value.flatMap(namesIn);
  if (value !== null && typeof value === "object" && "content" in value) return namesIn((value as { content: unknown }).content);
  return [];
}

/**
 * Why no ARN: the types the event names none of. A List or Describe call that names nothing
 * listed or described them all; tighten does not widen that to every resource of the type on its own.
 */
function namedNone(context: ArnContext, types: readonly string[]): string {
  // EC2's tagging calls list some 90 types: their names would drown the reason.
  const names = types.length > 6 ? `resource of the types ${context.action.service}:${context.action.name} can name` : types.join("/");
  const listing = /^(List|Describe)/.test(context.row.eventName) && Object.keys(context.row.parameters).length === 0;
  if (listing) {
    return `the event names no ${names}: a call that names none lists or describes every one in the account, and tighten does not grant them all without evidence`;
  }
  return `the event names no ${names}`;
}

/** Whether the table has rows for this call's action: then its answer is preferred to resources[] alone. */
export function hasParameterRows(context: ArnContext): boolean {
  return rowsFor(context).some((row) => row.resourceType === "*" || context.action.resourceTypes.some((t) => sameType(row.resourceType, t.name)));
}

