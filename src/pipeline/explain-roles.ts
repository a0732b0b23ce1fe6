import type { UsageSource } from "../engines/engine.js";
import type { RoleArn } from "../engines/role-selection.js";
import { loadIamCatalog, type IamCatalog } from "../iam/catalog.js";
import { explainRow } from "../mapping/explain-row.js";
import type { RoleExplanation } from "../mapping/explanation.js";
import { DEFAULT_GENERALIZATION, type Generalization } from "../mapping/generalization.js";
import { servicePrefixesFor } from "../mapping/map-usage.js";
import { usageOf } from "./role-usage.js";

/** Every usage row of each role with how it maps, and the catalog that decided it. */
export async function explainRoles(
  source: UsageSource,
  roles: readonly RoleArn[],
  generalization: Generalization = DEFAULT_GENERALIZATION,
): Promise<{ readonly roles: RoleExplanation[]; readonly catalog: IamCatalog }> {
  const { rows, profiles } = await usageOf(source, roles.map((role) => role.arn));
  const catalog = await loadIamCatalog(servicePrefixesFor(rows));
  return {
    catalog,
    roles: roles.map((role) => ({
      role,
      rows: rows.filter((row) => row.principal === role.arn).map((row) => explainRow(row, catalog, generalization, profiles)),
    })),
  };
}
