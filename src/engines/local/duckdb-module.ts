import { createRequire } from "node:module";

/**
 * @duckdb/node-api, loaded with require rather than import. The package is CommonJS: an ESM import
 * of it first runs Node's CommonJS export lexer over its index and each of the ~50 modules it
 * re-exports, then loads them again with require. Measured on the 2-core bench machine, import took
 * about 180 ms more CPU than require (bench/README.md, start-up), a fifth of a small `generate`.
 */
export const duckdb = createRequire(import.meta.url)("@duckdb/node-api") as typeof import("@duckdb/node-api");
