/**
 * The regions of each partition, which a multi-region trail logs (CloudTrail User Guide, "Working
 * with multiple Regions": a multi-region trail logs in every region enabled in the account).
 * Source: the AWS SDK's endpoint partition data (@aws-sdk/core partitions.js, "regions"), without
 * the "aws-global" pseudo-regions; a test fails when the SDK knows a region this table does not.
 * The isolated partitions are left out: their trails need --regions.
 */
const REGIONS_BY_PARTITION: Readonly<Record<string, readonly string[]>> = {
  aws: [
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "me-west-1",
    "mx-central-1",
    "sa-east-1",
    "sa-west-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
  ],
  "aws-cn": ["cn-north-1", "cn-northwest-1"],
  "aws-us-gov": ["us-gov-east-1", "us-gov-west-1"],
};

/** Every region of `partition`, sorted, or undefined for a partition tighten has no list for. */
export function regionsOfPartition(partition: string): readonly string[] | undefined {
  return REGIONS_BY_PARTITION[partition];
}

export const KNOWN_PARTITIONS: readonly string[] = Object.keys(REGIONS_BY_PARTITION);
