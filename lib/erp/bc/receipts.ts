// A Cashline receipt in Business Central, by document number (BC has no idempotency key):
//  - customer part: one customer payment journal per receipt (journal-sync.ts) with a customerPayments line per
//    INVOICE / ON_ACCOUNT / UNAPPLIED application (INVOICE lines carry appliesToInvoiceNumber) and one for the
//    remainder, posted into customer ledger entries (finance reports API) with our documentNumber;
//  - write-off part: WRITE_OFF applications as G/L lines on the write-off account in a general journal (journals /
//    journalLines, local currency only), posted into G/L entries (API v2.0 generalLedgerEntries).
// Before posting, the ledger is read: a part already there is not posted again (a lost answer, a replay). The document
// number is the receipt number, or "CL" + 18 hex of its hash when longer than BC's 20 characters; the receipt number
// itself travels as externalDocumentNumber (35). Entries carry Cashline's tag in their description
// ("Cashline INVOICE INV-1"), since BC's entry APIs do not show what an entry was applied to.
import { createHash } from "node:crypto";
import { fromMinor, toMinor } from "../../money/money.ts";
import { ErpPermanentError } from "../errors.ts";
import { normalisePosting, refuseCrossCurrency, type ErpApplicationPosting, type ErpPosting, type ErpReceipt, type ErpReceiptApplication } from "../posting.ts";
import type { ErpPostingResult } from "../adapter.ts";
import { decimal } from "./json.ts";
import { createJournalSync, journalCode, type WantedLine } from "./journal-sync.ts";
import { createRevisions } from "./revise.ts";
import { amountField, lit, nextLinkOf, valuesOf, type BcTransport } from "./transport.ts";

export type BcContext = {
  t: BcTransport; companyId(entity?: string): Promise<string>; lcy(companyId: string): Promise<string>; entityName(companyId: string): string;
  writeOffAccountNumber: string; suspenseCustomerNumber: string | null; balancingAccountId: string | null;
};
/** A payment entry; `id`, `applications` only when read through the Cashline extension (its applications as BC holds them). */
export type Payment = {
  entryNumber: string; documentNumber: string; externalDocumentNumber: string; description: string; postingDate: string; customerNumber: string; currencyCode: string; amount: string;
  balancingAccountNumber: string; id?: string; applications?: { entryNumber: string; appliedToDocumentNumber: string; amount: string; postingDate: string; unapplied: boolean }[];
};
type WriteOff = { entryNumber: string; documentNumber: string; description: string; postingDate: string; amount: string };
export type Booked = { payments: Payment[]; writeOffs: WriteOff[] };

export const documentNumberOf = (receiptNumber: string) => (receiptNumber.length <= 20 ? receiptNumber : `CL${createHash("sha256").update(receiptNumber).digest("hex").slice(0, 18).toUpperCase()}`);
const TAG = /^Cashline (INVOICE|ON_ACCOUNT|UNAPPLIED|WRITE_OFF)\b(?: (\S+))?/;
const tagOf = (a: ErpApplicationPosting) => `Cashline ${a.type}${a.type === "INVOICE" ? ` ${a.invoiceNumber}` : a.type === "WRITE_OFF" && a.writeOffReason ? ` ${a.writeOffReason.replace(/\s+/g, "_")}` : ""}`.slice(0, 100);

export function createReceipts(ctx: BcContext) {
  const { t } = ctx;
  const journals = createJournalSync(t);

  /**
   * A document's payment entries: through the Cashline extension when it is installed (with each entry's applications,
   * so unapplied and re-applied ones read back as they are), else through the finance reports API (tags only).
   * Whether the extension answers is learnt once per company.
   */
  const extension = new Map<string, boolean>();
  async function paymentEntries(cid: string, doc: string): Promise<Payment[]> {
    const $filter = `documentNumber eq ${lit(doc)} and documentType eq 'Payment'`;
    if (extension.get(cid) !== false) {
      try {
        const rows = await readAll({ method: "GET", api: "cashline", path: `/companies(${cid})/customerLedgerEntries`, query: { $filter, $expand: "applications" } }, "customer ledger entries");
        extension.set(cid, true);
        return rows.map(toPayment);
      } catch (e) {
        if (!isExtensionMissing(e)) throw e;
        extension.set(cid, false);
      }
    }
    return (await readAll({ method: "GET", api: "reportsFinance", path: `/companies(${cid})/customerLedgerEntries`, query: { $filter } }, "customer ledger entries")).map(toPayment);
  }

  /** Every page of a collection (BC pages server-side; a receipt may have more lines than one page). */
  async function readAll(call: Parameters<BcTransport["send"]>[0], what: string): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = [];
    for (let next: string | null = null, first = true; first || next; first = false) {
      const res = await t.send(next ? { method: "GET", path: next } : call);
      rows.push(...valuesOf(res.body, what));
      next = nextLinkOf(res.body);
    }
    return rows;
  }

  /** What BC booked under a document number; `withWriteOffs: false` skips the G/L read (a posting without write-offs
   *  under its own receipt number: a revised receipt gets a new number, so no write-off can be there). */
  async function booked(cid: string, doc: string, withWriteOffs = true): Promise<Booked> {
    const [cle, gle] = await Promise.all([
      paymentEntries(cid, doc),
      withWriteOffs
        ? t.send({ method: "GET", path: `/companies(${cid})/generalLedgerEntries`, query: { $filter: `documentNumber eq ${lit(doc)} and accountNumber eq ${lit(ctx.writeOffAccountNumber)}` } })
        : Promise.resolve({ status: 200, body: { value: [] } }),
    ]);
    const byNumber = <T extends { entryNumber: string }>(xs: T[]) => xs.sort((a, b) => Number(a.entryNumber) - Number(b.entryNumber));
    return {
      payments: byNumber(cle),
      writeOffs: byNumber(valuesOf(gle.body, "general ledger entries").filter((g) => /^Cashline WRITE_OFF\b/.test(String(g.description ?? "")) && !/^-?0+(\.0+)?$/.test(amountField(g.creditAmount, "creditAmount")))
        .map((g) => ({ entryNumber: String(g.entryNumber), documentNumber: String(g.documentNumber), description: String(g.description), postingDate: String(g.postingDate), amount: amountField(g.creditAmount, "creditAmount") }))),
    };
  }

  async function receiptOf(cid: string, b: Booked, receiptNumber?: string): Promise<ErpReceipt | null> {
    const first = b.payments[0];
    if (!first && !b.writeOffs[0]) return null;
    const lcy = await ctx.lcy(cid);
    const currency = first ? first.currencyCode || lcy : lcy;
    const applications: ErpReceiptApplication[] = [
      ...b.payments.flatMap((e) => applicationsOf(e, currency, (bcNumber) => cashlineNumberOf(cid, bcNumber))),
      ...b.writeOffs.map((g) => ({ id: `GL-${g.entryNumber}`, type: "WRITE_OFF" as const, invoiceNumber: null, amount: fromMinor(toMinor(g.amount, currency), currency), writeOffReason: TAG.exec(g.description)?.[2] ?? null, reversed: false })),
    ];
    const total = b.payments.reduce((s, e) => s - toMinor(e.amount, currency), 0n) + b.writeOffs.reduce((s, g) => s + toMinor(g.amount, currency), 0n);
    const applied = applications.filter((a) => !a.reversed).reduce((s, a) => s + toMinor(a.amount, currency), 0n);
    const customer = first?.customerNumber && first.customerNumber !== ctx.suspenseCustomerNumber ? first.customerNumber : null;
    return {
      id: first ? first.entryNumber : `GL-${b.writeOffs[0]!.entryNumber}`, receiptNumber: receiptNumber ?? (first?.externalDocumentNumber || (first ?? b.writeOffs[0]!).documentNumber),
      date: (first ?? b.writeOffs[0]!).postingDate, amount: fromMinor(total, currency), currency, entity: ctx.entityName(cid), bankAccount: first?.balancingAccountNumber ?? "",
      customerAccount: customer, unappliedAmount: fromMinor(total - applied, currency), applications,
    };
  }

  /** BC's receipt matches the posting: the ids in the posting's application order; else a conflict for a human. */
  function verified(r: ErpReceipt, p: ErpPosting): ErpPostingResult {
    const left = (r.applications ?? []).filter((a) => !a.reversed);
    const ids = p.applications.map((w) => {
      const i = left.findIndex((a) => a.type === w.type && (a.invoiceNumber ?? null) === (w.type === "INVOICE" ? w.invoiceNumber ?? null : null) && toMinor(a.amount, r.currency) === toMinor(w.amount, p.currency));
      return i < 0 ? null : left.splice(i, 1)[0]!.id;
    });
    const same = r.currency === p.currency && toMinor(r.amount, r.currency) === toMinor(p.amount, p.currency) && r.date === p.date
      && r.customerAccount === (p.customerAccount ?? null) && left.length === 0 && ids.every((id) => id !== null);
    if (!same) {
      throw new ErpPermanentError("conflict", `receipt number ${p.receiptNumber} is already posted in Business Central (entry ${r.id}: ${r.amount} ${r.currency} of ${r.date} for ${r.customerAccount ?? "no customer"}, ${r.applications?.length ?? 0} applications) but does not match the posting; nothing was posted, resolve in BC`);
    }
    return { erpReceiptId: r.id, applicationIds: ids as string[] };
  }

  function checkPostable(p: ErpPosting, customerLines: boolean): void {
    const bad = (why: string) => new ErpPermanentError("invalid_posting", `Business Central cannot take receipt ${p.receiptNumber}: ${why}`);
    if (p.receiptNumber.length > 35) throw bad("the receipt number is carried as externalDocumentNumber, at most 35 characters");
    if (customerLines && !p.customerAccount && !ctx.suspenseCustomerNumber) throw bad("a customer payment needs a customer (BC has no unidentified receipts; configure credentials.suspenseCustomerNumber to post them on account of a suspense customer)");
    for (const a of p.applications) if (a.type === "INVOICE" && (!a.invoiceNumber || a.invoiceNumber.length > 20)) throw bad("an INVOICE application needs an invoice number of at most 20 characters");
  }

  /**
   * BC's number of each invoice applied to. An invoice Cashline published has BC's posted number (103001…) and ours as
   * its externalDocumentNumber; one entered in BC is known to Cashline by BC's number. Cached: numbers never change.
   */
  const bcNumbers = new Map<string, string>();
  /** Cashline's number of an invoice BC knows by `bcNumber` (a re-application names BC's number), when learnt. */
  const cashlineNumberOf = (cid: string, bcNumber: string) => [...bcNumbers].find(([k, v]) => v === bcNumber && k.startsWith(`${cid}|`))?.[0].slice(cid.length + 1) ?? bcNumber;
  async function invoiceNumbersIn(cid: string, p: Pick<ErpPosting, "applications">): Promise<Map<string, string>> {
    for (const a of p.applications) {
      if (a.type !== "INVOICE" || bcNumbers.has(`${cid}|${a.invoiceNumber}`)) continue;
      const res = await t.send({ method: "GET", path: `/companies(${cid})/salesInvoices`, query: { $filter: `externalDocumentNumber eq ${lit(a.invoiceNumber!)}` } });
      const posted = valuesOf(res.body, "sales invoices").filter((i) => i.status !== "Draft" && i.status !== "Canceled");
      bcNumbers.set(`${cid}|${a.invoiceNumber}`, posted.length === 1 ? String(posted[0]!.number) : a.invoiceNumber!);
    }
    return new Map(p.applications.filter((a) => a.type === "INVOICE").map((a) => [a.invoiceNumber!, bcNumbers.get(`${cid}|${a.invoiceNumber}`)!]));
  }

  function customerLines(p: ErpPosting, doc: string, customerNumber: string, numbers: Map<string, string>): WantedLine[] {
    const apps = p.applications.filter((a) => a.type !== "WRITE_OFF");
    const rest = toMinor(p.amount, p.currency) - p.applications.reduce((s, a) => s + toMinor(a.amount, p.currency), 0n);
    // the tag keeps Cashline's invoice number (what the receipt reads back as); appliesTo carries BC's
    const rows = apps.map((a) => ({ amount: `-${a.amount}`, applies: a.type === "INVOICE" ? numbers.get(a.invoiceNumber!)! : "", description: tagOf(a) }));
    if (rest > 0n) rows.push({ amount: `-${fromMinor(rest, p.currency)}`, applies: "", description: `Cashline receipt ${p.receiptNumber}`.slice(0, 100) });
    return rows.map((w, i) => ({
      lineNumber: (i + 1) * 10000,
      body: {
        lineNumber: decimal(String((i + 1) * 10000)), customerNumber, postingDate: p.date, documentNumber: doc, externalDocumentNumber: p.receiptNumber, amount: decimal(w.amount),
        description: w.description, ...(w.applies ? { appliesToInvoiceNumber: w.applies } : {}), ...(p.comments ? { comment: p.comments.slice(0, 250) } : {}),
      },
      same: (h) => h.customerNumber === customerNumber && h.postingDate === p.date && h.documentNumber === doc && h.externalDocumentNumber === p.receiptNumber
        && String(h.appliesToInvoiceNumber ?? "") === w.applies && h.description === w.description && toMinor(amountField(h.amount, "amount"), p.currency) === toMinor(w.amount, p.currency),
    }));
  }

  function writeOffLines(p: ErpPosting, doc: string): WantedLine[] {
    return p.applications.filter((a) => a.type === "WRITE_OFF").map((a, i) => ({
      lineNumber: (i + 1) * 10000,
      body: { lineNumber: decimal(String((i + 1) * 10000)), accountType: "G/L Account", accountNumber: ctx.writeOffAccountNumber, postingDate: p.date, documentNumber: doc, externalDocumentNumber: p.receiptNumber, amount: decimal(`-${a.amount}`), description: tagOf(a) },
      same: (h) => h.accountNumber === ctx.writeOffAccountNumber && h.postingDate === p.date && h.documentNumber === doc && h.description === tagOf(a) && toMinor(amountField(h.amount, "amount"), p.currency) === -toMinor(a.amount, p.currency),
    }));
  }

  async function postReceipt(posting: ErpPosting): Promise<ErpPostingResult> {
    const p = normalisePosting(posting);
    refuseCrossCurrency("Business Central", "this adapter does not carry cross-currency applications yet (Business Central allows them only with Appln. between Currencies = All in Sales & Receivables Setup)", p.applications, p.receiptNumber);
    const doc = documentNumberOf(p.receiptNumber);
    const hasWriteOffs = p.applications.some((a) => a.type === "WRITE_OFF");
    const remainder = toMinor(p.amount, p.currency) - p.applications.reduce((s, a) => s + toMinor(a.amount, p.currency), 0n);
    const hasCustomerPart = p.applications.some((a) => a.type !== "WRITE_OFF") || remainder > 0n;
    checkPostable(p, hasCustomerPart);
    const cid = await ctx.companyId(p.entity);
    const lcy = await ctx.lcy(cid);
    if (hasWriteOffs && p.currency !== lcy) {
      throw new ErpPermanentError("not_supported", `Business Central adapter: receipt ${p.receiptNumber} writes off in ${p.currency}, but API v2.0 journalLines carry no currency (local currency ${lcy} only); nothing was posted`);
    }
    let b = await booked(cid, doc, hasWriteOffs);
    if (hasCustomerPart && !b.payments.length) {
      const customerNumber = p.customerAccount ?? ctx.suspenseCustomerNumber!;
      const res = await t.send({ method: "GET", path: `/companies(${cid})/customers`, query: { $filter: `number eq ${lit(customerNumber)}` } });
      const customer = valuesOf(res.body, "customers")[0];
      if (!customer) throw new ErpPermanentError("invalid_posting", `customer ${customerNumber} does not exist in Business Central company ${ctx.entityName(cid)}`);
      const kept = String(customer.currencyCode ?? "") || lcy;
      if (kept !== p.currency) throw new ErpPermanentError("invalid_posting", `customer ${customerNumber} is kept in ${kept} in Business Central; a ${p.currency} receipt cannot be posted to it`);
      await journals.fillAndPost({
        cid, kind: { set: "customerPaymentJournals", lines: "customerPayments" }, code: journalCode("CL", p.receiptNumber), displayName: `Cashline receipt ${p.receiptNumber}`,
        balancingAccountId: ctx.balancingAccountId ?? undefined, wanted: customerLines(p, doc, customerNumber, await invoiceNumbersIn(cid, p)),
      });
    }
    if (hasWriteOffs && !b.writeOffs.length) {
      await journals.fillAndPost({
        cid, kind: { set: "journals", lines: "journalLines" }, code: journalCode("CW", p.receiptNumber), displayName: `Cashline write-off ${p.receiptNumber}`,
        balancingAccountId: ctx.balancingAccountId ?? undefined, wanted: writeOffLines(p, doc),
      });
    }
    b = await booked(cid, doc, hasWriteOffs);
    const r = await receiptOf(cid, b, p.receiptNumber);
    if (!r) throw new ErpPermanentError("conflict", `Business Central accepted the post of receipt ${p.receiptNumber} but shows no entries for document ${doc}`);
    return verified(r, p);
  }

  async function lookupReceipt(receiptNumber: string, entity?: string): Promise<ErpReceipt | null> {
    const cid = await ctx.companyId(entity);
    return receiptOf(cid, await booked(cid, documentNumberOf(receiptNumber)), receiptNumber);
  }

  async function getReceipt(erpReceiptId: string): Promise<ErpReceipt> {
    const m = /^(GL-)?(\d+)$/.exec(erpReceiptId);
    if (!m) throw new ErpPermanentError("http", `Business Central receipt ids are customer ledger entry numbers (or GL-<G/L entry number>), not "${erpReceiptId}"`, { status: 404 });
    const cid = await ctx.companyId();
    const res = m[1]
      ? await t.send({ method: "GET", path: `/companies(${cid})/generalLedgerEntries`, query: { $filter: `entryNumber eq ${m[2]}` } })
      : await t.send({ method: "GET", api: "reportsFinance", path: `/companies(${cid})/customerLedgerEntries`, query: { $filter: `entryNumber eq ${m[2]}` } });
    const entry = valuesOf(res.body, "ledger entries")[0];
    if (!entry) throw new ErpPermanentError("http", `ledger entry ${erpReceiptId} does not exist in Business Central`, { status: 404 });
    const r = await receiptOf(cid, await booked(cid, String(entry.documentNumber)));
    if (!r || r.id !== erpReceiptId) throw new ErpPermanentError("http", `ledger entry ${erpReceiptId} is not the first entry of a Cashline receipt${r ? ` (receipt ${r.receiptNumber} is ${r.id})` : ""}`, { status: 404 });
    return r;
  }

  const revise = createRevisions({ ctx, getReceipt, invoiceNumbersIn, toPayment });
  const reviseApplications: typeof revise = (erpReceiptId, currency, target, ...rest) => {
    refuseCrossCurrency("Business Central", "this adapter does not carry cross-currency applications yet (Business Central allows them only with Appln. between Currencies = All in Sales & Receivables Setup)", target, erpReceiptId);
    return revise(erpReceiptId, currency, target, ...rest);
  };

  return { postReceipt, lookupReceipt, getReceipt, reviseApplications };
}

function toPayment(e: Record<string, unknown>): Payment {
  return {
    entryNumber: String(e.entryNumber), documentNumber: String(e.documentNumber ?? ""), externalDocumentNumber: String(e.externalDocumentNumber ?? ""), description: String(e.description ?? ""),
    postingDate: String(e.postingDate ?? ""), customerNumber: String(e.customerNumber ?? ""), currencyCode: String(e.currencyCode ?? ""), amount: amountField(e.amount, "amount"),
    balancingAccountNumber: String(e.balancingAccountNumber ?? ""),
    ...(Array.isArray(e.applications) ? {
      id: String(e.id),
      applications: (e.applications as Record<string, unknown>[]).map((a) => ({
        entryNumber: String(a.entryNumber), appliedToDocumentNumber: String(a.appliedToDocumentNumber ?? ""), amount: amountField(a.amount, "applications.amount"),
        postingDate: String(a.postingDate ?? ""), unapplied: a.unapplied === true,
      })),
    } : {}),
  };
}

/**
 * A payment entry's applications in Cashline's terms. From its tag alone (finance reports API): the one application it
 * was posted as. With its BC applications (Cashline extension): an INVOICE entry's first application keeps the entry's
 * number as id, later re-applications are "<entry>-<detailed entry>"; an ON_ACCOUNT/UNAPPLIED entry whose cash was
 * ever applied to an invoice shows that placement reversed (BC holds open cash, not Cashline's name for it). The
 * simulator's normalised ledger follows the same rule (lib/erp-sim/bc/admin.ts).
 */
export function applicationsOf(e: Payment, currency: string, cashlineNumberOf: (bcNumber: string) => string): ErpReceiptApplication[] {
  const m = TAG.exec(e.description);
  if (m?.[1] === "WRITE_OFF") return [];
  const type = (m?.[1] ?? null) as ErpReceiptApplication["type"] | null; // null: the receipt's unapplied remainder
  const whole = fromMinor(-toMinor(e.amount, currency), currency);
  if (!e.applications) return type ? [{ id: e.entryNumber, type, invoiceNumber: type === "INVOICE" ? m?.[2] ?? null : null, amount: whole, writeOffReason: null, reversed: false }] : [];
  const apps = [...e.applications].sort((a, b) => Number(a.entryNumber) - Number(b.entryNumber));
  const out: ErpReceiptApplication[] = type && type !== "INVOICE" ? [{ id: e.entryNumber, type, invoiceNumber: null, amount: whole, writeOffReason: null, reversed: apps.length > 0 }] : [];
  apps.forEach((a, i) => {
    const original = type === "INVOICE" && i === 0;
    out.push({
      id: original ? e.entryNumber : `${e.entryNumber}-${a.entryNumber}`, type: "INVOICE", invoiceNumber: original ? m?.[2] ?? null : cashlineNumberOf(a.appliedToDocumentNumber),
      amount: fromMinor(toMinor(a.amount, currency), currency), writeOffReason: null, reversed: a.unapplied,
    });
  });
  return out;
}

/** BC answers 404 BadRequest_NotFound for an API route no installed extension publishes. */
export const isExtensionMissing = (e: unknown) => e instanceof ErpPermanentError && e.status === 404;
