/**
 * The ARN partition a region belongs to. Source: AWS General Reference, "Amazon Resource Names":
 * aws-cn for the China regions, aws-us-gov for GovCloud (US), aws elsewhere. The isolated
 * partitions (aws-iso*, aws-eusc) are added here as rows when someone runs tighten there.
 */
const PARTITION_BY_REGION_PREFIX: readonly (readonly [prefix: string, partition: string])[] = [
  ["cn-", "aws-cn"],
  ["us-gov-", "aws-us-gov"],
  ["us-iso-", "aws-iso"],
  ["us-isob-", "aws-iso-b"],
  ["eusc-", "aws-eusc"],
];

export function partitionOf(region: string): string {
  return PARTITION_BY_REGION_PREFIX.find(([prefix]) => region.startsWith(prefix))?.[1] ?? "aws";
}
