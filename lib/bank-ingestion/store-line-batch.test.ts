// The batch writer's idempotency and side paths against a real database: lines repeated inside one file (and
// across its batches), a receipt key taken before its line is stored, credits that may be processor payouts,
// and what each new receipt carries (its event's lineage, its cash-application job).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { useFreshDatabase } from "../testing/test-database.ts";
import { ingestContent, rowsOf, seedBankWorld } from "../testing/seed-bank-world.ts";
import { writeCamt053 } from "../bank-sim/write-camt053.ts";
import type { SimLine, SimStatement } from "../bank-sim/types.ts";
import { StatementLineKeys } from "./natural-key.ts";
import { receiptNaturalKey } from "./store-line-batch.ts";
import { receiveBankFile } from "./receive-bank-file.ts";
import { ingestBankFile } from "./ingest-bank-file.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
beforeAll(seedBankWorld);

const DE = "DE89370400440532013000";
const credit = (n: number, amountMinor: bigint, day: string, o: Partial<SimLine> = {}): SimLine => ({
  amountMinor, valueDate: day, bankReference: `SLB-${day}-${n}`, customerReference: `E2E-${n}`, counterpartyName: `Payer ${n}`,
  counterpartyAccount: `DE1100000000000000${String(n).padStart(4, "0")}`, remittance: `Invoice SLB-${n}`, channel: "SEPA", ...o,
});
const stmt = (id: string, day: string, lines: SimLine[]): SimStatement => ({
  id, account: DE, currency: "EUR", openingMinor: 0n, openingDate: day, closingDate: day, lines,
});
const camt = (statements: SimStatement[], id: string) => writeCamt053(statements, { messageId: id, createdAt: "2026-11-02T18:00:00" });
const lineKey = (l: SimLine) => new StatementLineKeys("bank_de").keyFor({
  amountMinor: l.amountMinor, valueDate: l.valueDate, bankReference: l.bankReference, counterpartyName: l.counterpartyName ?? null,
  counterpartyAccount: l.counterpartyAccount ?? null, remittance: l.remittance ?? null,
});

describe("storeLineBatch", () => {
  it("stores lines repeated by a second statement of the same file once, within a batch and across batches", async () => {
    const day = "2026-10-05";
    const a = [credit(1, 10_00n, day), credit(2, 20_00n, day), credit(3, 30_00n, day)];
    const b = [credit(2, 20_00n, day), credit(3, 30_00n, day), credit(4, 40_00n, day)];
    for (const batchSize of [100, 2]) {
      const shift = (l: SimLine) => ({ ...l, bankReference: `${l.bankReference}-${batchSize}` });
      const { result, doc } = await ingestContent(camt([stmt(`A-${batchSize}`, day, a.map(shift)), stmt(`B-${batchSize}`, day, b.map(shift))], `DUPS-${batchSize}`),
        `dups-${batchSize}.xml`, { batchSize });
      expect(result.status).toBe("PROCESSED");
      expect(await rowsOf(doc.id)).toEqual({ statements: 2, lines: 4, receipts: 4 });
      const statements = await getDb().bankStatement.findMany({ where: { documentId: doc.id }, orderBy: { sequence: "asc" } });
      expect(statements.map((s) => [s.entryCount, s.newEntryCount])).toEqual([[3, 3], [3, 1]]);
    }
  });

  it("links a line to the receipt that already has its natural key instead of making another", async () => {
    const line = credit(10, 55_00n, "2026-10-06");
    const db = getDb();
    const existing = await db.receipt.create({
      data: {
        entityId: "ent_de", bankAccountId: "bank_de", currency: "EUR", amountMinor: 55_00n, unappliedMinor: 55_00n, valueDate: new Date("2026-10-06"),
        channel: "SEPA", naturalKey: receiptNaturalKey(lineKey(line)), sourceSystem: "bank", sourceId: lineKey(line),
      },
    });
    const { result, doc } = await ingestContent(camt([stmt("PRE", "2026-10-06", [line, credit(11, 66_00n, "2026-10-06")])], "PRE"), "pre.xml");
    expect(result.status).toBe("PROCESSED");
    const stored = await db.bankTransaction.findFirstOrThrow({ where: { bankReference: line.bankReference } });
    expect(stored.receiptId).toBe(existing.id);
    expect(await db.receipt.count({ where: { naturalKey: existing.naturalKey } })).toBe(1);
    expect(await db.workflowEvent.count({ where: { receiptId: existing.id } })).toBe(0);
    expect(await rowsOf(doc.id)).toMatchObject({ lines: 2, receipts: 1 });
  });

  it("a credit naming a processor payout is that payout (no receipt); one only saying STRIPE that matches none becomes a receipt", async () => {
    const db = getDb();
    const payout = await db.payout.create({
      data: {
        payoutId: "po_SLBTEST0001", entityId: "ent_de", bankAccountId: "bank_de", currency: "EUR", amountMinor: 970_00n, grossMinor: 1000_00n, feeMinor: 30_00n,
        arrivalDate: new Date("2026-10-07"), status: "paid", statusEventAt: new Date(),
      },
    });
    const day = "2026-10-07";
    const paid = credit(20, 970_00n, day, { counterpartyName: "STRIPE PAYMENTS", remittance: "STRIPE PAYOUT po_SLBTEST0001" });
    const other = credit(21, 12_34n, day, { counterpartyName: "Stripe-ish GmbH", remittance: "STRIPE refund of order 77" });
    const { result } = await ingestContent(camt([stmt("PO", day, [paid, other, credit(22, 5_00n, day)])], "PO"), "po.xml", { batchSize: 2 });
    expect(result.status).toBe("PROCESSED");
    const paidLine = await db.bankTransaction.findFirstOrThrow({ where: { bankReference: paid.bankReference } });
    expect(paidLine.receiptId).toBeNull();
    expect(await db.receipt.count({ where: { bankReference: paid.bankReference } })).toBe(0);
    expect((await db.payout.findUniqueOrThrow({ where: { id: payout.id } })).recognizedAt).not.toBeNull();
    const otherReceipt = await db.receipt.findFirstOrThrow({ where: { bankReference: other.bankReference }, include: { events: true } });
    expect(otherReceipt.events.map((e) => e.type)).toEqual(["payment.received"]);
    expect((await db.bankTransaction.findFirstOrThrow({ where: { bankReference: other.bankReference } })).receiptId).toBe(otherReceipt.id);
  });

  it("gives a new receipt its event's lineage and a cash-application job, in the file's transaction", async () => {
    const line = credit(30, 77_70n, "2026-10-08");
    const { doc } = await ingestContent(camt([stmt("LIN", "2026-10-08", [line])], "LIN"), "lineage.xml");
    const db = getDb();
    const r = await db.receipt.findFirstOrThrow({ where: { bankReference: line.bankReference }, include: { events: true } });
    expect(r).toMatchObject({ documentId: doc.id, sourceId: lineKey(line), naturalKey: receiptNaturalKey(lineKey(line)), payerName: "Payer 30", channel: "SEPA" });
    expect(r.receivedAt.getTime()).toBeGreaterThan(doc.receivedAt.getTime());
    expect(r.stateChangedAt).toEqual(r.receivedAt);
    const [event] = r.events;
    expect(event).toMatchObject({
      type: "payment.received", entityId: "ent_de", sourceSystem: "bank", sourceId: r.naturalKey, correlationId: r.correlationId, toState: "RECEIVED",
      businessKeys: { bankAccountId: "bank_de", bankReference: line.bankReference, lineKey: lineKey(line) },
      payload: { amountMinor: "7770", currency: "EUR", channel: "SEPA", documentId: doc.id, valueDate: "2026-10-08" },
    });
    expect(event!.occurredAt.toISOString()).toBe("2026-10-08T00:00:00.000Z");
    expect(event!.recordedAt).toEqual(r.receivedAt);
    const jobs = await db.$queryRaw<{ n: bigint }[]>`
      select count(*)::bigint as n from pgboss.job where name = 'cash.apply-receipts' and data->'data'->'receiptIds' ? ${r.id} and data->>'cid' = ${r.correlationId}`;
    expect(jobs[0]!.n).toBe(1n);
  });

  it("a row the lookup could not know of fails the whole file on its unique key, and leaves the connection usable", async () => {
    const line = credit(40, 12_00n, "2026-10-09");
    const db = getDb();
    // An event with the receipt's key but no receipt (cannot happen through the application): COPY meets the unique key.
    await db.workflowEvent.create({ data: { type: "payment.received", sourceSystem: "bank", sourceId: receiptNaturalKey(lineKey(line)), occurredAt: new Date() } });
    const doc = await receiveBankFile({ content: Buffer.from(camt([stmt("ORPHAN", "2026-10-09", [credit(41, 1_00n, "2026-10-09"), line])], "ORPHAN")), filename: "orphan.xml", contentType: "text/plain", sender: { kind: "system", label: "test" } });
    await expect(ingestBankFile(doc.id, { correlationId: "cid_orphan" })).rejects.toThrow(/WorkflowEvent_sourceSystem_sourceId_type_key/);
    const last = await ingestBankFile(doc.id, { correlationId: "cid_orphan", finalAttempt: true });
    expect(last).toMatchObject({ status: "QUARANTINED" });
    expect(await rowsOf(doc.id)).toEqual({ statements: 0, lines: 0, receipts: 0 });
    expect(await db.bankTransaction.count({ where: { bankReference: { in: [line.bankReference, credit(41, 1_00n, "2026-10-09").bankReference] } } })).toBe(0);
    const next = await ingestContent(camt([stmt("AFTER", "2026-10-10", [credit(42, 3_00n, "2026-10-10")])], "AFTER"), "after.xml");
    expect(next.result.status).toBe("PROCESSED");
  });
});
