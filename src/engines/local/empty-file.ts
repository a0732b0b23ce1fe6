import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";

/**
 * Why a file that DuckDB read produced no events, or null when it is valid CloudTrail with none.
 * Only files that yielded nothing come here, so reading them whole in Node costs little.
 */
export async function explainEmptyFile(file: string): Promise<string | null> {
  let bytes = await readFile(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      return `corrupt gzip data (${(error as Error).message})`;
    }
  }
  const text = bytes.toString("utf8").trim();
  if (text === "") return "empty file";
  try {
    const document: unknown = JSON.parse(text);
    return emptyDocumentReason(document);
  } catch {
    // One event per line: valid when every line parses.
    const lines = text.split("\n").filter((line) => line.trim() !== "");
    const bad = lines.findIndex((line) => !parsesAsObject(line));
    return bad === -1 ? "no events" : `invalid JSON on line ${bad + 1} (truncated file?)`;
  }
}

function emptyDocumentReason(document: unknown): string | null {
  if (Array.isArray(document)) return document.length === 0 ? null : "no CloudTrail events in the JSON array";
  if (document !== null && typeof document === "object" && "Records" in document) {
    const records = (document as { Records: unknown }).Records;
    if (Array.isArray(records) && records.length === 0) return null;
    return "Records is not an array of events";
  }
  return "not CloudTrail: no Records array and no events";
}

function parsesAsObject(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === "object";
  } catch {
    return false;
  }
}
