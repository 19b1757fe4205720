// Pure: the ERP's view of one journal entry (a standard receipt and its applications). Amounts are decimal strings.
// Shortfall write-offs are invoice adjustments in an ERP, not receipt applications: the invoice is applied with the
// cash actually received and the write-off is named in the comments (the journal keeps the exact booking).
import crypto from "node:crypto";
import { fromMinor } from "../money/money.ts";
import type { ErpPosting } from "../erp/index.ts";
import type { ErpKind } from "../erp/adapter.ts";
import { SHORTFALL_REASONS } from "./build-receipt-journal.ts";

export type PostingSource = {
  idempotencyKey: string;
  revision: number;
  receipt: { id: string; amountMinor: bigint; currency: string; valueDate: Date; channel: string; bankReference: string | null };
  entityCode: string;
  /** The ERP's longest receipt number (see RECEIPT_NUMBER_MAX); a longer one is shortened deterministically. */
  receiptNumberMax?: number;
  bankAccountNumber: string;
  customerAccount: string | null;
  applications: { kind: string; amountMinor: bigint; reasonCode: string | null; invoiceNumber: string | null; fx?: ErpFx | null }[];
};

/** A cross-currency application (lib/fx): named in the ERP receipt's comments with its rate and realised FX. */
export type ErpFx = { invoiceCurrency: string; invoiceAmountMinor: string; rate: string; rateDate: string; functionalCurrency: string; realisedMinor: string };

/** Receipt-number limits of ERPs whose field is shorter than `CL-<cuid>-R<n>`: SAP's DocumentReferenceID is CHAR 16
 * (BC's adapter shortens its 20-character document number itself and keeps ours as the external document number). */
export const RECEIPT_NUMBER_MAX: Partial<Record<ErpKind, number>> = { sap: 16 };

/** `CL-<receipt id>[-R<revision>]`, or when longer than `max`, `CL` + the first hex digits of its SHA-256 (upper
 * case): the same on every retry, so the ERP's look-up by our number still finds an earlier booking. */
export function erpReceiptNumber(receiptId: string, revision: number, max?: number): string {
  const natural = revision > 1 ? `CL-${receiptId}-R${revision}` : `CL-${receiptId}`;
  if (!max || natural.length <= max) return natural;
  return `CL${crypto.createHash("sha256").update(natural).digest("hex").slice(0, max - 2).toUpperCase()}`;
}

/** The ERP's cross-currency fields (lib/erp/posting.ts ErpApplicationFx): the adapter books both amounts and the FX. */
function erpFx(fx: ErpFx) {
  const realised = BigInt(fx.realisedMinor);
  return {
    invoiceCurrency: fx.invoiceCurrency, invoiceAmount: fromMinor(BigInt(fx.invoiceAmountMinor), fx.invoiceCurrency), rate: fx.rate, rateDate: fx.rateDate,
    functionalCurrency: fx.functionalCurrency, realisedGainLoss: `${realised < 0n ? "-" : ""}${fromMinor(realised < 0n ? -realised : realised, fx.functionalCurrency)}`,
  };
}

export function buildErpPosting(src: PostingSource): ErpPosting {
  const c = src.receipt.currency;
  const shortfalls = src.applications.filter((a) => a.kind === "WRITE_OFF" && SHORTFALL_REASONS.has(a.reasonCode ?? ""));
  let shortfallLeft = shortfalls.reduce((s, a) => s + a.amountMinor, 0n);
  const applications: ErpPosting["applications"] = [];
  for (const a of src.applications) {
    if (a.kind === "INVOICE") {
      // Take shortfall write-offs off the invoice applications so cash applied never exceeds cash received.
      const cut = shortfallLeft > a.amountMinor ? a.amountMinor : shortfallLeft;
      shortfallLeft -= cut;
      if (a.amountMinor - cut > 0n) applications.push({ type: "INVOICE", invoiceNumber: a.invoiceNumber, amount: fromMinor(a.amountMinor - cut, c), ...(a.fx && cut === 0n ? { fx: erpFx(a.fx) } : {}) });
    } else if (a.kind === "ON_ACCOUNT") {
      applications.push({ type: "ON_ACCOUNT", amount: fromMinor(a.amountMinor, c) });
    } else if (a.kind === "WRITE_OFF" && !SHORTFALL_REASONS.has(a.reasonCode ?? "")) {
      applications.push({ type: "WRITE_OFF", amount: fromMinor(a.amountMinor, c), writeOffReason: a.reasonCode ?? "small_overpayment" });
    }
  }
  const notes = shortfalls.map((a) => `write-off ${fromMinor(a.amountMinor, c)} ${c} (${a.reasonCode})`);
  for (const a of src.applications) {
    if (!a.fx) continue;
    const realised = BigInt(a.fx.realisedMinor);
    notes.push(`FX ${a.invoiceNumber ?? ""}: ${fromMinor(BigInt(a.fx.invoiceAmountMinor), a.fx.invoiceCurrency)} ${a.fx.invoiceCurrency} at ${a.fx.rate} (${a.fx.rateDate}), realised FX ${realised < 0n ? "loss" : "gain"} ${fromMinor(realised < 0n ? -realised : realised, a.fx.functionalCurrency)} ${a.fx.functionalCurrency}`);
  }
  return {
    idempotencyKey: src.idempotencyKey,
    receiptNumber: erpReceiptNumber(src.receipt.id, src.revision, src.receiptNumberMax),
    date: src.receipt.valueDate.toISOString().slice(0, 10),
    amount: fromMinor(src.receipt.amountMinor, c),
    currency: c,
    entity: src.entityCode,
    bankAccount: src.bankAccountNumber,
    customerAccount: src.customerAccount,
    receiptMethod: src.receipt.channel,
    comments: [`Cashline receipt ${src.receipt.id}`, src.receipt.bankReference ? `bank ref ${src.receipt.bankReference}` : null, ...notes].filter(Boolean).join("; "),
    applications,
  };
}
