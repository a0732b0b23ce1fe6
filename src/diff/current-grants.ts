import { parseArn } from "../iam/arn.js";
import { splitActionName, type IamAction, type IamCatalog } from "../iam/catalog.js";
import { compareText } from "../mapping/order.js";
import { actionMatches } from "../policy/action-pattern.js";
import type { ActionNames } from "../policy/action-names.js";
import { evaluateConditions, type ConditionOutcome, type KnownContext } from "../policy/condition-match.js";
import { statementLabel } from "../policy/evaluate.js";
import { expandActionPattern } from "../policy/expand-actions.js";
import type { NormalizedPolicy, NormalizedStatement } from "../policy/normalized-policy.js";
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
  readonly label: string;
  /** Whether its Condition holds for every request of the role (true), none (false), or depends ("unknown"). */
  readonly applies: ConditionOutcome;
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
      label: statementLabel({ policy: p, statement: s, sid: statement.sid, effect: statement.effect, conditional: false }),
      applies: evaluateConditions(statement.conditions, context, policy.version),
    })),
  );
  const live = refs.filter((ref) => ref.applies !== false);
  const allows = live.filter((ref) => ref.statement.effect === "Allow");
  const denies = live.filter((ref) => ref.statement.effect === "Deny");
  const formats = formatsOf(catalog, partition);

  // What an action is granted depends on its resource types' formats and on which statements name
  // it, never on its name: a `*` or NotAction policy's 18,000 actions fall in a few thousand such
  // classes, each worked out once.
  const allowedBy = new Map<string, number[]>();
  allows.forEach((ref, i) => {
    for (const action of actionsOf(ref.statement, names)) {
      const list = allowedBy.get(action);
      if (list === undefined) allowedBy.set(action, [i]);
      else list.push(i);
    }
  });
  const formatIds = new Map<readonly ResourceTypeFormat[] | null, number>();
  const reached = new Map<string, readonly Piece[]>();
  const outcomes = new Map<string, Omit<Grant, "action"> | null>();
  const grants: Grant[] = [];
  for (const [action, allowing] of allowedBy) {
    const actionFormats = formats(action);
    let formatId = formatIds.get(actionFormats);
    if (formatId === undefined) {
      formatId = formatIds.size;
      formatIds.set(actionFormats, formatId);
    }
    const denying = denies.flatMap((deny, i) => (namesAction(deny.statement, action) ? [i] : []));
    const key = `${formatId}|${allowing.join(",")}|${denying.join(",")}`;
    let outcome = outcomes.get(key);
    if (outcome === undefined) {
      let remaining: Piece[] = allowing.flatMap((i) => {
        const pieceKey = `${i}|${formatId}`;
        let pieces = reached.get(pieceKey);
        if (pieces === undefined) {
          const ref = allows[i] as StatementRef;
          pieces = allowPieces(ref.statement, actionFormats, ref.applies === "unknown");
          reached.set(pieceKey, pieces);
        }
        return pieces;
      });
      for (const i of denying) remaining = remaining.flatMap((piece) => afterDeny(piece, denies[i] as StatementRef));
      outcome =
        remaining.length === 0
          ? null
          : {
              resources: [...new Set(remaining.map((piece) => piece.written))].sort(compareText),
              conditional: remaining.every((piece) => piece.conditional),
              conditionallyDenied: uniqueDenies(remaining.flatMap((piece) => piece.deniedIf)),
            };
      outcomes.set(key, outcome);
    }
    if (outcome !== null) grants.push({ action, ...outcome });
  }
  return grants.sort((a, b) => compareText(a.action, b.action));
}

function allowPieces(statement: NormalizedStatement, formats: readonly ResourceTypeFormat[] | null, conditional: boolean): Piece[] {
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
function afterDeny(piece: Piece, deny: StatementRef): Piece[] {
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
  if (deny.applies === true) return left;
  // Whether this Deny applies depends on the request: the piece stays, marked.
  return [{ ...piece, deniedIf: [...piece.deniedIf, { statement: deny.label, condition: conditionText(statement) }] }];
}

// Answers about patterns and resource types hold for any policy: kept for the process, so that a
// `*` policy's thousands of actions, a command over many roles (drift --all-roles) and many commands
// in one process (the test suite) ask each question once. Bounded like action-pattern.ts's patterns.
const CACHE_LIMIT = 200_000;
const typeAnswers = new Map<string, boolean>();
const coverageAnswers = new Map<string, boolean>();

function remembered(cache: Map<string, boolean>, key: string, answer: () => boolean): boolean {
  let known = cache.get(key);
  if (known === undefined) {
    known = answer();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, known);
  }
  return known;
}

/** canNameType, remembered. */
function canName(value: string, format: ResourceTypeFormat): boolean {
  return remembered(typeAnswers, `${value}\u0000${format.format}`, () => canNameType(value, format));
}

/** Whether a Resource pattern names every resource a scope stands for, remembered. */
function covered(pattern: string, scope: string): boolean {
  return remembered(coverageAnswers, `${pattern}\u0000${scope}`, () => patternCoverage(resourcePattern(pattern, { variables: true }), resourceSet(scope), {}) === "all");
}

function overlapsScope(pattern: string, scope: string): boolean {
  return patternCoverage(resourcePattern(pattern, { variables: true }), resourceSet(scope), {}) !== "none";
}

type FormatsOf = (action: string) => readonly ResourceTypeFormat[] | null;

// iam-data is read once per process (iam/catalog.ts), so an action's formats in a partition never
// change: kept for the process, with one array per service and list of resource types, so that
// callers can key on the array.
const formatsByAction = new Map<string, readonly ResourceTypeFormat[] | null>();
const formatsByTypes = new Map<string, readonly ResourceTypeFormat[]>();
const parsedFormats = new Map<string, ResourceTypeFormat[]>();

/** The resource type formats of an action, or null when it has none (authorized against "*"). */
function formatsOf(catalog: IamCatalog, partition: string): FormatsOf {
  return (action) => {
    const [service, name] = splitActionName(action);
    // iam-data does not know it (a retired action): any resource may be its.
    if (!catalog.hasService(service)) return unknownFormats;
    const key = `${partition}\u0000${action}`;
    let formats = formatsByAction.get(key);
    if (formats === undefined) {
      const known = catalog.action(service, name);
      formats = known === undefined ? unknownFormats : known.isWildcardOnly || known.resourceTypes.length === 0 ? null : typeFormats(service, known.resourceTypes);
      formatsByAction.set(key, formats);
    }
    return formats;
  };

  function typeFormats(service: string, types: IamAction["resourceTypes"]): readonly ResourceTypeFormat[] {
    const key = `${partition}\u0000${service}\u0000${types.map((type) => type.name).join("\u0000")}`;
    let formats = formatsByTypes.get(key);
    if (formats === undefined) {
      formats = types.flatMap((type) => {
        const format = catalog.resourceArnFormat(service, type.name);
        if (format === undefined) return [wildcardFormat];
        const parsedKey = `${partition}\u0000${format}`;
        let parsed = parsedFormats.get(parsedKey);
        if (parsed === undefined) {
          parsed = resourceTypeFormats(format, partition);
          parsedFormats.set(parsedKey, parsed);
        }
        return parsed;
      });
      formatsByTypes.set(key, formats);
    }
    return formats;
  }
}

/** A type iam-data gives no format for: any resource may be one. */
const wildcardFormat: ResourceTypeFormat = { format: "*", components: [], scope: "*" };
const unknownFormats: readonly ResourceTypeFormat[] = [wildcardFormat];

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
