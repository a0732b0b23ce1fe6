import type { AthenaTablePlan } from "../../athena/table-plan.js";
import type { DataEventSelection, ManagementEventSelection } from "../../aws/cloudtrail/trail-config.js";
import { printable } from "../shared/printable.js";

/** What happened to the plan: printed for the user to run, or run on Athena. */
export type AthenaInitOutcome = { readonly kind: "printed" } | { readonly kind: "created"; readonly workgroup: string };

/**
 * The stderr summary of `tighten athena init`: the trail, where the table reads, and what the trail
 * records, so that a missing data event type is said here and not discovered in a later diff.
 */
export function renderAthenaInitSummary(plan: AthenaTablePlan, outcome: AthenaInitOutcome): string {
  const { trail, spec, location } = plan;
  const kind = [trail.organization ? "organization" : undefined, trail.multiRegion ? "multi-region" : "single-region"].filter((word) => word !== undefined).join(", ");
  const lines = [
    `trail:             ${trail.arn} (${kind}, home region ${trail.homeRegion})`,
    `bucket:            s3://${trail.bucket}${trail.keyPrefix !== undefined ? `/${trail.keyPrefix}` : ""}`,
    `location:          ${location.template}`,
    `accounts:          ${spec.accounts.join(", ")}`,
    `regions:           ${spec.regions.join(", ")}${spec.regions.length > 1 ? ` (${spec.regions.length})` : ""}`,
    `days:              from ${spec.firstDay}`,
    `management events: ${managementText(spec.managementEvents)}`,
    ...dataEventLines(spec.dataEvents),
    outcome.kind === "printed"
      ? "printed the statements; nothing was run on Athena"
      : `table:             ${spec.database}.${spec.table} created (workgroup ${outcome.workgroup})`,
  ];
  return lines.map((line) => `${printable(line)}\n`).join("");
}

function managementText(events: ManagementEventSelection): string {
  const excluded = events.excludedSources.length > 0 ? `; not recorded from ${events.excludedSources.join(", ")}: their calls are unobservable` : "";
  switch (events.readOnly) {
    case "all":
      return `all${excluded}`;
    case "read":
      return `read-only: write calls are not recorded, so generate/diff cannot see them${excluded}`;
    case "write":
      return `write-only: read calls are not recorded, so generate/diff cannot see them${excluded}`;
    case "none":
      return "none: the trail records no management events, so most calls are unobservable";
  }
}

function dataEventLines(events: readonly DataEventSelection[]): string[] {
  if (events.length === 0) {
    return ["data events:       none: data events such as S3 object reads are not recorded; generate/diff will treat those actions as unobservable"];
  }
  return events.map((event, index) => `${index === 0 ? "data events:      " : "                  "} ${event.resourceType} (${event.readOnly}) ${event.scope}`);
}
