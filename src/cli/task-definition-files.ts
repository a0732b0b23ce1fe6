import { parseTaskDefinition, TaskDefinitionError, type TaskDefinition } from "../ecs/task-definition.js";
import { UsageError } from "../usage-error.js";
import { readFlagFile } from "./flag-file.js";

/** `--task-definition FILE` (repeatable), read and checked; a bad file is named with its reason. */
export function readTaskDefinitionFiles(files: readonly string[]): TaskDefinition[] {
  return files.map((file) => {
    const text = readFlagFile("--task-definition", file);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`--task-definition ${file}: not JSON (${(error as Error).message})`);
    }
    try {
      return parseTaskDefinition(json, file);
    } catch (error) {
      if (error instanceof TaskDefinitionError) throw new UsageError(`--task-definition ${file}: ${error.message}`);
      throw error;
    }
  });
}
