import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = fileURLToPath(import.meta.url);
let root: { readonly dir: string; readonly version: string } | null | undefined;

/**
 * The project's folder and version: the nearest folder above this module whose package.json is
 * tighten's. The module runs from src/ under vitest, from dist/src/ once built and from
 * dist/bundle/ as the CLI.
 */
function projectRoot(): { readonly dir: string; readonly version: string } | null {
  if (root !== undefined) return root;
  for (let dir = path.dirname(HERE); ; ) {
    const file = path.join(dir, "package.json");
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (json.name === "tighten" && json.version !== undefined) return (root = { dir, version: json.version });
    }
    const parent = path.dirname(dir);
    if (parent === dir) return (root = null);
    dir = parent;
  }
}

/** The absolute path of a top-level project directory (`queries`, `templates`). */
export function projectDirectory(name: string): string {
  const dir = projectRoot()?.dir;
  if (dir === undefined || !existsSync(path.join(dir, name))) throw new Error(`${name}/ not found above ${HERE}`);
  return path.join(dir, name);
}

/**
 * package.json's version, for --version and reports. (yargs' own lookup starts from its
 * node_modules folder, which the bundle has not, and then from the working directory: another
 * project's package.json, or none.)
 */
export function tightenVersion(): string {
  return projectRoot()?.version ?? "unknown";
}
