/** One exception: the IAM prefix of a CloudTrail host, and the source that says so. */
export interface ServicePrefixException {
  readonly prefix: string;
  readonly source: string;
}

const IDS = "iam-dataset cloudtrail_service_mappings";
const TS = "trailscraper cloudtrail.py";

/**
 * CloudTrail eventSource hosts whose IAM service prefix is not the host name itself.
 * Sources: iam-dataset `cloudtrail_service_mappings` (MIT, Ian Mckay) and trailscraper
 * `cloudtrail.py` special cases (Apache-2.0); each prefix exists in iam-data (a test says so).
 */
export const SERVICE_PREFIX_EXCEPTIONS: Readonly<Record<string, ServicePrefixException>> = {
  "agreement-marketplace": { prefix: "aws-marketplace", source: IDS },
  amazonmq: { prefix: "mq", source: IDS },
  "application-insights": { prefix: "applicationinsights", source: IDS },
  appstream2: { prefix: "appstream", source: `${TS}: AppStream 2.0 logs as appstream2` },
  billingconsole: { prefix: "billing", source: IDS },
  "chime-sdk-media-pipelines": { prefix: "chime", source: IDS },
  "chime-sdk-voice": { prefix: "chime", source: IDS },
  cloudcontrolapi: { prefix: "cloudformation", source: `${IDS}: Cloud Control API is authorized as cloudformation:*` },
  "contact-lens": { prefix: "connect", source: IDS },
  "discovery-marketplace": { prefix: "aws-marketplace", source: IDS },
  email: { prefix: "ses", source: `${TS}: SES v1 logs as email.amazonaws.com` },
  "management-marketplace": { prefix: "aws-marketplace-management", source: IDS },
  marketplacecatalog: { prefix: "aws-marketplace", source: IDS },
  migrationhub: { prefix: "mgh", source: IDS },
  "models.lex": { prefix: "lex", source: TS },
  monitoring: { prefix: "cloudwatch", source: `${IDS}, ${TS}: CloudWatch metrics and alarms` },
  "mturk-requester": { prefix: "mechanicalturk", source: TS },
  opensearchservice: { prefix: "es", source: IDS },
  "participant-connect": { prefix: "connect", source: IDS },
  pinpoint: { prefix: "mobiletargeting", source: IDS },
  pricelist: { prefix: "pricing", source: IDS },
  qconnect: { prefix: "wisdom", source: IDS },
  rdsdata: { prefix: "rds-data", source: IDS },
  "reporting-marketplace": { prefix: "aws-marketplace", source: IDS },
  "runtime.lex": { prefix: "lex", source: TS },
  "servicecatalog-appregistry": { prefix: "servicecatalog", source: IDS },
  "streams.dynamodb": { prefix: "dynamodb", source: `${TS}: DynamoDB Streams actions are dynamodb:GetRecords, ...` },
  tagging: { prefix: "tag", source: `${IDS}, ${TS}: Resource Groups Tagging API` },
  taxconsole: { prefix: "tax", source: IDS },
  transcribestreaming: { prefix: "transcribe", source: IDS },
};

const AWS_HOST_SUFFIX = ".amazonaws.com";
const SERVICE_HOST = /^[a-z0-9][a-z0-9.-]*$/;

/**
 * The IAM service prefix CloudTrail's eventSource names: the host without ".amazonaws.com",
 * unless the exceptions say otherwise. Whether iam-data knows the prefix is the catalog's call.
 */
export function servicePrefixOf(eventSource: string): string {
  return servicePrefixWithSource(eventSource).prefix;
}

/** The prefix and where it came from: "eventSource host" or "exception table: <source>". */
export function servicePrefixWithSource(eventSource: string): { readonly prefix: string; readonly via: string } {
  const host = hostOf(eventSource);
  // An eventSource that is not a host name (missing, empty, ".amazonaws.com", or text someone
  // wrote) names no service: "" tells the caller so, rather than a prefix to look up.
  if (!SERVICE_HOST.test(host)) return { prefix: "", via: "eventSource is not a service host" };
  const exception = SERVICE_PREFIX_EXCEPTIONS[host];
  if (exception !== undefined) return { prefix: exception.prefix, via: `exception table: ${exception.source}` };
  return { prefix: host, via: "eventSource host" };
}

/** "s3" for "s3.amazonaws.com": the key of SERVICE_PREFIX_EXCEPTIONS. */
export function hostOf(eventSource: string): string {
  const source = eventSource.toLowerCase();
  return source.endsWith(AWS_HOST_SUFFIX) ? source.slice(0, -AWS_HOST_SUFFIX.length) : source;
}
