import type { RoleBacktest } from "./backtest-role.js";

/** `tighten backtest`: each role's policy made from the calls before the split, replayed on those after it. */
export interface Backtest {
  /** The window's first and last call, and where it was split (on an hour). */
  readonly range: { readonly first: string; readonly last: string };
  readonly split: string;
  readonly roles: readonly RoleBacktest[];
}
