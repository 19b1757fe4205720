// The simulator's control plane (/__sim/*, never faulted, never authenticated): faults, reset, health, the ledger
// (NetSuite-native records plus the normalised `receipts` view every ERP simulator shares), the generated credentials,
// and seeding as if someone had entered customers, invoices, direct payments/credits and periods in NetSuite.
import { z } from "zod";
import { faultSettingsBody, type Faults } from "../faults.ts";
import {
  createCustomer, createInvoice, customerByEntityId, findCustomer, invoiceByTranId, settleInvoice, updateCustomer, upsertPeriod,
} from "./books.ts";
import { NsError } from "./errors.ts";
import { readAmount, readCurrency } from "./money.ts";
import { renderCustomer, renderInvoice, renderPayment } from "./render.ts";
import { emptyState, type NsState } from "./state.ts";

export type AdminContext = {
  state: () => NsState; replaceState: (s: NsState) => void; faults: Faults; reseed: (seed: number) => void;
  requests: () => number; resetCounters: () => void; credentials: () => unknown; base: string; concurrency: () => { limit: number; refused: number };
};

const customerSeed = z.object({
  accountNumber: z.string().min(1), name: z.string().min(1), entity: z.string().min(1),
  bankAccounts: z.array(z.string().min(1)).default([]), parentAccountNumber: z.string().min(1).nullish(),
});
const invoiceSeed = z.object({
  invoiceNumber: z.string().min(1), customerAccount: z.string().min(1), currency: z.string(), amount: z.string(),
  issueDate: z.iso.date(), dueDate: z.iso.date().nullish(), memo: z.string().nullish(),
});
const periodSeed = z.object({ name: z.string().min(1).optional(), start: z.iso.date(), end: z.iso.date(), closed: z.boolean().optional(), arLocked: z.boolean().optional() });
const settleBody = z.object({ amount: z.string().optional() }).strict();
const resetBody = z.object({ seed: z.number().int().optional() }).strict();

/** Accepts one item, an array, or {<key>: [...]}. */
function many<T>(schema: z.ZodType<T>, key: string, body: unknown): T[] {
  const list = Array.isArray(body) ? body : body && typeof body === "object" && key in body ? (body as Record<string, unknown>)[key] : [body];
  const parsed = z.array(schema).safeParse(list);
  if (!parsed.success) throw new NsError(400, "INVALID_CONTENT", `invalid ${key}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

export function handleAdmin(ctx: AdminContext, method: string, path: string, body: unknown): { status: number; body: unknown } {
  const s = ctx.state();
  const route = `${method} ${path}`;
  if (route === "GET /__sim/health") return { status: 200, body: { ok: true, kind: "netsuite" } };
  if (route === "GET /__sim/faults") return { status: 200, body: ctx.faults.view() };
  if (route === "POST /__sim/faults") {
    const parsed = faultSettingsBody.safeParse(body ?? {});
    if (!parsed.success) throw new NsError(400, "INVALID_CONTENT", `invalid fault settings: ${parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}`);
    ctx.faults.apply(parsed.data);
    return { status: 200, body: ctx.faults.view() };
  }
  if (route === "POST /__sim/reset") {
    const parsed = resetBody.safeParse(body ?? {});
    if (!parsed.success) throw new NsError(400, "INVALID_CONTENT", "reset takes an optional {\"seed\": integer}");
    ctx.replaceState(emptyState());
    ctx.faults.reset();
    ctx.resetCounters();
    if (parsed.data.seed !== undefined) ctx.reseed(parsed.data.seed);
    return { status: 200, body: { reset: true } };
  }
  if (route === "GET /__sim/ledger") return { status: 200, body: ledgerSnapshot(ctx) };
  if (route === "GET /__sim/credentials") return { status: 200, body: ctx.credentials() };
  if (route === "POST /__sim/customers") {
    const out = many(customerSeed, "customers", body).map((c) => {
      const parent = c.parentAccountNumber ? customerByEntityId(s, c.parentAccountNumber) : undefined;
      if (c.parentAccountNumber && !parent) throw new NsError(400, "INVALID_VALUE", `parent customer ${c.parentAccountNumber} does not exist`, "parentAccountNumber");
      const input = { entityId: c.accountNumber, companyName: c.name, subsidiary: c.entity, bankAccounts: c.bankAccounts, parent: parent?.id ?? null };
      const existing = customerByEntityId(s, c.accountNumber);
      const rec = existing ? updateCustomer(s, existing, input) : createCustomer(s, input);
      return { id: rec.id, accountNumber: rec.entityId };
    });
    return { status: 200, body: { customers: out } };
  }
  if (route === "POST /__sim/invoices") {
    const out = many(invoiceSeed, "invoices", body).map((i) => {
      const customer = customerByEntityId(s, i.customerAccount);
      if (!customer) throw new NsError(400, "INVALID_VALUE", `customer ${i.customerAccount} does not exist`, "customerAccount");
      const currency = readCurrency(i.currency);
      const inv = createInvoice(s, { tranId: i.invoiceNumber, entity: customer.id, currency, total: readAmount(i.amount, currency, "amount"), tranDate: i.issueDate, dueDate: i.dueDate, memo: i.memo });
      return { id: inv.id, invoiceNumber: inv.tranId };
    });
    return { status: 200, body: { invoices: out } };
  }
  const settle = /^POST \/__sim\/invoices\/([^/]+)\/(pay|credit)$/.exec(route);
  if (settle) {
    const inv = invoiceByTranId(s, decodeURIComponent(settle[1]!));
    if (!inv) throw new NsError(404, "NONEXISTENT_ID", `invoice ${decodeURIComponent(settle[1]!)} does not exist`);
    const parsed = settleBody.safeParse(body ?? {});
    if (!parsed.success) throw new NsError(400, "INVALID_CONTENT", "pay/credit take an optional {\"amount\": \"decimal\"}");
    const amount = parsed.data.amount === undefined ? undefined : readAmount(parsed.data.amount, inv.currency, "amount");
    settleInvoice(s, inv, settle[2] === "pay" ? "payment" : "credit", amount);
    return { status: 200, body: renderInvoice(ctx.base, s, inv) };
  }
  if (route === "POST /__sim/periods") {
    const out = many(periodSeed, "periods", body).map((p) => upsertPeriod(s, p));
    return { status: 200, body: { periods: out } };
  }
  throw new NsError(404, "NONEXISTENT_ID", `no simulator endpoint ${route}`);
}

/** The normalised view shared by every ERP simulator, beside NetSuite's own records. */
export function ledgerSnapshot(ctx: AdminContext) {
  const s = ctx.state();
  const receipts = s.payments.map((p) => ({
    id: p.id, receiptNumber: p.tranId, entity: p.subsidiary, currency: p.currency, amount: p.payment,
    customerAccount: findCustomer(s, p.customer)?.entityId ?? null, date: p.tranDate, externalId: p.externalId,
    applications: p.history.map((h) => ({ id: h.id, type: h.type, invoiceNumber: h.invoiceNumber, amount: h.amount, reversed: h.reversed })),
  }));
  return {
    receipts,
    customerPayments: s.payments.map((p) => renderPayment(ctx.base, s, p, true)),
    customers: s.customers.map((c) => renderCustomer(ctx.base, c)),
    invoices: s.invoices.map((i) => renderInvoice(ctx.base, s, i)),
    accountingPeriods: s.periods,
    counts: {
      receipts: receipts.length, applications: receipts.reduce((n, r) => n + r.applications.filter((a) => !a.reversed).length, 0),
      reversedApplications: receipts.reduce((n, r) => n + r.applications.filter((a) => a.reversed).length, 0),
      customers: s.customers.length, invoices: s.invoices.length, periods: s.periods.length,
    },
    requests: { erp: ctx.requests() },
    concurrency: ctx.concurrency(),
    faultStats: ctx.faults.stats(),
  };
}
