import { readFileSync } from "node:fs";
import path from "node:path";
import { projectDirectory } from "./project-files.js";

const QUERIES_DIR = projectDirectory("queries");

const cache = new Map<string, string>();

/** The text of `queries/<name>`, e.g. readQuery("local/usage.sql"). */
export function readQuery(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(path.join(QUERIES_DIR, name), "utf8");
    cache.set(name, text);
  }
  return text;
}
