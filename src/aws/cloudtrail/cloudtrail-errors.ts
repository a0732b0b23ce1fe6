import { UsageError } from "../../usage-error.js";
import { classifyAwsError, commonFailureMessage, oneLine } from "../aws-failure.js";
import { CLOUDTRAIL_MAX_ATTEMPTS } from "./cloudtrail-client.js";

/** The CloudTrail calls tighten makes: reads only (the tool never changes a trail). */
export type CloudTrailCall = "DescribeTrails" | "GetEventSelectors";

// CloudTrail's codes for a trail name or ARN it cannot use (CloudTrail API reference, DescribeTrails and GetEventSelectors "Errors").
const NOT_FOUND = new Set(["TrailNotFoundException"]);
const INVALID_NAME = new Set(["InvalidTrailNameException", "CloudTrailARNInvalidException"]);

/**
 * An SDK error from `call` about `--trail trail` -> the one-line UsageError a user can act on;
 * errors that are no input problem come back unchanged (a bug, or AWS down).
 */
export function cloudTrailCallError(error: unknown, call: CloudTrailCall, trail: string, region: string): unknown {
  if (!(error instanceof Error)) return error;
  const prefix = `--trail ${trail}`;
  if (NOT_FOUND.has(error.name)) return new UsageError(trailNotFoundMessage(trail, region, call));
  if (INVALID_NAME.has(error.name)) return new UsageError(`${prefix}: not a trail name or trail ARN CloudTrail accepts (${oneLine(error.message)})`);
  const failure = classifyAwsError(error);
  if (failure === undefined) return error;
  if (failure.kind === "access-denied") {
    return new UsageError(`${prefix}: CloudTrail ${call} in ${region} was denied: tighten needs cloudtrail:${call} (read-only) on the trail`);
  }
  const message = commonFailureMessage(failure, { prefix, callDescription: `CloudTrail ${call} in ${region}`, maxAttempts: CLOUDTRAIL_MAX_ATTEMPTS });
  return message === undefined ? error : new UsageError(message);
}

export function trailNotFoundMessage(trail: string, region: string, call: CloudTrailCall): string {
  return `--trail ${trail}: no such trail in ${region} (CloudTrail ${call}, shadow trails included); pass the trail's ARN, or --region with a region the trail logs`;
}

/** Runs one CloudTrail call, turning its failure into a usage error where the user can fix it. */
export async function callCloudTrail<T>(call: CloudTrailCall, trail: string, region: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw cloudTrailCallError(error, call, trail, region);
  }
}
