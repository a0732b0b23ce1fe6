import { mkdir, symlink } from "node:fs/promises";
import path from "node:path";

// DuckDB expands every path read_json is given as a glob, with no way to quote one: a file named
// `*.json` would read all its neighbours, one named `[a].json` would read `a.json` instead.
// Measured with DuckDB 1.5: `*`, `?` and `[...]` are glob syntax there, `{a,b}` and `\` are not;
// they are aliased too, so that a reader that learns brace expansion or escapes cannot misread them.
const GLOB_SYNTAX = /[*?[\]{}\\]/;
// DuckDB picks gzip decompression by the name's extension alone: a gzip file named `x.json` would
// be read as text (and a file named `.gz` that is not gzip is skipped before DuckDB sees it).
const GZIP_NAME = /\.gz$/i;

/** A file to hand DuckDB: its path, and whether its content is gzip (from its first bytes). */
export interface DuckdbFile {
  readonly path: string;
  readonly gzip: boolean;
}

/**
 * The paths to hand DuckDB for `files`, and back. A file DuckDB would misread by its name (glob
 * syntax in it, or gzip content without `.gz`) is read through a symbolic link with a plain name
 * in `aliasDirectory`, which the caller removes with the scan; every other file under its own path.
 */
export class DuckdbPaths {
  private readonly toDuckdb = new Map<string, string>();
  private readonly fromDuckdb = new Map<string, string>();

  private constructor() {}

  static async create(files: readonly DuckdbFile[], aliasDirectory: string): Promise<DuckdbPaths> {
    const paths = new DuckdbPaths();
    const aliased = files.filter((file) => GLOB_SYNTAX.test(file.path) || file.gzip !== GZIP_NAME.test(file.path));
    if (aliased.length > 0) await mkdir(aliasDirectory, { recursive: true });
    for (const [index, file] of aliased.entries()) {
      const alias = path.join(aliasDirectory, `${index}.json${file.gzip ? ".gz" : ""}`);
      await symlink(file.path, alias);
      paths.toDuckdb.set(file.path, alias);
      paths.fromDuckdb.set(alias, file.path);
    }
    return paths;
  }

  /** The path DuckDB reads `file` by. */
  forDuckdb(file: string): string {
    return this.toDuckdb.get(file) ?? file;
  }

  /** The file a path in DuckDB's output (the filename column) stands for. */
  original(duckdbPath: string): string {
    return this.fromDuckdb.get(duckdbPath) ?? duckdbPath;
  }

  /** A DuckDB message with each alias replaced by the file it stands for. */
  explain(message: string): string {
    let text = message;
    for (const [alias, file] of this.fromDuckdb) text = text.replaceAll(alias, file);
    return text;
  }
}
