// Where a figure kept on write (lib/figures/movement-rollup.ts) and its source disagree: one line per key that
// differs, naming the figure. Empty when they agree, which the triggers guarantee unless someone wrote the source
// with triggers off. Part of the database invariants (after the demo seed and after the whole browser suite) and of
// `cashline figures check`; `cashline figures rebuild` repairs a drift.
import { FIGURES_KEPT_ON_WRITE } from "./figures-kept-on-write.ts";

export async function findRollupDrift(): Promise<string[]> {
  return (await Promise.all(FIGURES_KEPT_ON_WRITE.map((f) => f.drift()))).flat();
}
