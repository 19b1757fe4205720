// Pure: what reversing one application takes with it, and what that does to the balances. An application is
// reversed together with everything booked in the same step on the same invoice (the deduction of a short pay,
// the write-off that covered a shortfall), so a reversal never leaves half a step behind.
import { isShortfallWriteOff, type PlanLine } from "./validate-plan.ts";

export type LiveApplication = {
  id: string; kind: PlanLine["kind"]; invoiceId: string | null; amountMinor: bigint; reasonCode: string | null; appliedAt: Date;
  /** Cross-currency application: what it took off the invoice, in the invoice's currency (lib/fx). */
  fxInvoiceAmountMinor?: bigint | null;
};

export function reversalGroup(target: LiveApplication, live: LiveApplication[]): LiveApplication[] {
  if (!target.invoiceId) return [target];
  const sameStep = live.filter((a) => a.id !== target.id && a.invoiceId === target.invoiceId && a.appliedAt.getTime() === target.appliedAt.getTime());
  return [target, ...sameStep];
}

/** How the receipt's unapplied cash and each invoice's open amount change when the group is reversed. */
export function reversalEffect(group: LiveApplication[]): { unappliedDeltaMinor: bigint; invoiceOpenDelta: Map<string, bigint> } {
  let unappliedDeltaMinor = 0n;
  const invoiceOpenDelta = new Map<string, bigint>();
  for (const a of group) {
    const line = { kind: a.kind, amountMinor: a.amountMinor, reasonCode: a.reasonCode ?? "", invoiceId: a.invoiceId } as PlanLine;
    if (a.kind === "INVOICE") {
      unappliedDeltaMinor += a.amountMinor;
      invoiceOpenDelta.set(a.invoiceId!, (invoiceOpenDelta.get(a.invoiceId!) ?? 0n) + (a.fxInvoiceAmountMinor ?? a.amountMinor));
    } else if (a.kind === "ON_ACCOUNT") {
      unappliedDeltaMinor += a.amountMinor;
    } else if (a.kind === "WRITE_OFF") {
      unappliedDeltaMinor += isShortfallWriteOff(line) ? -a.amountMinor : a.amountMinor;
    }
  }
  return { unappliedDeltaMinor, invoiceOpenDelta };
}
