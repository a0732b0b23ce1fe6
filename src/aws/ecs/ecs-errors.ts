import { UsageError } from "../../usage-error.js";
import { classifyAwsError, commonFailureMessage, oneLine } from "../aws-failure.js";
import { ECS_MAX_ATTEMPTS } from "./ecs-client.js";

/** The ECS calls tighten makes: reads only (the tool never changes a cluster or service). */
export type EcsCall = "ListClusters" | "ListServices" | "DescribeServices" | "DescribeTaskDefinition";

/** Where a call's failure is reported from, for its message. */
export interface EcsCallContext {
  /** What the message starts with: the command that made the call ("ecs roles"). */
  readonly prefix: string;
  readonly region: string;
}

/** What a call was about: a cluster, a task definition, or the whole region (ListClusters). */
export interface EcsSubject {
  readonly cluster?: string;
  readonly taskDefinition?: string;
}

/**
 * An SDK error from `call` -> the one-line UsageError a user can act on; errors that are no input
 * problem come back unchanged (a bug, or AWS down).
 */
export function ecsCallError(error: unknown, call: EcsCall, subject: EcsSubject, context: EcsCallContext): unknown {
  if (!(error instanceof Error)) return error;
  const { prefix, region } = context;
  // ECS API reference, ListServices and DescribeServices "Errors": ClusterNotFoundException.
  if (error.name === "ClusterNotFoundException") {
    return new UsageError(`${prefix}: no ECS cluster ${subject.cluster ?? "(unnamed)"} in ${region} (ECS ${call}); check --cluster, or pass --region with the cluster's region`);
  }
  const description = describeCall(call, subject, region);
  // ECS answers ClientException for a task definition it cannot describe (deleted, or an ARN of
  // another region); the message is AWS's own and says which.
  if (error.name === "ClientException") return new UsageError(`${prefix}: ${description} failed: ${oneLine(error.message)}`);
  const failure = classifyAwsError(error);
  if (failure === undefined) return error;
  if (failure.kind === "access-denied") return new UsageError(`${prefix}: ${description} was denied: tighten needs ecs:${call} (read-only)`);
  const message = commonFailureMessage(failure, { prefix, callDescription: description, maxAttempts: ECS_MAX_ATTEMPTS });
  return message === undefined ? error : new UsageError(message);
}

function describeCall(call: EcsCall, subject: EcsSubject, region: string): string {
  const about = subject.taskDefinition !== undefined ? ` for task definition ${subject.taskDefinition}` : subject.cluster !== undefined ? ` for cluster ${subject.cluster}` : "";
  return `ECS ${call}${about} in ${region}`;
}

/** Runs one ECS call, turning its failure into a usage error where the user can fix it. */
export async function callEcs<T>(call: EcsCall, subject: EcsSubject, context: EcsCallContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw ecsCallError(error, call, subject, context);
  }
}
