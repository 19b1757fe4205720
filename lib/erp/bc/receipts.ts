// A Cashline receipt in Business Central: one customer payment journal (a Gen. Journal Batch of the CASHRCPT
// template) per receipt, code "CL" + 8 characters of a hash of the receipt number, holding one customerPayments line
// per application (INVOICE lines carry appliesToInvoiceNumber) plus one for any remainder, all with our receipt number
// as documentNumber, then posted with the journals' bound action Microsoft.NAV.post. BC has no idempotency key, so:
//  - a posted receipt is found by its customer ledger entries (documentNumber = receipt number, documentType Payment);
//  - before posting, the batch is found by its code and its lines by their line numbers (10000, 20000, …): BC refuses a
//    second line with the same number (Internal_EntityWithSameKeyExists), so a line whose answer was lost is not doubled;
//  - a batch whose lines exist but which was never posted (a crash between the two) is completed and posted.
// Posted entries carry Cashline's tag in their description ("Cashline INVOICE INV-1"), since the ledger entry API does
// not show what an entry was applied to.
import { createHash } from "node:crypto";
import { fromMinor, toMinor } from "../../money/money.ts";
import { ErpPermanentError, ErpRetryableError } from "../errors.ts";
import { normalisePosting, type ErpApplicationPosting, type ErpPosting, type ErpReceipt, type ErpReceiptApplication } from "../posting.ts";
import type { ErpPostingResult } from "../adapter.ts";
import { decimal, decimalText } from "./json.ts";
import { lit, valuesOf, type BcTransport } from "./transport.ts";

export type BcContext = { t: BcTransport; companyId(entity?: string): Promise<string>; lcy(companyId: string): Promise<string>; entityName(companyId: string): string };

type Line = { lineNumber: number; amount: string; appliesToInvoiceNumber: string; description: string };
type Entry = { entryNumber: string; documentNumber: string; description: string; postingDate: string; customerNumber: string; currencyCode: string; amount: string; balancingAccountNumber: string };

export const batchCode = (receiptNumber: string) => `CL${createHash("sha256").update(receiptNumber).digest("hex").slice(0, 8).toUpperCase()}`;

const TAG = /^Cashline (INVOICE|ON_ACCOUNT|UNAPPLIED)\b(?: (\S+))?/;
const tagOf = (a: ErpApplicationPosting) => `Cashline ${a.type}${a.type === "INVOICE" ? ` ${a.invoiceNumber}` : ""}`;

function linesFor(p: ErpPosting): Line[] {
  const lines = p.applications.map((a, i) => ({
    lineNumber: (i + 1) * 10000, amount: `-${a.amount}`, appliesToInvoiceNumber: a.type === "INVOICE" ? a.invoiceNumber! : "", description: tagOf(a),
  }));
  const rest = toMinor(p.amount, p.currency) - p.applications.reduce((s, a) => s + toMinor(a.amount, p.currency), 0n);
  if (rest > 0n) lines.push({ lineNumber: (lines.length + 1) * 10000, amount: `-${fromMinor(rest, p.currency)}`, appliesToInvoiceNumber: "", description: `Cashline receipt ${p.receiptNumber}`.slice(0, 100) });
  return lines;
}

function checkPostable(p: ErpPosting): void {
  const bad = (why: string) => new ErpPermanentError("invalid_posting", `Business Central cannot take receipt ${p.receiptNumber}: ${why}`);
  if (!p.customerAccount) throw bad("a customer payment needs a customer (BC has no unidentified receipts; post it on account of a suspense customer)");
  if (p.receiptNumber.length > 20) throw bad("documentNumber is at most 20 characters in BC");
  for (const a of p.applications) {
    if (a.type === "WRITE_OFF") {
      throw new ErpPermanentError("not_supported", `Business Central adapter: receipt ${p.receiptNumber} has a WRITE_OFF application; customerPayments take customer lines only (a write-off needs a G/L journal line), so nothing was posted`);
    }
    if (a.type === "INVOICE" && (!a.invoiceNumber || a.invoiceNumber.length > 20)) throw bad(`INVOICE application needs an invoice number of at most 20 characters`);
  }
}

export function createReceipts(ctx: BcContext) {
  const { t } = ctx;

  async function postedEntries(cid: string, receiptNumber: string): Promise<Entry[]> {
    const res = await t.send({ method: "GET", api: "reportsFinance", path: `/companies(${cid})/customerLedgerEntries`, query: { $filter: `documentNumber eq ${lit(receiptNumber)} and documentType eq 'Payment'` } });
    return valuesOf(res.body, "customer ledger entries").map(toEntry).sort((a, b) => Number(a.entryNumber) - Number(b.entryNumber));
  }

  async function receiptOf(cid: string, entries: Entry[]): Promise<ErpReceipt> {
    const lcy = await ctx.lcy(cid);
    const first = entries[0]!;
    const currency = first.currencyCode || lcy;
    const total = entries.reduce((s, e) => s - toMinor(e.amount, currency), 0n);
    const applications: ErpReceiptApplication[] = entries.flatMap((e) => {
      const m = TAG.exec(e.description);
      if (!m) return [];
      const type = m[1] as ErpReceiptApplication["type"];
      return [{ id: e.entryNumber, type, invoiceNumber: type === "INVOICE" ? m[2] ?? null : null, amount: fromMinor(-toMinor(e.amount, currency), currency), writeOffReason: null, reversed: false }];
    });
    const applied = applications.reduce((s, a) => s + toMinor(a.amount, currency), 0n);
    return {
      id: first.entryNumber, receiptNumber: first.documentNumber, date: first.postingDate, amount: fromMinor(total, currency), currency, entity: ctx.entityName(cid),
      bankAccount: first.balancingAccountNumber, customerAccount: first.customerNumber || null, unappliedAmount: fromMinor(total - applied, currency), applications,
    };
  }

  /** The receipt BC booked matches the posting, or a conflict error for a human (nothing is posted). */
  function verified(r: ErpReceipt, p: ErpPosting): ErpPostingResult {
    const apps = r.applications ?? [];
    const same = r.currency === p.currency && toMinor(r.amount, r.currency) === toMinor(p.amount, p.currency) && r.date === p.date
      && r.customerAccount === (p.customerAccount ?? null) && apps.length === p.applications.length
      && apps.every((a, i) => a.type === p.applications[i]!.type && (a.invoiceNumber ?? null) === (p.applications[i]!.invoiceNumber ?? null) && toMinor(a.amount, r.currency) === toMinor(p.applications[i]!.amount, p.currency));
    if (!same) {
      throw new ErpPermanentError("conflict", `receipt number ${p.receiptNumber} is already posted in Business Central (entry ${r.id}: ${r.amount} ${r.currency} of ${r.date} for ${r.customerAccount}, ${apps.length} applications) but does not match the posting; nothing was posted, resolve in BC`);
    }
    return { erpReceiptId: r.id, applicationIds: apps.map((a) => a.id) };
  }

  async function customerOf(cid: string, number: string): Promise<{ id: string; currencyCode: string }> {
    const res = await t.send({ method: "GET", path: `/companies(${cid})/customers`, query: { $filter: `number eq ${lit(number)}` } });
    const c = valuesOf(res.body, "customers")[0];
    if (!c) throw new ErpPermanentError("invalid_posting", `customer ${number} does not exist in Business Central company ${ctx.entityName(cid)}`);
    return { id: String(c.id), currencyCode: String(c.currencyCode ?? "") };
  }

  type Journal = { id: string; etag: string; lines: (Line & { id: string; etag: string; customerNumber: string; postingDate: string; documentNumber: string })[] };

  async function findJournal(cid: string, code: string): Promise<Journal | null> {
    const res = await t.send({ method: "GET", path: `/companies(${cid})/customerPaymentJournals`, query: { $filter: `code eq ${lit(code)}`, $expand: "customerPayments" } });
    const j = valuesOf(res.body, "customer payment journals")[0];
    if (!j) return null;
    const lines = ((j.customerPayments as Record<string, unknown>[] | undefined) ?? []).map((l) => ({
      id: String(l.id), etag: String(l["@odata.etag"]), lineNumber: Number(l.lineNumber), amount: decimalText(l.amount, "amount"),
      appliesToInvoiceNumber: String(l.appliesToInvoiceNumber ?? ""), description: String(l.description ?? ""), customerNumber: String(l.customerNumber ?? ""),
      postingDate: String(l.postingDate ?? ""), documentNumber: String(l.documentNumber ?? ""),
    }));
    return { id: String(j.id), etag: String(j["@odata.etag"]), lines };
  }

  async function ensureJournal(cid: string, p: ErpPosting): Promise<Journal> {
    const code = batchCode(p.receiptNumber);
    const existing = await findJournal(cid, code);
    if (existing) return existing;
    try {
      const res = await t.send({ method: "POST", path: `/companies(${cid})/customerPaymentJournals`, body: { code, displayName: `Cashline receipt ${p.receiptNumber}`.slice(0, 100) }, safe: true });
      const j = res.body as Record<string, unknown>;
      return { id: String(j.id), etag: String(j["@odata.etag"]), lines: [] };
    } catch (e) {
      if (!isSameKey(e)) throw e;
      const again = await findJournal(cid, code); // created by our earlier attempt whose answer was lost
      if (!again) throw e;
      return again;
    }
  }

  /** Brings the unposted batch to exactly the wanted lines: stray or different lines go (If-Match), missing ones come. */
  async function fillJournal(cid: string, j: Journal, p: ErpPosting, customerNumber: string, currency: string): Promise<void> {
    const wanted = linesFor(p);
    const same = (have: Journal["lines"][number], want: Line) => have.customerNumber === customerNumber && have.postingDate === p.date && have.documentNumber === p.receiptNumber
      && have.appliesToInvoiceNumber === want.appliesToInvoiceNumber && have.description === want.description && toMinor(have.amount, currency) === toMinor(want.amount, currency);
    for (const have of j.lines) {
      const want = wanted.find((w) => w.lineNumber === have.lineNumber);
      if (want && same(have, want)) continue;
      try {
        await t.send({ method: "DELETE", path: `/companies(${cid})/customerPaymentJournals(${j.id})/customerPayments(${have.id})`, ifMatch: have.etag });
      } catch (e) {
        // 412: someone changed the line since we read it; the next attempt reads it afresh
        if (e instanceof ErpPermanentError && e.status === 412) throw new ErpRetryableError("http", e.message, { status: 412, errorCode: e.errorCode });
        throw e;
      }
    }
    for (const want of wanted) {
      const have = j.lines.find((l) => l.lineNumber === want.lineNumber);
      if (have && same(have, want)) continue;
      const body = {
        lineNumber: decimal(String(want.lineNumber)), customerNumber, postingDate: p.date, documentNumber: p.receiptNumber, amount: decimal(want.amount),
        description: want.description, ...(want.appliesToInvoiceNumber ? { appliesToInvoiceNumber: want.appliesToInvoiceNumber } : {}),
        ...(p.comments ? { comment: p.comments.slice(0, 250) } : {}),
      };
      try {
        await t.send({ method: "POST", path: `/companies(${cid})/customerPaymentJournals(${j.id})/customerPayments`, body, safe: true });
      } catch (e) {
        if (!isSameKey(e)) throw e; // the line landed on an earlier try: checked below before posting
      }
    }
    const now = await findJournal(cid, batchCode(p.receiptNumber));
    const ok = now && now.lines.length === wanted.length && wanted.every((w) => now.lines.some((h) => h.lineNumber === w.lineNumber && same(h, w)));
    if (!ok) throw new ErpPermanentError("conflict", `customer payment journal ${batchCode(p.receiptNumber)} for receipt ${p.receiptNumber} does not hold the expected lines after filling it; nothing was posted, check the journal in BC`);
  }

  async function postReceipt(posting: ErpPosting): Promise<ErpPostingResult> {
    const p = normalisePosting(posting);
    checkPostable(p);
    const cid = await ctx.companyId(p.entity);
    const booked = await postedEntries(cid, p.receiptNumber);
    if (booked.length) return verified(await receiptOf(cid, booked), p);
    const customer = await customerOf(cid, p.customerAccount!);
    const lcy = await ctx.lcy(cid);
    if ((customer.currencyCode || lcy) !== p.currency) {
      throw new ErpPermanentError("invalid_posting", `customer ${p.customerAccount} is kept in ${customer.currencyCode || lcy} in Business Central; a ${p.currency} receipt cannot be posted to it`);
    }
    const journal = await ensureJournal(cid, p);
    await fillJournal(cid, journal, p, p.customerAccount!, p.currency);
    try {
      await t.send({ method: "POST", path: `/companies(${cid})/journals(${journal.id})/Microsoft.NAV.post` });
    } catch (e) {
      // "There is nothing to post": an earlier post went through and emptied the batch; the ledger tells.
      if (!(e instanceof ErpPermanentError && /nothing to post/i.test(e.message))) throw e;
    }
    const posted = await postedEntries(cid, p.receiptNumber);
    if (!posted.length) throw new ErpPermanentError("conflict", `Business Central accepted the post of journal ${batchCode(p.receiptNumber)} but shows no payment entries for ${p.receiptNumber}`);
    const result = verified(await receiptOf(cid, posted), p);
    // Tidy up the now empty batch; a failure here leaves an empty journal behind, nothing worse.
    await t.send({ method: "DELETE", path: `/companies(${cid})/customerPaymentJournals(${journal.id})`, ifMatch: journal.etag }).catch(() => undefined);
    return result;
  }

  async function lookupReceipt(receiptNumber: string, entity?: string): Promise<ErpReceipt | null> {
    const cid = await ctx.companyId(entity);
    const entries = await postedEntries(cid, receiptNumber);
    return entries.length ? receiptOf(cid, entries) : null;
  }

  async function getReceipt(erpReceiptId: string): Promise<ErpReceipt> {
    if (!/^\d+$/.test(erpReceiptId)) throw new ErpPermanentError("http", `Business Central receipt ids are customer ledger entry numbers, not "${erpReceiptId}"`, { status: 404 });
    const cid = await ctx.companyId();
    const res = await t.send({ method: "GET", api: "reportsFinance", path: `/companies(${cid})/customerLedgerEntries`, query: { $filter: `entryNumber eq ${erpReceiptId}` } });
    const entry = valuesOf(res.body, "customer ledger entries").map(toEntry)[0];
    if (!entry) throw new ErpPermanentError("http", `customer ledger entry ${erpReceiptId} does not exist in Business Central`, { status: 404 });
    const r = await receiptOf(cid, await postedEntries(cid, entry.documentNumber));
    if (r.id !== erpReceiptId) throw new ErpPermanentError("http", `customer ledger entry ${erpReceiptId} is not the first entry of receipt ${r.receiptNumber} (that is ${r.id})`, { status: 404 });
    return r;
  }

  /**
   * BC's API v2.0 has no customer-entry application or unapplication (only vendors have applyVendorEntries), and a
   * posted payment cannot be reversed through it either. So: a revision that asks for what BC already holds succeeds
   * (replays are idempotent); any real change is refused, and nothing is posted.
   */
  async function reviseApplications(erpReceiptId: string, currency: string, target: ErpApplicationPosting[]): Promise<ErpPostingResult> {
    const r = await getReceipt(erpReceiptId);
    const live = [...(r.applications ?? [])];
    const unmatched = target.filter((w) => {
      const i = live.findIndex((a) => a.type === w.type && (a.invoiceNumber ?? null) === (w.invoiceNumber ?? null) && toMinor(a.amount, currency) === toMinor(w.amount, currency));
      if (i < 0) return true;
      live.splice(i, 1);
      return false;
    });
    if (unmatched.length === 0 && live.length === 0) return { erpReceiptId, applicationIds: [] };
    throw new ErpPermanentError("not_supported", `Business Central API v2.0 cannot unapply or reapply customer ledger entries (receipt ${r.receiptNumber}, entry ${erpReceiptId}); change the application in BC (Customer Ledger Entries → Unapply Entries / Apply Entries). Nothing was posted`);
  }

  return { postReceipt, lookupReceipt, getReceipt, reviseApplications };
}

function toEntry(e: Record<string, unknown>): Entry {
  return {
    entryNumber: String(e.entryNumber), documentNumber: String(e.documentNumber ?? ""), description: String(e.description ?? ""), postingDate: String(e.postingDate ?? ""),
    customerNumber: String(e.customerNumber ?? ""), currencyCode: String(e.currencyCode ?? ""), amount: decimalText(e.amount, "amount"), balancingAccountNumber: String(e.balancingAccountNumber ?? ""),
  };
}

const isSameKey = (e: unknown) => e instanceof ErpPermanentError && e.errorCode === "Internal_EntityWithSameKeyExists";
