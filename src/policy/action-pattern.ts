import { covers, lowerCased } from "./glob.js";
import { tokenize, type Token } from "./iam-string.js";

/**
 * Whether an Action pattern names an action. "*" names every action; otherwise the service prefix
 * must be equal and the action name matches with "*" and "?" wildcards, both case-insensitively
 * (IAM User Guide, "IAM JSON policy elements: Action": action names are not case-sensitive).
 * A wildcard in the service prefix names nothing: IAM refuses such a policy, and parsePolicy does.
 */
export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === "*") return true;
  return compiled(pattern)(action);
}

type ActionTest = (action: string) => boolean;

/**
 * Each pattern read once: a `*` policy is checked against all ~18,000 actions, each against the
 * risk and unobservable tables' patterns, and reading a pattern again per action was most of a
 * diff against an administrator policy. Patterns come from a few policies and tables; a
 * process that reads many (a long test run) starts the cache afresh past CACHE_LIMIT.
 */
const COMPILED = new Map<string, ActionTest>();
const CACHE_LIMIT = 10_000;

function compiled(pattern: string): ActionTest {
  let test = COMPILED.get(pattern);
  if (test === undefined) {
    test = compile(pattern);
    if (COMPILED.size >= CACHE_LIMIT) COMPILED.clear();
    COMPILED.set(pattern, test);
  }
  return test;
}

function compile(pattern: string): ActionTest {
  const [patternService, patternName] = splitAction(pattern);
  if (patternName === undefined) return () => false;
  const service = patternService.toLowerCase();
  // Variables have no meaning in an Action, so "${" is plain text here.
  const tokens = lowerCased(tokenize(patternName, { variables: false }));
  return (action) => {
    const colon = action.indexOf(":");
    if (colon < 0 || action.slice(0, colon).toLowerCase() !== service) return false;
    const actionName = action.slice(colon + 1);
    // A plain ASCII name reads as its own characters, lower-cased as a whole as character by
    // character; anything else (a wildcard, an escape, other scripts) goes the general way.
    if (PLAIN.test(actionName)) return matchesText(tokens, actionName.toLowerCase());
    return covers(tokens, lowerCased(tokenize(actionName, { variables: false })));
  };
}

const PLAIN = /^[\x20-\x23\x25-\x29\x2b-\x3e\x40-\x7e]*$/;

/**
 * A pattern's tokens against plain text, "*" backtracking to its latest start only: as `covers`
 * answers for a text without wildcards, in time linear in pattern times text however many "*" a
 * policy writes.
 */
function matchesText(tokens: readonly Token[], text: string): boolean {
  let t = 0;
  let s = 0;
  let star = -1;
  let starText = 0;
  while (s < text.length) {
    const token = tokens[t];
    if (token !== undefined && (token.kind === "one" || (token.kind === "char" && token.char === text[s]))) {
      t += 1;
      s += 1;
    } else if (token?.kind === "any") {
      star = t;
      starText = s;
      t += 1;
    } else if (star >= 0) {
      t = star + 1;
      starText += 1;
      s = starText;
    } else {
      return false;
    }
  }
  while (tokens[t]?.kind === "any") t += 1;
  return t === tokens.length;
}

function splitAction(action: string): [string, string | undefined] {
  const colon = action.indexOf(":");
  return colon < 0 ? [action, undefined] : [action.slice(0, colon), action.slice(colon + 1)];
}

/**
 * Whether any of `patterns` names an action, trying only the patterns of the action's service:
 * the risk and unobservable tables hold hundreds, and a `*` policy asks about every action.
 */
export function anyActionMatches(patterns: readonly string[]): (action: string) => boolean {
  if (patterns.includes("*")) return () => true;
  const byService = new Map<string, string[]>();
  for (const pattern of patterns) {
    const colon = pattern.indexOf(":");
    // Without a service prefix a pattern names nothing.
    if (colon < 0) continue;
    const service = pattern.slice(0, colon).toLowerCase();
    const list = byService.get(service);
    if (list === undefined) byService.set(service, [pattern]);
    else list.push(pattern);
  }
  return (action) => {
    const colon = action.indexOf(":");
    if (colon < 0) return false;
    const list = byService.get(action.slice(0, colon).toLowerCase());
    return list !== undefined && list.some((pattern) => actionMatches(pattern, action));
  };
}

/**
 * A table's rows that may name an action, in table order: those with a pattern of the action's
 * service or "*". The others cannot name it, so a lookup by the rest of the row is unchanged.
 */
export function rowsForActionService<T extends { readonly actions: readonly string[] }>(rows: readonly T[]): (action: string) => readonly T[] {
  const everywhere = rows.filter((row) => row.actions.includes("*"));
  const services = new Set(rows.flatMap((row) => row.actions.map(serviceOfPattern)));
  const byService = new Map<string, readonly T[]>();
  for (const service of services) {
    if (service !== undefined) byService.set(service, rows.filter((row) => everywhere.includes(row) || row.actions.some((pattern) => serviceOfPattern(pattern) === service)));
  }
  return (action) => {
    const service = serviceOfPattern(action);
    return (service === undefined ? undefined : byService.get(service)) ?? everywhere;
  };
}

/** The lower-cased service prefix of a pattern or action, undefined without one. */
function serviceOfPattern(pattern: string): string | undefined {
  const colon = pattern.indexOf(":");
  return colon < 0 ? undefined : pattern.slice(0, colon).toLowerCase();
}
