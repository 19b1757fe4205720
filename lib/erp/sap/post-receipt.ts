// Posting a receipt to SAP exactly once. Journal Entry – Post (Synchronous) has no idempotency key: SAP's web
// service runtime only deduplicates asynchronous messages by message ID, and a synchronous call lost after commit
// leaves no trace but the document itself. So before (re-)posting, the adapter looks the receipt up by our receipt
// number in DocumentReferenceID through the OData item read, and posts only when SAP has no payment document for
// it. (Sound while one caller at a time handles a given receipt — the posting job's lock.) Clearing goes through the
// asynchronous clearing service, which does deduplicate by message ID.
import { toMinor } from "../../money/money.ts";
import { ErpPermanentError } from "../errors.ts";
import { normalisePosting, refuseCrossCurrency, type ErpApplicationPosting, type ErpPosting } from "../posting.ts";
import type { ErpPostingResult } from "../adapter.ts";
import { assertInvoicesOpen, settleClearing } from "./clearing.ts";
import { ADJUSTMENT_DOCUMENT_TYPE, ADJUSTMENT_HEADER, parseDocumentId, PAYMENT_DOCUMENT_TYPE, reversalText } from "./markers.ts";
import { lit, readItems } from "./reads.ts";
import { applicationItem, paymentItems, receiptsFrom, remainderItem, type ReceiptFamily, type SapAccounts, type SapApplication } from "./receipt.ts";
import { createSapBulkCalls } from "./bulk-calls.ts";
import type { JournalEntryInput, PostConfirmation } from "./soap.ts";
import type { SapTransport } from "./transport.ts";

export function createSapPosting(t: SapTransport, acc: SapAccounts) {
  const b = createSapBulkCalls(t);
  // Side-by-side postings of a batch share requests (bulk-calls.ts); each keeps its own answer.
  const postJournalEntry = (je: JournalEntryInput, key: string): Promise<PostConfirmation> => b.postEntry({ je, key });

  async function families(receiptNumber: string, entity?: string): Promise<ReceiptFamily[]> {
    if (entity) {
      const rows = await b.itemsOfReference({ entity, reference: receiptNumber });
      return receiptsFrom(rows.filter((r) => r.AccountingDocumentType === PAYMENT_DOCUMENT_TYPE || r.AccountingDocumentType === ADJUSTMENT_DOCUMENT_TYPE));
    }
    const filter = `DocumentReferenceID eq ${lit(receiptNumber)}${entity ? ` and CompanyCode eq ${lit(entity)}` : ""} and (AccountingDocumentType eq '${PAYMENT_DOCUMENT_TYPE}' or AccountingDocumentType eq '${ADJUSTMENT_DOCUMENT_TYPE}')`;
    return receiptsFrom(await readItems(t, filter));
  }

  async function family(receiptNumber: string, entity?: string): Promise<ReceiptFamily | null> {
    const found = await families(receiptNumber, entity);
    if (found.length > 1) throw new ErpPermanentError("conflict", `receipt number ${receiptNumber} matches ${found.length} SAP payment documents (${found.map((f) => f.receipt.id).join(", ")}); resolve in SAP`);
    return found[0] ?? null;
  }

  async function familyById(erpReceiptId: string): Promise<ReceiptFamily> {
    const key = parseDocumentId(erpReceiptId);
    if (!key) throw new ErpPermanentError("invalid_posting", `not an SAP journal entry id (companyCode/fiscalYear/document): ${erpReceiptId}`);
    const head = await readItems(t, `CompanyCode eq ${lit(key.companyCode)} and FiscalYear eq ${lit(key.fiscalYear)} and AccountingDocument eq ${lit(key.accountingDocument)} and AccountingDocumentItem eq '001'`);
    const found = head[0] ? (await families(head[0].DocumentReferenceID, key.companyCode)).find((f) => f.receipt.id === erpReceiptId) : undefined;
    if (!found) throw new ErpPermanentError("http", `SAP has no payment document ${erpReceiptId}`, { status: 404 });
    return found;
  }

  const invoiceTotals = (apps: ErpApplicationPosting[], currency: string, freed: SapApplication[] = []) => {
    const m = new Map<string, bigint>();
    for (const a of apps) if (a.type === "INVOICE") m.set(a.invoiceNumber!, (m.get(a.invoiceNumber!) ?? 0n) + toMinor(a.amount, currency));
    // Amounts a re-application re-opens on the same invoice count as available again.
    for (const a of freed) if (a.type === "INVOICE" && a.row.ClearingAccountingDocument && m.has(a.invoiceNumber!)) m.set(a.invoiceNumber!, m.get(a.invoiceNumber!)! - toMinor(a.amount, currency));
    return m;
  };

  async function postReceipt(posting: ErpPosting): Promise<ErpPostingResult> {
    const p = normalisePosting(posting);
    refuseCrossCurrency("SAP S/4HANA", "this adapter does not carry cross-currency applications yet (a payment journal entry clears open items of its own transaction currency here)", p.applications, p.receiptNumber);
    checkLengths(p.receiptNumber, p.entity, p.applications);
    let f = await family(p.receiptNumber, p.entity);
    if (!f) {
      await assertInvoicesOpen(b, p.entity, p.customerAccount ?? null, p.currency, invoiceTotals(p.applications, p.currency));
      await postJournalEntry({ companyCode: p.entity, documentType: PAYMENT_DOCUMENT_TYPE, documentDate: p.date, postingDate: p.date, currency: p.currency, referenceId: p.receiptNumber, headerText: p.comments?.slice(0, 25) ?? null, items: paymentItems(p, acc) }, p.idempotencyKey);
      f = await family(p.receiptNumber, p.entity);
      if (!f) throw new ErpPermanentError("bad_response", `SAP confirmed the payment document of receipt ${p.receiptNumber} but the item read does not show it`);
    } else {
      assertSame(f, p);
    }
    await settleClearing(b, f, p.date);
    const ordered = matchApplications(f.receipt.applications.filter((a) => !a.reversed), p.applications, p.currency);
    if (!ordered) throw new ErpPermanentError("conflict", `receipt ${p.receiptNumber}: SAP's payment document ${f.receipt.id} does not carry the posting's applications; resolve in SAP`);
    return { erpReceiptId: f.receipt.id, applicationIds: ordered.map((a) => a.id) };
  }

  // Unapply/reapply by counter-posting: SAP publishes no remote reset-clearing or reversal service in SAP_COM_0002,
  // so one AB document (same DocumentReferenceID) reverses each stale application item (a reversed invoice item
  // re-opens the invoice as a new open debit carrying the invoice number), adds the new ones, and moves the
  // difference to the unapplied remainder; then new invoice items are cleared. Safe to repeat: it starts from
  // what SAP holds, and once the AB document exists nothing is stale any more.
  async function reviseApplications(erpReceiptId: string, currency: string, target: ErpApplicationPosting[], keyPrefix: string, options: { date?: string } = {}): Promise<ErpPostingResult> {
    const on = options.date ?? today(); // the pipeline's date from SAP's open periods (a closed one moved on), else today
    refuseCrossCurrency("SAP S/4HANA", "this adapter does not carry cross-currency applications yet (a payment journal entry clears open items of its own transaction currency here)", target, erpReceiptId);
    let f = await familyById(erpReceiptId);
    const r = f.receipt;
    if (r.currency !== currency) throw new ErpPermanentError("invalid_posting", `receipt ${r.receiptNumber} is in ${r.currency}, not ${currency}`);
    const wanted = normalisePosting({ idempotencyKey: keyPrefix, receiptNumber: r.receiptNumber, date: r.date, amount: r.amount, currency, entity: r.entity, bankAccount: r.bankAccount, customerAccount: r.customerAccount, applications: target }).applications;
    checkLengths(r.receiptNumber, r.entity, wanted);
    const live = r.applications.filter((a) => !a.reversed);
    const pool = wanted.map((w) => ({ w, matched: false }));
    const stale: SapApplication[] = [];
    for (const a of live) {
      const same = pool.find((x) => !x.matched && x.w.type === a.type && (x.w.invoiceNumber ?? null) === (a.invoiceNumber ?? null) && toMinor(x.w.amount, currency) === toMinor(a.amount, currency));
      if (same) same.matched = true; else stale.push(a);
    }
    const fresh = pool.filter((x) => !x.matched).map((x) => x.w);
    if (stale.length || fresh.length) {
      await assertInvoicesOpen(b, r.entity, r.customerAccount, currency, invoiceTotals(fresh, currency, stale));
      const items = [
        ...stale.map((a) => ({ ...applicationItem(a, r.customerAccount ?? a.row.Customer ?? null, currency, acc, 1n, reversalText(a.id)), ...(a.row.FinancialAccountType === "D" ? { kind: "debtor" as const, account: a.row.Customer } : { kind: "gl" as const, account: a.row.GLAccount }) })),
        ...fresh.map((a) => applicationItem(a, r.customerAccount, currency, acc, -1n)),
      ];
      const delta = items.reduce((s, i) => s + toMinor(i.amount, currency), 0n);
      if (delta !== 0n) items.push(remainderItem(-delta, r.customerAccount, currency, acc));
      await postJournalEntry({ companyCode: r.entity, documentType: ADJUSTMENT_DOCUMENT_TYPE, documentDate: on, postingDate: on, currency, referenceId: r.receiptNumber, headerText: ADJUSTMENT_HEADER, items }, `${keyPrefix}:revise`);
      f = await familyById(erpReceiptId);
    }
    await settleClearing(b, f, on);
    const before = new Set(live.map((a) => a.id));
    return { erpReceiptId, applicationIds: f.receipt.applications.filter((a) => !a.reversed && !before.has(a.id)).map((a) => a.id) };
  }

  return { postJournalEntry, postReceipt, reviseApplications, family, familyById };
}

const today = () => new Date().toISOString().slice(0, 10);

function checkLengths(receiptNumber: string, entity: string, apps: ErpApplicationPosting[]) {
  if (receiptNumber.length > 16) throw new ErpPermanentError("invalid_posting", `invalid ERP posting: receipt number ${receiptNumber} is longer than SAP's 16-character DocumentReferenceID`);
  if (entity.length > 4) throw new ErpPermanentError("invalid_posting", `invalid ERP posting: entity ${entity} is not an SAP company code (at most 4 characters)`);
  for (const a of apps) if ((a.invoiceNumber ?? "").length > 18) throw new ErpPermanentError("invalid_posting", `invalid ERP posting: invoice number ${a.invoiceNumber} is longer than SAP's 18-character assignment`);
}

function assertSame(f: ReceiptFamily, p: ErpPosting) {
  const r = f.receipt;
  const diverged = (why: string) => new ErpPermanentError("conflict", `receipt number ${p.receiptNumber} already exists in SAP as ${r.id} but does not match the posting (${why}); nothing was posted, resolve in SAP`);
  if (r.currency !== p.currency || toMinor(r.amount, r.currency) !== toMinor(p.amount, p.currency) || r.date !== p.date || r.bankAccount !== p.bankAccount || (r.customerAccount ?? null) !== (p.customerAccount ?? null)) {
    throw diverged(`it is ${r.amount} ${r.currency} of ${r.date} on ${r.bankAccount}`);
  }
  if (!matchApplications(r.applications.filter((a) => !a.reversed), p.applications, r.currency)) throw diverged("its applications differ");
}

/** The live items in the order of the posting's applications, or null when they are not the same set. */
function matchApplications<A extends { type: string; invoiceNumber: string | null; amount: string }>(live: A[], wanted: ErpApplicationPosting[], currency: string): A[] | null {
  if (live.length !== wanted.length) return null;
  const left = [...live];
  const out: A[] = [];
  for (const w of wanted) {
    const i = left.findIndex((a) => a.type === w.type && (a.invoiceNumber ?? null) === (w.invoiceNumber ?? null) && toMinor(a.amount, currency) === toMinor(w.amount, currency));
    if (i < 0) return null;
    out.push(left.splice(i, 1)[0]!);
  }
  return out;
}
