// The reference for bench-ingest: the same rows the pipeline writes for a file (bank lines, receipts, their
// `payment.received` events) loaded straight into PostgreSQL with COPY FROM STDIN (pg-copy-streams), one COPY per
// table in one transaction, over a raw pg connection — no parse in the timed part, no Prisma, no per-line logic,
// no lookup of what is stored: about the least PostgreSQL can do for these rows with the schema's indexes, foreign
// keys and WAL. Also reports the CPU seconds of its server backend (Linux /proc; the server is local).
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import pg from "pg";
import { parseStatementStream } from "../../lib/bankfiles/index.ts";
import { classifyEntry } from "../../lib/bank-ingestion/classify-entry.ts";
import { StatementLineKeys } from "../../lib/bank-ingestion/natural-key.ts";
import { receiptNaturalKey } from "../../lib/bank-ingestion/store-line-batch.ts";
import { copyInto, copyLine } from "../../lib/db/copy-rows.ts";
import { newId } from "../../lib/db/new-id.ts";
import { toMinor } from "../../lib/money/money.ts";

type Account = { id: string; entityId: string; currency: string };
type Value = string | null;
const ROWS_PER_CHUNK = 5_000;

/** CPU seconds of a local server backend (Linux /proc), or null. */
function backendCpu(pid: number): number | null {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}

async function buildRows(chunks: string[], family: "camt" | "bai2", account: Account, statementId: string, documentId: string) {
  const keys = new StatementLineKeys(account.id);
  const lines: Value[][] = [];
  const receipts: Value[][] = [];
  const events: Value[][] = [];
  for await (const ev of parseStatementStream(Readable.from(chunks), { format: family })) {
    if (ev.type !== "entry") continue;
    const e = ev.entry;
    const amount = toMinor(e.amount, account.currency);
    const valueDate = e.value_date ?? e.booking_date ?? "2026-11-01";
    const c = classifyEntry(family, { type: e.type, remittance: e.remittance, amountMinor: amount }, account.currency);
    const key = keys.keyFor({ amountMinor: amount, valueDate, bankReference: e.bank_reference, counterpartyName: e.counterparty_name, counterpartyAccount: e.counterparty_account, remittance: e.remittance });
    const receiptId = c.kind === "payment" && amount > 0n ? newId() : null;
    lines.push([newId(), account.id, statementId, key, amount.toString(), account.currency, valueDate, e.booking_date, e.type, e.bank_reference,
      e.customer_reference, e.counterparty_name, e.counterparty_account, e.remittance, receiptId]);
    if (!receiptId) continue;
    receipts.push([receiptId, account.entityId, account.id, account.currency, amount.toString(), amount.toString(), valueDate, c.channel, e.counterparty_name,
      e.counterparty_account, e.remittance, e.bank_reference, receiptNaturalKey(key), "bank", key, documentId, "cid_bulk", new Date().toISOString()]);
    events.push(["payment.received", receiptId, account.entityId, JSON.stringify({ bankAccountId: account.id, bankReference: e.bank_reference, lineKey: key }),
      "bank", receiptNaturalKey(key), "cid_bulk", "RECEIVED",
      JSON.stringify({ amountMinor: amount.toString(), currency: account.currency, channel: c.channel, documentId, valueDate }), valueDate]);
  }
  return { lines, receipts, events };
}

/** The rows as COPY text, 5,000 at a time (streamed: the whole file's text is never one string). */
async function* copyText(rows: Value[][]) {
  for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) yield rows.slice(i, i + ROWS_PER_CHUNK).map(copyLine).join("");
}

export async function bulkLoad(url: string, chunks: string[], family: "camt" | "bai2", account: Account, documentId: string) {
  const statementId = newId();
  const built = await buildRows(chunks, family, account, statementId, documentId);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const pid = (await client.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]!.pid;
  const backend0 = backendCpu(pid);
  let backendCpuS: number | null = null;
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  try {
    await client.query("begin");
    await client.query(`insert into "BankStatement" (id, "bankAccountId", "documentId", "statementRef", format, "balanceCheck", "controlTotals") values ($1, $2, $3, 'bulk', $4, 'ok', 'ok')`, [statementId, account.id, documentId, family]);
    await copyInto(client, "BankTransaction", ["id", "bankAccountId", "statementId", "naturalKey", "amountMinor", "currency", "valueDate", "bookingDate", "type",
      "bankReference", "customerReference", "counterpartyName", "counterpartyAccount", "remittance", "receiptId"], copyText(built.lines));
    await copyInto(client, "Receipt", ["id", "entityId", "bankAccountId", "currency", "amountMinor", "unappliedMinor", "valueDate", "channel", "payerName",
      "payerAccount", "remittance", "bankReference", "naturalKey", "sourceSystem", "sourceId", "documentId", "correlationId", "updatedAt"], copyText(built.receipts));
    await copyInto(client, "WorkflowEvent", ["type", "receiptId", "entityId", "businessKeys", "sourceSystem", "sourceId", "correlationId", "toState", "payload",
      "occurredAt"], copyText(built.events));
    await client.query("commit");
    backendCpuS = backendCpu(pid);
  } finally {
    await client.end();
  }
  const cpu = process.cpuUsage(cpu0);
  return { ms: performance.now() - started, backendCpuS: backendCpuS !== null && backend0 !== null ? +(backendCpuS - backend0).toFixed(2) : null, nodeCpuS: +((cpu.user + cpu.system) / 1e6).toFixed(1), lines: built.lines.length, receipts: built.receipts.length };
}
