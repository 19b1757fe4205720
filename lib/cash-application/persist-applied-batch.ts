// Writes a batch of the engine's "applied" decisions in ONE transaction, set-based: each receipt locked and still
// in the state it was decided in; invoices locked in id order (so two workers never deadlock) and still open for
// what is applied; then applications, lower balances, the timeline steps identified → matched → applied and the
// ERP posting requests, in a dozen statements whatever the batch size. This is what lets a
// statement of 10,000 payments reach the ERP in seconds instead of minutes.
// A decision whose invoice was paid meanwhile (by another worker or an analyst) is a "conflict": nothing of it is
// written, and the caller decides it again with fresh balances.
import { db } from "../db/client.ts";
import { textArray, column } from "../db/pg-array.ts";
import { bulkInsert } from "../db/bulk-insert.ts";
import { newId } from "../db/new-id.ts";
import { toMinor } from "../money/money.ts";
import type { Decision } from "../cashapp/engine.ts";
import type { ReceiptState } from "../workflow/receipt-states.ts";
import { transitionReceipts, type BatchMove } from "../workflow/transition-receipts.ts";
import { requestErpPostings } from "../posting/request-erp-postings.ts";
import type { PersistResult } from "./persist-exception.ts";
import { recordDeductions } from "../deductions/record-deductions.ts";
import type { RateTable } from "../fx/lookup-rate.ts";
import { fxApplicationValues, type FxApplicationValues } from "../fx/fx-application-values.ts";

/** `rates` and `valueDate`: for a cross-currency decision (Decision.fx), to value it in the functional currency. */
export type AppliedItem = { receiptId: string; decision: Decision; rates?: RateTable; valueDate?: string };

/** Where each receipt's work came from: its job's correlation id (timeline, logs) and queue priority (postings). */
export type ApplyContext = { correlationIdOf: (receiptId: string) => string; priorityOf: (receiptId: string) => number };

export async function persistAppliedBatch(items: AppliedItem[], expectedStates: readonly ReceiptState[], ctx: ApplyContext): Promise<Map<string, PersistResult>> {
  const results = new Map<string, PersistResult>();
  if (items.length === 0) return results;
 
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRawUnsafe<{ id: string; state: ReceiptState; currency: string }[]>(
      `select id, state::text as state, currency from "Receipt" where id = any($1::text[]) order by id for update`, textArray(items.map((i) => i.receiptId)));
    const rowOf = new Map(rows.map((r) => [r.id, r]));
    const live = items.filter((i) => {
      const ok = expectedStates.includes(rowOf.get(i.receiptId)?.state as ReceiptState);
      if (!ok) results.set(i.receiptId, "skipped"); // someone else (worker or analyst) got there first
      return ok;
    });
    // A cross-currency decision lowers its invoices by their own currency's amounts (Decision.fx); the receipt's
    // money per invoice (applications) is what the Application rows carry.
    const appsOf = new Map(live.map((i) => [i.receiptId, i.decision.fx
      ? i.decision.fx.invoice_applications.map((a) => ({ invoiceId: a.invoice_id, amountMinor: toMinor(a.amount, i.decision.fx!.invoice_currency) }))
      : i.decision.applications.map((a) => ({ invoiceId: a.invoice_id, amountMinor: toMinor(a.amount, rowOf.get(i.receiptId)!.currency) }))]));
    const invoiceIds = [...new Set([...appsOf.values()].flat().map((a) => a.invoiceId))].sort();
    const invoices = invoiceIds.length
      ? await tx.$queryRawUnsafe<{ id: string; customerId: string; openAmountMinor: bigint; number: string; issueDate: string }[]>(
          `select id, "customerId", "openAmountMinor", number, to_char("issueDate", 'YYYY-MM-DD') as "issueDate" from "Invoice" where id = any($1::text[]) order by id for update`, textArray(invoiceIds))
      : [];
    const invoiceOf = new Map(invoices.map((i) => [i.id, i]));
    const open = new Map(invoices.map((i) => [i.id, i.openAmountMinor]));

    // In decision order (the engine's order): a later receipt only gets what an earlier one left.
    const accepted = live.filter((i) => {
      const apps = appsOf.get(i.receiptId)!;
      const need = new Map<string, bigint>();
      for (const a of apps) need.set(a.invoiceId, (need.get(a.invoiceId) ?? 0n) + a.amountMinor);
      if ([...need].some(([id, amount]) => (open.get(id) ?? -1n) < amount)) {
        results.set(i.receiptId, "conflict");
        return false;
      }
      for (const [id, amount] of need) open.set(id, open.get(id)! - amount);
      return true;
    });
    if (accepted.length === 0) return results;

    const touched = [...new Set(accepted.flatMap((i) => appsOf.get(i.receiptId)!.map((a) => a.invoiceId)))];
    await tx.$executeRawUnsafe(`
      update "Invoice" i set "openAmountMinor" = v.open::bigint, status = (case when v.open::bigint = 0 then 'PAID' else 'PARTIALLY_PAID' end)::"InvoiceStatus",
        version = i.version + 1, "updatedAt" = (now() at time zone 'UTC')
      from unnest($1::text[], $2::text[]) as v(id, open) where i.id = v.id`,
      textArray(touched), column(touched, (id) => open.get(id)!));

    const customerOf = (i: AppliedItem) => invoiceOf.get(appsOf.get(i.receiptId)![0]?.invoiceId ?? "")?.customerId ?? null;
    type AppRow = { receiptId: string; invoiceId: string | null; customerId: string | null; kind: "INVOICE" | "WRITE_OFF"; amountMinor: bigint; currency: string; reasonCode: string | null; ruleVersion: string; fx?: FxApplicationValues };
    const appRows: AppRow[] = accepted.flatMap((i) => {
      const c = rowOf.get(i.receiptId)!.currency;
      const d = i.decision;
      const base = { receiptId: i.receiptId, currency: c, ruleVersion: d.rule_version, reasonCode: null };
      if (d.fx) {
        if (!i.rates || !i.valueDate) throw new Error(`receipt ${i.receiptId}: a cross-currency decision needs its rates`);
        return fxApplicationValues(d.fx, d.applications, i.valueDate, (id) => invoiceOf.get(id)!.issueDate, i.rates).map((v) => ({
          ...base, invoiceId: v.invoiceId, customerId: invoiceOf.get(v.invoiceId)!.customerId, kind: "INVOICE" as const, amountMinor: v.receiptMinor, fx: v,
        }));
      }
      return [
        ...appsOf.get(i.receiptId)!.map((a) => ({ ...base, invoiceId: a.invoiceId, customerId: invoiceOf.get(a.invoiceId)!.customerId, kind: "INVOICE" as const, amountMinor: a.amountMinor })),
        ...(d.write_off ? [{ ...base, invoiceId: null, customerId: customerOf(i), kind: "WRITE_OFF" as const, amountMinor: toMinor(d.write_off.amount, c), reasonCode: d.write_off.reason }] : []),
      ];
    });
    const appliedAt = new Date();
    await bulkInsert(tx, "Application", appRows, [
      ["id", "text", () => newId()], ["receiptId", "text", (a) => a.receiptId], ["invoiceId", "text", (a) => a.invoiceId], ["customerId", "text", (a) => a.customerId],
      ["kind", '"ApplicationKind"', (a) => a.kind], ["amountMinor", "bigint", (a) => a.amountMinor], ["currency", "text", (a) => a.currency], ["reasonCode", "text", (a) => a.reasonCode],
      ["appliedByType", "text", () => "engine"], ["ruleVersion", "text", (a) => a.ruleVersion], ["appliedAt", "timestamp", () => appliedAt],
      ["fxInvoiceCurrency", "text", (a) => a.fx?.fxInvoiceCurrency ?? null], ["fxInvoiceAmountMinor", "bigint", (a) => a.fx?.invoiceMinor ?? null],
      ["fxRate", "text", (a) => a.fx?.fxRate ?? null], ["fxRateDate", "date", (a) => a.fx?.fxRateDate ?? null],
      ["fxFunctionalCurrency", "text", (a) => a.fx?.fxFunctionalCurrency ?? null], ["fxFunctionalMinor", "bigint", (a) => a.fx?.fxFunctionalMinor ?? null],
      ["fxBookedFunctionalMinor", "bigint", (a) => a.fx?.fxBookedFunctionalMinor ?? null],
    ]);

    const moves: BatchMove[] = accepted.map((i) => {
      const d = i.decision;
      const customerId = customerOf(i);
      const from = rowOf.get(i.receiptId)!.state;
      const applied = { to: "APPLIED" as const, eventType: "cash.applied", payload: { applications: d.applications, writeOff: d.write_off, reasons: d.reasons, ruleVersion: d.rule_version, ...(d.fx ? { fx: d.fx } : {}) } };
      const steps = from === "RECEIVED"
        ? [
            { to: "IDENTIFIED" as const, eventType: "customer.identified", payload: { customerId, reasons: d.reasons.filter((r) => /payer|customer/i.test(r)) } },
            { to: "MATCHED" as const, eventType: "cash.matched", payload: { invoices: appsOf.get(i.receiptId)!.map((a) => invoiceOf.get(a.invoiceId)!.number), confidence: d.confidence } },
            applied,
          ]
        : [applied];
      return {
        receiptId: i.receiptId, from, steps, correlationId: ctx.correlationIdOf(i.receiptId), actor: { type: "engine", id: d.rule_version },
        set: { customerId, unappliedMinor: 0n, matchDecision: { ...d, engine: "cashapp" }, ruleVersion: d.rule_version },
      };
    });
    await transitionReceipts(tx, moves);
    const ids = accepted.map((i) => i.receiptId);
    // Exceptions the engine re-decided (retry mode) close themselves once the data allowed a match; so does the
    // STALLED case of a receipt that waited too long before the engine got to it.
    const retried = live.some((i) => rowOf.get(i.receiptId)!.state !== "RECEIVED");
    {
      for (const rule of new Set(accepted.map((i) => i.decision.rule_version))) {
        await tx.exceptionCase.updateMany({
          where: { receiptId: { in: accepted.filter((i) => i.decision.rule_version === rule).map((i) => i.receiptId) }, status: { notIn: ["RESOLVED", "CANCELLED"] }, ...(retried ? {} : { code: "STALLED" as const }) },
          data: { status: "RESOLVED", resolvedAt: new Date(), resolution: `auto-applied by the engine (${rule}) once the data allowed it` },
        });
      }
    }
    // Shortfalls a remittance advice explained become deduction work items; the advices used are APPLIED.
    const withDeductions = accepted.filter((i) => i.decision.deductions?.length);
    if (withDeductions.length) {
      await recordDeductions(tx, withDeductions.map((i) => ({ receiptId: i.receiptId, currency: rowOf.get(i.receiptId)!.currency, correlationId: ctx.correlationIdOf(i.receiptId), deductions: i.decision.deductions! })));
    }
    if (accepted.some((i) => i.decision.remittance)) {
      await tx.remittanceAdvice.updateMany({ where: { receiptId: { in: accepted.filter((i) => i.decision.remittance).map((i) => i.receiptId) } }, data: { status: "APPLIED" } });
    }
    await requestErpPostings(tx, ids, { correlationId: ctx.correlationIdOf, priority: ctx.priorityOf });
    for (const id of ids) results.set(id, "applied");
    return results;
  }, { timeout: 60_000, maxWait: 20_000 });
}
