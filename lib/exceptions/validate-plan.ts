// Pure: checks an allocation plan against the receipt and the (locked) invoices and says what it does to them.
// The receipt's unapplied cash after the plan is
//   unapplied + shortfall write-offs − invoice applications − on-account − excess write-offs
// (the same arithmetic as the journal in lib/posting/build-receipt-journal.ts), and it may never go below zero;
// an invoice never receives more than it has open. Deductions move no money: they document why an invoice stays
// open for the remainder.
import { formatMoney } from "../money/money.ts";
import { SHORTFALL_WRITE_OFF_REASONS } from "./action-schemas.ts";

export type PlanLine =
  | { kind: "INVOICE"; invoiceId: string; amountMinor: bigint }
  | { kind: "DEDUCTION"; invoiceId: string; amountMinor: bigint; reasonCode: string }
  | { kind: "ON_ACCOUNT"; customerId: string; amountMinor: bigint }
  | { kind: "WRITE_OFF"; amountMinor: bigint; reasonCode: string; invoiceId?: string | null };

export type PlanReceipt = { entityId: string; currency: string; unappliedMinor: bigint };
export type PlanInvoice = {
  id: string; number: string; entityId: string; customerId: string; currency: string;
  amountMinor: bigint; openAmountMinor: bigint; status: string;
};
export type PlanCustomer = { id: string; entityId: string; name: string };
export type InvoiceAfter = { openAmountMinor: bigint; status: "OPEN" | "PARTIALLY_PAID" | "PAID" };
export type PlanEffect = { unappliedAfterMinor: bigint; invoices: Map<string, InvoiceAfter>; customerIds: string[] };

/** 409: the plan no longer fits the current balances; 422: the plan itself is malformed. */
export class PlanError extends Error {
  constructor(message: string, readonly status: 409 | 422) {
    super(message);
  }
}

export const isShortfallWriteOff = (l: PlanLine) => l.kind === "WRITE_OFF" && (SHORTFALL_WRITE_OFF_REASONS as readonly string[]).includes(l.reasonCode);

export function validatePlan(receipt: PlanReceipt, lines: PlanLine[], invoices: Map<string, PlanInvoice>, customers: Map<string, PlanCustomer>): PlanEffect {
  if (lines.length === 0) throw new PlanError("nothing to do: the plan has no lines", 422);
  const money = (m: bigint) => formatMoney(m, receipt.currency);
  const applied = new Map<string, bigint>();
  const deducted = new Map<string, bigint>();
  const customerIds = new Set<string>();
  let capacity = receipt.unappliedMinor;
  let consumed = 0n;

  const invoiceOf = (id: string) => {
    const inv = invoices.get(id);
    if (!inv) throw new PlanError(`invoice ${id} not found`, 422);
    if (inv.entityId !== receipt.entityId) throw new PlanError(`invoice ${inv.number} belongs to another legal entity than the receipt`, 422);
    if (inv.currency !== receipt.currency) throw new PlanError(`invoice ${inv.number} is in ${inv.currency}, the receipt in ${receipt.currency}`, 422);
    if (inv.status !== "OPEN" && inv.status !== "PARTIALLY_PAID") throw new PlanError(`invoice ${inv.number} is ${inv.status.toLowerCase().replace("_", " ")}: nothing left to apply`, 409);
    return inv;
  };

  for (const l of lines) {
    if (l.amountMinor <= 0n) throw new PlanError("every amount must be greater than zero", 422);
    if (l.kind === "INVOICE") {
      const inv = invoiceOf(l.invoiceId);
      applied.set(inv.id, (applied.get(inv.id) ?? 0n) + l.amountMinor);
      customerIds.add(inv.customerId);
      consumed += l.amountMinor;
    } else if (l.kind === "DEDUCTION") {
      const inv = invoiceOf(l.invoiceId);
      deducted.set(inv.id, (deducted.get(inv.id) ?? 0n) + l.amountMinor);
      customerIds.add(inv.customerId);
    } else if (l.kind === "ON_ACCOUNT") {
      const c = customers.get(l.customerId);
      if (!c) throw new PlanError(`customer ${l.customerId} not found`, 422);
      if (c.entityId !== receipt.entityId) throw new PlanError(`customer ${c.name} belongs to another legal entity than the receipt`, 422);
      customerIds.add(c.id);
      consumed += l.amountMinor;
    } else if (isShortfallWriteOff(l)) {
      if (!l.invoiceId) throw new PlanError(`a ${l.reasonCode} write-off covers a shortfall on an invoice: say which invoice`, 422);
      invoiceOf(l.invoiceId);
      capacity += l.amountMinor;
    } else {
      consumed += l.amountMinor;
    }
  }

  for (const l of lines) {
    if (l.kind === "WRITE_OFF" && isShortfallWriteOff(l) && (applied.get(l.invoiceId!) ?? 0n) < l.amountMinor) {
      throw new PlanError(`the ${money(l.amountMinor)} write-off must settle part of invoice ${invoices.get(l.invoiceId!)!.number} in the same step`, 422);
    }
  }

  const after = new Map<string, InvoiceAfter>();
  for (const id of new Set([...applied.keys(), ...deducted.keys()])) {
    const inv = invoices.get(id)!;
    const a = applied.get(id) ?? 0n;
    const d = deducted.get(id) ?? 0n;
    if (a + d > inv.openAmountMinor) {
      throw new PlanError(`invoice ${inv.number} has ${money(inv.openAmountMinor)} open; this would put ${money(a + d)} against it`, 409);
    }
    const open = inv.openAmountMinor - a;
    after.set(id, { openAmountMinor: open, status: open === 0n ? "PAID" : open < inv.amountMinor ? "PARTIALLY_PAID" : "OPEN" });
  }

  const unappliedAfterMinor = capacity - consumed;
  if (unappliedAfterMinor < 0n) {
    throw new PlanError(`the receipt has ${money(capacity)} to apply; this would use ${money(consumed)} (${money(-unappliedAfterMinor)} too much)`, 409);
  }
  return { unappliedAfterMinor, invoices: after, customerIds: [...customerIds] };
}
