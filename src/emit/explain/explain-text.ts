import type { Coverage } from "../../mapping/coverage.js";
import { percent } from "../../mapping/coverage.js";
import type { RowExplanation } from "../../mapping/explanation.js";
import type { RoleExplanation } from "../../mapping/explanation.js";
import { printLines, styled, tableLines, type TextLine, type TextOptions, type TextStyle } from "../shared/text-paint.js";
import { renderTable } from "../shared/table.js";

const OUTCOME_TEXT: Record<RowExplanation["outcome"], string> = {
  granted: "granted",
  denied: "DENIED: not granted",
  failed: "FAILED: not granted",
  unauthenticated: "failed authentication: not granted",
  "no-permission-needed": "needs no permission",
  "unknown-service": "unknown service: not granted",
};

/** Each call of each role: event -> service -> action(s) -> resource(s), with where each came from. */
export function renderExplanation(roles: readonly RoleExplanation[], options: TextOptions = {}): string {
  const lines: TextLine[] = [];
  for (const { role, rows } of roles) {
    lines.push(styled(role.arn, "heading"));
    for (const explanation of rows) lines.push(...explainLines(explanation), "");
    if (rows.length === 0) lines.push("  (no calls in the window)", "");
  }
  return printLines(lines, options).join("\n");
}

/** How a call's first line is painted: what was not granted stands out. */
const OUTCOME_STYLE: Record<RowExplanation["outcome"], TextStyle | null> = {
  granted: null,
  denied: "breaks",
  failed: "decide",
  unauthenticated: "decide",
  "no-permission-needed": null,
  "unknown-service": "decide",
};

function explainLines(explanation: RowExplanation): TextLine[] {
  const { row } = explanation;
  const calls = `${row.count} call${row.count === 1 ? "" : "s"}`;
  const error = row.errorCode === null ? "" : ` ${row.errorCode}`;
  const via = row.invokedBy === null ? "" : ` via ${row.invokedBy}`;
  const first = `  ${row.eventSource} ${row.eventName} in ${row.region || "?"} (${row.account || "?"})${via}: ${calls}, ${row.firstSeen} .. ${row.lastSeen}${error}: ${OUTCOME_TEXT[explanation.outcome]}`;
  const style = OUTCOME_STYLE[explanation.outcome];
  const lines: TextLine[] = [
    style === null ? first : styled(first, style),
    `    service ${explanation.servicePrefix} (${explanation.servicePrefixVia})`,
  ];
  if (explanation.note !== null) lines.push(`    ${explanation.note}`);
  for (const action of explanation.actions) {
    const implied = action.implied === undefined ? "" : `implied: ${action.implied}; `;
    lines.push(`    -> ${action.action} (${implied}${action.actionVia}${action.exists ? "" : "; not in iam-data"})`);
    for (const resource of action.resources) {
      lines.push(`       ${resource}${action.resourcesVia ? `  (${action.resourcesVia})` : ""}`);
      // Each pattern made from names: the template it covers, how many names, and why.
      for (const name of action.names?.filter((n) => n.pattern === resource) ?? []) {
        lines.push(`         from ${name.template} (${name.names} name${name.names === 1 ? "" : "s"}): ${name.why}`);
      }
    }
    if (action.unmapped !== null) lines.push(`       no resource: ${action.unmapped}`);
  }
  return lines;
}

/** Per-role and overall coverage, then every call that gave no or not all of its permissions. */
export function renderCoverage(perRole: readonly { readonly name: string; readonly coverage: Coverage }[], total: Coverage, options: TextOptions = {}): string {
  const row = (name: string, c: Coverage) => [
    name,
    c.calls,
    c.successfulCalls,
    percent(c.mappedCalls, c.successfulCalls),
    percent(c.specificActions, c.resourceLevelActions),
    percent(c.referencedCalls, c.successfulCalls),
    c.uncovered.length,
  ];
  const lines: TextLine[] = [
    ...tableLines(
      renderTable(
        ["ROLE", "CALLS", "SUCCESSFUL", "TO ACTIONS", "TO ARNS", "IN REFERENCE", "UNCOVERED"],
        [...perRole.map(({ name, coverage }) => row(name, coverage)), row("(all)", total)],
      ),
    ),
    "",
    "TO ACTIONS: successful calls whose every action exists in iam-data.",
    "TO ARNS: of their actions IAM can scope to a resource, those given a specific ARN or a scoped pattern.",
    "IN REFERENCE: successful calls whose service, call and request features the reference table holds and a test checks against AWS's documentation.",
  ];
  const uncovered = perRole.flatMap(({ name, coverage }) => coverage.uncovered.map((call) => ({ name, call })));
  if (uncovered.length > 0) {
    lines.push("", styled("Uncovered calls:", "decide"));
    lines.push(
      ...tableLines(
        renderTable(
          ["ROLE", "CALL", "ACTION", "CALLS", "REASON"],
          uncovered.map(({ name, call }) => [name, `${call.eventSource}:${call.eventName}`, call.action ?? "-", call.count, call.reason]),
        ),
      ),
    );
  }
  return printLines(lines, options).join("\n") + "\n";
}
