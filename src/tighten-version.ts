import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * package.json's version, found by walking up from this module: it runs from src/ under vitest,
 * from dist/src/ once built and from dist/bundle/ as the CLI. (yargs' own lookup starts from its
 * node_modules folder, which the bundle has not, and then from the working directory: another
 * project's package.json, or none.)
 */
export function tightenVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(dir, "package.json");
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (json.name === "tighten" && json.version !== undefined) return json.version;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return "unknown";
    dir = parent;
  }
}
