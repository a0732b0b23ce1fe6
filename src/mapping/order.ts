/**
 * Orders by UTF-16 code units, not locale: output must be byte-identical on every machine.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares element by element, then by length. */
export function compareTextLists(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const order = compareText(a[i] as string, b[i] as string);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/**
 * Orders by code point (UTF-8 byte order), as DuckDB and Athena order text: where TypeScript must
 * pick the value an engine's min() would (a sample eventID), UTF-16 order differs above U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
