import { parseArn } from "../../iam/arn.js";
import { type ArnBuilder, arns, missing, resourcesNamedInEvent, stringParameter, supports, viaParameter } from "./arn-context.js";

/**
 * A cross-Region inference profile AWS defines is named by a geography prefix before the model id
 * (`us.anthropic.claude-3-5-sonnet-20240620-v1:0`); a bare model id is a foundation model. Source:
 * Bedrock User Guide, "Supported Regions and models for inference profiles".
 */
const SYSTEM_PROFILE = /^(us|eu|apac|us-gov|global|jp|au|ca)\.(.+)$/;

/**
 * Model invocation names its model by `modelId`: a foundation model id, an inference profile id,
 * or the ARN of either (or of a custom or provisioned model). Foundation models belong to no
 * account (`foundation-model/ID`, empty account). Invoking through a system inference profile is
 * authorized on the profile and on the foundation model in every Region the profile routes to;
 * those Regions are AWS's choice, not in the event, so the model is granted in any Region.
 * Source: Bedrock User Guide, "Prerequisites for inference profiles" and "Resource types defined by
 * Amazon Bedrock" (Service Authorization Reference).
 */
export const bedrockArns: ArnBuilder = (context) => {
  const { row, action, partition } = context;
  const modelId = stringParameter(row, "modelId");
  if (modelId === undefined || !supports(action, "foundation-model")) return resourcesNamedInEvent(context);
  const via = viaParameter("modelId");
  if (parseArn(modelId) !== undefined) return arns([modelId], via);
  const profile = SYSTEM_PROFILE.exec(modelId);
  if (profile !== null && supports(action, "inference-profile")) {
    return arns(
      [`arn:${partition}:bedrock:${row.region}:${row.account}:inference-profile/${modelId}`, `arn:${partition}:bedrock:*::foundation-model/${profile[2]}`],
      `${via} (a system inference profile: the profile, and its model in the Regions it routes to)`,
    );
  }
  if (modelId.includes("/")) return missing(`cannot read model id ${modelId}`);
  return arns([`arn:${partition}:bedrock:${row.region}::foundation-model/${modelId}`], via);
};
