// DuckDB's default for this tool: at 10M bench events the aggregation spills ~2.6 GB to disk past it (0.8 GiB peak RSS).
export const DEFAULT_MEMORY_BYTES = 512 * 1024 * 1024;
// A {"Records":[...]} file is built as one list of trail_event structs, with a slot in every column
// per event whatever the event's size. Measured with DuckDB 1.5 on 100 MB files: 237k events of
// 440 bytes needed more than 512 MB and read in 1 GB; 1.45M events of 72 bytes needed more than
// 1 GB and read in 2 GB. Twenty-four bytes per byte of the largest files covers both with room.
const BYTES_PER_FILE_BYTE = 24;
// What is left for Node, the page cache and the rest of the machine.
const SHARE_OF_MACHINE = 0.75;

/**
 * The memory limit for a scan: the default, or enough for each of DuckDB's threads to hold one of
 * the largest files at once, whichever is more; never more than three quarters of the machine.
 * `fileBytes` are the files' uncompressed sizes.
 */
export function scanMemoryBytes(fileBytes: readonly number[], threads: number, machineBytes: number, base = DEFAULT_MEMORY_BYTES): number {
  const largest = [...fileBytes].sort((a, b) => b - a).slice(0, Math.max(1, threads));
  const needed = BYTES_PER_FILE_BYTE * largest.reduce((sum, bytes) => sum + bytes, 0);
  return Math.max(base, Math.min(needed, machineShare(machineBytes)));
}

/** The most memory a scan may take of a machine with this much. */
export function machineShare(machineBytes: number): number {
  return Math.floor(machineBytes * SHARE_OF_MACHINE);
}

/** A byte count as DuckDB's memory_limit setting reads it. */
export function memorySetting(bytes: number): string {
  return `${Math.ceil(bytes / (1024 * 1024))}MiB`;
}
