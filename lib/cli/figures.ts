// `cashline figures check`: compares the unapplied-cash roll-up every page reads (kept by triggers on Receipt)
// with the receipts themselves; exit 0 when they agree, 1 listing each entity, currency and value date that
// differs. `cashline figures rebuild`: recomputes the roll-up from the receipts (after a bulk load with triggers
// off, or to repair a drift); writers to Receipt wait while it runs. DATABASE_URL, or the demo's database.
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
      const { rebuildUnappliedCash } = await import("../figures/rebuild-unapplied-cash.ts");
      const t = performance.now();
      const { keys } = await rebuildUnappliedCash();
      process.stdout.write(`unapplied-cash roll-up rebuilt from the receipts: ${keys} entity/currency/value-date rows in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
      return 0;
    }
    const { findUnappliedCashDrift } = await import("../figures/find-unapplied-cash-drift.ts");
    const drift = await findUnappliedCashDrift();
    if (!drift.length) {
      process.stdout.write("unapplied-cash roll-up agrees with the receipts\n");
      return 0;
    }
    process.stderr.write(`unapplied-cash roll-up DIFFERS from the receipts at ${drift.length} key(s) (repair: cashline figures rebuild):\n${drift.map((d) => `  ${d}\n`).join("")}`);
    return 1;
  } finally {
    await disconnectDb();
    await close();
  }
}
