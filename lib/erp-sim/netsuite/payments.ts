// The customerPayment record: creating, upserting (PUT …/eid:X) and patching. An update merges apply lines by their
// key `doc` (`apply: false` unapplies one) unless the request says ?replace=apply, which drops lines it does not list.
// Every write is checked whole before anything changes, so a refused write leaves the book as it was; a changed or
// dropped line is kept in the history as reversed.
import { z } from "zod";
import { amountDue, assertPeriodOpen, findCustomer, findInvoice } from "./books.ts";
import { invalidValue, userError } from "./errors.ts";
import { decimal, minor, readAmount, readCurrency } from "./money.ts";
import { nextId, stamp, type NsAllocation, type NsPayment, type NsState } from "./state.ts";

const ref = z.object({ id: z.union([z.string().min(1), z.number()]).transform(String) }).passthrough();
const applyLine = z.object({ doc: ref, apply: z.boolean().default(true), amount: z.union([z.number(), z.string()]).optional() }).passthrough();
const allocation = z.object({ type: z.enum(["ON_ACCOUNT", "WRITE_OFF", "UNAPPLIED"]), amount: z.string(), reason: z.string().nullish() });
export const paymentBody = z.object({
  externalId: z.string().optional(),
  tranId: z.string().min(1).optional(),
  tranDate: z.iso.date().optional(),
  customer: ref.optional(),
  subsidiary: ref.optional(),
  currency: ref.optional(),
  account: ref.optional(),
  payment: z.union([z.number(), z.string()]).optional(),
  memo: z.string().nullish(),
  apply: z.object({ items: z.array(applyLine) }).optional(),
  /** Custom body field (free-form text in NetSuite) carrying Cashline's non-invoice allocations as JSON. */
  custbody_cashline_allocations: z.string().nullish(),
}).passthrough();
export type PaymentBody = z.infer<typeof paymentBody>;

type Mode = "create" | "replace" | "merge";

/** Writes `body` onto `existing` (or a new payment), all rules checked first. Returns the payment and whether it changed. */
export function writePayment(s: NsState, body: PaymentBody, mode: Mode, existing?: NsPayment, externalId?: string): { payment: NsPayment; changed: boolean } {
  const base = existing;
  const need = <T>(v: T | undefined, path: string): T => {
    if (v === undefined) throw invalidValue(path, `Please enter value(s) for: ${path}`);
    return v;
  };
  const customerId = body.customer?.id ?? base?.customer;
  const customer = findCustomer(s, need(customerId, "customer"));
  if (!customer) throw invalidValue("customer", `You have entered an Invalid Field Value ${customerId} for the following field: customer`);
  const subsidiary = body.subsidiary?.id ?? base?.subsidiary ?? customer.subsidiary;
  if (subsidiary !== customer.subsidiary) throw invalidValue("subsidiary", `Customer ${customer.entityId} belongs to subsidiary ${customer.subsidiary}, not ${subsidiary}.`);
  const currency = readCurrency(body.currency?.id ?? base?.currency);
  const tranDate = need(body.tranDate ?? base?.tranDate, "tranDate");
  const account = need(body.account?.id ?? base?.account, "account");
  const total = readAmount(need(body.payment ?? base?.payment, "payment"), currency, "payment");
  const period = assertPeriodOpen(s, tranDate);
  if (base) assertPeriodOpen(s, base.tranDate); // a payment in a closed period cannot be changed either

  const apply: Record<string, string> = base && (mode === "merge" || !body.apply) ? { ...base.apply } : {};
  for (const [i, line] of (body.apply?.items ?? []).entries()) {
    const path = `apply.items[${i}]`;
    const inv = findInvoice(s, line.doc.id);
    if (!inv) throw invalidValue(`${path}.doc`, `You have entered an Invalid Field Value ${line.doc.id} for the following field: doc`);
    if (!line.apply) { delete apply[inv.id]; continue; }
    if (inv.entity !== customer.id) throw invalidValue(`${path}.doc`, `Invoice ${inv.tranId} does not belong to customer ${customer.entityId}.`);
    if (inv.currency !== currency) throw invalidValue(`${path}.doc`, `Invoice ${inv.tranId} is in ${inv.currency}, the payment in ${currency}.`);
    const amount = readAmount(line.amount ?? decimal(amountDue(s, inv, base), currency), currency, `${path}.amount`);
    apply[inv.id] = decimal(amount, currency);
  }
  for (const [docId, amount] of Object.entries(apply)) {
    const inv = findInvoice(s, docId)!;
    const due = amountDue(s, inv, base);
    if (minor(amount, currency) > due) {
      throw invalidValue("apply.items.amount", `The amount applied to invoice ${inv.tranId} (${amount} ${currency}) exceeds its amount due (${decimal(due, currency)} ${currency}).`);
    }
  }
  const allocations = body.custbody_cashline_allocations !== undefined ? readAllocations(body.custbody_cashline_allocations, currency) : base?.allocations ?? [];
  const used = [...Object.values(apply), ...allocations.map((a) => a.amount)].reduce((sum, a) => sum + minor(a, currency), 0n);
  if (used > total) throw userError(`The total applied (${decimal(used, currency)} ${currency}) exceeds the payment amount (${decimal(total, currency)} ${currency}).`, "apply");

  const at = stamp();
  const payment: NsPayment = base ?? {
    id: nextId(s), externalId: externalId ?? body.externalId ?? null, tranId: "", tranDate, customer: customer.id, subsidiary, currency, account,
    payment: "", memo: null, postingPeriod: null, apply: {}, allocations: [], history: [], dateCreated: at, lastModifiedDate: at,
  };
  const before = JSON.stringify(payment);
  const touched = recordHistory(s, payment, apply, allocations);
  Object.assign(payment, {
    tranId: body.tranId ?? base?.tranId ?? `PYMT${payment.id}`, tranDate, customer: customer.id, subsidiary, currency, account,
    payment: decimal(total, currency), memo: body.memo !== undefined ? body.memo ?? null : base?.memo ?? null, postingPeriod: period?.id ?? null,
    apply, allocations,
  });
  const changed = !base || JSON.stringify(payment) !== before;
  if (changed) payment.lastModifiedDate = at;
  for (const docId of touched) findInvoice(s, docId)!.lastModifiedDate = at;
  if (!base) s.payments.push(payment);
  return { payment, changed };
}

function readAllocations(text: string | null, currency: string): NsAllocation[] {
  if (text === null || text === "") return [];
  const path = "custbody_cashline_allocations";
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch { throw invalidValue(path, `${path} must hold a JSON array`); }
  const result = z.array(allocation).safeParse(parsed);
  if (!result.success) throw invalidValue(path, `${path}: ${result.error.issues[0]?.path.join(".")}: ${result.error.issues[0]?.message}`);
  return result.data.map((a, i) => ({ ...a, amount: decimal(readAmount(a.amount, currency, `${path}[${i}].amount`), currency), reason: a.reason ?? null }));
}

/** Reverses history lines whose live amount changed or went away and adds lines for the new ones; returns touched invoice ids. */
function recordHistory(s: NsState, p: NsPayment, apply: Record<string, string>, allocations: NsAllocation[]): string[] {
  const touched: string[] = [];
  for (const docId of new Set([...Object.keys(p.apply), ...Object.keys(apply)])) {
    if (p.apply[docId] === apply[docId]) continue;
    touched.push(docId);
    const inv = findInvoice(s, docId)!;
    inv.applied = decimal(minor(inv.applied, inv.currency) - minor(p.apply[docId] ?? "0", inv.currency) + minor(apply[docId] ?? "0", inv.currency), inv.currency);
    for (const h of p.history) if (h.doc === docId && !h.reversed) h.reversed = true;
    if (apply[docId]) p.history.push({ id: nextId(s), type: "INVOICE", doc: docId, invoiceNumber: findInvoice(s, docId)!.tranId, amount: apply[docId]!, reversed: false });
  }
  if (JSON.stringify(p.allocations) !== JSON.stringify(allocations)) {
    for (const h of p.history) if (h.doc === null && !h.reversed) h.reversed = true;
    for (const a of allocations) p.history.push({ id: nextId(s), type: a.type, doc: null, invoiceNumber: null, amount: a.amount, reversed: false });
  }
  return touched;
}
