/**
 * "Did you mean" for what yargs did not know: the closest command or flag within two edits
 * (insert, delete, substitute or swap two neighbours), or nothing when none is that close.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of [...candidates].sort()) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= Math.min(2, Math.floor(candidate.length / 2)) && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** Optimal string alignment distance: Levenshtein with transpositions of neighbours. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i]!;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * yargs' "Unknown argument(s): genrate" or "...: all-role, allRole" with a suggestion for each
 * word: a command when the word is the first positional one, otherwise a flag. yargs lists each
 * unknown flag also in camelCase; those copies are dropped.
 */
export function withSuggestions(message: string, commands: readonly string[], flags: readonly string[]): string {
  const match = /^Unknown arguments?: (.*)$/.exec(message);
  if (match === null) return message;
  const words = (match[1] ?? "").split(", ");
  const unknown = words.filter((word) => !(/[A-Z]/.test(word) && words.includes(word.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`))));
  const hints = unknown.flatMap((word) => {
    const command = closest(word, commands);
    if (command !== undefined) return [`"${word}": did you mean ${command}?`];
    const flag = closest(word, flags.filter((f) => f.length > 1 && !/[A-Z]/.test(f)));
    return flag === undefined ? [] : [`--${word}: did you mean --${flag}?`];
  });
  const head = `Unknown argument${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`;
  return hints.length === 0 ? head : `${head} (${hints.join("; ")})`;
}
