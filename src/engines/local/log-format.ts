import { open, type FileHandle } from "node:fs/promises";
import { constants, gunzipSync } from "node:zlib";

/** How DuckDB must read a file: which macro of queries/local/setup.sql, and with which format. */
export type LogLayout =
  | "records-line" // {"Records":[...]} on one line, as CloudTrail delivers to S3
  | "records-document" // {"Records":[...]} pretty-printed over many lines
  | "event-lines" // one event per line: CloudTrail Lake, Athena, LookupEvents exports
  | "event-array"; // [event, ...]

export type LogFileKind =
  | { readonly layout: LogLayout; readonly bytes: number; readonly gzip?: boolean }
  | { readonly layout: "skip"; readonly reason: string };

// Enough to see how a file starts; kept small because every file is peeked before the scan.
const PEEK_BYTES = 2 * 1024;
const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Reads the head of a file (and, for gzip, the length its trailer records) to decide how to read it,
 * without decompressing it whole. What cannot be CloudTrail is skipped here with the reason.
 */
export async function sniffLogFile(file: string): Promise<LogFileKind> {
  const handle = await open(file, "r");
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(PEEK_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    const gzipped = head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
    if (!gzipped && /\.gz$/i.test(file)) return { layout: "skip", reason: "not a gzip file" };
    let text: string;
    let bytes = size;
    if (gzipped) {
      try {
        // Z_SYNC_FLUSH decompresses what is there instead of failing on the missing rest.
        text = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH }).toString("utf8");
      } catch (error) {
        return { layout: "skip", reason: `corrupt gzip data (${(error as Error).message})` };
      }
      // A small file is read whole here, so it is checked whole: a cut one is named as such, unless
      // it holds one event per line, whose lines before the cut are read (and the cut named then).
      const fault = head.length === size ? gzipFault(head) : null;
      if (fault !== null && classify(text, 0).layout !== "event-lines") return { layout: "skip", reason: `corrupt gzip data (${fault})` };
      bytes = Math.max(await gzipTrailerSize(handle, size), text.length);
    } else {
      text = head.toString("utf8");
    }
    const kind = classify(text, bytes);
    return gzipped && kind.layout !== "skip" ? { ...kind, gzip: true } : kind;
  } finally {
    await handle.close();
  }
}

function gzipFault(bytes: Buffer): string | null {
  try {
    gunzipSync(bytes);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

// Deflate cannot compress better than about 1032:1, so a larger ISIZE is a damaged trailer.
const MAX_DEFLATE_RATIO = 1032;

/**
 * Uncompressed size from the gzip trailer (ISIZE, mod 2^32), which sizes DuckDB's read buffer.
 * A truncated file ends in arbitrary bytes: an implausible value is ignored rather than trusted.
 */
async function gzipTrailerSize(handle: FileHandle, size: number): Promise<number> {
  if (size < 18) return 0;
  const trailer = Buffer.alloc(4);
  await handle.read(trailer, 0, 4, size - 4);
  const isize = trailer.readUInt32LE(0);
  return isize <= size * MAX_DEFLATE_RATIO ? isize : 0;
}

export function classify(head: string, bytes: number): LogFileKind {
  const text = head.replace(/^\uFEFF/, "").trimStart();
  if (text === "") return { layout: "skip", reason: "empty file" };
  if (text.startsWith("[")) return { layout: "event-array", bytes };
  if (!text.startsWith("{")) return { layout: "skip", reason: "not JSON" };
  const records = /^\{\s*"Records"\s*:/.exec(text);
  if (records) {
    const firstNewline = text.indexOf("\n");
    const oneLine = firstNewline === -1 || firstNewline >= text.trimEnd().length;
    return { layout: oneLine ? "records-line" : "records-document", bytes };
  }
  const eventField = /"(eventSource|eventName|eventVersion)"\s*:/;
  if (eventField.test(firstLine(text))) return { layout: "event-lines", bytes };
  if (eventField.test(text)) return { layout: "skip", reason: "a pretty-printed event: expected one event per line or a Records array" };
  return { layout: "skip", reason: "not CloudTrail: no Records array and no events" };
}

function firstLine(text: string): string {
  const end = text.indexOf("\n");
  return end === -1 ? text : text.slice(0, end);
}
