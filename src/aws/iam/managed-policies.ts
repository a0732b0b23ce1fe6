import { GetPolicyCommand, GetPolicyVersionCommand, type IAMClient } from "@aws-sdk/client-iam";
import { callIam } from "./iam-errors.js";
import { parsePolicyDocumentText } from "./policy-document-text.js";

/** A managed policy's default version document, by policy ARN. */
export type ManagedPolicyReader = (policyArn: string, forRole: string) => Promise<unknown>;

/**
 * Reads managed policies through GetPolicy (which names the default version) and
 * GetPolicyVersion, once each: several roles often share a policy, and IAM's request rate is low.
 * `known` holds documents already in hand (from GetAccountAuthorizationDetails).
 */
export function managedPolicyReader(client: IAMClient, known: ReadonlyMap<string, unknown> = new Map()): ManagedPolicyReader {
  const cache = new Map<string, Promise<unknown>>();
  return (policyArn, forRole) => {
    if (known.has(policyArn)) return Promise.resolve(known.get(policyArn));
    let document = cache.get(policyArn);
    if (document === undefined) {
      document = readDefaultVersion(client, policyArn, forRole);
      cache.set(policyArn, document);
    }
    return document;
  };
}

async function readDefaultVersion(client: IAMClient, policyArn: string, forRole: string): Promise<unknown> {
  const subject = `policy ${policyArn} (used by role ${forRole})`;
  const policy = await callIam("GetPolicy", subject, () => client.send(new GetPolicyCommand({ PolicyArn: policyArn })));
  const versionId = policy.Policy?.DefaultVersionId;
  if (versionId === undefined) throw new Error(`IAM GetPolicy ${policyArn} returned no DefaultVersionId`);
  const version = await callIam("GetPolicyVersion", subject, () =>
    client.send(new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: versionId })),
  );
  const text = version.PolicyVersion?.Document;
  if (text === undefined) throw new Error(`IAM GetPolicyVersion ${policyArn} ${versionId} returned no Document`);
  return parsePolicyDocumentText(text, policyArn);
}
