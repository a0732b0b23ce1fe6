import type { AthenaClient } from "@aws-sdk/client-athena";
import { runAthenaStatement, type PollSettings } from "../aws/athena/athena-statement.js";
import type { TrailConfig } from "../aws/cloudtrail/trail-config.js";
import type { AthenaTablePlan } from "../athena/table-plan.js";
import { logLocation, renderCloudTrailTable, renderCreateDatabase } from "../athena/ddl.js";
import { sqlIdentifier } from "../athena/ddl-values.js";
import { cloudTrailTableSpec, type TableChoices } from "../athena/trail-table-spec.js";

/**
 * The statements that make the table: the database if missing, then the table. With `replace` an
 * existing table of that name is dropped first; it is EXTERNAL, so dropping it deletes no log.
 */
export function planAthenaTable(trail: TrailConfig, choices: TableChoices, replace: boolean): AthenaTablePlan {
  const spec = cloudTrailTableSpec(trail, choices);
  const name = `${spec.database}.${spec.table}`;
  const qualified = `${sqlIdentifier(spec.database, "--database")}.${sqlIdentifier(spec.table, "--table")}`;
  return {
    trail,
    spec,
    location: logLocation(spec),
    statements: [
      { label: `CREATE DATABASE ${spec.database}`, sql: renderCreateDatabase(spec.database) },
      ...(replace ? [{ label: `DROP TABLE ${name}`, sql: `DROP TABLE IF EXISTS ${qualified}` }] : []),
      { label: `CREATE EXTERNAL TABLE ${name}`, sql: renderCloudTrailTable(spec) },
    ],
  };
}

/** The plan as a script a user can paste into the Athena console. */
export function planScript(plan: AthenaTablePlan): string {
  return plan.statements.map((statement) => `${statement.sql};\n`).join("\n");
}

export interface AthenaTarget {
  readonly region: string;
  readonly workgroup: string;
  readonly outputLocation: string | undefined;
}

/** Runs the plan's statements one after another, each to completion. */
export async function runAthenaPlan(client: AthenaClient, plan: AthenaTablePlan, target: AthenaTarget, poll?: PollSettings): Promise<void> {
  for (const statement of plan.statements) {
    await runAthenaStatement(client, statement.sql, target, {
      prefix: "athena init",
      label: statement.label,
      failureHint: (reason) =>
        /already exists/i.test(reason) && statement.label.startsWith("CREATE EXTERNAL TABLE")
          ? "pass --replace to drop and recreate it (the logs stay in S3), or another --table"
          : undefined,
      ...(poll !== undefined ? { poll } : {}),
    });
  }
}
