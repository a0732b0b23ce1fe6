import { readFileSync } from "node:fs";
import { UsageError } from "../usage-error.js";

/** The text of a file a flag names; a file that cannot be read is the user's to fix, named with its flag. */
export function readFlagFile(flag: string, file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`${flag} ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
