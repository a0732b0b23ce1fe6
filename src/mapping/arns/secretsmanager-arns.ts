import { parseArn } from "../../iam/arn.js";
import { type ArnBuilder, type ArnContext, arnInEventAccount, firstOf, resourcesNamedInEvent, stringListParameter, supports, viaParameter } from "./arn-context.js";

/** The "-" and six random characters Secrets Manager appends to a secret's name in its ARN. */
const RANDOM_SUFFIX = /-[A-Za-z0-9]{6}$/;
const ANY_SUFFIX = "-??????";

/**
 * `secretId` is a secret's ARN or its name. Secret ARNs end in "-" and six random characters that
 * a name does not carry, so a name becomes `secret:NAME-??????`, the pattern AWS recommends; a full
 * ARN becomes the same pattern unless Generalization.secretNames is "exact" (see there), and a
 * partial ARN (the name without its suffix) always does.
 * BatchGetSecretValue lists its secrets in `secretIdList`; CreateSecret names the secret by `name`.
 * Source: Secrets Manager User Guide, "Permissions policy examples" / "Secret ARN".
 */
export const secretsmanagerArns: ArnBuilder = (context) => {
  if (!supports(context.action, "secret")) return resourcesNamedInEvent(context);
  const secretArns = (parameter: string) => stringListParameter(context.row, parameter).map((id) => secretArn(context, id));
  return firstOf(
    "the event names no secret",
    ...["secretId", "secretIdList", "name"].map((name) => [viaParameter(name), secretArns(name)] as const),
    ...(context.row.eventName === "BatchGetSecretValue" ? [[VIA_FILTERS, [arnInEventAccount(context, "secretsmanager", "secret:*")]] as const] : []),
  );
};

/**
 * BatchGetSecretValue takes either SecretIdList or Filters (name, tag-key, tag-value, ...); filters
 * select as ListSecrets does, among the secrets of the caller's account in the Region, and which
 * ones matched is only in the response. Source: Secrets Manager API Reference, BatchGetSecretValue
 * (Filters, and "you must have secretsmanager:GetSecretValue permissions for each secret") and ListSecrets.
 */
const VIA_FILTERS = "scoped pattern: BatchGetSecretValue chose its secrets by filters (no secretIdList), any secret of the account and Region";

function secretArn(context: ArnContext, id: string): string {
  if (parseArn(id) === undefined) return arnInEventAccount(context, "secretsmanager", `secret:${id}${ANY_SUFFIX}`);
  // A partial ARN (no random suffix) is accepted by the API, but IAM matches the full ARN, which
  // has the suffix: without the pattern the grant would match nothing, whatever the generalization.
  if (!RANDOM_SUFFIX.test(id)) return `${id}${ANY_SUFFIX}`;
  if (context.generalization.secretNames === "any-suffix") return id.replace(RANDOM_SUFFIX, ANY_SUFFIX);
  return id;
}
