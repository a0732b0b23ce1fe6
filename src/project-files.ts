import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The absolute path of a top-level project directory (`queries`, `templates`). Source runs from
 * src/ under vitest and from dist/src/ once built, so the directory is found by walking up.
 */
export function projectDirectory(name: string): string {
  const here = fileURLToPath(import.meta.url);
  let dir = path.dirname(here);
  while (!existsSync(path.join(dir, name))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`${name}/ not found above ${here}`);
    dir = parent;
  }
  return path.join(dir, name);
}
