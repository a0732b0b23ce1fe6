import { type ArnBuilder, byResourceType, found, foundInResources, stringParameter, viaParameter } from "./arn-context.js";

/**
 * AssumeRole and its kin are authorized against the target role's ARN (`roleArn`, as given, with
 * its path and account: assuming a role in another account is the common cross-account case;
 * CloudTrail also names it in resources[] as AWS::IAM::Role). GetFederationToken is authorized
 * against the federated user it names, `arn:P:sts::ACCOUNT:federated-user/NAME`.
 * Source: STS API Reference, AssumeRole and GetFederationToken.
 */
export const stsArns: ArnBuilder = (context) =>
  byResourceType(context, {
    role: (c) => {
      const roleArn = stringParameter(c.row, "roleArn");
      return found(roleArn === undefined ? [] : [roleArn], viaParameter("roleArn")) ?? foundInResources(c, "role");
    },
    "federated-user": (c) => {
      const name = stringParameter(c.row, "name");
      const arn = `arn:${c.partition}:sts::${c.row.account}:federated-user/${name}`;
      return found(name === undefined ? [] : [arn], viaParameter("name"));
    },
  });
