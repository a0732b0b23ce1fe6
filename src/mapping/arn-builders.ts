import { apigatewayArns } from "./arns/apigateway-arns.js";
import type { ArnBuilder } from "./arns/arn-context.js";
import { bedrockArns } from "./arns/bedrock-arns.js";
import { dynamodbArns } from "./arns/dynamodb-arns.js";
import { ecrArns } from "./arns/ecr-arns.js";
import { ecsArns } from "./arns/ecs-arns.js";
import { eventsArns } from "./arns/events-arns.js";
import { firehoseArns } from "./arns/firehose-arns.js";
import { glueArns } from "./arns/glue-arns.js";
import { kinesisArns } from "./arns/kinesis-arns.js";
import { kmsArns } from "./arns/kms-arns.js";
import { lambdaArns } from "./arns/lambda-arns.js";
import { hasParameterRows, parameterArns } from "./arns/parameter-arns.js";
import { logsArns } from "./arns/logs-arns.js";
import { s3Arns } from "./arns/s3-arns.js";
import { secretsmanagerArns } from "./arns/secretsmanager-arns.js";
import { sesArns } from "./arns/ses-arns.js";
import { snsArns } from "./arns/sns-arns.js";
import { sqsArns } from "./arns/sqs-arns.js";
import { ssmArns } from "./arns/ssm-arns.js";
import { statesArns } from "./arns/states-arns.js";
import { stsArns } from "./arns/sts-arns.js";

/**
 * IAM service prefix -> how its ARNs are read from requestParameters, for services whose names
 * need more than filling an ARN format (S3 keys, SQS queue URLs, Secrets Manager suffixes, ...).
 * Services not listed are read by the table-driven builder (arns/parameter-arn-table.ts), which
 * falls back to the ARNs CloudTrail names in resources[].
 */
export const ARN_BUILDERS: Readonly<Record<string, ArnBuilder>> = {
  apigateway: apigatewayArns,
  bedrock: bedrockArns,
  dynamodb: dynamodbArns,
  ecr: ecrArns,
  ecs: ecsArns,
  events: eventsArns,
  firehose: firehoseArns,
  glue: glueArns,
  kinesis: kinesisArns,
  kms: kmsArns,
  lambda: lambdaArns,
  logs: logsArns,
  s3: s3Arns,
  secretsmanager: secretsmanagerArns,
  ses: sesArns,
  sns: snsArns,
  sqs: sqsArns,
  ssm: ssmArns,
  states: statesArns,
  sts: stsArns,
};

export function arnBuilderFor(servicePrefix: string): ArnBuilder {
  const own = ARN_BUILDERS[servicePrefix];
  if (own === undefined) return parameterArns;
  // A hand-written builder's resource types come first; the types it does not read (SSM
  // documents and managed nodes, S3 Storage Lens) are the table's.
  return (context) => {
    const result = own(context);
    return "reason" in result && hasParameterRows(context) ? parameterArns(context) : result;
  };
}
