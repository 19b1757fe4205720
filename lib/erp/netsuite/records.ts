// Cashline's posting ↔ NetSuite's customerPayment record. Invoice applications become lines of the `apply` sublist
// ({doc: {id}, apply: true, amount}, one line per invoice); on-account, write-off and explicitly unapplied amounts
// have no sublist in NetSuite (the rest of a payment simply stays unapplied), so they travel in the custom body field
// custbody_cashline_allocations (JSON) to round-trip. Amounts go out as decimal strings and come back as NetSuite's
// JSON numbers, read straight into minor units.
import crypto from "node:crypto";
import { z } from "zod";
import { fromMinor, toMinor } from "../../money/money.ts";
import { ErpPermanentError } from "../errors.ts";
import type { ErpApplicationPosting, ErpPosting, ErpReceipt, ErpReceiptApplication } from "../posting.ts";

export const RECORD_PREFIX = "/services/rest/record/v1";

/** NetSuite external ids allow letters, digits, `_` and `-`: other keys are hashed (deterministically) into that alphabet. */
export function externalIdFor(key: string): string {
  return /^[A-Za-z0-9_-]{1,100}$/.test(key) ? key : `cl_${crypto.createHash("sha256").update(key).digest("base64url")}`;
}

/** The id of the record a 204 created or updated, from its Location header. */
export function idFromLocation(location: string | null, what: string): string {
  const id = location?.split("/").at(-1);
  if (!id || !/^\d+$/.test(id)) throw new ErpPermanentError("bad_response", `${what}: NetSuite answered 204 without a usable Location header (${location ?? "none"})`);
  return id;
}

export type Allocation = { type: "ON_ACCOUNT" | "WRITE_OFF" | "UNAPPLIED"; amount: string; reason?: string | null };
/** Invoice applications merged per invoice (NetSuite has one apply line per document) and the other allocations. */
export function splitApplications(apps: ErpApplicationPosting[], currency: string) {
  const invoices = new Map<string, bigint>();
  const allocations: Allocation[] = [];
  for (const a of apps) {
    if (a.type === "INVOICE") {
      if (!a.invoiceNumber) throw new ErpPermanentError("invalid_posting", "invalid ERP posting: an INVOICE application needs invoiceNumber");
      invoices.set(a.invoiceNumber, (invoices.get(a.invoiceNumber) ?? 0n) + toMinor(a.amount, currency));
    } else {
      allocations.push({ type: a.type, amount: fromMinor(toMinor(a.amount, currency), currency), ...(a.writeOffReason ? { reason: a.writeOffReason } : {}) });
    }
  }
  return { invoices, allocations };
}

export function paymentBody(p: ErpPosting, customerId: string, docIds: Map<string, string>) {
  const { invoices, allocations } = splitApplications(p.applications, p.currency);
  return {
    tranId: p.receiptNumber, tranDate: p.date, customer: { id: customerId }, subsidiary: { id: p.entity }, currency: { id: p.currency },
    account: { id: p.bankAccount }, payment: p.amount, memo: p.comments ?? null,
    apply: { items: [...invoices].map(([number, amount]) => ({ doc: { id: docIds.get(number)! }, apply: true, amount: fromMinor(amount, p.currency) })) },
    custbody_cashline_allocations: allocations.length ? JSON.stringify(allocations) : "",
  };
}

/** Application ids: NetSuite's apply lines are keyed by document, so the id is payment + doc (or allocation index). */
export const invoiceApplicationId = (paymentId: string, docId: string) => `${paymentId}-apply-${docId}`;
export const allocationApplicationId = (paymentId: string, i: number) => `${paymentId}-alloc-${i}`;

const num = z.union([z.number(), z.string()]);
const ref = z.object({ id: z.union([z.string(), z.number()]).transform(String) }).passthrough();
export const paymentRecord = z.object({
  id: z.union([z.string(), z.number()]).transform(String), tranId: z.string(), tranDate: z.string(), customer: ref, subsidiary: ref,
  currency: ref, account: ref, payment: num, unapplied: num.optional(), externalId: z.string().optional(),
  custbody_cashline_allocations: z.string().nullish(),
  apply: z.object({ items: z.array(z.object({ doc: ref, apply: z.boolean(), amount: num, refNum: z.string().nullish() }).passthrough()).optional() }).passthrough().optional(),
}).passthrough();
export type PaymentRecord = z.output<typeof paymentRecord>;

export const decimalOf = (v: number | string, currency: string) => fromMinor(toMinor(String(v), currency), currency);

export function allocationsOf(r: PaymentRecord): Allocation[] {
  if (!r.custbody_cashline_allocations) return [];
  try {
    return z.array(z.object({ type: z.enum(["ON_ACCOUNT", "WRITE_OFF", "UNAPPLIED"]), amount: z.string(), reason: z.string().nullish() })).parse(JSON.parse(r.custbody_cashline_allocations));
  } catch {
    throw new ErpPermanentError("bad_response", `customerPayment ${r.id}: custbody_cashline_allocations is not Cashline's JSON`);
  }
}

export function toReceipt(r: PaymentRecord, customerAccount: string | null): ErpReceipt {
  const currency = r.currency.id;
  const lines = (r.apply?.items ?? []).filter((l) => l.apply);
  const applications: ErpReceiptApplication[] = [
    ...lines.map((l) => ({ id: invoiceApplicationId(r.id, l.doc.id), type: "INVOICE" as const, invoiceNumber: l.refNum ?? null, amount: decimalOf(l.amount, currency), writeOffReason: null, reversed: false })),
    ...allocationsOf(r).map((a, i) => ({ id: allocationApplicationId(r.id, i), type: a.type, invoiceNumber: null, amount: decimalOf(a.amount, currency), writeOffReason: a.reason ?? null, reversed: false })),
  ];
  return {
    id: r.id, receiptNumber: r.tranId, date: r.tranDate, amount: decimalOf(r.payment, currency), currency, entity: r.subsidiary.id,
    bankAccount: r.account.id, customerAccount, unappliedAmount: r.unapplied === undefined ? null : decimalOf(r.unapplied, currency), applications,
  };
}
