// The SAP calls a posting batch makes side by side, coalesced (coalesce.ts) into SAP's bulk shapes: items of several
// receipt numbers in one OData read, open items of several invoices in one read, several journal entries in one
// JournalEntryBulkCreateRequest, several clearings in one JournalEntryBulkClearingRequest. Reads ask for what each
// caller needs at the moment the batch goes (never older), and each caller filters its own rows out of the answer.
import type { ErpPermanentError } from "../errors.ts";
import { coalesce, coalesceBy } from "./coalesce.ts";
import { lit, readItems, type SapItemRow } from "./reads.ts";
import {
  clearingsEnvelope, JE_CLEARING_ACTION, JE_CLEARING_PATH, JE_POST_ACTION, JE_POST_PATH, journalEntriesPostEnvelope, readPostConfirmations,
  type ClearingMessage, type JournalEntryInput, type PostConfirmation,
} from "./soap.ts";
import type { SapTransport } from "./transport.ts";

/** Keys per OData read: 40 `or` terms keep the URL near 2 KB, well inside SAP's gateway limits. */
const READ_BATCH = 40;
/** Journal entries or clearings per bulk message. */
const WRITE_BATCH = 50;
/** Requests of one kind out at once per process (and company code): while they wait for SAP or for a pacing slot,
 *  the next batch fills up instead of queueing as many small requests behind the rate limit. */
const IN_FLIGHT = 2;

function groupBy(rows: SapItemRow[], field: "DocumentReferenceID" | "AssignmentReference"): Map<string, SapItemRow[]> {
  const m = new Map<string, SapItemRow[]>();
  for (const r of rows) {
    const list = m.get(r[field]);
    if (list) list.push(r); else m.set(r[field], [r]);
  }
  return m;
}

export function createSapBulkCalls(t: SapTransport) {
  /** Every item of the documents whose DocumentReferenceID is `reference` in company code `entity`, in key order. */
  const itemsOfReference = coalesceBy<{ entity: string; reference: string }, SapItemRow[]>((k) => k.entity, () => coalesce(async (keys) => {
    const refs = [...new Set(keys.map((k) => k.reference))];
    const rows = await readItems(t, `CompanyCode eq ${lit(keys[0]!.entity)} and (${refs.map((r) => `DocumentReferenceID eq ${lit(r)}`).join(" or ")})`);
    const by = groupBy(rows, "DocumentReferenceID");
    return keys.map((k) => by.get(k.reference) ?? []);
  }, { maxBatch: READ_BATCH, maxInFlight: IN_FLIGHT }));

  /** Open (uncleared) customer items carrying `invoice` as assignment in company code `entity`, in key order. */
  const openItemsOfInvoice = coalesceBy<{ entity: string; invoice: string }, SapItemRow[]>((k) => k.entity, () => coalesce(async (keys) => {
    const invoices = [...new Set(keys.map((k) => k.invoice))];
    const rows = await readItems(t, `CompanyCode eq ${lit(keys[0]!.entity)} and FinancialAccountType eq 'D' and ClearingAccountingDocument eq '' and (${invoices.map((i) => `AssignmentReference eq ${lit(i)}`).join(" or ")})`);
    const by = groupBy(rows, "AssignmentReference");
    return keys.map((k) => by.get(k.invoice) ?? []);
  }, { maxBatch: READ_BATCH, maxInFlight: IN_FLIGHT }));

  /** Posts journal entries; each answer is its document, or the permanent refusal SAP logged for that entry alone. */
  const postEntry = coalesce<{ je: JournalEntryInput; key: string }, PostConfirmation>(async (entries) => {
    const res = await t.soap(JE_POST_PATH, JE_POST_ACTION, journalEntriesPostEnvelope(entries), false);
    return readPostConfirmations(res.text, entries.map((e) => ({ what: `journal entry ${e.je.referenceId}`, key: e.key }))) as (PostConfirmation | ErpPermanentError)[];
  }, { maxBatch: WRITE_BATCH, maxInFlight: IN_FLIGHT });

  /** Sends clearing messages (asynchronous: accepted, processed once per message ID, outcome read back later). */
  const sendClearing = coalesce<ClearingMessage, true>(async (messages) => {
    await t.soap(JE_CLEARING_PATH, JE_CLEARING_ACTION, clearingsEnvelope(messages), true);
    return messages.map(() => true as const);
  }, { maxBatch: WRITE_BATCH, maxInFlight: IN_FLIGHT });

  return { itemsOfReference, openItemsOfInvoice, postEntry, sendClearing };
}
export type SapBulkCalls = ReturnType<typeof createSapBulkCalls>;
