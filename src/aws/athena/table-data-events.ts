import { GetTableMetadataCommand, type AthenaClient } from "@aws-sdk/client-athena";
import type { DataEventSelection, ManagementEventSelection } from "../cloudtrail/trail-config.js";
import { decodeDataEvents, decodeManagementEvents, DATA_EVENTS_PROPERTY, MANAGEMENT_EVENTS_PROPERTY, TRAIL_PROPERTY } from "../../athena/trail-table-properties.js";
import { UsageError } from "../../usage-error.js";
import { oneLine } from "../aws-failure.js";
import { callAthena } from "./athena-errors.js";

/** What `tighten athena init` recorded on a table about the trail behind it. */
export interface RecordedTrailEvents {
  readonly trailArn: string | undefined;
  /** Undefined when the table does not say (made by hand, or by an older tighten). */
  readonly managementEvents: ManagementEventSelection | undefined;
  readonly dataEvents: readonly DataEventSelection[] | undefined;
}

export interface TableName {
  readonly region: string;
  /** Athena's catalog of Glue tables unless told otherwise. */
  readonly catalog?: string;
  readonly database: string;
  readonly table: string;
  readonly workgroup?: string;
}

/**
 * The trail events recorded in the table's properties (Athena GetTableMetadata "Parameters" holds
 * TBLPROPERTIES). A table without them is not an error: the engine then judges data events from
 * the logs alone, as for local files.
 */
export async function readTableDataEvents(client: AthenaClient, name: TableName): Promise<RecordedTrailEvents> {
  const prefix = `--table ${name.database}.${name.table}`;
  const answer = await callAthena("GetTableMetadata", prefix, name.region, async () => {
    try {
      return await client.send(
        new GetTableMetadataCommand({
          CatalogName: name.catalog ?? "AwsDataCatalog",
          DatabaseName: name.database,
          TableName: name.table,
          ...(name.workgroup !== undefined ? { WorkGroup: name.workgroup } : {}),
        }),
      );
    } catch (error) {
      // Athena answers an unknown database or table with MetadataException (API reference, GetTableMetadata "Errors").
      if ((error as Error).name === "MetadataException") {
        throw new UsageError(`${prefix}: Athena has no such table (${oneLine((error as Error).message)}); create it with tighten athena init`);
      }
      throw error;
    }
  });
  const parameters = answer.TableMetadata?.Parameters ?? {};
  const read = <T>(property: string, decode: (text: string) => T): T | undefined => {
    const text = parameters[property];
    if (text === undefined) return undefined;
    try {
      return decode(text);
    } catch (error) {
      throw new UsageError(`${prefix}: table property ${property} is not as tighten athena init wrote it (${(error as Error).message}); run tighten athena init again`);
    }
  };
  return {
    trailArn: parameters[TRAIL_PROPERTY],
    managementEvents: read(MANAGEMENT_EVENTS_PROPERTY, decodeManagementEvents),
    dataEvents: read(DATA_EVENTS_PROPERTY, decodeDataEvents),
  };
}
