// Posts a batch of PENDING journal entries to the ERP, each exactly once: an entry's idempotency key travels with
// every ERP write, so a retry after a timeout or a dropped connection finds the posting the ERP already booked.
// The ERP calls go out concurrently; the acknowledgements are recorded together (record-erp-acks.ts). Each
// entry's outcome is its own: one entry's failure never fails or repeats another's posting. One poster per entry at
// a time (posting-claims.ts): a job pg-boss expired and handed to another worker meanwhile waits for the first.
// Permanent refusals, and retryable failures on the last attempt, put the receipt in POSTING_FAILED with an
// exception an analyst can see and replay.
import { db } from "../db/client.ts";
import { textArray } from "../db/pg-array.ts";
import { ErpCircuitOpenError, ErpPermanentError, ErpRetryableError } from "../erp/index.ts";
import type { ErpPostingResult } from "../erp/adapter.ts";
import { PermanentJobError, RetryableJobError } from "../jobs/errors.ts";
import { buildErpPosting, RECEIPT_NUMBER_MAX, type ErpFx } from "./build-erp-posting.ts";
import { assignPostingDates } from "./assign-posting-dates.ts";
import type { EntityErp, ErpConnections } from "./erp-connection.ts";
import { recordErpAcks, type ErpAck } from "./record-erp-acks.ts";
import { recordPostingFailure } from "./record-posting-failure.ts";
import { claimForPosting, type PostingClaim } from "./posting-claims.ts";
import { context, type Context as TraceContext } from "@opentelemetry/api";

export type PostItem = { journalEntryId: string; correlationId: string; finalAttempt: boolean; traceContext?: TraceContext };
export type PostOutcome = { status: "posted" | "already_posted" | "deferred"; retryAt?: number };
export type PostResult = PostOutcome | { status: "error"; error: Error };

/**
 * A blip (one dropped connection, one 502) is retried at once, a few times, inside the job: each retry resumes
 * where the last stopped, thanks to the idempotency keys. Longer trouble goes back to pg-boss's backoff, and an
 * open circuit is never waited on here (the job waits for it).
 */
async function withQuickRetries<T>(call: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof ErpRetryableError) || err instanceof ErpCircuitOpenError || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, Math.min(2000, Math.max(100 * 2 ** i, err.retryAfterMs ?? 0))));
    }
  }
}

/** ERP-reached failures of one entry before it goes to POSTING_FAILED for a person (blips retried at once and
 *  waits on an open circuit do not count). */
export const ERP_ATTEMPTS_BEFORE_FAILURE = 10;

type Row = {
  id: string; status: string; idempotencyKey: string; attempts: number; erpPostingDate: string | null; postedDate: string | null; receiptId: string | null; entityId: string; amountMinor: bigint; currency: string; valueDate: Date;
  channel: string; bankReference: string | null; receivedAt: Date; entityCode: string; bankAccountNumber: string | null; customerAccount: string | null;
  customerName: string | null; applications: { kind: "INVOICE" | "ON_ACCOUNT" | "WRITE_OFF" | "DEDUCTION"; amountMinor: string; reasonCode: string | null; invoiceNumber: string | null; fx: ErpFx | null }[];
};

/** Each entry with what its posting needs, in one query (a batch of 20 is one round trip, not seven). */
async function loadEntries(ids: string[]) {
  const rows = await db.$queryRawUnsafe<Row[]>(`
    select j.id, j.status::text as status, j."idempotencyKey", j.attempts, to_char(j."erpPostingDate", 'YYYY-MM-DD') as "erpPostingDate", j."receiptId",
      (select to_char(max(o."erpPostingDate"), 'YYYY-MM-DD') from "JournalEntry" o where o."receiptId" = j."receiptId" and o.id <> j.id and o.status = 'POSTED') as "postedDate", r."entityId", r."amountMinor", r.currency, r."valueDate", r.channel::text as channel,
      r."bankReference", r."receivedAt", e.code as "entityCode", b."accountNumber" as "bankAccountNumber", c."erpAccountNumber" as "customerAccount", c.name as "customerName",
      coalesce((select json_agg(json_build_object('kind', a.kind, 'amountMinor', a."amountMinor"::text, 'reasonCode', a."reasonCode", 'invoiceNumber', i.number,
          'fx', case when a."fxInvoiceCurrency" is null then null else json_build_object('invoiceCurrency', a."fxInvoiceCurrency", 'invoiceAmountMinor', a."fxInvoiceAmountMinor"::text,
            'rate', a."fxRate", 'rateDate', to_char(a."fxRateDate", 'YYYY-MM-DD'), 'functionalCurrency', a."fxFunctionalCurrency",
            'realisedMinor', (a."fxFunctionalMinor" - a."fxBookedFunctionalMinor")::text) end) order by a."appliedAt", a.id)
        from "Application" a left join "Invoice" i on i.id = a."invoiceId" where a."receiptId" = r.id and a."reversedAt" is null), '[]'::json) as applications
    from "JournalEntry" j
    left join "Receipt" r on r.id = j."receiptId"
    left join "LegalEntity" e on e.id = r."entityId"
    left join "BankAccount" b on b.id = r."bankAccountId"
    left join "Customer" c on c.id = r."customerId"
    where j.id = any($1::text[])`, textArray(ids));
  return rows.map((x) => ({
    id: x.id, status: x.status, idempotencyKey: x.idempotencyKey, attempts: x.attempts, erpPostingDate: x.erpPostingDate, postedDate: x.postedDate,
    receipt: x.receiptId === null ? null : {
      id: x.receiptId, entityId: x.entityId, amountMinor: x.amountMinor, currency: x.currency, valueDate: x.valueDate, channel: x.channel, bankReference: x.bankReference,
      receivedAt: x.receivedAt, entity: { code: x.entityCode }, bankAccount: x.bankAccountNumber === null ? null : { accountNumber: x.bankAccountNumber },
      customer: x.customerAccount === null ? null : { erpAccountNumber: x.customerAccount, name: x.customerName ?? "" },
      applications: x.applications.map((a) => ({ kind: a.kind, amountMinor: BigInt(a.amountMinor), reasonCode: a.reasonCode, invoice: a.invoiceNumber === null ? null : { number: a.invoiceNumber }, fx: a.fx })),
    },
  }));
}
type LoadedEntry = Awaited<ReturnType<typeof loadEntries>>[number];

const revisionOf = (entry: LoadedEntry) => Number(/:v(\d+)$/.exec(entry.idempotencyKey)?.[1] ?? 1);

async function send(entry: LoadedEntry, item: PostItem, erp: EntityErp, date: string | undefined): Promise<ErpPostingResult> {
  const r = entry.receipt!;
  const revision = revisionOf(entry);
  const built = buildErpPosting({
    idempotencyKey: entry.idempotencyKey, revision, entityCode: r.entity.code, receiptNumberMax: RECEIPT_NUMBER_MAX[erp.adapter.kind],
    receipt: { id: r.id, amountMinor: r.amountMinor, currency: r.currency, valueDate: r.valueDate, channel: r.channel, bankReference: r.bankReference },
    bankAccountNumber: r.bankAccount?.accountNumber ?? "PROCESSOR-CLEARING", customerAccount: r.customer?.erpAccountNumber ?? null,
    applications: r.applications.map((a) => ({ kind: a.kind, amountMinor: a.amountMinor, reasonCode: a.reasonCode, invoiceNumber: a.invoice?.number ?? null, fx: a.fx })),
  });
  // The date chosen from the ERP's open periods (assign-posting-dates.ts), the same on every retry.
  const posting = date ? { ...built, date } : built;
  // A revision changes an ERP receipt already booked (unapply what went, apply what is new); it waits for the
  // original posting. The original posts the receipt's applications as they are when it goes out.
  const original = revision > 1 ? await db.journalEntry.findFirst({ where: { receiptId: r.id, erpDocumentId: { not: null }, status: "POSTED" }, orderBy: { createdAt: "asc" } }) : null;
  if (revision > 1 && !original && !item.finalAttempt) throw new RetryableJobError(`revision ${revision} of receipt ${r.id} waits for its original ERP posting`);
  return withQuickRetries(async () => {
    if (r.customer) await erp.ensureCustomer({ accountNumber: r.customer.erpAccountNumber, name: r.customer.name, entity: r.entity.code });
    return original
      ? erp.adapter.reviseApplications(original.erpDocumentId!, r.currency, posting.applications, entry.idempotencyKey, date ? { date } : undefined)
      : erp.adapter.postReceipt(posting);
  });
}

/** What a failed ERP call means for the entry: wait for the circuit, retry later, or fail for a person to see. */
async function settleFailure(entry: LoadedEntry, item: PostItem, err: unknown): Promise<PostResult> {
  if (err instanceof ErpCircuitOpenError) return { status: "deferred", retryAt: err.retryAt };
  if (err instanceof RetryableJobError) return { status: "error", error: err };
  const message = err instanceof Error ? err.message : String(err);
  const r = entry.receipt!;
  await db.journalEntry.update({ where: { id: entry.id }, data: { attempts: { increment: 1 }, lastError: message.slice(0, 1000) } });
  if (err instanceof ErpRetryableError && !item.finalAttempt) return { status: "error", error: new RetryableJobError(message, err.retryAfterMs) };
  await recordPostingFailure({ entryId: entry.id, receiptId: r.id, entityId: r.entityId, amountMinor: r.amountMinor, currency: r.currency, message, permanent: err instanceof ErpPermanentError, correlationId: item.correlationId });
  return { status: "error", error: new PermanentJobError(`ERP posting failed: ${message}`) };
}

/** Each entity's connection, resolved once per batch; an entity whose connection cannot be built fails its entries. */
async function connectionsOf(entries: LoadedEntry[], conns: ErpConnections): Promise<Map<string, EntityErp | { error: unknown }>> {
  const entities = new Map(entries.filter((e) => e.receipt).map((e) => [e.receipt!.entityId, e.receipt!.entity.code]));
  return new Map(await Promise.all([...entities].map(async ([id, code]): Promise<[string, EntityErp | { error: unknown }]> => {
    try {
      return [id, await conns.forEntity({ id, code })];
    } catch (error) {
      return [id, { error }];
    }
  })));
}

export async function postJournalEntries(items: PostItem[], conns: ErpConnections): Promise<Map<string, PostResult>> {
  // Claimed before the entries are read, so a second poster that waited sees the first one's POSTED.
  const claim = await claimForPosting([...new Set(items.map((i) => i.journalEntryId))]);
  try {
    const out = new Map<string, PostResult>();
    const free = items.filter((i) => claim.held.has(i.journalEntryId));
    for (const i of items) {
      if (!claim.held.has(i.journalEntryId)) out.set(i.journalEntryId, { status: "error", error: new RetryableJobError(`journal entry ${i.journalEntryId} is being posted by another worker right now (retried after it)`) });
    }
    if (free.length) await postClaimed(free, conns, claim, out);
    return out;
  } finally {
    await claim.release();
  }
}

async function postClaimed(items: PostItem[], conns: ErpConnections, claim: PostingClaim, out: Map<string, PostResult>): Promise<void> {
  const entries = new Map((await loadEntries(items.map((i) => i.journalEntryId))).map((e) => [e.id, e]));
  const erps = await connectionsOf([...entries.values()], conns);
  const erpOf = (e: LoadedEntry) => erps.get(e.receipt!.entityId)!;
  // Postings without a date yet get one from the ERP's open periods (one statement for the batch): first postings from
  // the value date; revisions (unapply, reapply) too, never before the receipt's posted date, so a revision of a
  // receipt in a period closed since moves to the next open one with the same audit note as a first posting.
  const needs = items.flatMap((item) => {
    const e = entries.get(item.journalEntryId);
    const erp = e?.receipt && erpOf(e);
    if (!e?.receipt || !erp || "error" in erp || e.status === "POSTED" || e.erpPostingDate) return [];
    const notBefore = revisionOf(e) > 1 ? e.postedDate ?? undefined : undefined;
    return [{ entryId: e.id, receiptId: e.receipt.id, entityCode: e.receipt.entity.code, valueDate: e.receipt.valueDate.toISOString().slice(0, 10), notBefore, correlationId: item.correlationId, erp }];
  });
  const dated = needs.length ? await assignPostingDates(needs) : { dates: new Map<string, string>(), errors: new Map<string, unknown>() };
  const acks: ErpAck[] = [];
  // Each entry's ERP calls run in its own job's trace.
  await Promise.all(items.map((item) => context.with(item.traceContext ?? context.active(), async () => {
    const entry = entries.get(item.journalEntryId);
    if (!entry) return void out.set(item.journalEntryId, { status: "error", error: new PermanentJobError(`journal entry ${item.journalEntryId} does not exist`) });
    if (!entry.receipt) return void out.set(item.journalEntryId, { status: "error", error: new PermanentJobError(`journal entry ${item.journalEntryId} has no receipt`) });
    if (entry.status === "POSTED") return void out.set(item.journalEntryId, { status: "already_posted" });
    // The job's last try, or this entry's last ERP attempt: a failure now is final.
    const final = { ...item, finalAttempt: item.finalAttempt || entry.attempts + 1 >= ERP_ATTEMPTS_BEFORE_FAILURE };
    try {
      if (!claim.intact()) throw new RetryableJobError(`journal entry ${entry.id}: the posting claim's database connection broke; not posted now (retried)`);
      const erp = erpOf(entry);
      if ("error" in erp) throw erp.error;
      if (dated.errors.has(entry.id)) throw dated.errors.get(entry.id);
      const result = await send(entry, final, erp, entry.erpPostingDate ?? dated.dates.get(entry.id));
      acks.push({ entryId: entry.id, idempotencyKey: entry.idempotencyKey, receiptId: entry.receipt.id, receivedAt: entry.receipt.receivedAt, correlationId: item.correlationId, result, ackAt: new Date() });
    } catch (err) {
      out.set(item.journalEntryId, await settleFailure(entry, final, err));
    }
  })));
  await recordErpAcks(acks);
  for (const a of acks) out.set(a.entryId, { status: "posted" });
}
