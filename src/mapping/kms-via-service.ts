import type { UsageRow } from "../engines/usage-row.js";
import { partitionOf } from "../iam/partition.js";
import type { PolicyCondition } from "../policy/policy-document.js";

/**
 * CloudTrail `invokedBy` of a KMS call an AWS service made with the role's credentials -> the
 * service's name in `kms:ViaService`, whose value is `<name>.<region>.amazonaws.com`: the
 * service's regional endpoint, not its service principal. Only services the KMS Developer Guide
 * lists as supporting kms:ViaService are rows: a call invoked by any other service gets no
 * condition (a condition AWS never sets would deny the call). Source: KMS Developer Guide,
 * "kms:ViaService" and its table of services that support it.
 */
export const KMS_VIA_SERVICES: Readonly<Record<string, string>> = {
  "athena.amazonaws.com": "athena",
  "backup.amazonaws.com": "backup",
  "dynamodb.amazonaws.com": "dynamodb",
  "ec2.amazonaws.com": "ec2", // Amazon EBS
  "ecr.amazonaws.com": "ecr",
  "elasticfilesystem.amazonaws.com": "elasticfilesystem",
  "firehose.amazonaws.com": "firehose",
  "glue.amazonaws.com": "glue",
  "kinesis.amazonaws.com": "kinesis",
  "lambda.amazonaws.com": "lambda",
  "rds.amazonaws.com": "rds",
  "redshift.amazonaws.com": "redshift",
  "s3.amazonaws.com": "s3",
  "sagemaker.amazonaws.com": "sagemaker",
  "secretsmanager.amazonaws.com": "secretsmanager",
  "ses.amazonaws.com": "ses",
  "sns.amazonaws.com": "sns",
  "sqs.amazonaws.com": "sqs",
  "ssm.amazonaws.com": "ssm",
  "states.amazonaws.com": "states",
};

/** The DNS suffix of a partition's endpoints. Source: AWS General Reference, "Service endpoints". */
const ENDPOINT_SUFFIX: Readonly<Record<string, string>> = {
  aws: "amazonaws.com",
  "aws-cn": "amazonaws.com.cn",
  "aws-us-gov": "amazonaws.com",
};

/**
 * The condition a KMS action needs when a service called KMS on the role's behalf (S3 SSE-KMS,
 * Secrets Manager, SSM SecureString, SQS/SNS server-side encryption): `kms:ViaService` equal to
 * that service's endpoint in the call's region, so the key can be used through that service and
 * not directly. Null for direct calls and for services not in KMS_VIA_SERVICES.
 */
export function kmsViaServiceCondition(row: Pick<UsageRow, "invokedBy" | "region">, servicePrefix: string): PolicyCondition | null {
  if (servicePrefix !== "kms" || row.invokedBy === null) return null;
  const service = KMS_VIA_SERVICES[row.invokedBy];
  const suffix = ENDPOINT_SUFFIX[partitionOf(row.region)];
  if (service === undefined || suffix === undefined || row.region === "") return null;
  return { StringEquals: { "kms:ViaService": [`${service}.${row.region}.${suffix}`] } };
}
