import type { ActionChange, RoleDiff } from "../../diff/role-diff.js";
import { countChanges } from "../../diff/role-diff.js";
import { compareText } from "../../mapping/order.js";
import { byAction } from "../../diff/removal-groups.js";
import { printableJson } from "../shared/printable-json.js";
import { provenanceJson, type Provenance } from "../shared/provenance.js";

/** The shape's version: bumped when a field changes meaning or goes away, not when one is added. */
export const DIFF_JSON_VERSION = 1;

/**
 * The diff for machines, in the shape docs/diff-json.md documents. Objects are built key by key
 * so the order never depends on how the RoleDiff was made; changes are sorted by action and
 * denied calls by action and error code.
 */
export function renderDiffJson(diffs: readonly RoleDiff[], provenance?: Provenance): string {
  const report = { version: DIFF_JSON_VERSION, ...(provenance === undefined ? {} : { provenance: provenanceJson(provenance) }), roles: diffs.map(roleJson) };
  return printableJson(report);
}

function roleJson(diff: RoleDiff) {
  const counts = countChanges(diff);
  return {
    role: diff.role,
    current: diff.current.map((s) => ({ source: s.source, statements: s.statements })),
    permissionsBoundary: diff.permissionsBoundary,
    summary: { added: counts.added, removed: counts.removed, narrowed: counts.narrowed, unobservable: counts.unobservable, kept: counts.kept },
    changes: [...diff.changes].sort(byAction).map(changeJson),
    denied: [...diff.denied]
      .sort((a, b) => compareText(a.action, b.action) || compareText(a.errorCode, b.errorCode))
      .map((d) => ({ action: d.action, errorCode: d.errorCode, calls: d.calls })),
    unmapped: diff.unmapped,
  };
}

function changeJson(c: ActionChange) {
  return {
    action: c.action,
    change: c.change,
    accessLevel: c.accessLevel,
    risks: [...c.risks],
    current: [...c.current],
    currentConditional: c.currentConditional,
    generated: [...c.generated],
    used: c.used === null ? null : { calls: c.used.calls, lastSeen: c.used.lastSeen },
    note: c.note,
    conditionallyDenied: c.conditionallyDenied.map((d) => ({ statement: d.statement, condition: d.condition })),
  };
}
