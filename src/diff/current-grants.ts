import { parseArn } from "../iam/arn.js";
import { splitActionName, type IamAction, type IamCatalog } from "../iam/catalog.js";
import { compareText } from "../mapping/order.js";
import { actionMatches } from "../policy/action-pattern.js";
import type { ActionNames } from "../policy/action-names.js";
import { evaluateConditions, type KnownContext } from "../policy/condition-match.js";
import { statementLabel } from "../policy/evaluate.js";
import { expandActionPattern } from "../policy/expand-actions.js";
import type { NormalizedPolicy, NormalizedStatement, PolicyVersion } from "../policy/normalized-policy.js";
import { patternCoverage, resourcePattern, resourceSet } from "../policy/resource-pattern.js";
import { canNameType, resourceTypeFormats, type ResourceTypeFormat } from "../policy/resource-types.js";

/** What a set of identity policies allows one action on, after Deny. */
export interface Grant {
  readonly action: string; // iam-data's casing
  /**
   * Resource patterns as written that can name a resource of the action's types; a NotResource
   * Allow reads "* except A, B"; where a NotResource Deny leaves only its exceptions, those. Sorted.
   */
  readonly resources: readonly string[];
  /** Every statement that grants it has a Condition: allowed in some request contexts only. */
  readonly conditional: boolean;
  /** Deny statements that refuse it (on some of its resources) under a Condition tighten cannot decide. */
  readonly conditionallyDenied: readonly ConditionalDeny[];
}

/** A Deny that applies only when its Condition holds, and tighten cannot tell whether it does. */
export interface ConditionalDeny {
  readonly statement: string; // its Sid, or "policy N statement M"
  /** "StringNotEquals aws:RequestedRegion eu-west-1, eu-central-1; Bool aws:SecureTransport false" */
  readonly condition: string;
}

export interface GrantOptions {
  /** The role's partition: every resource it can reach is in it ("aws" when not known). */
  readonly partition?: string;
  /**
   * What is known of every request the role makes, whatever the call: its account
   * (aws:PrincipalAccount), its ARN (aws:PrincipalArn). Conditions on these are decided;
   * any other is reported.
   */
  readonly context?: KnownContext;
}

/**
 * What every request of a role is known to carry: its partition, and the global condition keys
 * that name the principal (IAM User Guide, "AWS global condition context keys": aws:PrincipalArn
 * is the role's ARN for an assumed-role session, aws:PrincipalAccount its account).
 */
export function grantOptionsFor(roleArn: string): GrantOptions {
  const arn = parseArn(roleArn);
  if (arn === undefined) return {};
  return { partition: arn.partition, context: { "aws:PrincipalArn": roleArn, "aws:PrincipalAccount": arn.account } };
}

/** The service prefixes whose action names `policies` need expanded, or undefined for all services. */
export function servicesNamedBy(policies: readonly NormalizedPolicy[]): string[] | undefined {
  const services = new Set<string>();
  for (const statement of policies.flatMap((policy) => policy.statements)) {
    if (statement.effect !== "Allow") continue;
    // NotAction grants every action of every service but a few.
    if (statement.actionsExcluded) return undefined;
    for (const pattern of statement.actions) {
      if (pattern === "*") return undefined;
      services.add(pattern.slice(0, pattern.indexOf(":")).toLowerCase());
    }
  }
  return [...services].sort();
}

/**
 * Part of what an Allow reaches for one action: `written` is what the report shows (the
 * statement's own pattern), `scope` the resources it stands for, for Deny coverage: the resource
 * type's ARN shape where the pattern reaches all of that type, else the pattern itself (which
 * holds the true part, so a Deny covering it covers the part).
 */
interface Piece {
  readonly written: string;
  readonly scope: string;
  readonly conditional: boolean;
  readonly format: ResourceTypeFormat | null; // null: the action has no resource types, requested as "*"
  readonly deniedIf: readonly ConditionalDeny[];
}

interface StatementRef {
  readonly statement: NormalizedStatement;
  readonly version: PolicyVersion;
  readonly label: string;
}

/**
 * Every action the policies allow, expanded against iam-data (`iam:*` -> each IAM action), each
 * on the Allow resources that can name one of its resource types (`s3:Get*` on `bucket/*` grants
 * the object reads, not GetBucketPolicy), after every Deny: one that covers all the action can
 * reach removes it, a NotResource Deny leaves only its exceptions, and one under a Condition the
 * options' context cannot decide is listed on the grant instead. Sorted by action.
 *
 * `catalog` must hold the services `names` expands to for these policies (servicesNamedBy).
 */
export function currentGrants(policies: readonly NormalizedPolicy[], names: ActionNames, catalog: IamCatalog, options: GrantOptions = {}): Grant[] {
  const partition = options.partition ?? "aws";
  const context = options.context ?? {};
  const refs: StatementRef[] = policies.flatMap((policy, p) =>
    policy.statements.map((statement, s) => ({
      statement,
      version: policy.version,
      label: statementLabel({ policy: p, statement: s, sid: statement.sid, effect: statement.effect, conditional: false }),
    })),
  );
  const live = refs.filter((ref) => evaluateConditions(ref.statement.conditions, context, ref.version) !== false);
  const allows = live.filter((ref) => ref.statement.effect === "Allow");
  const denies = live.filter((ref) => ref.statement.effect === "Deny");
  const formats = formatsOf(catalog, partition);
  const covered = coverageCache();
  const canName = typeCache();

  const pieces = new Map<string, Piece[]>();
  for (const ref of allows) {
    const conditional = evaluateConditions(ref.statement.conditions, context, ref.version) === "unknown";
    // What a statement reaches depends on the action's formats alone, and formatsOf gives actions
    // of the same resource types one array: a `*` statement's 18,000 actions share a few thousand.
    const byFormats = new Map<readonly ResourceTypeFormat[] | null, Piece[]>();
    for (const action of actionsOf(ref.statement, names)) {
      const actionFormats = formats(action);
      let reached = byFormats.get(actionFormats);
      if (reached === undefined) {
        reached = allowPieces(ref.statement, actionFormats, conditional, covered, canName);
        byFormats.set(actionFormats, reached);
      }
      const list = pieces.get(action);
      if (list === undefined) pieces.set(action, [...reached]);
      else list.push(...reached);
    }
  }

  const grants: Grant[] = [];
  for (const [action, allowed] of pieces) {
    let remaining = allowed;
    for (const deny of denies) {
      if (!namesAction(deny.statement, action)) continue;
      remaining = remaining.flatMap((piece) => afterDeny(piece, deny, context, covered, canName));
    }
    if (remaining.length === 0) continue;
    grants.push({
      action,
      resources: [...new Set(remaining.map((piece) => piece.written))].sort(compareText),
      conditional: remaining.every((piece) => piece.conditional),
      conditionallyDenied: uniqueDenies(remaining.flatMap((piece) => piece.deniedIf)),
    });
  }
  return grants.sort((a, b) => compareText(a.action, b.action));
}

function allowPieces(statement: NormalizedStatement, formats: readonly ResourceTypeFormat[] | null, conditional: boolean, covered: Covered, canName: CanName): Piece[] {
  const base = { conditional, deniedIf: [] };
  if (statement.resourcesExcluded) {
    const written = `* except ${[...statement.resources].sort(compareText).join(", ")}`;
    // Granted on every resource of a type but the listed ones: nothing when they cover the type.
    if (formats === null) return statement.resources.some((r) => covered(r, "*")) ? [] : [{ ...base, written, scope: "*", format: null }];
    return formats.filter((f) => !statement.resources.some((r) => covered(r, f.scope))).map((f) => ({ ...base, written, scope: f.scope, format: f }));
  }
  const result: Piece[] = [];
  for (const value of statement.resources) {
    if (formats === null) {
      // No resource types: IAM asks about "*", which only a Resource that covers "*" names.
      if (covered(value, "*")) result.push({ ...base, written: value, scope: "*", format: null });
      continue;
    }
    for (const format of formats) {
      if (!canName(value, format)) continue;
      result.push({ ...base, written: value, scope: covered(value, format.scope) ? format.scope : value, format });
    }
  }
  return result;
}

/** What is left of a piece after one Deny that names its action. */
function afterDeny(piece: Piece, deny: StatementRef, context: KnownContext, covered: Covered, canName: CanName): Piece[] {
  const statement = deny.statement;
  let left: Piece[];
  if (!statement.resourcesExcluded) {
    left = statement.resources.some((r) => covered(r, piece.scope)) ? [] : [piece];
  } else if (statement.resources.some((r) => covered(r, piece.scope))) {
    left = [piece];
  } else {
    // Denied everywhere but the exceptions: what the piece reaches of them survives, as the
    // exception is written. An exception that only overlaps the piece keeps the piece's own
    // (wider) pattern: reporting a grant a little wide beats dropping one that exists.
    left = statement.resources.flatMap((exception): Piece[] => {
      if (piece.format === null ? !covered(exception, "*") : !canName(exception, piece.format)) return [];
      if (covered(piece.scope, exception)) return [{ ...piece, written: exception, scope: exception }];
      return overlapsScope(exception, piece.scope) ? [piece] : [];
    });
  }
  if (left.length === 1 && left[0] === piece) return left;
  if (evaluateConditions(statement.conditions, context, deny.version) === true) return left;
  // Whether this Deny applies depends on the request: the piece stays, marked.
  return [{ ...piece, deniedIf: [...piece.deniedIf, { statement: deny.label, condition: conditionText(statement) }] }];
}

type Covered = (pattern: string, scope: string) => boolean;
type CanName = (value: string, format: ResourceTypeFormat) => boolean;

/** canNameType, memoized: a `*` policy asks it for thousands of actions sharing a few hundred formats. */
function typeCache(): CanName {
  const cache = new Map<string, boolean>();
  return (value, format) => {
    const key = `${value}\u0000${format.format}`;
    let answer = cache.get(key);
    if (answer === undefined) {
      answer = canNameType(value, format);
      cache.set(key, answer);
    }
    return answer;
  };
}

/** Whether a Resource pattern names every resource a scope stands for, memoized: `*` policies ask the same question thousands of times. */
function coverageCache(): Covered {
  const cache = new Map<string, boolean>();
  return (pattern, scope) => {
    const key = `${pattern}\u0000${scope}`;
    let answer = cache.get(key);
    if (answer === undefined) {
      answer = patternCoverage(resourcePattern(pattern, { variables: true }), resourceSet(scope), {}) === "all";
      cache.set(key, answer);
    }
    return answer;
  };
}

function overlapsScope(pattern: string, scope: string): boolean {
  return patternCoverage(resourcePattern(pattern, { variables: true }), resourceSet(scope), {}) !== "none";
}

/** The resource type formats of an action, or null when it has none (authorized against "*"). */
function formatsOf(catalog: IamCatalog, partition: string): (action: string) => readonly ResourceTypeFormat[] | null {
  const byFormat = new Map<string, ResourceTypeFormat[]>();
  // One array per service and list of resource types, so that callers can key on it.
  const byTypes = new Map<string, readonly ResourceTypeFormat[]>();
  const unknown = [wildcardFormat];
  return (action) => {
    const [service, name] = splitActionName(action);
    const known = catalog.hasService(service) ? catalog.action(service, name) : undefined;
    // iam-data does not know it (a retired action): any resource may be its.
    if (known === undefined) return unknown;
    if (known.isWildcardOnly || known.resourceTypes.length === 0) return null;
    const key = `${service}\u0000${known.resourceTypes.map((type) => type.name).join("\u0000")}`;
    let formats = byTypes.get(key);
    if (formats === undefined) {
      formats = typeFormats(service, known.resourceTypes);
      byTypes.set(key, formats);
    }
    return formats;
  };

  function typeFormats(service: string, types: IamAction["resourceTypes"]): ResourceTypeFormat[] {
    return types.flatMap((type) => {
      const format = catalog.resourceArnFormat(service, type.name);
      if (format === undefined) return [wildcardFormat];
      let parsed = byFormat.get(format);
      if (parsed === undefined) {
        parsed = resourceTypeFormats(format, partition);
        byFormat.set(format, parsed);
      }
      return parsed;
    });
  }
}

/** A type iam-data gives no format for: any resource may be one. */
const wildcardFormat: ResourceTypeFormat = { format: "*", components: [], scope: "*" };

function actionsOf(statement: NormalizedStatement, names: ActionNames): string[] {
  if (!statement.actionsExcluded) return statement.actions.flatMap((pattern) => expandActionPattern(pattern, names));
  return expandActionPattern("*", names).filter((action) => !statement.actions.some((pattern) => actionMatches(pattern, action)));
}

function namesAction(statement: NormalizedStatement, action: string): boolean {
  return statement.actions.some((pattern) => actionMatches(pattern, action)) !== statement.actionsExcluded;
}

/** "StringNotEquals aws:RequestedRegion eu-west-1, eu-central-1": operators and keys as written. */
export function conditionText(statement: Pick<NormalizedStatement, "conditions">): string {
  return Object.entries(statement.conditions)
    .flatMap(([operator, keys]) => Object.entries(keys).map(([key, values]) => `${operator} ${key} ${values.join(", ")}`))
    .join("; ");
}

function uniqueDenies(denies: readonly ConditionalDeny[]): ConditionalDeny[] {
  const byKey = new Map(denies.map((deny) => [`${deny.statement}\u0000${deny.condition}`, deny]));
  return [...byKey.values()].sort((a, b) => compareText(a.statement, b.statement));
}
