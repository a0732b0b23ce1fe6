import {
  type ArnBuilder,
  firstOf,
  namedResources,
  resourcesNamedInEvent,
  stringParameter,
  supports,
  VIA_RESOURCES,
  viaParameter,
} from "./arn-context.js";

/**
 * Repository calls name `repositoryName` and, for another account's registry, `registryId` (the
 * registry is the account). Source: ECR API Reference, e.g. BatchGetImage.
 */
export const ecrArns: ArnBuilder = (context) => {
  const { row, action, partition } = context;
  if (!supports(action, "repository")) return resourcesNamedInEvent(context);
  const name = stringParameter(row, "repositoryName");
  const registry = stringParameter(row, "registryId");
  const account = registry ?? row.account;
  return firstOf(
    "the event names no repository",
    [
      viaParameter(registry === undefined ? "repositoryName" : "repositoryName + registryId"),
      name === undefined ? [] : [`arn:${partition}:ecr:${row.region}:${account}:repository/${name}`],
    ],
    [VIA_RESOURCES, namedResources(context, "repository")],
  );
};
