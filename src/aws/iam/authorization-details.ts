import {
  GetAccountAuthorizationDetailsCommand,
  type GetAccountAuthorizationDetailsCommandInput,
  type IAMClient,
  type RoleDetail,
} from "@aws-sdk/client-iam";
import { sortPolicies, type CurrentRolePolicies } from "./current-policies.js";
import { callIam, type IamCall } from "./iam-errors.js";
import { iamPages } from "./iam-pages.js";
import { managedPolicyReader } from "./managed-policies.js";
import { parsePolicyDocumentText } from "./policy-document-text.js";
import { UsageError } from "../../usage-error.js";

const CALL: IamCall = "GetAccountAuthorizationDetails";

/**
 * Several roles' policies from one GetAccountAuthorizationDetails sweep, which costs a few
 * requests for the whole account instead of several per role. Only roles and managed policies are
 * asked for (users and groups are not needed). A managed policy a role uses that the sweep does
 * not list (an AWS managed policy used only as a permissions boundary may be one, and the pages
 * are not one snapshot) is read with GetPolicy/GetPolicyVersion instead.
 */
export async function readRolesFromAuthorizationDetails(
  client: IAMClient,
  roleNames: readonly string[],
  pageSize?: number,
): Promise<Map<string, CurrentRolePolicies>> {
  const wanted = new Set(roleNames);
  const subject = `roles ${roleNames.join(", ")}`;
  const { roles, documents } = await callIam(CALL, subject, async () => {
    const roles = new Map<string, RoleDetail>();
    const documents = new Map<string, string>();
    const sweep = (input: GetAccountAuthorizationDetailsCommandInput) => client.send(new GetAccountAuthorizationDetailsCommand(input));
    const pages = iamPages(sweep, { Filter: ["Role", "LocalManagedPolicy", "AWSManagedPolicy"] }, pageSize);
    for await (const page of pages) {
      for (const role of page.RoleDetailList ?? []) {
        if (role.RoleName !== undefined && wanted.has(role.RoleName)) roles.set(role.RoleName, role);
      }
      // Each policy comes with every version; the default is kept, and parsed only if a wanted role uses it.
      for (const policy of page.Policies ?? []) {
        const text = policy.PolicyVersionList?.find((version) => version.IsDefaultVersion)?.Document;
        if (policy.Arn !== undefined && text !== undefined) documents.set(policy.Arn, text);
      }
    }
    return { roles, documents };
  });

  const used = new Map<string, unknown>();
  for (const role of roles.values()) {
    for (const arn of managedArns(role)) {
      const text = documents.get(arn);
      if (text !== undefined && !used.has(arn)) used.set(arn, parsePolicyDocumentText(text, arn));
    }
  }
  const readManaged = managedPolicyReader(client, used);

  const result = new Map<string, CurrentRolePolicies>();
  for (const name of roleNames) {
    const role = roles.get(name);
    // GetRole would fail with NoSuchEntity here; say the same thing.
    if (role === undefined) throw new UsageError(`--from-iam: role ${name}: not found in IAM (${CALL})`);
    result.set(name, await toRolePolicies(role, name, readManaged));
  }
  return result;
}

function managedArns(role: RoleDetail): string[] {
  const arns = (role.AttachedManagedPolicies ?? []).flatMap((attached) => (attached.PolicyArn !== undefined ? [attached.PolicyArn] : []));
  const boundary = role.PermissionsBoundary?.PermissionsBoundaryArn;
  return boundary !== undefined ? [...arns, boundary] : arns;
}

async function toRolePolicies(
  role: RoleDetail,
  name: string,
  readManaged: ReturnType<typeof managedPolicyReader>,
): Promise<CurrentRolePolicies> {
  if (role.Arn === undefined) throw new Error(`IAM ${CALL} returned role ${name} without an ARN`);
  const inline = (role.RolePolicyList ?? []).map((policy) => {
    if (policy.PolicyName === undefined || policy.PolicyDocument === undefined) {
      throw new Error(`IAM ${CALL} returned an inline policy of role ${name} without a name or document`);
    }
    return {
      source: `inline ${policy.PolicyName}`,
      kind: "inline" as const,
      document: parsePolicyDocumentText(policy.PolicyDocument, `inline ${policy.PolicyName} of role ${name}`),
    };
  });
  const managed = [];
  for (const attached of role.AttachedManagedPolicies ?? []) {
    if (attached.PolicyArn === undefined) continue;
    managed.push({ source: attached.PolicyArn, kind: "managed" as const, document: await readManaged(attached.PolicyArn, name) });
  }
  const boundaryArn = role.PermissionsBoundary?.PermissionsBoundaryArn;
  return {
    roleArn: role.Arn,
    policies: sortPolicies(inline, managed),
    ...(boundaryArn !== undefined ? { permissionsBoundary: { arn: boundaryArn, document: await readManaged(boundaryArn, name) } } : {}),
  };
}
