import { parseArn } from "../../iam/arn.js";
import {
  type ArnBuilder,
  type ArnContext,
  arnInEventAccount,
  arns,
  missing,
  namedResources,
  resourcesNamedInEvent,
  stringParameter,
  supports,
  VIA_RESOURCES,
  viaParameter,
} from "./arn-context.js";

/** Key ARNs with where each list was read. */
interface Found {
  readonly arns: readonly string[];
  readonly via: readonly string[];
}

/**
 * KMS authorizes cryptographic calls against the key ARN even when the caller names an alias, and
 * CloudTrail records that key in resources[] (type AWS::KMS::Key), including for calls S3 or SSM
 * make on the role's behalf (invokedBy). Alias management needs the alias ARN and the key ARN.
 * ReEncrypt needs ReEncryptFrom on the source key and ReEncryptTo on the destination key.
 * Source: KMS Developer Guide, "Permissions reference" and "Using aliases to control access".
 */
export const kmsArns: ArnBuilder = (context) => {
  const { action } = context;
  const wantsKey = supports(action, "key");
  const wantsAlias = supports(action, "alias");
  if (!wantsKey && !wantsAlias) return resourcesNamedInEvent(context);
  const keys = wantsKey ? keyArnsFor(context) : { arns: [], via: [] };
  const aliases = wantsAlias ? aliasArns(context) : { arns: [], via: [] };
  if (wantsKey && keys.arns.length === 0) return missing("the event names the key only by alias, or not at all");
  if (wantsAlias && aliases.arns.length === 0 && isRequired(context, "alias")) return missing("the event names no alias");
  return arns([...aliases.arns, ...keys.arns], [...aliases.via, ...keys.via].join(" + "));
};

function keyArnsFor(context: ArnContext): Found {
  const { action } = context;
  const named = namedResources(context, "key");
  const keyOf = (parameter: string): Found => {
    const arn = keyArnOf(context, stringParameter(context.row, parameter));
    return arn === undefined ? { arns: [], via: [] } : { arns: [arn], via: [viaParameter(parameter)] };
  };
  const destination = keyOf("destinationKeyId");
  if (action.name === "ReEncryptTo") return destination;
  if (action.name === "ReEncryptFrom") {
    const source = keyOf("sourceKeyId");
    if (source.arns.length > 0) return source;
    // resources[] lists both keys; the one that is not the destination is the source.
    const others = named.filter((arn) => !destination.arns.includes(arn));
    return { arns: others.length > 0 ? others : named, via: [`${VIA_RESOURCES} (not the destination key)`] };
  }
  const parts = [
    { arns: named, via: named.length > 0 ? [VIA_RESOURCES] : [] },
    keyOf("keyId"),
    keyOf("targetKeyId"),
  ];
  return { arns: [...new Set(parts.flatMap((p) => p.arns))], via: parts.flatMap((p) => p.via) };
}

/** A key id (UUID or `mrk-...`) or key ARN as a key ARN; aliases do not say which key they name. */
function keyArnOf(context: ArnContext, id: string | undefined): string | undefined {
  if (id === undefined || id.startsWith("alias/")) return undefined;
  const arn = parseArn(id);
  if (arn !== undefined) return arn.resource.startsWith("key/") ? id : undefined;
  return arnInEventAccount(context, "kms", `key/${id}`);
}

function aliasArns(context: ArnContext): Found {
  const alias = stringParameter(context.row, "aliasName");
  if (alias === undefined) {
    const named = namedResources(context, "alias");
    return { arns: named, via: named.length > 0 ? [VIA_RESOURCES] : [] };
  }
  const arn = parseArn(alias) !== undefined ? alias : arnInEventAccount(context, "kms", alias);
  return { arns: [arn], via: [viaParameter("aliasName")] };
}

function isRequired(context: ArnContext, resourceType: string): boolean {
  return context.action.resourceTypes.some((t) => t.name === resourceType && t.required);
}
