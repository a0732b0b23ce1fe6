import { parseArn } from "../../iam/arn.js";
import {
  type ArnBuilder,
  type ArnContext,
  arnInEventAccount,
  byResourceType,
  type Found,
  found,
  foundInResources,
  stringParameter,
  viaParameter,
} from "./arn-context.js";

/** Parameters that name the sending identity by ARN (sending authorization), v1 then v2. Source: SES API References. */
const IDENTITY_ARN_PARAMETERS = ["sourceArn", "fromEmailAddressIdentityArn"] as const;

/** Parameters that name it by address, v1 `Source` ("Name <a@example.com>" allowed) and v2 `FromEmailAddress`. */
const ADDRESS_PARAMETERS = ["source", "fromEmailAddress"] as const;

/** Identity management calls of SES v2 (v1's have no resource-level permissions). */
const IDENTITY_PARAMETERS = ["emailIdentity"] as const;

/**
 * Sending is authorized against the identity SES sends as: `identity/ADDRESS` when that address
 * is verified, else `identity/DOMAIN` of its verified domain. The event does not say which is
 * verified, so a send from an address is granted on both (a domain-only setup would otherwise be
 * refused). Templates and configuration sets are named by `template` and `configurationSetName`.
 * Source: SES Developer Guide, "Controlling access to Amazon SES" and "Sending authorization".
 */
export const sesArns: ArnBuilder = (context) =>
  byResourceType(context, {
    identity: identityArns,
    template: (c) => named(c, "template", "template"),
    "configuration-set": (c) => named(c, "configurationSetName", "configuration-set"),
  });

function identityArns(context: ArnContext): Found {
  const { row } = context;
  for (const name of IDENTITY_ARN_PARAMETERS) {
    const arn = stringParameter(row, name);
    if (arn !== undefined && parseArn(arn) !== undefined) return found([arn], viaParameter(name));
  }
  for (const name of ADDRESS_PARAMETERS) {
    const address = addressOf(stringParameter(row, name));
    if (address === undefined) continue;
    const domain = address.slice(address.lastIndexOf("@") + 1);
    return found(
      [identity(context, address), identity(context, domain)],
      `${viaParameter(name)} (the address identity, or its domain's)`,
    );
  }
  for (const name of IDENTITY_PARAMETERS) {
    const value = stringParameter(row, name);
    if (value !== undefined) return found([parseArn(value) !== undefined ? value : identity(context, value)], viaParameter(name));
  }
  return foundInResources(context, "identity");
}

function identity(context: ArnContext, name: string): string {
  return arnInEventAccount(context, "ses", `identity/${name}`);
}

function named(context: ArnContext, parameter: string, type: string): Found {
  const value = stringParameter(context.row, parameter);
  if (value === undefined) return foundInResources(context, type);
  return found([arnInEventAccount(context, "ses", `${type}/${value}`)], viaParameter(parameter));
}

/** The address of "a@example.com" or "Name <a@example.com>"; undefined for anything else. */
function addressOf(source: string | undefined): string | undefined {
  if (source === undefined) return undefined;
  const address = (/<([^<>]+)>\s*$/.exec(source)?.[1] ?? source).trim();
  return /^[^@\s]+@[^@\s]+$/.test(address) ? address : undefined;
}
