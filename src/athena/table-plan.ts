import type { TrailConfig } from "../aws/cloudtrail/trail-config.js";
import type { CloudTrailTableSpec, LogLocation } from "./ddl.js";

/** One statement of the plan, with the words messages use for it. */
export interface PlannedStatement {
  readonly label: string;
  readonly sql: string;
}

/** What `tighten athena init` will run, decided from the trail and the flags alone. */
export interface AthenaTablePlan {
  readonly trail: TrailConfig;
  readonly spec: CloudTrailTableSpec;
  readonly location: LogLocation;
  readonly statements: readonly PlannedStatement[];
}
