// Recomputes the unapplied-cash roll-up from the receipts: after a bulk load that ran with triggers off
// (session_replication_role = replica, as bench:dashboards loads), or to repair a drift findUnappliedCashDrift
// reported. Writers to Receipt wait while it runs (SHARE lock), so no receipt is counted twice or missed.
import { db } from "../db/client.ts";

export async function rebuildUnappliedCash(): Promise<{ keys: number }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`lock table "Receipt" in share mode`;
    await tx.$executeRaw`delete from "UnappliedCashMovement"`;
    await tx.$executeRaw`delete from "UnappliedCashByValueDate"`;
    const keys = await tx.$executeRaw`
      insert into "UnappliedCashByValueDate" ("entityId", currency, "valueDate", count, "amountMinor")
      select r."entityId", r.currency, r."valueDate", count(*), sum(r."unappliedMinor")
        from "Receipt" r where cashline_unapplied_counts(r) group by 1, 2, 3`;
    return { keys };
  }, { timeout: 30 * 60_000 });
}
