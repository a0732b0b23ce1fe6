import {
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  type IAMClient,
  type ListAttachedRolePoliciesCommandInput,
  type ListRolePoliciesCommandInput,
} from "@aws-sdk/client-iam";
import { sortPolicies, type CurrentPolicy, type CurrentRolePolicies } from "./current-policies.js";
import { callIam } from "./iam-errors.js";
import { iamPages } from "./iam-pages.js";
import type { ManagedPolicyReader } from "./managed-policies.js";
import { parsePolicyDocumentText } from "./policy-document-text.js";

/**
 * One role's policies through the per-role calls: GetRole (ARN, boundary), ListRolePolicies +
 * GetRolePolicy, ListAttachedRolePolicies + the managed policy reader. `pageSize` sets MaxItems
 * (IAM's default is 100), so tests can make IAM paginate.
 */
export async function readRolePolicies(
  client: IAMClient,
  roleName: string,
  readManaged: ManagedPolicyReader,
  pageSize?: number,
): Promise<CurrentRolePolicies> {
  const subject = `role ${roleName}`;
  const { Role: role } = await callIam("GetRole", subject, () => client.send(new GetRoleCommand({ RoleName: roleName })));
  if (role?.Arn === undefined) throw new Error(`IAM GetRole ${roleName} returned no role ARN`);

  const inlineNames = await callIam("ListRolePolicies", subject, async () => {
    const names: string[] = [];
    const list = (input: ListRolePoliciesCommandInput) => client.send(new ListRolePoliciesCommand(input));
    for await (const page of iamPages(list, { RoleName: roleName }, pageSize)) {
      names.push(...(page.PolicyNames ?? []));
    }
    return names;
  });
  const attachedArns = await callIam("ListAttachedRolePolicies", subject, async () => {
    const arns: string[] = [];
    const list = (input: ListAttachedRolePoliciesCommandInput) => client.send(new ListAttachedRolePoliciesCommand(input));
    for await (const page of iamPages(list, { RoleName: roleName }, pageSize)) {
      for (const attached of page.AttachedPolicies ?? []) if (attached.PolicyArn !== undefined) arns.push(attached.PolicyArn);
    }
    return arns;
  });

  const inline: CurrentPolicy[] = [];
  for (const name of inlineNames) {
    const { PolicyDocument: text } = await callIam("GetRolePolicy", subject, () =>
      client.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name })),
    );
    if (text === undefined) throw new Error(`IAM GetRolePolicy ${roleName} ${name} returned no PolicyDocument`);
    inline.push({ source: `inline ${name}`, kind: "inline", document: parsePolicyDocumentText(text, `inline ${name} of role ${roleName}`) });
  }
  const managed: CurrentPolicy[] = [];
  for (const arn of attachedArns) managed.push({ source: arn, kind: "managed", document: await readManaged(arn, roleName) });

  const boundaryArn = role.PermissionsBoundary?.PermissionsBoundaryArn;
  return {
    roleArn: role.Arn,
    policies: sortPolicies(inline, managed),
    ...(boundaryArn !== undefined ? { permissionsBoundary: { arn: boundaryArn, document: await readManaged(boundaryArn, roleName) } } : {}),
  };
}
