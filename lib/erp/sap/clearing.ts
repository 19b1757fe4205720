// Clearing a receipt's customer items in SAP with Journal Entry – Clearing (Asynchronous). Each clearing message's
// ID derives from the items it clears, so a retry after a lost answer resends the same ID and SAP's runtime drops
// the duplicate; before sending, the items are read again and what is already cleared is skipped. Reads and
// clearings go through the batch's coalesced bulk calls (bulk-calls.ts).
import { fromMinor, toMinor } from "../../money/money.ts";
import { ErpPermanentError, ErpRetryableError } from "../errors.ts";
import type { SapBulkCalls } from "./bulk-calls.ts";
import type { SapItemRow } from "./reads.ts";
import { sapItemId, type ReceiptFamily } from "./receipt.ts";
import { messageId, type ClearingItem } from "./soap.ts";

const asClearing = (r: SapItemRow, partial?: string | null): ClearingItem => ({
  companyCode: r.CompanyCode, customer: r.Customer, fiscalYear: r.FiscalYear, accountingDocument: r.AccountingDocument, item: r.AccountingDocumentItem, partialAmount: partial ?? null,
});

/** Open items of an invoice on a customer, oldest first: debits (original, residuals, re-opened) or, with
 *  `withCredits`, also credits carrying the invoice number (applications not cleared yet, SAP partial payments). */
export async function openInvoiceItems(b: SapBulkCalls, companyCode: string, customer: string, invoice: string, withCredits = false): Promise<SapItemRow[]> {
  const rows = (await b.openItemsOfInvoice({ entity: companyCode, invoice })).filter((r) => r.Customer === customer && (withCredits || r.DebitCreditCode === "S"));
  return rows.sort((a, b) => `${a.PostingDate}${a.AccountingDocument}${a.AccountingDocumentItem}`.localeCompare(`${b.PostingDate}${b.AccountingDocument}${b.AccountingDocumentItem}`));
}

/** Refuses (before anything is posted) applications larger than what SAP still holds open on each invoice. */
export async function assertInvoicesOpen(b: SapBulkCalls, companyCode: string, customer: string | null, currency: string, wanted: Map<string, bigint>): Promise<void> {
  const held = await Promise.all([...wanted.keys()].map((invoice) => (customer ? openInvoiceItems(b, companyCode, customer, invoice, true) : Promise.resolve([]))));
  for (const [n, [invoice, amount]] of [...wanted].entries()) {
    const open = held[n]!.filter((r) => r.TransactionCurrency === currency);
    const total = open.reduce((s, r) => s + toMinor(r.AmountInTransactionCurrency, currency), 0n);
    if (total < amount) {
      throw new ErpPermanentError("invalid_posting", !open.some((r) => !r.AmountInTransactionCurrency.startsWith("-"))
        ? `invoice ${invoice} has no open ${currency} item of customer ${customer ?? "(none)"} in SAP company code ${companyCode}; nothing was posted`
        : `applying ${fromMinor(amount, currency)} ${currency} to invoice ${invoice} exceeds its open amount ${fromMinor(total, currency)} ${currency} in SAP; nothing was posted`,
      { errorCode: "OVER_APPLICATION" });
    }
  }
}

/**
 * Brings the receipt's clearing up to date: a reversed customer item that was never cleared is cleared against its
 * reversal; every live INVOICE item is cleared against the invoice's open items (the last one partially).
 * Throws retryable while SAP has not processed a message yet (the service is asynchronous).
 */
export async function settleClearing(b: SapBulkCalls, family: ReceiptFamily, postingDate: string): Promise<void> {
  const { receipt, reversals } = family;
  const currency = receipt.currency;
  const sent: string[] = [];
  const send = async (items: ClearingItem[]) => {
    const id = messageId(`clear:${items.map((i) => `${i.accountingDocument}/${i.fiscalYear}/${i.item}:${i.partialAmount ?? ""}`).join(",")}`);
    await b.sendClearing({ companyCode: receipt.entity, postingDate, currency, messageId: id, items });
    sent.push(id);
  };
  for (const a of receipt.applications) {
    const reversal = reversals.get(a.id);
    if (a.reversed && reversal && a.row.FinancialAccountType === "D" && !a.row.ClearingAccountingDocument && !reversal.ClearingAccountingDocument) {
      await send([asClearing(a.row), asClearing(reversal)]);
    }
  }
  const pending = receipt.applications.filter((a) => !a.reversed && a.type === "INVOICE" && !a.row.ClearingAccountingDocument);
  for (const a of pending) {
    const open = await openInvoiceItems(b, receipt.entity, a.row.Customer, a.invoiceNumber ?? "");
    let left = toMinor(a.amount, currency);
    const items = [asClearing(a.row)];
    for (const r of open) {
      if (left === 0n) break;
      const amount = toMinor(r.AmountInTransactionCurrency, currency);
      items.push(asClearing(r, amount <= left ? null : fromMinor(left, currency)));
      left -= amount <= left ? amount : left;
    }
    if (left > 0n) {
      throw new ErpPermanentError("conflict", `receipt ${receipt.receiptNumber}: invoice ${a.invoiceNumber} no longer has ${a.amount} ${currency} open in SAP (item ${a.id} stays an open credit on customer ${a.row.Customer}); resolve in SAP`, { errorCode: "OVER_APPLICATION" });
    }
    await send(items);
  }
  if (sent.length === 0) return;
  // Asynchronous: confirm by reading the items back.
  const after = (await b.itemsOfReference({ entity: receipt.entity, reference: receipt.receiptNumber })).filter((r) => r.FinancialAccountType === "D");
  const open = new Set(after.filter((r) => !r.ClearingAccountingDocument).map(sapItemId));
  const unsettled = pending.filter((a) => open.has(a.id));
  if (unsettled.length) {
    throw new ErpRetryableError("http", `receipt ${receipt.receiptNumber}: SAP has not processed clearing message(s) ${sent.join(", ")} yet (asynchronous; see the Message Dashboard if this persists)`);
  }
}
