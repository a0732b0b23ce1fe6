import type { UsageRow } from "../engines/usage-row.js";
import type { PolicyCondition } from "../policy/policy-document.js";
import { compareCodePoints } from "./order.js";

export interface Evidence {
  readonly count: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** One of the calls' events (UsageRow.eventId): the smallest eventID; absent when none has one. */
  readonly eventId?: string;
}

/**
 * What a role needed: one IAM action on one resource ARN (or "*"), under conditions when the call
 * shows them (kms:ViaService, iam:PassedToService); no conditions means the grant is unconditional.
 */
export interface Permission {
  readonly action: string; // "s3:GetObject", canonical IAM casing from iam-data
  readonly resource: string; // ARN, ARN pattern, or "*" for actions without resource-level support
  readonly conditions?: PolicyCondition;
  /** Why it is granted although no logged call shows it: a logged call implies it (implied-actions.ts). */
  readonly implied?: string;
  readonly evidence: Evidence;
}

/** A usage row that could not become a Permission, and why. Reported, never dropped silently. */
export interface Unmapped {
  readonly principal: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly action: string | null; // the action, when it is known but its resource is not
  readonly reason: string;
  readonly evidence: Evidence;
}

/** A call refused with an authorization error. Reported, never granted. */
export interface Denied {
  readonly principal: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly errorCode: string;
  readonly actions: readonly string[]; // what the call would have needed, when known
  readonly resources: readonly string[];
  readonly evidence: Evidence;
}

export interface MappingResult {
  readonly permissions: readonly Permission[];
  readonly unmapped: readonly Unmapped[];
  readonly denied: readonly Denied[];
  /**
   * Calls that failed with an error that does not show authorization passed (a validation error,
   * NoSuchBucket, throttling): reported beside the denied ones, never granted unless asked.
   */
  readonly failed: readonly Denied[];
}

export function evidenceOf(row: Pick<UsageRow, "count" | "firstSeen" | "lastSeen" | "eventId">): Evidence {
  return { count: row.count, firstSeen: row.firstSeen, lastSeen: row.lastSeen, ...eventIdOf(row.eventId) };
}

/** The sample event of two groups merged: the smaller id, as the engines' min() picks it. */
export function smallerEventId(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareCodePoints(a, b) <= 0 ? a : b;
}

/** `{eventId}` when there is one, else nothing: absent, never undefined, so that objects compare equal. */
export function eventIdOf(eventId: string | undefined): { eventId?: string } {
  return eventId === undefined ? {} : { eventId };
}
