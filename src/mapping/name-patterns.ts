import type { KeyShape, ObjectKeys } from "../engines/usage-row.js";
import { escapeResourceName } from "../iam/arn.js";
import { foldNames } from "../engines/merge-usage-rows.js";
import { classifyToken, maskSpans, nameTokens, type TokenRule } from "./name-tokens.js";
import { compareText } from "./order.js";

/**
 * How names a call used (S3 object keys, log streams) become resource patterns:
 * - "shape" (the default): by what the names show of themselves. Generated parts (UUIDs, dates,
 *   ids; name-tokens.ts) become `*`, a date folder ends the pattern, numbers that differ between
 *   names become `*`, a name used again and again over the window stays exact; several such
 *   names read from one folder (not the bucket's root) grant that folder, for reads only.
 * - "folder": every name under a first path segment as their common folder (`receipts/2026/*`).
 * - "exact": each name as it was used (the scan must keep every name: NameReduction "exact").
 */
export type NameRule = "shape" | "folder" | "exact";

/** A rule for the names under one prefix; "*" grants every name under it. */
export type PrefixRule = NameRule | "*";

export interface PrefixOverride {
  readonly prefix: string; // relative to the container: a key prefix inside its bucket
  readonly rule: PrefixRule;
}

/** One granted name pattern and why: what `tighten explain` shows for each. */
export interface NamePattern {
  readonly pattern: string; // a resource name pattern, escaped for IAM: "uploads/*/original.jpg"
  readonly template: string; // what it covers, as a template or a name: "uploads/{uuid}/original.jpg"
  readonly names: number; // distinct names seen that it covers
  readonly why: string;
}

export interface NamePatternOptions {
  readonly rule: NameRule;
  /**
   * The action only reads the names (IAM access level Read): a folder the role reads several
   * stable names from is a folder of its files (config, templates), and tomorrow's deploy adds one.
   * Never for a write: a grant to write beside the files written would reach files it never wrote.
   */
  readonly reads?: boolean;
  readonly overrides?: readonly PrefixOverride[];
  /** When the call was first and last seen: a name used across much of it is a stable name. */
  readonly span: { readonly firstSeen: string; readonly lastSeen: string };
}

/** Names in one folder used briefly (not stable), from which on the folder is open-ended. */
export const OPEN_FOLDER_NAMES = 3;
const DAY_MS = 24 * 3600_000;

/**
 * The patterns that grant every name a call used, each with why. Never wider than the evidence:
 * no pattern reaches above the folders the names were in (a date folder ends a pattern where the
 * date starts; a word in a folder name is never made a wildcard), and every name seen is covered.
 */
export function namePatterns(keys: ObjectKeys, options: NamePatternOptions): NamePattern[] {
  const groups = new Map<string, { rule: PrefixRule; prefix: string | null; shapes: KeyShape[] }>();
  for (const shape of keys.shapes) {
    const override = overrideFor(shape, options.overrides ?? []);
    const key = override === undefined ? "" : `${override.rule}\u0000${override.prefix}`;
    const group = groups.get(key) ?? { rule: override?.rule ?? options.rule, prefix: override?.prefix ?? null, shapes: [] };
    group.shapes.push(shape);
    groups.set(key, group);
  }
  const patterns: NamePattern[] = [];
  for (const { rule, prefix, shapes } of groups.values()) {
    const because = prefix === null ? "" : ` (rule for "${prefix}")`;
    if (rule === "*") {
      patterns.push({ pattern: `${escapeResourceName(prefix ?? "")}*`, template: `${prefix ?? ""}*`, names: total(shapes), why: `every name under "${prefix}" (rule "*")` });
    } else if (rule === "folder") {
      patterns.push(...folderPatterns(asShapes(shapes, keys.exact), because));
    } else if (rule === "exact") {
      patterns.push(...exactPatterns(shapes, options, because));
    } else {
      patterns.push(...shapePatterns(asShapes(shapes, keys.exact), options, because));
    }
  }
  return withoutSubsumed(patterns);
}

/** A one-line summary for `via`: "1 exact", "1 pattern of 30 names (shape)", "1 exact + 2 patterns of 57 names (shape)". */
export function namePatternsVia(keys: ObjectKeys, patterns: readonly NamePattern[], rule: NameRule): string {
  const exact = patterns.filter((p) => p.names === 1 && !/[*?]/.test(p.pattern.replace(/\$\{[*?$]\}/g, ""))).length;
  const wild = patterns.length - exact;
  const parts = [exact > 0 ? `${exact} exact` : "", wild > 0 ? `${wild} pattern${wild === 1 ? "" : "s"} of ${keys.distinct - exact} names (${rule})` : ""];
  return parts.filter((p) => p !== "").join(" + ");
}

/**
 * The names of an exact scan (one entry each) as a shape scan presents them, so that every rule but
 * "exact" judges them alike whichever scan read them (engines/merge-usage-rows.ts: foldNames).
 */
function asShapes(shapes: readonly KeyShape[], exact: boolean): readonly KeyShape[] {
  return exact ? foldNames(shapes) : shapes;
}

/** The longest prefix override every name of the shape is under (its smallest and largest are). */
function overrideFor(shape: KeyShape, overrides: readonly PrefixOverride[]): PrefixOverride | undefined {
  return overrides
    .filter((o) => shape.min.startsWith(o.prefix) && shape.max.startsWith(o.prefix))
    .sort((a, b) => b.prefix.length - a.prefix.length || compareText(a.prefix, b.prefix))[0];
}

function total(shapes: readonly KeyShape[]): number {
  return shapes.reduce((sum, shape) => sum + shape.names, 0);
}

/** Every name under a first path segment as their common folder (the "folder" rule). */
function folderPatterns(shapes: readonly KeyShape[], because: string): NamePattern[] {
  const byScope = new Map<string, KeyShape[]>();
  for (const shape of shapes) {
    const scope = firstSegment(shape.min);
    byScope.set(scope, [...(byScope.get(scope) ?? []), shape]);
  }
  return [...byScope.values()].map((group) => {
    const min = group.map((s) => s.min).sort(compareText)[0] as string;
    const max = group.map((s) => s.max).sort(compareText).at(-1) as string;
    const folder = commonFolder(min, max);
    return { pattern: `${escapeResourceName(folder)}*`, template: `${folder}*`, names: total(group), why: `the folder the names share (rule "folder")${because}` };
  });
}

/** Each name as used, where the scan kept them all; else the shape rule for that shape, saying so. */
function exactPatterns(shapes: readonly KeyShape[], options: NamePatternOptions, because: string): NamePattern[] {
  return shapes.flatMap((shape) => {
    if (shape.template !== null && shape.sample.length === shape.names) {
      return shape.sample.map((name) => ({ pattern: escapeResourceName(name), template: name, names: 1, why: `named exactly (rule "exact")${because}` }));
    }
    return shapePatterns([shape], options, `${because}; rule "exact", but the scan folded these names by shape`);
  });
}

/** One piece of a shape's name, after the engine's template and this module's look at its literal text. */
type Piece =
  | { readonly text: string; readonly rule: null } // literal text that stays
  /**
   * A varying literal, or a generated placeholder (`text` "{uuid}"): `value` is the token it
   * stands for when the piece is one name's; `shared` the start of the token every name of a
   * shape has in common when it is many names'.
   */
  | { readonly text: string; readonly rule: TokenRule; readonly generated: boolean; readonly value?: string; readonly shared?: string };

interface Analysed {
  readonly shape: KeyShape;
  readonly pieces: readonly Piece[];
  /** Index of the piece whose folder a date starts: it and everything after become `*`. */
  readonly dateFolder: number | null;
  readonly generated: boolean;
}

/** The "shape" rule: see NameRule. */
function shapePatterns(shapes: readonly KeyShape[], options: NamePatternOptions, because: string): NamePattern[] {
  const patterns: NamePattern[] = [];
  const loose: Analysed[] = []; // candidates for comparing varying tokens across shapes
  const stable: KeyShape[] = [];
  const dated: Analysed[] = [];
  for (const shape of shapes) {
    if (shape.template === null) {
      const folder = commonFolder(shape.min, shape.max);
      patterns.push({
        pattern: `${escapeResourceName(folder)}*`,
        template: `${folder}*`,
        names: shape.names,
        why: `${shape.names} names of too many shapes to keep apart, as the folder they share${because}`,
      });
      continue;
    }
    for (const analysed of analyseShape(shape)) {
      if (analysed.dateFolder !== null) {
        dated.push(analysed);
      } else if (!analysed.generated && isStable(analysed.shape, options.span)) {
        stable.push(analysed.shape);
      } else {
        loose.push(analysed);
      }
    }
  }
  patterns.push(...datedPatterns(dated, because));
  patterns.push(...stablePatterns(stable, options.reads === true, because));
  // Shapes alike but for varying tokens (batch-301, batch-8812) are one pattern with those tokens as `*`.
  const bySkeleton = new Map<string, Analysed[]>();
  for (const item of loose) {
    const skeleton = item.pieces.map((p) => (p.rule !== null && !p.generated ? "\u0000" : p.rule !== null ? `{${p.rule.kind}}` : p.text)).join("\u0001");
    bySkeleton.set(skeleton, [...(bySkeleton.get(skeleton) ?? []), item]);
  }
  const lone: Analysed[] = [];
  const merged: NamePattern[] = [];
  for (const group of bySkeleton.values()) {
    if (group.length > 1 || (group[0] as Analysed).generated) merged.push(mergedPattern(group, because));
    else lone.push(group[0] as Analysed);
  }
  patterns.push(...openGeneratedFolders(merged, because));
  // Plain names (no generated token) used briefly: exact, unless their folder keeps getting new ones.
  const byFolder = new Map<string, Analysed[]>();
  for (const item of lone) byFolder.set(folderOf(item.shape.min), [...(byFolder.get(folderOf(item.shape.min)) ?? []), item]);
  for (const [folder, items] of byFolder) {
    // Never at the bucket's root: there, "the folder" is the whole bucket.
    if (items.length >= OPEN_FOLDER_NAMES && folder !== "") {
      patterns.push({
        pattern: `${escapeResourceName(folder)}*`,
        template: `${folder}*`,
        names: total(items.map((i) => i.shape)),
        why: `${items.length} names in "${folder}" each used briefly: the folder keeps getting new names${because}`,
      });
    } else {
      for (const { shape } of items) {
        patterns.push({ pattern: escapeResourceName(shape.min), template: shape.min, names: 1, why: `a plain name, used ${times(shape.calls)}${because}` });
      }
    }
  }
  return patterns;
}

/**
 * Stable names: each exactly, except that a role reading two or more from one folder (below the
 * bucket's root) reads a folder of its files: the folder, since a deploy that adds a file to it
 * would otherwise be refused on its first read.
 */
function stablePatterns(shapes: readonly KeyShape[], reads: boolean, because: string): NamePattern[] {
  const byFolder = new Map<string, KeyShape[]>();
  for (const shape of shapes) byFolder.set(folderOf(shape.min), [...(byFolder.get(folderOf(shape.min)) ?? []), shape]);
  return [...byFolder.entries()].flatMap(([folder, group]) => {
    if (reads && folder !== "" && group.length >= 2) {
      const names = group.map((s) => s.min).sort(compareText);
      return [
        {
          pattern: `${escapeResourceName(folder)}*`,
          template: `${folder}*`,
          names: group.length,
          why: `${group.length} stable names read again and again from "${folder}" (${names.slice(0, 3).join(", ")}${names.length > 3 ? ", ..." : ""}): a folder of the role's files${because}`,
        },
      ];
    }
    return group.map((shape) => ({ pattern: escapeResourceName(shape.min), template: shape.min, names: 1, why: `${stableWhy(shape)}: a stable name${because}` }));
  });
}

/**
 * Patterns under one generated folder (for `uploads/<uuid>/original.jpg` and
 * `uploads/<uuid>/thumb-256.jpg`, the folder pattern is "uploads/" + "*" + "/"): while they are
 * few, each file kind stays apart; from OPEN_FOLDER_NAMES kinds on, the folder's files are
 * open-ended too (user-named uploads), and the folder pattern with "*" after it grants them.
 */
function openGeneratedFolders(patterns: readonly NamePattern[], because: string): NamePattern[] {
  const byFolder = new Map<string, NamePattern[]>();
  for (const p of patterns) {
    const folder = p.pattern.slice(0, p.pattern.lastIndexOf("/") + 1);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), p]);
  }
  return [...byFolder.entries()].flatMap(([folder, group]) => {
    const generatedFolder = /[*?]/.test(folder.replace(/\$\{[*?$]\}/g, ""));
    // A folder that is just `*` at the root would be every folder of the bucket.
    if (!generatedFolder || group.length < OPEN_FOLDER_NAMES || folder.startsWith("*/")) return group;
    return [
      {
        pattern: `${folder}*`,
        template: `${folder}*`,
        names: group.reduce((sum, p) => sum + p.names, 0),
        why: `${group.length} kinds of names in the generated folders "${folder}" (${group.map((p) => p.pattern.slice(folder.length)).slice(0, 3).join(", ")}${group.length > 3 ? ", ..." : ""}): their files are open-ended too${because}`,
      },
    ];
  });
}

/**
 * The names of a shape, each read token by token while the engine kept them all (its sample is
 * complete); a shape of more names, read from its smallest and largest name: a token of the mask
 * that lies within their common prefix (and so is the same in every name between them) stays as
 * it is, every other masked token varies.
 */
function analyseShape(shape: KeyShape): Analysed[] {
  if (shape.sample.length === shape.names) {
    // Names of a mask shared with others keep no use counts of their own: none is judged stable.
    return shape.sample.map((name) => analyseName(name, shape.names === 1 ? shape : { ...shape, names: 1, calls: 1, min: name, max: name, sample: [name] }));
  }
  const common = commonPrefix(shape.min, shape.max).length;
  const pieces: Piece[] = maskSpans(shape.min).flatMap((span): Piece[] => {
    if (!span.masked) return literalPieces(span.text);
    const rule = classifyToken(span.text) ?? MASKED_TOKEN;
    // The character after the token is common too: every name between has the same token there.
    if (span.start + span.text.length < common) return [{ text: span.text, rule, generated: false }];
    return [{ text: `{${rule.kind}}`, rule, generated: true, shared: shape.min.slice(span.start, Math.max(span.start, common)) }];
  });
  return [analysed(shape, pieces)];
}

/** A masked token no rule names more precisely: a run of letters and digits. */
const MASKED_TOKEN: TokenRule = { kind: "token", full: "[0-9A-Za-z]+", strength: "generated", date: false, why: "a run of letters and digits that differs between names" };

function analyseName(name: string, shape: KeyShape): Analysed {
  const pieces = nameTokens(name).map(({ text, rule }): Piece => {
    if (rule === null) return { text, rule: null };
    return rule.strength === "generated" ? { text: `{${rule.kind}}`, rule, generated: true, value: text } : { text, rule, generated: false };
  });
  return analysed(shape, pieces);
}

function literalPieces(text: string): Piece[] {
  return nameTokens(text).map(({ text: token }) => ({ text: token, rule: null }));
}

function analysed(shape: KeyShape, pieces: readonly Piece[]): Analysed {
  return { shape, pieces, dateFolder: dateFolderIndex(pieces), generated: pieces.some((p) => p.rule !== null && p.generated) };
}

/** A template for people: generated parts as `{kind}`, the rest as written, `{` doubled. */
function templateOf(pieces: readonly Piece[]): string {
  return pieces.map((p) => (p.rule !== null && p.generated ? p.text : p.text.replaceAll("{", "{{"))).join("");
}

/**
 * The first folder (a path segment followed by "/") that starts with a date or a year, alone or
 * as a Hive partition value (`year=2026`, `dt=2026-11-30`): date-partitioned trees add a folder a
 * day or a month, so below that point every name is tomorrow's. A date inside the last segment,
 * the file name, is only a varying token.
 */
function dateFolderIndex(pieces: readonly Piece[]): number | null {
  let segmentStart = 0;
  for (let i = 0; i < pieces.length; i += 1) {
    const piece = pieces[i] as Piece;
    if (piece.rule === null && piece.text.includes("/")) {
      segmentStart = i + 1;
      continue;
    }
    if (piece.rule === null || !piece.rule.date) continue;
    const before = pieces.slice(segmentStart, i).map((p) => p.text).join("");
    const folder = pieces.slice(i + 1).some((p) => p.rule === null && p.text.includes("/"));
    if (folder && (before === "" || /^[A-Za-z0-9_-]+=$/.test(before))) return segmentStart;
  }
  return null;
}

/**
 * Date trees whose folders above the date differ only in varying tokens (shard prefixes such as
 * `a3f9/2026/...`, `07c2/2026/...`) are one tree: tomorrow's shard is another value of the same
 * token, so the prefix keeps what every name shares and the token's shape where all have one.
 */
function datedPatterns(items: readonly Analysed[], because: string): NamePattern[] {
  const bySkeleton = new Map<string, Analysed[]>();
  for (const item of items) {
    const skeleton = item.pieces
      .slice(0, item.dateFolder as number)
      .map((p) => (p.rule !== null ? `{${p.rule.kind}}` : p.text))
      .join("\u0001");
    bySkeleton.set(skeleton, [...(bySkeleton.get(skeleton) ?? []), item]);
  }
  return [...bySkeleton.values()].map((group) => dateFolderPattern(group, because));
}

function dateFolderPattern(group: readonly Analysed[], because: string): NamePattern {
  const { shape, pieces, dateFolder } = group[0] as Analysed;
  let prefix = pieces
    .slice(0, dateFolder as number)
    .map((p, index) => {
      if (p.rule === null) return escapeResourceName(p.text);
      const same = group.map((item) => item.pieces[index] as Piece);
      if (!p.generated && new Set(same.map((q) => q.text)).size === 1) return escapeResourceName(p.text);
      const root = !pieces.slice(0, index).some((q) => q.text.includes("/"));
      // At the bucket's root a `*` reaches every folder: keep the token's shape when all share one.
      return (root ? commonShape(same.map((q) => (q.rule !== null && !q.generated ? { ...q, value: q.text } : q))) : undefined) ?? "*";
    })
    .join("")
    .replace(/\*+/g, "*");
  const dateAt = pieces.findIndex((p, i) => i >= (dateFolder as number) && p.rule !== null && p.rule.date);
  const date = pieces[dateAt] as Piece & { rule: TokenRule };
  if (prefix === "") {
    // A date tree at the bucket's root: `*` would be the whole bucket. Its folders start with what
    // precedes the date in the segment (`year=`) and the date's century, which every later one shares.
    const before = pieces.slice(0, dateAt).map((p) => escapeResourceName(p.text)).join("");
    const known = "value" in date && date.value !== undefined ? date.value : "shared" in date && date.shared !== undefined ? date.shared : date.text;
    const century = /^(19|20)/.exec(known)?.[0] ?? "";
    prefix = `${before}${century}`;
  }
  return {
    pattern: `${prefix}*`.replace(/\*\*$/, "*"),
    template: templateOf(pieces),
    names: group.length === 1 ? shape.names : total(group.map((item) => item.shape)),
    why: `"${date.text}" is ${date.rule.why}: a date folder; it and everything below it change${group.length > 1 ? ` (${group.length} such trees, their folders above the date of one shape)` : ""}${because}`,
  };
}

/**
 * Shapes that differ only in varying tokens: where those differ between the names (or are
 * generated), the pattern has `*`; where every name has the same value, it stays. Consecutive
 * wildcards with only literal text between them that is itself all wildcards collapse.
 */
function mergedPattern(group: readonly Analysed[], because: string): NamePattern {
  const first = group[0] as Analysed;
  const variable: string[] = [];
  let pattern = "";
  let template = "";
  first.pieces.forEach((piece, index) => {
    const values = new Set(group.map((item) => (item.pieces[index] as Piece).text));
    const varies = piece.rule !== null && (("generated" in piece && piece.generated) || values.size > 1);
    if (!varies) {
      pattern += escapeResourceName(piece.text);
      template += piece.text.replaceAll("{", "{{");
      return;
    }
    const rule = piece.rule as TokenRule;
    const label = "generated" in piece && piece.generated ? piece.text : `{${rule.kind}}`;
    // At the bucket's root a `*` would reach folders the role never used: a token of one fixed
    // shape in every name keeps that shape there (`????????-????-...` for UUIDs).
    const shape = pattern.includes("/") ? undefined : commonShape(group.map((item) => item.pieces[index] as Piece));
    if (shape !== undefined) pattern += shape;
    else if (!pattern.endsWith("*")) pattern += "*";
    template += label;
    const description = "generated" in piece && piece.generated ? `${label} is ${rule.why}` : `${label} is ${rule.why} that differs between names (${[...values].sort(compareText).slice(0, 3).join(", ")}${values.size > 3 ? ", ..." : ""})`;
    if (!variable.includes(description)) variable.push(description);
  });
  const names = total(group.map((item) => item.shape));
  return { pattern, template, names, why: `${variable.join("; ")}${because}` };
}

/**
 * The pattern of tokens whose every value seen has one shape (a UUID's length and dashes, a
 * 4-hex-digit shard prefix): `?` for each letter or digit, separators kept. Undefined when the
 * values differ in length or separators, or one is not known.
 */
function commonShape(pieces: readonly Piece[]): string | undefined {
  const shapes = new Set(
    pieces.map((piece) => {
      if (piece.rule === null || !("value" in piece) || piece.value === undefined) return undefined;
      return piece.value.replace(/[0-9A-Za-z]/g, "?");
    }),
  );
  const [only] = shapes;
  return shapes.size === 1 ? only : undefined;
}

/** A name used at least twice, its uses spread over a day or half the call's span, whichever is less. */
function isStable(shape: KeyShape, span: NamePatternOptions["span"]): boolean {
  if (shape.names !== 1 || shape.calls < 2) return false;
  const spread = Date.parse(shape.lastSeen) - Date.parse(shape.firstSeen);
  const callSpan = Date.parse(span.lastSeen) - Date.parse(span.firstSeen);
  return spread > 0 && spread >= Math.min(DAY_MS, callSpan / 2);
}

function stableWhy(shape: KeyShape): string {
  const days = (Date.parse(shape.lastSeen) - Date.parse(shape.firstSeen)) / DAY_MS;
  const over = days >= 1 ? `${days.toFixed(1)} days` : `${Math.round(days * 24 * 10) / 10} hours`;
  return `used ${times(shape.calls)} over ${over}`;
}

function times(n: number): string {
  return n === 1 ? "once" : `${n} times`;
}

/** Patterns another one already grants: a name or pattern under a `folder/*` of the list. */
function withoutSubsumed(patterns: readonly NamePattern[]): NamePattern[] {
  const unique = new Map<string, NamePattern & { more: number }>();
  for (const p of patterns) {
    const seen = unique.get(p.pattern);
    unique.set(p.pattern, seen === undefined ? { ...p, more: 0 } : { ...seen, names: seen.names + p.names, more: seen.more + 1 });
  }
  const list = [...unique.values()].map(({ more, ...p }) => (more === 0 ? p : { ...p, template: `${p.template} and ${more} more shape${more === 1 ? "" : "s"}` }));
  const folders = list.filter((p) => /^[^*?]*\*$/.test(p.pattern)).map((p) => p.pattern.slice(0, -1));
  return list
    .filter((p) => !folders.some((folder) => p.pattern !== `${folder}*` && p.pattern.startsWith(folder)))
    .sort((a, b) => compareText(a.pattern, b.pattern));
}

function firstSegment(name: string): string {
  const slash = name.indexOf("/");
  return slash < 0 ? "" : name.slice(0, slash + 1);
}

function folderOf(name: string): string {
  return name.slice(0, name.lastIndexOf("/") + 1);
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return a.slice(0, i);
}

/** The common prefix of two names, cut back to its last "/" so that it names a folder. */
function commonFolder(a: string, b: string): string {
  const common = commonPrefix(a, b);
  return common.slice(0, common.lastIndexOf("/") + 1);
}
