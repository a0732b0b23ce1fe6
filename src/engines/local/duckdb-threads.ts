// Below this many uncompressed bytes of logs, a second DuckDB thread costs CPU and saves no time.
// Measured on the 2-core bench machine, `generate` interleaved three times each (bench/README.md,
// "Small scans"): examples/cloudtrail (41 files, 0.9 MB) the same wall time with one thread and
// 12% less CPU (the usage query alone: 35% less); the invictus dataset (56 files, 3.7 MB) +2% wall,
// -14% CPU; examples/fleet (498 files, 10.6 MB) two threads were 15% faster for the same CPU.
export const ONE_THREAD_BELOW_BYTES = 4 * 1024 * 1024;

/**
 * Whether files of these uncompressed sizes make a small scan: one whose fixed cost (each thread's
 * own hash tables for every aggregate, chunk set-up, the query's request-parameter CASEs) is most of
 * the work.
 */
export function isSmallScan(fileBytes: readonly number[]): boolean {
  return fileBytes.reduce((sum, bytes) => sum + bytes, 0) < ONE_THREAD_BELOW_BYTES;
}

/** DuckDB's thread count for a scan of files of these uncompressed sizes: one for a small scan, else every core (DuckDB's default). */
export function scanThreads(fileBytes: readonly number[], cores: number): number {
  return isSmallScan(fileBytes) ? 1 : Math.max(1, cores);
}
