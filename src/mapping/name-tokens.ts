/**
 * The parts of a resource name that a program generates (UUIDs, dates, ids, numbers) as opposed
 * to the parts a person chose (`uploads/`, `original.jpg`). A name is cut into tokens: runs of
 * ASCII letters and digits, runs of anything else (delimiters), and three kinds that span
 * delimiters (UUIDs, ISO dates and times), which are tried first. Each alphanumeric token is then
 * classified by the first row of NAME_TOKEN_RULES whose patterns it matches.
 *
 * The engines reduce names with a cheaper cut of the same idea, the mask (NAME_MASK_PATTERN: one
 * regular-expression pass in both engines' SQL, which this module walks alike in linear time), and
 * the mapping classifies the tokens of the names the engine hands over. The patterns use only what RE2
 * (DuckDB), Joni (Trino, Athena) and JavaScript read alike: classes, `{m,n}`, `|`, groups; no
 * lookaround, no `?` (Athena's parameter marker).
 */

/** How sure a token is to change from one name to the next. */
export type TokenStrength =
  /** Generated per request (a UUID, a time): never the same tomorrow. The engine abstracts it. */
  | "generated"
  /** Often generated (a small number, a short hex run), but also part of fixed names (`v2`, `thumb-256`): judged from the names seen. */
  | "varying";

export interface TokenRule {
  readonly kind: string; // the placeholder's name: "uuid" -> "{uuid}" in a template
  readonly full: string; // the token must match this whole
  readonly contains?: readonly string[]; // and contain a match of each of these
  readonly strength: TokenStrength;
  /** A date or time: as a folder (`exports/2026/11/`), it and everything below it change. */
  readonly date: boolean;
  readonly why: string;
}

const HEX_LOWER = "[0-9a-f]";
const HEX_UPPER = "[0-9A-F]";
const UUID = `${HEX_LOWER}{8}-${HEX_LOWER}{4}-${HEX_LOWER}{4}-${HEX_LOWER}{4}-${HEX_LOWER}{12}|${HEX_UPPER}{8}-${HEX_UPPER}{4}-${HEX_UPPER}{4}-${HEX_UPPER}{4}-${HEX_UPPER}{12}`;
const ISO_DATE = "[0-9]{4}-[0-9]{2}-[0-9]{2}";
const ISO_TIME = `${ISO_DATE}T[0-9]{2}([:-]{0,1}[0-9]{2}){1,2}([.][0-9]+){0,1}(Z|[+-][0-9]{2}:{0,1}[0-9]{2}){0,1}`;
/** Dates written with other separators (`2026_11_30`, `2026.11.30`), a month (`2026-11`), an ISO week (`2026-W48`). */
const OTHER_DATE = "(19|20)[0-9]{2}[_.](0[1-9]|1[0-2])[_.](0[1-9]|[12][0-9]|3[01])";
const YEAR_MONTH = "(19|20)[0-9]{2}[-_](0[1-9]|1[0-2])";
const ISO_WEEK = "(19|20)[0-9]{2}-W[0-5][0-9]";
const YMD = "(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])";

/** Tokens that span delimiters, longest forms first: a date is not cut short into a month. */
const MULTI_PART = `${UUID}|${ISO_TIME}|${ISO_DATE}|${OTHER_DATE}|${ISO_WEEK}|${YEAR_MONTH}`;

/**
 * Tokens that span delimiters, in the order they are tried; then alphanumeric runs; then runs of
 * anything else. A UUID or date can start only where an alphanumeric run starts, because the run
 * alternative swallows the whole run at any other position.
 */
export const TOKEN_PATTERN = `${MULTI_PART}|[0-9A-Za-z]+|[^0-9A-Za-z]+`;

/**
 * Alphanumeric tokens by kind, first match wins; a token no row matches is literal text. The
 * generated kinds are those whose values are unique per request by construction (RFC 9562 UUIDs,
 * ULIDs, ISO 8601 times, Unix epochs, long hex or mixed-case ids such as ECS task ids, Git SHAs,
 * S3 upload ids); the varying kinds are those a person also uses in fixed names.
 */
export const NAME_TOKEN_RULES: readonly TokenRule[] = [
  { kind: "uuid", full: UUID, strength: "generated", date: false, why: "a UUID" },
  { kind: "time", full: ISO_TIME, strength: "generated", date: true, why: "an ISO 8601 date and time" },
  { kind: "date", full: ISO_DATE, strength: "generated", date: true, why: "an ISO 8601 date" },
  { kind: "date", full: OTHER_DATE, strength: "generated", date: true, why: "a date" },
  { kind: "week", full: ISO_WEEK, strength: "generated", date: true, why: "an ISO 8601 week" },
  { kind: "month", full: YEAR_MONTH, strength: "generated", date: true, why: "a year and month" },
  { kind: "time", full: `${YMD}T[0-9]{4,6}Z{0,1}`, strength: "generated", date: true, why: "a compact date and time" },
  { kind: "date", full: YMD, strength: "generated", date: true, why: "a compact date (YYYYMMDD)" },
  { kind: "epoch", full: "1[0-9]{9}|1[0-9]{12}", strength: "generated", date: false, why: "a Unix time in seconds or milliseconds" },
  // A year in a name is next year's name in a few months: generated, as dates are.
  { kind: "year", full: "(19|20)[0-9]{2}", strength: "generated", date: true, why: "a year" },
  { kind: "id", full: "[0-9]{6,}", strength: "generated", date: false, why: "a number of six digits or more (an id)" },
  { kind: "n", full: "[0-9]{1,5}", strength: "varying", date: false, why: "a number" },
  {
    kind: "ulid",
    full: "[0-7][0-9A-HJKMNP-TV-Z]{25}|[0-7][0-9a-hjkmnp-tv-z]{25}",
    contains: ["[A-Za-z]"],
    strength: "generated",
    date: false,
    why: "a ULID",
  },
  { kind: "hex", full: `${HEX_LOWER}{8,}|${HEX_UPPER}{8,}`, contains: ["[0-9]", "[A-Fa-f]"], strength: "generated", date: false, why: "a hex id of 8 digits or more" },
  {
    kind: "id",
    full: "[0-9A-Za-z]{10,}",
    contains: ["[0-9]", "[a-z]", "[A-Z]"],
    strength: "generated",
    date: false,
    why: "a random id (10 or more mixed-case letters and digits)",
  },
  { kind: "id", full: "[0-9a-z]{20,}", contains: ["[0-9]", "[a-z]"], strength: "generated", date: false, why: "a random id (20 or more letters and digits)" },
  { kind: "hex", full: `${HEX_LOWER}{4,7}|${HEX_UPPER}{4,7}`, contains: ["[0-9]", "[A-Fa-f]"], strength: "varying", date: false, why: "a short hex run" },
  { kind: "n", full: "[0-9A-Za-z]{1,3}", contains: ["[0-9]"], strength: "varying", date: false, why: "a short run with digits" },
];

export interface NameToken {
  readonly text: string;
  /** The rule that classified it; null for literal text (words and delimiters). */
  readonly rule: TokenRule | null;
}

const TOKENS = new RegExp(TOKEN_PATTERN, "g");
const compiled = NAME_TOKEN_RULES.map((rule) => ({
  rule,
  full: new RegExp(`^(${rule.full})$`),
  contains: (rule.contains ?? []).map((pattern) => new RegExp(pattern)),
}));

/** The rule a token matches, or null for literal text. */
export function classifyToken(text: string): TokenRule | null {
  if (!/^[0-9A-Za-z]/.test(text) || /^[A-Za-z]+$/.test(text)) return null;
  return compiled.find(({ full, contains }) => full.test(text) && contains.every((c) => c.test(text)))?.rule ?? null;
}

export function nameTokens(name: string): NameToken[] {
  return (name.match(TOKENS) ?? []).map((text) => ({ text, rule: classifyToken(text) }));
}

/**
 * A name's template as the engines compute it: every generated token replaced by `{kind}`, every
 * other token kept, `{` in literal text doubled so that a template reads back unambiguously.
 * `uploads/6f1c...e2/original.jpg` -> `uploads/{uuid}/original.jpg`. Varying tokens stay literal
 * here: whether `256` in `thumb-256.jpg` varies is judged later, across the templates of a call.
 */
export function nameTemplate(name: string): string {
  return nameTokens(name)
    .map(({ text, rule }) => (rule?.strength === "generated" ? `{${rule.kind}}` : text.replaceAll("{", "{{")))
    .join("");
}

/**
 * What the engines group names by: every UUID, ISO date or time and every run of letters and
 * digits that holds a digit is a token that may vary; the rest is the name's fixed text. One
 * left-to-right pass (alternatives tried in order at each position, as RE2, Joni and JavaScript
 * all do), cheap enough to run on every distinct name of a large scan.
 */
export const NAME_MASK_PATTERN = `${MULTI_PART}|[0-9A-Za-z]*[0-9][0-9A-Za-z]*`;

/** The placeholder a masked token becomes in a mask; literal `{` is doubled, so it reads back unambiguously. */
export const MASKED = "{#}";

/**
 * A file name's extension (`.mp4`, `.gz`): never a generated part, so it is left out of the mask,
 * and names that differ in it (`video.mp4`, `video.mov`) have different masks.
 */
export const EXTENSION_PATTERN = "[.][0-9A-Za-z]{1,5}$";

/**
 * The folder of a mask before its first `{#}` (`tenants/acme/{#}.json` -> `tenants/acme/`): the
 * literal place its names live in. Names past the engine's bound fold by it, so names of two
 * tenants' folders never fold into one entry. `{{` is a literal `{`, a lone `{` opens `{#}`.
 */
export const FOLD_SCOPE_PATTERN = "^(([^{]|[{][{])*/)";

const MULTI_PART_AT = new RegExp(MULTI_PART, "y");
const FOLD_SCOPE = new RegExp(FOLD_SCOPE_PATTERN);
const ALPHANUMERIC = /[0-9A-Za-z]/;
const DIGIT = /[0-9]/;

/**
 * The matches of NAME_MASK_PATTERN in `text`, left to right, as a global regular-expression pass
 * finds them, in time linear in the text. The pattern's last alternative, a run of letters and
 * digits holding a digit, costs a backtracking engine (JavaScript's) the rest of the run at each
 * position of a run without digits: a name of 100,000 letters took seconds. Here the run's end and
 * whether a digit lies before it are known in one pass from the right; the alternatives before it
 * (UUIDs, dates, times: bounded lengths) are tried at each position as the pattern tries them.
 */
function maskMatches(text: string): { readonly index: number; readonly text: string }[] {
  const runEnd = new Int32Array(text.length + 1);
  const digitAhead = new Uint8Array(text.length + 1); // 1: a digit lies in [i, runEnd[i])
  runEnd[text.length] = text.length;
  for (let i = text.length - 1; i >= 0; i--) {
    const alphanumeric = ALPHANUMERIC.test(text[i] as string);
    runEnd[i] = alphanumeric ? (runEnd[i + 1] as number) : i;
    digitAhead[i] = alphanumeric && (DIGIT.test(text[i] as string) || digitAhead[i + 1] === 1) ? 1 : 0;
  }
  const matches: { index: number; text: string }[] = [];
  for (let at = 0; at < text.length; ) {
    MULTI_PART_AT.lastIndex = at;
    const multiPart = MULTI_PART_AT.exec(text);
    // Greedy to the run's end, then back to its last digit, then on to the end again: the whole rest of the run.
    const end = multiPart !== null ? at + multiPart[0].length : digitAhead[at] === 1 ? (runEnd[at] as number) : at;
    if (end === at) {
      at += 1;
      continue;
    }
    matches.push({ index: at, text: text.slice(at, end) });
    at = end;
  }
  return matches;
}

/** The literal folder a mask's names fold by past the engine's bound (FOLD_SCOPE_PATTERN). */
export function foldScope(mask: string): string {
  return FOLD_SCOPE.exec(mask)?.[1] ?? "";
}
const EXTENSION = new RegExp(EXTENSION_PATTERN);

/**
 * A name's mask: `{` doubled, then every token that may vary as `{#}`, the extension as it is
 * (`uploads/6f1c...e2/thumb-256.jpg` -> `uploads/{#}/thumb-{#}.jpg`). Names of one mask differ
 * only in such tokens.
 */
export function nameMask(name: string): string {
  const extension = EXTENSION.exec(name)?.[0] ?? "";
  const stem = name.slice(0, name.length - extension.length).replaceAll("{", "{{");
  let mask = "";
  let at = 0;
  for (const match of maskMatches(stem)) {
    mask += stem.slice(at, match.index) + MASKED;
    at = match.index + match.text.length;
  }
  return mask + stem.slice(at) + extension;
}

/** The name cut as its mask cuts it: fixed text, and the tokens that may vary with where they start. */
export function maskSpans(name: string): { readonly text: string; readonly start: number; readonly masked: boolean }[] {
  const extension = EXTENSION.exec(name)?.[0] ?? "";
  const stem = name.slice(0, name.length - extension.length);
  const spans: { text: string; start: number; masked: boolean }[] = [];
  let at = 0;
  for (const match of maskMatches(stem)) {
    if (match.index > at) spans.push({ text: stem.slice(at, match.index), start: at, masked: false });
    spans.push({ text: match.text, start: match.index, masked: true });
    at = match.index + match.text.length;
  }
  if (at < name.length) spans.push({ text: name.slice(at), start: at, masked: false });
  return spans;
}

/** One piece of a template: literal text, or a generated token's placeholder. */
export type TemplatePart = { readonly literal: string } | { readonly placeholder: string };

/** `uploads/{uuid}/a{{b}.jpg` -> literal "uploads/", placeholder "uuid", literal "/a{b}.jpg". */
export function templateParts(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = "";
  for (let i = 0; i < template.length; i += 1) {
    const char = template[i] as string;
    if (char === "{" && template[i + 1] === "{") {
      literal += "{";
      i += 1;
      continue;
    }
    const placeholder = char === "{" ? /^\{([a-z]+)\}/.exec(template.slice(i)) : null;
    if (placeholder === null) {
      literal += char;
      continue;
    }
    if (literal !== "") parts.push({ literal });
    literal = "";
    parts.push({ placeholder: placeholder[1] as string });
    i += placeholder[0].length - 1;
  }
  if (literal !== "") parts.push({ literal });
  return parts;
}

/** The rule behind a placeholder kind (the first of that kind: they share the same meaning). */
export function ruleOfKind(kind: string): TokenRule | undefined {
  return NAME_TOKEN_RULES.find((rule) => rule.kind === kind);
}
