import { readFileSync } from "node:fs";
import path from "node:path";
import { projectDirectory } from "./project-files.js";

const cache = new Map<string, string>();

/** The text of `templates/<name>`, e.g. readTemplate("terraform/role-policy.tf"). */
export function readTemplate(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(path.join(projectDirectory("templates"), name), "utf8");
    cache.set(name, text);
  }
  return text;
}

/**
 * `template` with every `{{name}}` replaced by `values[name]`. One pass, so a value that itself
 * contains `{{...}}` is never expanded; values must already be escaped for the target language.
 * A placeholder without a value, or a value without a placeholder, is a bug and throws.
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  const used = new Set<string>();
  const filled = template.replace(/\{\{([a-z_]+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`template placeholder {{${name}}} has no value`);
    used.add(name);
    return value;
  });
  const unused = Object.keys(values).filter((name) => !used.has(name));
  if (unused.length > 0) throw new Error(`template has no placeholder for ${unused.join(", ")}`);
  return filled;
}
