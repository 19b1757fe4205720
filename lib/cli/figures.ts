// `cashline figures check`: compares the figures kept on write by triggers (lib/figures/figures-kept-on-write.ts:
// unapplied cash, unreconciled bank lines, GL balances, receipt arrivals) with their sources; exit 0 when they agree,
// 1 listing each key that differs. `cashline figures rebuild`: recomputes them from their sources (after a bulk load
// with triggers off, or to repair a drift); writers wait while it runs. DATABASE_URL, or the demo's database.
import { z } from "zod";
import { openCliDatabase } from "./cli-database.ts";

const USAGE = "usage: cashline figures <check|rebuild>";
const args = z.tuple([z.enum(["check", "rebuild"])]);

export async function run(argv: string[]): Promise<number> {
  const parsed = args.safeParse(argv);
  if (!parsed.success) {
    process.stderr.write(`cashline figures: ${argv.length ? `unknown arguments ${argv.join(" ")}` : "missing subcommand"} (${USAGE})\n`);
    return 2;
  }
  const { close } = await openCliDatabase();
  const { disconnectDb } = await import("../db/client.ts");
  try {
    if (parsed.data[0] === "rebuild") {
      const { rebuildFiguresKeptOnWrite } = await import("../figures/figures-kept-on-write.ts");
      const t = performance.now();
      const rebuilt = await rebuildFiguresKeptOnWrite();
      process.stdout.write(
        `figures rebuilt from their sources in ${((performance.now() - t) / 1000).toFixed(1)} s: ${rebuilt.map((r) => `${r.name} ${r.keys} rows`).join(", ")}\n`,
      );
      return 0;
    }
    const { findRollupDrift } = await import("../figures/find-rollup-drift.ts");
    const drift = await findRollupDrift();
    if (!drift.length) {
      process.stdout.write("figures kept on write agree with their sources\n");
      return 0;
    }
    process.stderr.write(`figures kept on write DIFFER from their sources at ${drift.length} key(s) (repair: cashline figures rebuild):\n${drift.map((d) => `  ${d}\n`).join("")}`);
    return 1;
  } finally {
    await disconnectDb();
    await close();
  }
}
