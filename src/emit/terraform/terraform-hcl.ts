/**
 * A small HCL body model and the layout iam-policy-json-to-terraform prints (the HCL 1 printer's):
 * a run of single-line attributes aligned on `=`; a list of two or more items one item per line with
 * a trailing comma; every multi-line item (such a list, or a block) set apart by one blank line.
 * Values are HCL expression text, already quoted and escaped by the caller.
 */
export type HclItem = HclAttribute | HclBlock;

export interface HclAttribute {
  readonly kind: "attribute";
  readonly name: string;
  /** One expression, or a list of them. */
  readonly value: string | readonly string[];
}

export interface HclBlock {
  readonly kind: "block";
  readonly type: string;
  /** Label expressions, quoted: `"aws_iam_policy_document"`. */
  readonly labels: readonly string[];
  readonly body: readonly HclItem[];
}

const INDENT = "  ";

export function attribute(name: string, value: string | readonly string[]): HclAttribute {
  return { kind: "attribute", name, value };
}

export function block(type: string, labels: readonly string[], body: readonly HclItem[]): HclBlock {
  return { kind: "block", type, labels, body };
}

/** A file holding `items` at top level, ending in a newline. */
export function renderHcl(items: readonly HclItem[]): string {
  return `${renderBody(items, "").join("\n")}\n`;
}

function renderBody(items: readonly HclItem[], indent: string): string[] {
  return layoutGroups(items).flatMap((group, index) => [
    ...(index === 0 ? [] : [""]),
    ...(isSingleLine(group[0] as HclItem) ? renderAlignedRun(group as HclAttribute[], indent) : renderMultiLine(group[0] as HclItem, indent)),
  ]);
}

/** Consecutive single-line attributes form one group; every other item is a group of its own. */
function layoutGroups(items: readonly HclItem[]): HclItem[][] {
  const groups: HclItem[][] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last !== undefined && isSingleLine(item) && isSingleLine(last[0] as HclItem)) last.push(item);
    else groups.push([item]);
  }
  return groups;
}

function isSingleLine(item: HclItem): item is HclAttribute {
  return item.kind === "attribute" && (typeof item.value === "string" || item.value.length <= 1);
}

function renderAlignedRun(run: readonly HclAttribute[], indent: string): string[] {
  const width = Math.max(...run.map((item) => item.name.length));
  return run.map((item) => `${indent}${item.name.padEnd(width)} = ${inlineValue(item.value)}`);
}

function inlineValue(value: string | readonly string[]): string {
  return typeof value === "string" ? value : `[${value.join(", ")}]`;
}

function renderMultiLine(item: HclItem, indent: string): string[] {
  if (item.kind === "attribute") {
    const values = item.value as readonly string[];
    return [`${indent}${item.name} = [`, ...values.map((value) => `${indent}${INDENT}${value},`), `${indent}]`];
  }
  const head = [item.type, ...item.labels].join(" ");
  if (item.body.length === 0) return [`${indent}${head} {}`];
  return [`${indent}${head} {`, ...renderBody(item.body, indent + INDENT), `${indent}}`];
}
