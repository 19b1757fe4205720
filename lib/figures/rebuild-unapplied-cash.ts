// Recomputes the unapplied-cash roll-up from the receipts: after a bulk load that ran with triggers off
// (session_replication_role = replica, as bench:dashboards loads), or to repair a drift findRollupDrift reported.
import { rebuildRollup } from "./movement-rollup.ts";
import { UNAPPLIED_CASH_ROLLUP } from "./fold-unapplied-cash.ts";

export function rebuildUnappliedCash() {
  return rebuildRollup(UNAPPLIED_CASH_ROLLUP, "Receipt", `
    select r."entityId", r.currency, r."valueDate", count(*), sum(r."unappliedMinor")
      from "Receipt" r where cashline_unapplied_counts(r) group by 1, 2, 3`);
}
