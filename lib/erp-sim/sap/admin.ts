// The SAP simulator's control plane (/__sim/*), never faulted: the shared fault settings, reset, health, the ledger,
// and seeding as if entered in SAP directly (customers with bank accounts, open invoices, invoices paid or credited
// in SAP for drift tests, posting periods opened or closed).
import { z } from "zod";
import { faultSettingsBody, type Faults } from "../faults.ts";
import { SimError } from "../sim-error.ts";
import { clearItems } from "./journal-entry-clearing.ts";
import { ledgerSnapshot } from "./ledger-view.ts";
import { decimal, emptySapState, findPartner, minor, nextDocumentNumber, nowIso, type SapDoc, type SapState } from "./state.ts";
import { isCurrency } from "../../money/money.ts";

export type SapAdminContext = {
  state: () => SapState; replace: (s: SapState) => void; faults: Faults; defaults: () => void;
  reseed: (seed: number) => void; requests: () => number; tokensIssued: () => number; resetCounters: () => void;
};

const date = z.iso.date();
const customersBody = z.object({ customers: z.array(z.object({
  customer: z.string().min(1).max(10), name: z.string().min(1).max(80), companyCodes: z.array(z.string().min(1).max(4)).min(1),
  bankAccounts: z.array(z.string().min(1).max(34)).default([]),
})) });
const invoicesBody = z.object({ invoices: z.array(z.object({
  invoiceNumber: z.string().min(1).max(16), customer: z.string().min(1), companyCode: z.string().min(1).max(4), currency: z.string().refine(isCurrency),
  amount: z.string().regex(/^\d+(\.\d+)?$/), issueDate: date, dueDate: date.nullish(),
})) });
const settleBody = z.object({ date: date.optional(), amount: z.string().regex(/^\d+(\.\d+)?$/).optional() }).default({});
const periodsBody = z.object({ companyCode: z.string().min(1).max(4), period: z.string().regex(/^\d{4}-\d{2}$/), open: z.boolean() });
const resetBody = z.object({ seed: z.number().int().optional() }).default({});

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const r = schema.safeParse(body ?? {});
  if (!r.success) throw new SimError(400, "INVALID_REQUEST", `${what}: ${r.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}`);
  return r.data;
}

export function handleSapAdmin(ctx: SapAdminContext, method: string, path: string, body: unknown): { status: number; body: unknown; committed: boolean } {
  const state = ctx.state();
  const route = `${method} ${path}`;
  if (route === "GET /__sim/health") return done({ ok: true, kind: "sap" }, false);
  if (route === "GET /__sim/faults") return done(ctx.faults.view(), false);
  if (route === "POST /__sim/faults") { ctx.faults.apply(parse(faultSettingsBody, body, "fault settings")); return done(ctx.faults.view(), false); }
  if (route === "GET /__sim/ledger") return done(ledgerSnapshot(state, { faultStats: ctx.faults.stats(), requests: ctx.requests(), tokensIssued: ctx.tokensIssued() }), false);
  if (route === "POST /__sim/reset") {
    const { seed } = parse(resetBody, body, "reset");
    ctx.replace(emptySapState());
    ctx.faults.reset();
    ctx.defaults();
    ctx.resetCounters();
    if (seed !== undefined) ctx.reseed(seed);
    return done({ reset: true }, true);
  }
  if (route === "POST /__sim/customers") {
    const now = nowIso();
    for (const c of parse(customersBody, body, "customers").customers) {
      const banks = c.bankAccounts.map((iban, i) => ({ BankIdentification: String(i + 1).padStart(4, "0"), BankCountryKey: iban.slice(0, 2), BankNumber: "", BankAccount: iban.slice(-10), IBAN: iban }));
      const existing = findPartner(state, c.customer);
      if (existing) Object.assign(existing, { name: c.name, companyCodes: [...new Set([...existing.companyCodes, ...c.companyCodes])], banks, LastChange: now });
      else state.partners.push({ BusinessPartner: c.customer, name: c.name, companyCodes: c.companyCodes, banks, CreationDate: now, LastChange: now });
    }
    return done({ customers: state.partners.length }, true);
  }
  if (route === "POST /__sim/invoices") {
    const created = parse(invoicesBody, body, "invoices").invoices.map((inv) => {
      const partner = findPartner(state, inv.customer);
      if (!partner || !partner.companyCodes.includes(inv.companyCode)) throw new SimError(422, "UNKNOWN_CUSTOMER", `customer ${inv.customer} is not defined in company code ${inv.companyCode}`);
      const amount = minor(inv.amount, inv.currency);
      return post(state, inv.companyCode, "DR", inv.issueDate, inv.currency, inv.invoiceNumber, [
        { accountType: "D", customer: inv.customer, glAccount: null, amount, text: null, assignment: inv.invoiceNumber, dueDate: inv.dueDate ?? null },
        { accountType: "S", customer: null, glAccount: "0041000000", amount: -amount, text: null, assignment: null, dueDate: null },
      ]).accountingDocument;
    });
    return done({ accountingDocuments: created }, true);
  }
  const settle = /^\/__sim\/invoices\/([^/]+)\/(pay|credit)$/.exec(path);
  if (settle && method === "POST") return done(settleInvoice(state, decodeURIComponent(settle[1]!), settle[2] as "pay" | "credit", parse(settleBody, body, settle[2]!)), true);
  if (route === "POST /__sim/periods") {
    const p = parse(periodsBody, body, "periods");
    const key = `${p.companyCode}/${p.period}`;
    state.closedPeriods = state.closedPeriods.filter((c) => c !== key);
    if (!p.open) state.closedPeriods.push(key);
    return done({ closedPeriods: state.closedPeriods }, true);
  }
  throw new SimError(404, "NO_SUCH_RESOURCE", `no simulator endpoint ${method} ${path}`);
}

const done = (body: unknown, committed: boolean) => ({ status: 200, body, committed });

type NewItem = { accountType: "S" | "D"; customer: string | null; glAccount: string | null; amount: bigint; text: string | null; assignment: string | null; dueDate: string | null };
function post(state: SapState, companyCode: string, type: string, postingDate: string, currency: string, reference: string | null, items: NewItem[]): SapDoc {
  const now = nowIso();
  const doc: SapDoc = {
    companyCode, fiscalYear: postingDate.slice(0, 4), accountingDocument: nextDocumentNumber(state, companyCode, postingDate.slice(0, 4), type), documentType: type,
    referenceId: reference, headerText: null, documentDate: postingDate, postingDate, currency, createdAt: now,
    items: items.map((i, n) => ({ ...i, item: n + 1, amount: decimal(i.amount, currency), clearingDocument: null, clearingDate: null, lastChange: now })),
  };
  state.docs.push(doc);
  return doc;
}

/** Pays (bank → customer) or credits (credit memo) an invoice directly in SAP and clears its open items. */
function settleInvoice(state: SapState, invoiceNumber: string, how: "pay" | "credit", opts: { date?: string; amount?: string }) {
  const open = state.docs.flatMap((d) => d.items.filter((i) => i.accountType === "D" && i.assignment === invoiceNumber && !i.clearingDocument && !i.amount.startsWith("-")).map((item) => ({ doc: d, item })));
  if (open.length === 0) throw new SimError(404, "INVOICE_NOT_OPEN", `invoice ${invoiceNumber} has no open items`);
  const { doc: first, item } = open[0]!;
  const openTotal = open.reduce((s, o) => s + minor(o.item.amount, o.doc.currency), 0n);
  const amount = opts.amount ? minor(opts.amount, first.currency) : openTotal;
  if (amount <= 0n || amount > openTotal) throw new SimError(422, "OVER_APPLICATION", `amount exceeds the open ${decimal(openTotal, first.currency)} ${first.currency} of invoice ${invoiceNumber}`);
  const day = opts.date ?? new Date().toISOString().slice(0, 10);
  const offset: NewItem = how === "pay"
    ? { accountType: "S", customer: null, glAccount: "0011001000", amount, text: "ERP:BANK", assignment: null, dueDate: null }
    : { accountType: "S", customer: null, glAccount: "0041000000", amount, text: "ERP:CREDIT", assignment: null, dueDate: null };
  const settlement = post(state, first.companyCode, how === "pay" ? "DZ" : "DG", day, first.currency, invoiceNumber, [
    offset, { accountType: "D", customer: item.customer, glAccount: null, amount: -amount, text: null, assignment: invoiceNumber, dueDate: null },
  ]);
  // Clear greedily: full items while they fit, the last one partially (a residual stays open).
  let left = amount;
  const lines = [{ doc: settlement, item: settlement.items[1]!, partial: null as bigint | null }];
  for (const o of open) {
    if (left === 0n) break;
    const a = minor(o.item.amount, o.doc.currency);
    lines.push({ doc: o.doc, item: o.item, partial: a <= left ? null : left });
    left -= a <= left ? a : left;
  }
  const clearing = clearItems(state, { companyCode: first.companyCode, postingDate: day, currency: first.currency, documentType: "AB", headerText: null }, lines);
  return { accountingDocument: settlement.accountingDocument, clearingDocument: clearing };
}
