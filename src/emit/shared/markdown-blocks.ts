/** A fenced code block whose fence is longer than any run of backticks inside, so nothing inside can close it. */
export function fencedBlock(body: string, info: string): string[] {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return [`${fence}${info}`, body, fence];
}

/** GFM table rows. Cells arrive escaped; none holds an unescaped `|` or a line break. */
export function markdownTable(header: readonly string[], align: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const row = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [row(header), row(align), ...rows.map(row)];
}
