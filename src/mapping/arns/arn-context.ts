import type { ResourceRef, UsageRow } from "../../engines/usage-row.js";
import { arnFormatPattern } from "../../iam/arn.js";
import type { IamAction, IamCatalog } from "../../iam/catalog.js";
import type { Generalization } from "../generalization.js";
import type { NamePattern } from "../name-patterns.js";

/** What an ARN builder knows about one call and one of the actions it needs. */
export interface ArnContext {
  readonly row: UsageRow;
  readonly action: IamAction;
  readonly catalog: IamCatalog;
  readonly partition: string; // of the event's region
  readonly generalization: Generalization; // where names become patterns
}

/**
 * The resources an action acted on and where they were read ("resources[]",
 * "requestParameters.queueUrl", "object keys: 3 exact", ...), or why they cannot be told from the event.
 */
export type ArnResult =
  | { readonly arns: readonly string[]; readonly via: string; readonly names?: readonly NamePattern[] }
  | { readonly reason: string };

/** Turns one call into the ARNs one action needs; one builder per service that needs parameters. */
export type ArnBuilder = (context: ArnContext) => ArnResult;

export function arns(list: readonly string[], via: string): ArnResult {
  return { arns: [...new Set(list)], via };
}

/** The ARNs, or the reason when there are none: a builder never answers with an empty list. */
export function arnsOr(list: readonly string[], via: string, reasonWhenNone: string): ArnResult {
  return list.length > 0 ? arns(list, via) : { reason: reasonWhenNone };
}

/** The first of several ways to name a resource that names any, else the reason. */
export function firstOf(reasonWhenNone: string, ...attempts: readonly (readonly [via: string, list: readonly string[]])[]): ArnResult {
  const found = attempts.find(([, list]) => list.length > 0);
  return found === undefined ? missing(reasonWhenNone) : arns(found[1], found[0]);
}

export const VIA_RESOURCES = "resources[]";

/** "requestParameters.queueUrl": where a builder read a name. */
export function viaParameter(name: string): string {
  return `requestParameters.${name}`;
}

export function missing(reason: string): ArnResult {
  return { reason };
}

/** Whether the action can name a resource of this type (iam-data spells some with capitals). */
export function supports(action: IamAction, resourceType: string): boolean {
  return action.resourceTypes.some((t) => t.name.toLowerCase() === resourceType.toLowerCase());
}

export function stringParameter(row: UsageRow, name: string): string | undefined {
  const value = row.parameters[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A parameter that holds one name or a list of names (SSM `names`, `secretIdList`). */
export function stringListParameter(row: UsageRow, name: string): readonly string[] {
  const value = row.parameters[name];
  if (typeof value === "string") return value === "" ? [] : [value];
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === "string" && v !== "");
}

/**
 * resources[] entries that are ARNs of one of the action's resource types, judged by the ARN
 * formats in iam-data (CloudTrail's `type` is missing from some events).
 */
export function resourcesOfAction(context: ArnContext, onlyTypes?: readonly string[]): readonly ResourceRef[] {
  const patterns = context.action.resourceTypes
    .filter((t) => onlyTypes === undefined || onlyTypes.includes(t.name.toLowerCase()))
    .map((t) => context.catalog.resourceArnFormat(context.action.service, t.name))
    .filter((format): format is string => format !== undefined)
    .map(arnFormatPattern);
  return context.row.resources.filter((r) => patterns.some((p) => p.test(r.arn)));
}

/**
 * The fallback for services without a builder: the ARNs resources[] names for the action's
 * resource types. CloudTrail fills resources[] for many services' calls (its "resources" field).
 */
export const resourcesNamedInEvent: ArnBuilder = (context) =>
  arnsOr(
    resourcesOfAction(context).map((r) => r.arn),
    VIA_RESOURCES,
    `the event names no ${resourceTypeList(context.action)} ARN`,
  );

/** resources[] ARNs of the given resource types (lower case, as iam-data names them). */
export function namedResources(context: ArnContext, ...types: readonly string[]): readonly string[] {
  return resourcesOfAction(context, types).map((r) => r.arn);
}

/** `arn:P:SERVICE:R:A:RESOURCE` in the event's partition, region and account (the caller's own resources). */
export function arnInEventAccount(context: ArnContext, service: string, resource: string): string {
  const { row, partition } = context;
  return `arn:${partition}:${service}:${row.region}:${row.account}:${resource}`;
}

export function resourceTypeList(action: IamAction): string {
  return action.resourceTypes.map((t) => t.name).join("/");
}

/** ARNs of one resource type and where they were read, or undefined when the event names none. */
export type Found = { readonly arns: readonly string[]; readonly via: string } | undefined;

/** Reads the ARNs of one resource type; `required` says whether the action cannot do without it. */
export type TypeExtractor = (context: ArnContext, required: boolean) => Found;

export function found(arnList: readonly string[], via: string): Found {
  return arnList.length > 0 ? { arns: arnList, via } : undefined;
}

/**
 * For services whose actions name several resource types (ECS ExecuteCommand: the cluster and the
 * task; SES SendTemplatedEmail: the identity and the template): the ARNs of every type the action
 * lists, each read by the extractor for that type (iam-data's type names, lower case). iam-data
 * marks alternatives as required too (Step Functions DescribeExecution: execution or express), so
 * the answer is a reason only when no required type could be read; optional types are added when
 * the event names them. Types without an extractor fall back to resources[].
 */
export function byResourceType(context: ArnContext, extractors: Readonly<Record<string, TypeExtractor>>): ArnResult {
  const handled = context.action.resourceTypes.filter((t) => extractors[t.name.toLowerCase()] !== undefined);
  if (handled.length === 0) return resourcesNamedInEvent(context);
  const list: string[] = [];
  const via: string[] = [];
  const requiredTypes: string[] = [];
  let requiredFound = false;
  for (const type of handled) {
    const extractor = extractors[type.name.toLowerCase()] as TypeExtractor;
    if (type.required) requiredTypes.push(type.name);
    const result = extractor(context, type.required);
    if (result === undefined) continue;
    if (type.required) requiredFound = true;
    list.push(...result.arns);
    if (!via.includes(result.via)) via.push(result.via);
  }
  if (requiredTypes.length > 0 && !requiredFound) return missing(`the event names no ${requiredTypes.join("/")}`);
  return arnsOr(list, via.join(" + "), `the event names no ${resourceTypeList(context.action)}`);
}

/** resources[] ARNs of one type, as a TypeExtractor answer. */
export function foundInResources(context: ArnContext, type: string): Found {
  return found(namedResources(context, type), VIA_RESOURCES);
}
