import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate, type Decision } from "../../src/policy/evaluate.js";
import { parsePolicy } from "../../src/policy/parse-policy.js";
import { oracleRequests, simulate, simulationError, type OracleRequest, type SimulatedDecision } from "./oracle-requests.js";

/**
 * Our evaluator against @cloud-copilot/iam-simulate (AGPL, a devDependency: an independent
 * oracle, never shipped) over generated policies and requests. Requests are real actions on ARNs
 * built from iam-data's formats; policies are built around the request (exact names, "*", "?",
 * prefixes, other services, NotAction/NotResource, variables) so that all four outcomes occur.
 * Patterns stay clear of the differences documented in oracle-differences.test.ts.
 */
const pool = await oracleRequests();
// What the generators pick from the whole pool, built once: spread into a fresh array per statement,
// they were a tenth of the run.
const anyResource = fc.constantFrom(...pool.map((r) => r.resource));
const anyAction = fc.constantFrom(...pool.map((r) => r.action));
const anyServiceWildcard = fc.constantFrom(...pool.map((r) => `${r.action.split(":")[0]}:*`));
const SEED = Number(process.env["ORACLE_SEED"] ?? 20261102);
const USERNAME = "aws:username";

interface Case {
  readonly request: OracleRequest;
  readonly username: string | null;
  readonly policies: readonly PolicyJson[];
}
type PolicyJson = { Version: "2012-10-17"; Statement: Record<string, unknown>[] };

/** Where the resource id starts: after the resource type prefix iam-simulate requires to match exactly. */
function idStart(arn: string): number {
  const parts = arn.split(":");
  const resourceStart = parts.slice(0, 5).join(":").length + 1;
  const resource = parts.slice(5).join(":");
  if (parts[2] === "s3" && parts[3] === "" && parts[4] === "") return resourceStart;
  const delimiters = [resource.indexOf("/"), resource.indexOf(":")].filter((i) => i >= 0);
  return resourceStart + (delimiters.length === 0 ? 0 : Math.min(...delimiters) + 1);
}

function resourcePatternArb(request: OracleRequest, username: string | null): fc.Arbitrary<string> {
  const other = anyResource;
  const r = request.resource;
  if (r === "*") return fc.oneof(fc.constant("*"), other, other.map((arn) => (arn === "*" ? arn : `${arn.split(":").slice(0, 3).join(":")}:*`)));
  const start = idStart(r);
  const position = fc.integer({ min: start, max: r.length });
  const inside = fc.integer({ min: start, max: Math.max(start, r.length - 1) });
  const segments = r.split(":");
  const withSegment = (i: number, value: string) => [...segments.slice(0, i), value, ...segments.slice(i + 1)].join(":");
  const variants: fc.Arbitrary<string>[] = [
    fc.constant(r),
    fc.constant("*"),
    position.map((p) => `${r.slice(0, p)}*`),
    fc.tuple(position, position).map(([a, b]) => `${r.slice(0, Math.min(a, b))}*${r.slice(Math.max(a, b))}`),
    inside.map((p) => (r[p] === ":" || p >= r.length ? r : `${r.slice(0, p)}?${r.slice(p + 1)}`)),
    inside.map((p) => (p >= r.length ? r : `${r.slice(0, p)}${flipCase(r[p] as string)}${r.slice(p + 1)}`)),
    inside.map((p) => `${r.slice(0, p)}\${?}${r.slice(p + 1)}`),
    fc.constantFrom(1, 2, 3, 4).chain((i) => fc.constantFrom("*", `${(segments[i] ?? "").slice(0, 2)}*`, "?").map((v) => withSegment(i, v))),
    fc.constant(`${segments.slice(0, 3).join(":")}:*`),
    fc.constant("arn:aws:*"),
    other,
  ];
  // A variable where the resource id starts after a "/" or ":" (see the differences test).
  if (start > segments.slice(0, 5).join(":").length + 1 || segments[2] === "s3") {
    const occurrence = username === null ? -1 : r.indexOf(username, start);
    const slice = fc.tuple(inside, fc.integer({ min: 1, max: 8 })).map(([p, n]) => [p, Math.min(r.length, p + n)] as const);
    variants.push(
      occurrence >= 0
        ? fc.constant(`${r.slice(0, occurrence)}\${${USERNAME}}${r.slice(occurrence + (username as string).length)}`)
        : slice.map(([a, b]) => `${r.slice(0, a)}\${${USERNAME}}${r.slice(b)}`),
      slice.map(([a, b]) => `${r.slice(0, a)}\${${USERNAME}, '${r.slice(a, b).replace(/'/g, "")}'}${r.slice(b)}`),
    );
  }
  return fc.oneof(...variants);
}

function actionPatternArb(request: OracleRequest): fc.Arbitrary<string> {
  const [service, name] = request.action.split(":") as [string, string];
  const k = fc.integer({ min: 0, max: name.length });
  return fc.oneof(
    fc.constantFrom(request.action, request.action.toLowerCase(), `${service.toUpperCase()}:${name.toUpperCase()}`),
    fc.constant(`${service}:*`),
    fc.constant("*"),
    k.map((i) => `${service}:${name.slice(0, i)}*`),
    k.map((i) => `${service}:*${name.slice(i)}`),
    k.map((i) => (i >= name.length ? request.action : `${service}:${name.slice(0, i)}?${name.slice(i + 1)}`)),
    fc.constant(`${request.action}X`),
    anyAction,
    anyServiceWildcard,
  );
}

type ConditionMode = "none" | "unknown" | "known";

/** A string condition on a placeholder key (numberConditions names it), with values that may match "yes", "no" or "Yes". */
const conditionArb = fc
  .record({
    operator: fc.constantFrom("StringEquals", "StringNotEquals", "StringLike", "StringNotLike", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase"),
    ifExists: fc.boolean(),
    values: fc.array(fc.constantFrom("yes", "no", "YES", "y*", "?o", "*", "${aws:username}"), { minLength: 1, maxLength: 2 }),
  })
  .map(({ operator, ifExists, values }) => ({ [`${operator}${ifExists ? "IfExists" : ""}`]: { placeholder: values.length === 1 ? values[0] : values } }));

function statementArb(request: OracleRequest, username: string | null, mode: ConditionMode): fc.Arbitrary<Record<string, unknown>> {
  const list = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: 1, maxLength: 3 }).map((items) => (items.length === 1 ? (items[0] as T) : items));
  return fc
    .record({
      effect: fc.constantFrom("Allow", "Allow", "Deny"),
      not: fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })),
      actions: list(actionPatternArb(request)),
      resources: list(resourcePatternArb(request, username)),
      condition: mode === "none" ? fc.constant(null) : fc.option(mode === "known" ? conditionArb : fc.constant({ StringEquals: { placeholder: "yes" } })),
    })
    .map(({ effect, not: [notAction, notResource], actions, resources, condition }) => ({
      Effect: effect,
      // iam-simulate never applies a NotResource holding a short ARN (see the differences test).
      ...(notResource === 0 ? { NotResource: withoutShortArns(resources) } : { Resource: resources }),
      [notAction === 0 ? "NotAction" : "Action"]: actions,
      ...(condition === null ? {} : { Condition: condition }),
    }));
}

function caseArb(mode: ConditionMode): fc.Arbitrary<Case> {
  return fc
    .record({ request: fc.constantFrom(...pool), usernameMode: fc.constantFrom("none", "alice", "from-request") })
    .chain(({ request, usernameMode }) => {
      const fromRequest = request.resource === "*" ? null : request.resource.slice(idStart(request.resource)).split("/")[0] ?? null;
      const username = usernameMode === "alice" ? "alice" : usernameMode === "from-request" && fromRequest ? fromRequest : null;
      const policy = fc
        .array(statementArb(request, username, mode), { minLength: 1, maxLength: 4 })
        .map((Statement): PolicyJson => ({ Version: "2012-10-17", Statement }));
      return fc.array(policy, { minLength: 1, maxLength: 2 }).map((policies) => ({ request, username, policies: numberConditions(policies) }));
    });
}

/** Gives each conditional statement its own context key, so contexts can switch them one by one. */
function numberConditions(policies: PolicyJson[]): PolicyJson[] {
  let n = 0;
  return policies.map((policy) => ({
    ...policy,
    Statement: policy.Statement.map((s) => {
      const condition = s["Condition"] as Record<string, { placeholder: unknown }> | undefined;
      if (condition === undefined) return s;
      const key = `aws:PrincipalTag/c${n++}`;
      return { ...s, Condition: Object.fromEntries(Object.entries(condition).map(([operator, { placeholder }]) => [operator, { [key]: placeholder }])) };
    }),
  }));
}

/** Context keys that make every conditional statement of `effect` apply and every other one not. */
function contextFavouring(effect: "Allow" | "Deny", policies: readonly PolicyJson[], username: string | null): Record<string, string> {
  const context: Record<string, string> = username === null ? {} : { [USERNAME]: username };
  for (const statement of policies.flatMap((p) => p.Statement)) {
    const condition = statement["Condition"] as Record<string, Record<string, unknown>> | undefined;
    for (const key of Object.keys(condition?.["StringEquals"] ?? {})) context[key] = statement["Effect"] === effect ? "yes" : "no";
  }
  return context;
}

/** Our decision, knowing the username (when the case has one) and, when given, the condition keys' values. */
function ours(c: Case, known: Record<string, string> = {}): Decision {
  const context = { ...known, ...(c.username === null ? {} : { [USERNAME]: c.username }) };
  return evaluate(c.policies.map(parsePolicy), { ...c.request, context }).decision;
}

const EXACT: Record<Decision, SimulatedDecision | null> = {
  allowed: "Allowed",
  denied: "ImplicitlyDenied",
  "explicitly-denied": "ExplicitlyDenied",
  "conditionally-allowed": null,
};

async function describeFailure(c: Case, mine: Decision, theirs: string): Promise<string> {
  const error = theirs === "error" ? ` (${await simulationError(c.policies, c.request)})` : "";
  return `ours ${mine}, iam-simulate ${theirs}${error} for ${JSON.stringify(c)}`;
}

describe("evaluate agrees with iam-simulate", () => {
  it(`on ${pool.length} real requests, without conditions: the same decision every time`, async () => {
    const seen = new Map<Decision, number>();
    await fc.assert(
      fc.asyncProperty(caseArb("none"), async (c) => {
        const mine = ours(c);
        seen.set(mine, (seen.get(mine) ?? 0) + 1);
        const theirs = await simulate(c.policies, c.request, contextFavouring("Allow", c.policies, c.username));
        if (theirs !== EXACT[mine]) throw new Error(await describeFailure(c, mine, theirs));
      }),
      { seed: SEED, numRuns: 4000 },
    );
    // The generators must reach every outcome often, or agreement would say little.
    for (const decision of ["allowed", "denied", "explicitly-denied"] as const) expect(seen.get(decision) ?? 0).toBeGreaterThan(400);
    expect(seen.get("conditionally-allowed")).toBeUndefined();
  });

  it("with conditions: conditionally-allowed exactly when some context allows and another does not", async () => {
    const seen = new Map<Decision, number>();
    await fc.assert(
      fc.asyncProperty(caseArb("unknown"), async (c) => {
        const mine = ours(c);
        seen.set(mine, (seen.get(mine) ?? 0) + 1);
        const best = await simulate(c.policies, c.request, contextFavouring("Allow", c.policies, c.username));
        const worst = await simulate(c.policies, c.request, contextFavouring("Deny", c.policies, c.username));
        const agrees =
          mine === "allowed"
            ? best === "Allowed" && worst === "Allowed"
            : mine === "explicitly-denied"
              ? best === "ExplicitlyDenied" && worst === "ExplicitlyDenied"
              : mine === "denied"
                ? best !== "Allowed" && best !== "error" && worst !== "Allowed" && worst !== "error"
                : best === "Allowed" && worst !== "Allowed" && worst !== "error";
        if (!agrees) throw new Error(await describeFailure(c, mine, `${best} (conditions favouring Allow) / ${worst} (favouring Deny)`));
      }),
      { seed: SEED, numRuns: 3000 },
    );
    for (const decision of ["allowed", "denied", "explicitly-denied", "conditionally-allowed"] as const) {
      expect(seen.get(decision) ?? 0).toBeGreaterThan(200);
    }
  });

  it("with conditions the context decides (string operators, values known): the same decision every time", async () => {
    const seen = new Map<Decision, number>();
    const contextArb = fc.array(fc.constantFrom("yes", "no", "Yes"), { minLength: 8, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(caseArb("known"), contextArb, async (c, values) => {
        const known = Object.fromEntries(values.map((value, i) => [`aws:PrincipalTag/c${i}`, value]));
        const mine = ours(c, known);
        seen.set(mine, (seen.get(mine) ?? 0) + 1);
        const context = { ...known, ...(c.username === null ? {} : { [USERNAME]: c.username }) };
        const theirs = await simulate(c.policies, c.request, context);
        if (theirs !== EXACT[mine]) throw new Error(await describeFailure(c, mine, `${theirs} with context ${JSON.stringify(context)}`));
      }),
      { seed: SEED, numRuns: 3000 },
    );
    for (const decision of ["allowed", "denied", "explicitly-denied"] as const) expect(seen.get(decision) ?? 0).toBeGreaterThan(300);
    expect(seen.get("conditionally-allowed")).toBeUndefined();
  });
});

function flipCase(char: string): string {
  return char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase();
}

function withoutShortArns(resources: string | string[]): string[] {
  const kept = [resources].flat().filter((r) => !r.startsWith("arn:") || r.split(":").length >= 6);
  return kept.length > 0 ? kept : ["arn:aws:s3:::unrelated-bucket"];
}
