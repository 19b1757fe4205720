// Unapplied cash kept on write (lib/figures/movement-rollup.ts): the Receipt triggers of migration
// 20261206010000 append movements; this folds them into UnappliedCashByValueDate (worker schedule, every 15 s).
import { foldMovements, type MovementRollup } from "./movement-rollup.ts";

export const UNAPPLIED_CASH_ROLLUP: MovementRollup = {
  movements: "UnappliedCashMovement", rollup: "UnappliedCashByValueDate", keys: ["entityId", "currency", "valueDate"], lockId: 7_420_068,
};

export function foldUnappliedCash() {
  return foldMovements(UNAPPLIED_CASH_ROLLUP);
}
