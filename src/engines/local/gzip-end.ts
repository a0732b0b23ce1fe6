import { createReadStream } from "node:fs";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";

export type GzipEnd = { readonly complete: true } | { readonly complete: false; readonly truncated: boolean; readonly reason: string };

/**
 * Whether a gzip file decompresses to its end. DuckDB reads a one-event-per-line gzip up to where
 * it breaks and says nothing (measured with DuckDB 1.5: half a file gives half its events; under
 * ignore_errors the line cut in two is one unreadable line, and a cut between lines leaves no trace
 * at all), so such files are checked here, as a stream in constant memory.
 * A Records document needs no check: cut anywhere, it is not JSON and yields no events at all.
 */
export async function gzipEnd(file: string): Promise<GzipEnd> {
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  try {
    await pipeline(createReadStream(file), createGunzip(), discard);
    return { complete: true };
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    // zlib reports a stream that stops before its end as Z_BUF_ERROR, "unexpected end of file".
    if (code === "Z_BUF_ERROR") return { complete: false, truncated: true, reason: "truncated gzip" };
    return { complete: false, truncated: false, reason: `corrupt gzip data (${message})` };
  }
}
