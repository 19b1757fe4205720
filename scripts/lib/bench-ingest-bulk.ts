// The floor for bench-ingest: the same rows the pipeline writes for a file (bank lines, receipts, their events)
// loaded straight into PostgreSQL in one transaction with `INSERT … SELECT FROM unnest($1::text[], …)` in
// 10,000-row batches over a raw pg connection — no parse in the timed part, no Prisma, no per-line logic.
// (COPY FROM STDIN needs pg-copy-streams, which this project does not install; unnest of column arrays is
// the usual substitute and within a small factor of COPY.)
import { Readable } from "node:stream";
import pg from "pg";
import { parseStatementStream } from "../../lib/bankfiles/index.ts";
import { classifyEntry } from "../../lib/bank-ingestion/classify-entry.ts";
import { StatementLineKeys } from "../../lib/bank-ingestion/natural-key.ts";
import { newId } from "../../lib/db/new-id.ts";
import { toMinor } from "../../lib/money/money.ts";

type Account = { id: string; entityId: string; currency: string };
const BATCH = 10_000;

async function buildRows(chunks: string[], family: "camt" | "bai2", account: Account, statementId: string) {
  const keys = new StatementLineKeys(account.id);
  const lines: (string | null)[][] = [];
  const receipts: (string | null)[][] = [];
  for await (const ev of parseStatementStream(Readable.from(chunks), { format: family })) {
    if (ev.type !== "entry") continue;
    const e = ev.entry;
    const amount = toMinor(e.amount, account.currency);
    const valueDate = e.value_date ?? e.booking_date ?? "2026-11-01";
    const c = classifyEntry(family, { type: e.type, remittance: e.remittance, amountMinor: amount }, account.currency);
    const key = keys.keyFor({ amountMinor: amount, valueDate, bankReference: e.bank_reference, counterpartyName: e.counterparty_name, counterpartyAccount: e.counterparty_account, remittance: e.remittance });
    const receiptId = c.kind === "payment" && amount > 0n ? newId() : null;
    lines.push([newId(), key, amount.toString(), valueDate, e.type, e.bank_reference, e.customer_reference, e.counterparty_name, e.counterparty_account, e.remittance, receiptId]);
    if (receiptId) receipts.push([receiptId, amount.toString(), valueDate, c.channel, e.counterparty_name, e.counterparty_account, e.remittance, e.bank_reference, `bank:${key}`, key]);
  }
  return { lines, receipts, statementId };
}

const columns = (rows: (string | null)[][], n: number) => Array.from({ length: n }, (_, i) => rows.map((r) => r[i] ?? null));

export async function bulkLoad(url: string, chunks: string[], family: "camt" | "bai2", account: Account, documentId: string) {
  const statementId = newId();
  const built = await buildRows(chunks, family, account, statementId);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  try {
    await client.query("begin");
    await client.query(`insert into "BankStatement" (id, "bankAccountId", "documentId", "statementRef", format, "balanceCheck", "controlTotals") values ($1, $2, $3, 'bulk', $4, 'ok', 'ok')`, [statementId, account.id, documentId, family]);
    for (let i = 0; i < built.lines.length; i += BATCH) {
      const c = columns(built.lines.slice(i, i + BATCH), 11);
      await client.query(`
        insert into "BankTransaction" (id, "bankAccountId", "statementId", "naturalKey", "amountMinor", currency, "valueDate", type, "bankReference",
          "customerReference", "counterpartyName", "counterpartyAccount", remittance, "receiptId")
        select id, $12, $13, nk, amt::bigint, $14, vd::date, type, ref, cref, cp, ca, rem, rid
        from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
          as t(id, nk, amt, vd, type, ref, cref, cp, ca, rem, rid)
        on conflict ("naturalKey") do nothing`, [...c, account.id, statementId, account.currency]);
    }
    for (let i = 0; i < built.receipts.length; i += BATCH) {
      const c = columns(built.receipts.slice(i, i + BATCH), 10);
      await client.query(`
        with r as (
          insert into "Receipt" (id, "entityId", "bankAccountId", currency, "amountMinor", "unappliedMinor", "valueDate", channel, "payerName",
            "payerAccount", remittance, "bankReference", "naturalKey", "sourceSystem", "sourceId", "documentId", "updatedAt")
          select id, $11, $12, $13, amt::bigint, amt::bigint, vd::date, ch::"Channel", pn, pa, rem, ref, nk, 'bank', sid, $14, now()
          from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
            as t(id, amt, vd, ch, pn, pa, rem, ref, nk, sid)
          on conflict ("naturalKey") do nothing
          returning id, "entityId", "naturalKey", "valueDate", "sourceId", "amountMinor"
        )
        insert into "WorkflowEvent" (type, "receiptId", "entityId", "businessKeys", "sourceSystem", "sourceId", "correlationId", "toState", payload, "occurredAt")
        select 'payment.received', id, "entityId", jsonb_build_object('bankAccountId', $12::text, 'lineKey', "sourceId"), 'bank', "naturalKey", 'cid_bulk', 'RECEIVED',
          jsonb_build_object('amountMinor', "amountMinor"::text, 'documentId', $14::text), "valueDate"::timestamp from r
        on conflict do nothing`, [...c, account.entityId, account.id, account.currency, documentId]);
    }
    await client.query("commit");
  } finally {
    await client.end();
  }
  return { ms: performance.now() - started, lines: built.lines.length, receipts: built.receipts.length };
}
