// A person applies a receipt to an invoice in another currency (issue 17): the preview shows both currencies, the
// rate (its day and source) and the realised FX before anything is written; the action re-computes the same quote
// under the receipt and invoice locks and writes one Application with its fx values (as the engine does), moves the
// invoice by its own currency's amount and the receipt by its own, records the timeline event (with the fx shown
// there), audits, and settles the receipt (journal with the realised FX line, ERP posting) when nothing is left.
// Policy: the entity's matching policy `crossCurrency` (off by default) and its tolerance in the functional currency.
import type { z } from "zod";
import { problem } from "../http/problem.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { fromMinor } from "../money/money.ts";
import { policyFor } from "../cashapp/policy.ts";
import { loadPolicies } from "../cash-application/load-policies.ts";
import { loadRateTable } from "../fx/load-rate-table.ts";
import { actionResult, assertCanMoveMoney, audit, lockActiveCase, lockReceipt, parseAmount, recordEvent, runAction, type ActionContext, type Tx } from "./action-context.ts";
import { assertMayMoveMoney } from "./action-context-guards.ts";
import { learnPayer } from "./learn-payer.ts";
import { settleReceipt } from "./settle-receipt.ts";
import { quoteCrossCurrency, type CrossCurrencyQuote, type QuoteInvoice, type QuoteReceipt } from "./cross-currency-quote.ts";
import type { crossCurrencyBody, crossCurrencyQuery, CrossCurrencyPreview } from "./cross-currency-schemas.ts";

type Loaded = { receipt: QuoteReceipt; invoice: QuoteInvoice & { customerName: string }; quote: CrossCurrencyQuote; rateSource: string };

async function load(tx: Tx, r: { id: string; entityId: string; currency: string; unappliedMinor: bigint; valueDate: Date }, invoiceKey: string, amount: string | undefined, lock: boolean): Promise<Loaded> {
  const entity = await tx.legalEntity.findUniqueOrThrow({ where: { id: r.entityId }, select: { code: true, functionalCurrency: true } });
  const rows = await tx.$queryRaw<(QuoteInvoice & { customerName: string })[]>`
    select i.id, i.number, i."entityId", i."customerId", c.name as "customerName", i.currency, i."amountMinor", i."openAmountMinor", i.status::text as status,
           to_char(i."issueDate", 'YYYY-MM-DD') as "issueDate"
      from "Invoice" i join "Customer" c on c.id = i."customerId"
     where i."entityId" = ${r.entityId} and (i.id = ${invoiceKey} or i.number = ${invoiceKey}) order by i.id limit 1`;
  const invoice = rows[0];
  if (!invoice) throw problem(404, `invoice ${invoiceKey} not found in this receipt's legal entity`);
  if (lock) await tx.$queryRaw`select id from "Invoice" where id = ${invoice.id} for update`;
  const receipt: QuoteReceipt = {
    entityId: r.entityId, entityCode: entity.code, currency: r.currency, unappliedMinor: r.unappliedMinor,
    valueDate: r.valueDate.toISOString().slice(0, 10), functionalCurrency: entity.functionalCurrency,
  };
  const { set } = await loadPolicies([r.entityId]);
  const policy = policyFor(set, entity.code).crossCurrency;
  const from = invoice.issueDate < receipt.valueDate ? invoice.issueDate : receipt.valueDate;
  const rates = await loadRateTable([r.currency, invoice.currency, entity.functionalCurrency], from, receipt.valueDate, tx);
  const quote = quoteCrossCurrency(receipt, invoice, amount === undefined ? null : parseAmount(amount, r.currency), policy, rates);
  return { receipt, invoice, quote, rateSource: await rateSourceOf(tx, quote) };
}

/** Where the rate comes from: the stored row's source (ECB, CSV, MANUAL); derived rates say how. */
async function rateSourceOf(tx: Tx, q: CrossCurrencyQuote): Promise<string> {
  if (q.rateHow === "cross-EUR") return "cross via EUR (ECB reference rates)";
  const [base, quote] = q.rateHow === "inverse" ? [q.invoiceCurrency, q.receiptCurrency] : [q.receiptCurrency, q.invoiceCurrency];
  const row = await tx.fxRate.findFirst({ where: { base, quote, day: new Date(`${q.rateDate}T00:00:00Z`) }, select: { source: true } });
  return `${row?.source ?? "?"}${q.rateHow === "inverse" ? ` (inverse of ${base}/${quote})` : ""}`;
}

function preview(l: Loaded): CrossCurrencyPreview {
  const q = l.quote;
  const signed = (m: bigint, c: string) => `${m < 0n ? "-" : ""}${fromMinor(m < 0n ? -m : m, c)}`;
  return {
    invoiceId: l.invoice.id, invoiceNumber: l.invoice.number, customerName: l.invoice.customerName,
    receiptAmount: fromMinor(q.receiptMinor, q.receiptCurrency), receiptCurrency: q.receiptCurrency,
    invoiceAmount: fromMinor(q.invoiceMinor, q.invoiceCurrency), invoiceCurrency: q.invoiceCurrency,
    invoiceOpen: fromMinor(q.openMinor, q.invoiceCurrency), invoiceOpenAfter: fromMinor(q.invoiceAfter.openAmountMinor, q.invoiceCurrency), clearsInvoice: q.clearsInvoice,
    rate: q.rate, rateDate: q.rateDate, rateSource: l.rateSource, convertedAmount: fromMinor(q.convertedMinor, q.invoiceCurrency),
    functionalCurrency: q.functionalCurrency, realisedFx: signed(q.realisedMinor, q.functionalCurrency),
    difference: signed(q.differenceFunctionalMinor, q.functionalCurrency), tolerance: fromMinor(q.toleranceMinor, q.functionalCurrency), toleranceBasisPoints: q.toleranceBasisPoints,
  };
}

/** What applying `amount` of the receipt to the invoice would do; nothing is written. */
export async function previewCrossCurrency(receiptId: string, query: z.infer<typeof crossCurrencyQuery>): Promise<CrossCurrencyPreview> {
  return runAction(async (tx) => {
    const r = await tx.receipt.findUnique({ where: { id: receiptId }, select: { id: true, entityId: true, currency: true, unappliedMinor: true, valueDate: true } });
    if (!r) throw problem(404, `receipt ${receiptId} not found`);
    return preview(await load(tx, r, query.invoice, query.amount, false));
  }, { needsQueue: false });
}

export async function applyCrossCurrency(ctx: ActionContext, receiptId: string, body: z.infer<typeof crossCurrencyBody>) {
  return runAction(async (tx) => {
    const receipt = await lockReceipt(tx, receiptId, body.receiptVersion);
    const activeCase = await lockActiveCase(tx, receiptId);
    assertCanMoveMoney(receipt, activeCase);
    await assertMayMoveMoney(tx, ctx, receipt, "apply");
    const l = await load(tx, receipt, body.invoiceId, body.amount, true);
    const q = l.quote;
    if (q.rate !== body.rate) throw problem(409, `the ${q.receiptCurrency}/${q.invoiceCurrency} rate that applies is now ${q.rate} (${q.rateDate}), not ${body.rate} as previewed: look at the new figures and apply again`);
    const correlationId = newCorrelationId();
    const appliedAt = new Date();
    const app = await tx.application.create({
      data: {
        receiptId: receipt.id, invoiceId: l.invoice.id, customerId: l.invoice.customerId, kind: "INVOICE", amountMinor: q.receiptMinor, currency: receipt.currency,
        appliedByType: "user", appliedById: ctx.actor.id, appliedAt,
        fxInvoiceCurrency: q.invoiceCurrency, fxInvoiceAmountMinor: q.invoiceMinor, fxRate: q.rate, fxRateDate: new Date(`${q.rateDate}T00:00:00Z`),
        fxFunctionalCurrency: q.functionalCurrency, fxFunctionalMinor: q.functionalMinor, fxBookedFunctionalMinor: q.bookedFunctionalMinor,
      },
      select: { id: true },
    });
    await tx.invoice.update({ where: { id: l.invoice.id }, data: { openAmountMinor: q.invoiceAfter.openAmountMinor, status: q.invoiceAfter.status, version: { increment: 1 } } });
    const unappliedAfter = receipt.unappliedMinor - q.receiptMinor;
    const identifies = !receipt.customerId ? l.invoice.customerId : undefined;
    const updated = await tx.receipt.update({ where: { id: receipt.id }, data: { unappliedMinor: unappliedAfter, ...(identifies ? { customerId: identifies } : {}), version: { increment: 1 } }, select: { version: true } });
    const shown = preview(l);
    // The timeline reads `fx` in the engine's shape (components/payments/payment-timeline.tsx).
    const fx = {
      receipt_currency: q.receiptCurrency, invoice_currency: q.invoiceCurrency, functional_currency: q.functionalCurrency, rate: q.rate, rate_date: q.rateDate,
      rate_source: l.rateSource, converted_amount: shown.convertedAmount, invoice_amount: shown.invoiceAmount, difference_functional: shown.realisedFx,
    };
    await recordEvent(tx, {
      type: "cash.applied", receiptId: receipt.id, entityId: receipt.entityId, sourceId: `${receipt.id}:v${updated.version}`, correlationId, actorId: ctx.actor.id,
      exceptionCode: activeCase?.code, at: appliedAt,
      payload: { ...(body.note ? { note: body.note } : {}), fx, lines: [{ kind: "INVOICE", amount: shown.receiptAmount, invoice: l.invoice.number }], unappliedAfter: fromMinor(unappliedAfter, receipt.currency) },
    });
    const learnedPayerId = await learnPayer(tx, ctx, { receipt, customerIds: [l.invoice.customerId], correlationId });
    if (body.note && activeCase) await tx.exceptionNote.create({ data: { caseId: activeCase.id, authorId: ctx.actor.id, body: body.note } });
    const resolution = `Applied across currencies by ${ctx.actor.name}`;
    const settled = await settleReceipt(tx, { receiptId: receipt.id, actor: ctx.actor, correlationId, resolution });
    await audit(ctx, tx, {
      action: "receipt.applied_cross_currency", targetType: "Receipt", targetId: receipt.id,
      details: { caseId: activeCase?.id ?? null, applicationId: app.id, ...shown, settled: settled.settled, journalEntryId: settled.journalEntryId, learnedPayerId, note: body.note ?? null, correlationId },
    });
    const left = fromMinor(unappliedAfter, receipt.currency);
    return actionResult(tx, {
      receiptId: receipt.id, caseId: activeCase?.id ?? null, outcome: settled.settled ? "applied" : "partially_applied", journalEntryId: settled.journalEntryId,
      message: settled.settled
        ? `Applied ${shown.receiptAmount} ${q.receiptCurrency} to ${l.invoice.number} (${shown.invoiceAmount} ${q.invoiceCurrency} at ${q.rate}); realised FX ${shown.realisedFx} ${q.functionalCurrency}; posting to the ERP requested.`
        : `Done. ${receipt.currency} ${left} still unapplied.`,
    });
  });
}

