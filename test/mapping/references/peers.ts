/**
 * The two independent references issue 3 holds the mapping to, read in place from
 * `../shared/peers/` (never copied into the repository), and the comparison both reference tests
 * share: one case, our action list, theirs, and whether they agree.
 *
 * - trailscraper 0.10.1 (Apache-2.0): `trailscraper/mapping-cases.json` and `expected/*.generate.json`.
 * - iam-dataset (MIT, Ian Mckay): `iam-dataset/map-2022-08-19.json` (SDK method -> IAM actions) and
 *   `iam-dataset/cloudtrail_service_mappings.json` (eventSource -> IAM namespace).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { IamCatalog } from "../../../src/iam/catalog.js";
import { splitActionName } from "../../../src/iam/catalog.js";
import type { KnownDifference, Reference } from "./known-differences.js";

/** The project root: the references are `../shared/peers/...` relative to it. */
export const PROJECT_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const PEERS = path.resolve(PROJECT_ROOT, "../shared/peers");
export const TRAILSCRAPER = path.join(PEERS, "trailscraper");
export const IAM_DATASET = path.join(PEERS, "iam-dataset");

/** The references are outside the repository: a checkout without them skips these tests. */
export const PEERS_PRESENT =
  existsSync(path.join(TRAILSCRAPER, "mapping-cases.json")) && existsSync(path.join(IAM_DATASET, "map-2022-08-19.json"));

/** The services issue 3 scopes the mapping to (its list of ARN extractors), as IAM namespaces. */
export const ISSUE_SERVICES: readonly string[] = [
  "s3", "dynamodb", "sqs", "sns", "secretsmanager", "ssm", "kms", "lambda", "kinesis", "firehose",
  "logs", "ecr", "sts", "events", "states", "ecs", "ses",
];

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

// --- trailscraper -----------------------------------------------------------------------------

export interface TrailscraperCase {
  readonly eventSource: string;
  readonly eventName: string;
  readonly trailscraper_actions: readonly string[] | null; // null: no statement (permissionless)
  readonly trailscraper_resources: readonly string[] | null;
}

export function trailscraperCases(): readonly TrailscraperCase[] {
  return readJson<{ cases: TrailscraperCase[] }>(path.join(TRAILSCRAPER, "mapping-cases.json")).cases;
}

export interface PolicyStatement {
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Effect: string;
}

/** `expected/NAME` as {action -> resources}, "*" included. */
export function trailscraperPolicy(name: string): ReadonlyMap<string, readonly string[]> {
  const doc = readJson<{ Statement: PolicyStatement[] }>(path.join(TRAILSCRAPER, "expected", name));
  const byAction = new Map<string, string[]>();
  for (const statement of doc.Statement) {
    const actions = typeof statement.Action === "string" ? [statement.Action] : statement.Action;
    const resources = typeof statement.Resource === "string" ? [statement.Resource] : statement.Resource;
    for (const action of actions) byAction.set(action, [...(byAction.get(action) ?? []), ...resources]);
  }
  return byAction;
}

// --- iam-dataset ------------------------------------------------------------------------------

export interface SdkActionMapping {
  readonly action: string;
  readonly resource_mappings?: Record<string, { template: string }>;
  readonly resourcearn_mappings?: Record<string, string>;
  readonly arn_override?: { template: string };
  readonly conditions?: unknown;
  readonly condition_mappings?: unknown;
  readonly undocumented?: boolean;
  readonly documented_dependant_action?: string;
}

export interface IamDatasetMap {
  readonly sdk_permissionless_actions: readonly string[];
  readonly sdk_method_iam_mappings: Readonly<Record<string, readonly SdkActionMapping[]>>;
  /** SDK client -> IAM namespace, only where they differ by more than case. */
  readonly sdk_service_mappings: Readonly<Record<string, string>>;
}

export function iamDatasetMap(): IamDatasetMap {
  return readJson<IamDatasetMap>(path.join(IAM_DATASET, "map-2022-08-19.json"));
}

/** eventSource -> IAM namespace, all 325 entries. */
export function cloudtrailServiceMappings(): Readonly<Record<string, string>> {
  return readJson<{ cloudtrail_service_mappings: Record<string, string> }>(
    path.join(IAM_DATASET, "cloudtrail_service_mappings.json"),
  ).cloudtrail_service_mappings;
}

/** The IAM namespace of an SDK client: the map's table, else the client name in lower case. */
export function sdkNamespace(map: IamDatasetMap, client: string): string {
  return map.sdk_service_mappings[client] ?? client.toLowerCase();
}

// --- comparison -------------------------------------------------------------------------------

export interface Comparison {
  readonly reference: Reference;
  readonly case: string;
  readonly ours: readonly string[];
  readonly theirs: readonly string[];
  /** Same list, and every name exists in iam-data (else we would report it Unmapped). */
  readonly agree: boolean;
}

/** Canonical iam-data casing where the action exists, sorted and unique. */
export function canonicalActions(catalog: IamCatalog, actions: readonly string[]): string[] {
  const names = actions.map((action) => {
    if (action.includes("*") || !action.includes(":")) return action;
    const [service, name] = splitActionName(action);
    const found = catalog.hasService(service) ? catalog.action(service, name) : undefined;
    return found === undefined ? action : `${service}:${found.name}`;
  });
  return [...new Set(names)].sort();
}

export function existsInIamData(catalog: IamCatalog, action: string): boolean {
  if (action.includes("*") || !action.includes(":")) return false;
  const [service, name] = splitActionName(action);
  return catalog.hasService(service) && catalog.action(service, name) !== undefined;
}

export function compareActions(
  catalog: IamCatalog,
  reference: Reference,
  name: string,
  ours: readonly string[],
  theirs: readonly string[],
): Comparison {
  const o = canonicalActions(catalog, ours);
  const t = canonicalActions(catalog, theirs);
  const agree = sameList(o, t) && o.every((action) => existsInIamData(catalog, action));
  return { reference, case: name, ours: o, theirs: t, agree };
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export interface Reconciliation {
  readonly compared: number;
  readonly agreeing: number;
  readonly known: number;
  /** Disagreements with no row in the table: each is a likely bug, or needs a row. */
  readonly unlisted: readonly Comparison[];
  /** Rows whose case disagrees differently now (ours or theirs changed): update the row. */
  readonly changed: readonly { row: KnownDifference; now: Comparison }[];
  /** Rows whose case agrees now, or no longer exists: delete the row. */
  readonly stale: readonly KnownDifference[];
}

/** Every disagreement is in the table with its current lists, and every row still occurs. */
export function reconcile(
  comparisons: readonly Comparison[],
  rows: readonly KnownDifference[],
  reference: Reference,
): Reconciliation {
  const table = new Map(rows.filter((row) => row.reference === reference).map((row) => [row.case, row]));
  const seen = new Set<string>();
  const unlisted: Comparison[] = [];
  const changed: { row: KnownDifference; now: Comparison }[] = [];
  let agreeing = 0;
  for (const comparison of comparisons) {
    if (comparison.agree) {
      agreeing += 1;
      continue;
    }
    const row = table.get(comparison.case);
    if (row === undefined) {
      unlisted.push(comparison);
      continue;
    }
    seen.add(comparison.case);
    if (!sameList([...row.ours].sort(), comparison.ours) || !sameList([...row.theirs].sort(), comparison.theirs)) {
      changed.push({ row, now: comparison });
    }
  }
  const stale = [...table.values()].filter((row) => !seen.has(row.case));
  return { compared: comparisons.length, agreeing, known: seen.size, unlisted, changed, stale };
}

/** A paste-ready table row for an unlisted disagreement. */
export function rowSource(comparison: Comparison): string {
  return `  { reference: "${comparison.reference}", case: ${JSON.stringify(comparison.case)}, ours: ${JSON.stringify(comparison.ours)}, theirs: ${JSON.stringify(comparison.theirs)}, verdict: "?", why: "" },`;
}

/** Counts for the run's output, one line per reference. */
export function summaryLine(label: string, result: Reconciliation): string {
  const rows = [...result.unlisted, ...result.changed.map(({ now }) => now)].map(rowSource);
  return (rows.length === 0 ? "" : `${label}: rows to add or update in known-differences.ts:\n${rows.join("\n")}\n`) + `${label}: ${result.compared} cases compared, ${result.agreeing} agreeing, ${result.known} known differences, ${result.unlisted.length} unlisted, ${result.changed.length} changed, ${result.stale.length} stale`;
}

// --- all services: one synthesized call per SDK method ------------------------------------------

/**
 * The 30 services ECS workloads call most, as IAM namespaces: issue 3's seventeen (the services
 * tighten has ARN extractors for) and the thirteen next most common from an ECS task or execution
 * role: metrics and traces (cloudwatch, xray), the network and load balancers a service registers
 * with (ec2, elasticloadbalancing, servicediscovery), databases and caches (rds, rds-data,
 * elasticache), analytics (athena, glue), identity (cognito-idp), configuration (appconfig) and
 * API Gateway. A judgment of the issue's, not a measured ranking: the list is the one place to change it.
 */
export const ECS_TOP_SERVICES: readonly string[] = [
  ...ISSUE_SERVICES,
  "cloudwatch", "xray", "ec2", "elasticloadbalancing", "servicediscovery", "rds", "rds-data", "elasticache",
  "athena", "glue", "cognito-idp", "appconfig", "apigateway",
];

/**
 * SDK clients whose calls CloudTrail logs under another host than their namespace's, where the
 * map's client -> namespace table and cloudtrail_service_mappings.json read backwards disagree
 * with the service's CloudTrail chapter. ApiGatewayManagementApi calls the @connections API of a
 * deployed WebSocket API (execute-api, API Gateway Developer Guide, 'Use @connections commands in
 * your backend service'), not the API Gateway management API.
 */
export const CLIENT_EVENT_SOURCES: Readonly<Record<string, string>> = {
  ApiGatewayManagementApi: "execute-api.amazonaws.com",
};

/** One SDK method of the map, as the call CloudTrail would log. */
export interface SdkMethod {
  readonly method: string; // "S3.ListObjectsV2"
  readonly client: string;
  readonly operation: string; // CloudTrail's eventName
  readonly namespace: string; // the map's IAM namespace of the client
  readonly eventSource: string;
  readonly mappings: readonly SdkActionMapping[];
  /** iam-dataset's actions: none for a permissionless method. */
  readonly theirs: readonly string[];
}

/** Every method of the map with its CloudTrail eventSource (the reference's own table, read backwards). */
export function sdkMethods(map: IamDatasetMap, sources: Readonly<Record<string, string>>): readonly SdkMethod[] {
  const sourceOf = new Map<string, string>();
  for (const [eventSource, namespace] of Object.entries(sources)) if (!sourceOf.has(namespace)) sourceOf.set(namespace, eventSource);
  const permissionless = new Set(map.sdk_permissionless_actions);
  return Object.entries(map.sdk_method_iam_mappings).map(([method, mappings]) => {
    const client = method.slice(0, method.indexOf("."));
    const operation = method.slice(method.indexOf(".") + 1);
    const namespace = sdkNamespace(map, client);
    const eventSource = CLIENT_EVENT_SOURCES[client] ?? sourceOf.get(namespace) ?? `${namespace}.amazonaws.com`;
    const theirs = permissionless.has(method) ? [] : mappings.map((m) => m.action);
    return { method, client, operation, namespace, eventSource, mappings, theirs };
  });
}

/**
 * requestParameters for a synthesized call: every request member the map's ARN templates read
 * (`${BucketName}`, `${Budget.BudgetName}`, `${SecurityGroupIds[]}`), named as CloudTrail logs a
 * member (first letter lower case: `bucketName`), with a plausible value: an ARN for a member
 * whose name ends in Arn (a role's for a role member), a name otherwise. Nested members are
 * joined by ".", as the engine keeps nested names: what a UsageRow carries.
 */
export function synthesizedParameters(mappings: readonly SdkActionMapping[], namespace: string, account: string, region: string): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const mapping of mappings) {
    const templates = [
      ...Object.values(mapping.resource_mappings ?? {}).map((m) => m.template),
      ...(mapping.arn_override === undefined ? [] : [mapping.arn_override.template]),
    ];
    for (const template of templates) {
      for (const [, member] of template.matchAll(/\$\{([A-Za-z][A-Za-z0-9_.[\]]*)\}/g)) {
        if (member === undefined || ["Partition", "Region", "Account"].includes(member)) continue;
        const path = member.replace(/\[\]/g, "").split(".").map(cloudTrailMemberName).join(".");
        const leaf = path.slice(path.lastIndexOf(".") + 1);
        const name = `example-${leaf.toLowerCase()}`;
        parameters[path] ??= !/arn$/i.test(leaf) ? name : /role/i.test(leaf) ? `arn:aws:iam::${account}:role/${name}` : `arn:aws:${namespace}:${region}:${account}:${name}`;
      }
    }
  }
  return parameters;
}

/** CloudTrail's spelling of a request member: `BucketName` -> `bucketName`, `DBInstanceIdentifier` -> `dBInstanceIdentifier`. */
export function cloudTrailMemberName(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}
