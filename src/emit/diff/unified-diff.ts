import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from "diff";
import { printable } from "../shared/printable.js";

export interface UnifiedDiffLabels {
  readonly current: string; // "current/app.json"
  readonly generated: string;
}

/** Lines of context around each change, as `diff -u` writes by default. */
const CONTEXT = 3;

/**
 * A unified diff from the current policy document to the generated one, both written as 2-space
 * JSON; the caller normalizes them (key order, sorted arrays) so that the diff shows meaning, not
 * layout. Empty when the two are the same. The headers carry the labels only: no timestamps, no
 * "Index:" line, so the same documents always give the same bytes.
 */
export function renderUnifiedDiff(current: unknown, generated: unknown, labels: UnifiedDiffLabels): string {
  const before = documentText(current);
  const after = documentText(generated);
  if (before === after) return "";
  // A line break in a label would end the header line and make the patch unparseable.
  const patch = structuredPatch(printable(labels.current), printable(labels.generated), before, after, undefined, undefined, { context: CONTEXT });
  return formatPatch(patch, FILE_HEADERS_ONLY);
}

function documentText(document: unknown): string {
  // JSON.stringify gives undefined for undefined (no policy at all): an empty file.
  const text = JSON.stringify(document, null, 2) as string | undefined;
  if (text === undefined) return "";
  // See renderDiffJson: \uXXXX for DEL, C1 controls and bidi overrides, same JSON values. The
  // trailing line break keeps "\ No newline at end of file" out of the patch.
  return text.split("\n").map(printable).join("\n") + "\n";
}
