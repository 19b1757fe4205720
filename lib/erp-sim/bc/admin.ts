// The BC simulator's control plane (/__sim/*), shaped like the Oracle simulator's: faults, reset, health, the ledger
// (vendor-native companies plus the normalised `receipts` every simulator answers), and seeding for tests and the
// demo: customers, open invoices, invoices paid or credited directly in the ERP, periods opened or closed.
import { z } from "zod";
import { fromMinor, toMinor } from "../../money/money.ts";
import { faultSettingsBody, type Faults } from "../faults.ts";
import { BcError } from "./odata.ts";
import { companyByName, createCustomer, createDraftInvoice, customerFor, emptyState, postInvoice, resolveCurrency, settleInvoice, tick, type BcState, type Company } from "./state.ts";

export type AdminContext = {
  state: () => BcState; replaceState: (s: BcState) => void; faults: Faults; reseed: (seed: number) => void;
  requests: () => number; resetCounters: () => void; revokeTokens: () => void; lcy: string;
};

const amount = z.string().regex(/^\d+(\.\d+)?$/, "must be a positive decimal string");
const customerSeed = z.object({ entity: z.string().min(1), accountNumber: z.string().min(1).max(20), name: z.string().default(""), currency: z.string().length(3).optional(), bankAccounts: z.array(z.string()).default([]) });
const invoiceSeed = z.object({
  entity: z.string().min(1), invoiceNumber: z.string().min(1).max(20), customerAccount: z.string().min(1), currency: z.string().length(3), amount,
  openAmount: amount.optional(), issueDate: z.iso.date(), dueDate: z.iso.date().optional(),
});
const settle = z.object({ entity: z.string().optional(), amount: amount.optional() });
const periodBody = z.object({ entity: z.string().min(1), start: z.iso.date(), open: z.boolean() });
const many = <T extends z.ZodType>(s: T) => z.union([z.array(s), s]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

function parse<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const r = schema.safeParse(body ?? {});
  if (!r.success) throw new BcError(400, "BadRequest", `invalid ${what}: ${r.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}`);
  return r.data;
}

export function handleAdmin(ctx: AdminContext, method: string, path: string, body: unknown): { status: number; body: unknown } {
  const state = ctx.state();
  if (path === "/__sim/health" && method === "GET") return { status: 200, body: { ok: true, kind: "bc" } };
  if (path === "/__sim/faults" && method === "GET") return { status: 200, body: ctx.faults.view() };
  if (path === "/__sim/faults" && method === "POST") {
    ctx.faults.apply(parse(faultSettingsBody, body, "fault settings"));
    return { status: 200, body: ctx.faults.view() };
  }
  if (path === "/__sim/ledger" && method === "GET") return { status: 200, body: ledgerSnapshot(ctx) };
  if (path === "/__sim/reset" && method === "POST") {
    const { seed } = parse(z.object({ seed: z.number().int().optional() }).strict(), body, "reset");
    ctx.replaceState(emptyState());
    ctx.faults.reset();
    ctx.resetCounters();
    if (seed !== undefined) ctx.reseed(seed);
    return { status: 200, body: { reset: true } };
  }
  if (path === "/__sim/tokens/revoke" && method === "POST") {
    ctx.revokeTokens();
    return { status: 200, body: { revoked: true } };
  }
  if (path === "/__sim/customers" && method === "POST") {
    const created = parse(many(customerSeed), body, "customers").map((s) => {
      const c = companyByName(state, s.entity, ctx.lcy);
      const existing = c.customers.find((x) => x.number === s.accountNumber);
      return existing ?? createCustomer(state, c, { number: s.accountNumber, displayName: s.name, currencyCode: s.currency, bankAccounts: s.bankAccounts });
    });
    return { status: 201, body: { customers: created } };
  }
  if (path === "/__sim/invoices" && method === "POST") {
    const created = parse(many(invoiceSeed), body, "invoices").map((s) => {
      const c = companyByName(state, s.entity, ctx.lcy);
      const customer = customerFor(c, { customerNumber: s.customerAccount });
      const draft = createDraftInvoice(state, c, {
        customer, externalDocumentNumber: s.invoiceNumber, invoiceDate: s.issueDate, dueDate: s.dueDate ?? s.issueDate, currencyCode: s.currency,
        lines: [{ description: `Invoice ${s.invoiceNumber}`, lineObjectNumber: "6110", quantity: "1", unitPrice: s.amount }],
      });
      const { allowPostingFrom, allowPostingTo } = c;
      c.allowPostingFrom = c.allowPostingTo = null; // entered in the ERP earlier: the seed ignores today's posting window
      postInvoice(state, c, draft, s.invoiceNumber);
      Object.assign(c, { allowPostingFrom, allowPostingTo });
      if (s.openAmount !== undefined) settleInvoice(state, c, draft, toMinor(s.amount, s.currency) - toMinor(s.openAmount, s.currency));
      return draft;
    });
    return { status: 201, body: { invoices: created } };
  }
  const settleMatch = /^\/__sim\/invoices\/([^/]+)\/(pay|credit)$/.exec(path);
  if (settleMatch && method === "POST") {
    const s = parse(settle, body, "settlement");
    const number = decodeURIComponent(settleMatch[1]!);
    const companies = state.companies.filter((c) => !s.entity || c.name === s.entity);
    const hit = companies.flatMap((c) => c.invoices.filter((i) => i.number === number && i.status === "Open").map((i) => ({ c, i })))[0];
    if (!hit) throw new BcError(404, "BadRequest_NotFound", `no open posted invoice ${number}${s.entity ? ` in ${s.entity}` : ""}`);
    const { c, i } = hit;
    const currency = resolveCurrency(c, i.currencyCode);
    const value = s.amount ? toMinor(s.amount, currency) : toMinor(i.remainingAmount, currency);
    if (value <= 0n || value > toMinor(i.remainingAmount, currency)) throw new BcError(400, "BadRequest", `amount must be > 0 and at most the remaining ${i.remainingAmount}`);
    const kind = settleMatch[2] === "pay" ? "Payment" : "Credit Memo";
    c.entries.push({
      entryNumber: c.nextEntryNumber++, documentType: kind, documentNumber: `SIM-${kind === "Payment" ? "PAY" : "CM"}-${c.nextEntryNumber}`, externalDocumentNumber: "",
      description: `${kind} entered in Business Central`, postingDate: new Date().toISOString().slice(0, 10), customerNumber: i.customerNumber, currencyCode: i.currencyCode,
      amount: fromMinor(-value, currency), open: false, balancingAccountNumber: "", balancingAccountType: "G/L Account", lastModifiedDateTime: tick(state), appliedToInvoice: i.number, source: "sim",
    });
    settleInvoice(state, c, i, value);
    return { status: 200, body: i };
  }
  if (path === "/__sim/periods" && method === "POST") {
    const p = parse(periodBody, body, "period");
    const c = companyByName(state, p.entity, ctx.lcy);
    const period = c.periods.find((x) => x.startingDate === p.start);
    if (!period) throw new BcError(404, "BadRequest_NotFound", `no accounting period starts on ${p.start} in ${p.entity}`);
    period.closed = !p.open;
    period.lastModifiedDateTime = tick(state);
    applyPostingWindow(c);
    return { status: 200, body: { period, allowPostingFrom: c.allowPostingFrom } };
  }
  throw new BcError(404, "BadRequest_NotFound", `no simulator endpoint ${method} ${path}`);
}

/** How BC users close a month: General Ledger Setup "Allow Posting From" moves to the day after the last closed period. */
function applyPostingWindow(c: Company): void {
  const sorted = [...c.periods].sort((a, b) => a.startingDate.localeCompare(b.startingDate));
  const lastClosed = sorted.map((p, i) => ({ p, next: sorted[i + 1] })).filter((x) => x.p.closed).pop();
  c.allowPostingFrom = lastClosed ? lastClosed.next?.startingDate ?? null : null;
  c.setupModified = new Date().toISOString();
}

/** Cashline's description tag on a payment line → the application type it stands for (see lib/erp/bc/receipts.ts). */
function tagType(description: string): "ON_ACCOUNT" | "UNAPPLIED" | null {
  const m = /^Cashline (ON_ACCOUNT|UNAPPLIED)\b/.exec(description);
  return (m?.[1] as "ON_ACCOUNT" | "UNAPPLIED" | undefined) ?? null;
}

export function normalisedReceipts(state: BcState) {
  return state.companies.flatMap((c) => {
    type Part = { payments: typeof c.entries; writeOffs: typeof c.glEntries };
    const groups = new Map<string, Part>();
    const part = (doc: string) => groups.get(doc) ?? (groups.set(doc, { payments: [], writeOffs: [] }), groups.get(doc)!);
    for (const e of c.entries) if (e.documentType === "Payment" && e.source === "api") part(e.documentNumber).payments.push(e);
    // a receipt's write-off: Cashline's G/L line on the write-off account (the credit side; its balancing debit is the bank)
    for (const g of c.glEntries) if (/^Cashline WRITE_OFF\b/.test(g.description) && toMinor(g.creditAmount, c.lcy) > 0n) part(g.documentNumber).writeOffs.push(g);
    return [...groups.entries()].map(([number, { payments, writeOffs }]) => {
      const currency = payments[0] ? resolveCurrency(c, payments[0].currencyCode) : c.lcy;
      const applications = [
        ...payments.flatMap((e) => {
          // the adapter's rule (applicationsOf in lib/erp/bc/receipts.ts): an invoice entry's first application keeps the
          // entry's number, re-applications are "<entry>-<detailed entry>", on-account cash once applied shows reversed
          const apps = c.applications.filter((a) => a.custLedgerEntryNumber === e.entryNumber).sort((a, b) => a.entryNumber - b.entryNumber);
          const type = tagType(e.description);
          return [
            ...(type ? [{ id: String(e.entryNumber), type, invoiceNumber: null as string | null, amount: fromMinor(-toMinor(e.amount, currency), currency), reversed: apps.length > 0 }] : []),
            ...apps.map((a, i) => ({
              id: e.appliedToInvoice && i === 0 ? String(e.entryNumber) : `${e.entryNumber}-${a.entryNumber}`, type: "INVOICE", invoiceNumber: a.appliedToDocumentNumber as string | null,
              amount: fromMinor(toMinor(a.amount, currency), currency), reversed: a.unapplied,
            })),
          ];
        }),
        ...writeOffs.map((g) => ({ id: `GL-${g.entryNumber}`, type: "WRITE_OFF", invoiceNumber: null, amount: g.creditAmount, reversed: false })),
      ];
      const total = payments.reduce((s, e) => s - toMinor(e.amount, currency), 0n) + writeOffs.reduce((s, g) => s + toMinor(g.creditAmount, currency), 0n);
      const first = payments[0];
      return {
        id: first ? String(first.entryNumber) : `GL-${writeOffs[0]!.entryNumber}`, receiptNumber: (first?.externalDocumentNumber || writeOffs[0]?.externalDocumentNumber) || number,
        entity: c.name, currency, amount: fromMinor(total, currency), customerAccount: first?.customerNumber ?? null, date: (first ?? writeOffs[0]!).postingDate, applications,
      };
    });
  });
}

function ledgerSnapshot(ctx: AdminContext) {
  const state = ctx.state();
  const receipts = normalisedReceipts(state);
  return {
    companies: state.companies,
    receipts,
    counts: {
      receipts: receipts.length, applications: receipts.reduce((s, r) => s + r.applications.length, 0),
      ledgerEntries: state.companies.reduce((s, c) => s + c.entries.length, 0), glEntries: state.companies.reduce((s, c) => s + c.glEntries.length, 0),
      glJournalLines: state.companies.reduce((s, c) => s + c.glLines.length, 0), journalLines: state.companies.reduce((s, c) => s + c.lines.length, 0),
      journals: state.companies.reduce((s, c) => s + c.journals.length + c.glJournals.length, 0), invoices: state.companies.reduce((s, c) => s + c.invoices.length, 0),
      customers: state.companies.reduce((s, c) => s + c.customers.length, 0),
    },
    requests: { erp: ctx.requests() },
    faultStats: ctx.faults.stats(),
  };
}
