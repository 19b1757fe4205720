// A small company for bank-file tests: a US entity with a USD account (also the NACHA company id 123456789) and a
// German entity with a EUR account (the IBAN the bank-file generators write), plus helpers to feed files through
// the real intake (SourceDocument + job) and ingestion (the function the job calls).
import fs from "node:fs";
import path from "node:path";
import { getDb } from "../db/client.ts";
import { receiveBankFile } from "../bank-ingestion/receive-bank-file.ts";
import { ingestBankFile } from "../bank-ingestion/ingest-bank-file.ts";
import { BANK_FIXTURES } from "./bank-fixtures-dir.ts";

export const FIXTURES = BANK_FIXTURES;

export async function seedBankWorld() {
  const db = getDb();
  await db.legalEntity.createMany({
    data: [
      { id: "ent_us", code: "US01", name: "Demo Inc.", country: "US", functionalCurrency: "USD" },
      { id: "ent_de", code: "DE01", name: "Demo GmbH", country: "DE", functionalCurrency: "EUR" },
    ],
  });
  await db.bankAccount.createMany({
    data: [
      { id: "bank_us", entityId: "ent_us", bankName: "JPMorgan Chase", accountNumber: "000123456789", currency: "USD", name: "US Operating" },
      { id: "bank_de", entityId: "ent_de", bankName: "Deutsche Bank", accountNumber: "0532013000", iban: "DE89370400440532013000", currency: "EUR", name: "DE Hauptkonto" },
    ],
  });
}

export async function addBankAccount(id: string, entityId: string, accountNumber: string, currency: string, iban: string | null = null) {
  await getDb().bankAccount.create({ data: { id, entityId, bankName: "Test bank", accountNumber, iban, currency, name: `Account ${accountNumber}` } });
}

/** Upload (SourceDocument + queued job) then run the ingestion the job would run. */
export async function ingestContent(content: string | Buffer, filename: string, opts: { batchSize?: number } = {}) {
  const received = await receiveBankFile({ content: Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8"), filename, contentType: "text/plain", sender: { kind: "system", label: "test" } });
  const result = await ingestBankFile(received.id, { correlationId: `cid_test_${received.id}`, batchSize: opts.batchSize });
  return { received, result, doc: await getDb().sourceDocument.findUniqueOrThrow({ where: { id: received.id } }) };
}

export const ingestFixture = (relative: string, opts: { batchSize?: number } = {}) =>
  ingestContent(fs.readFileSync(path.join(FIXTURES, relative)), path.basename(relative), opts);

/** Rows a document left behind (lineage through its statements). */
export async function rowsOf(documentId: string) {
  const db = getDb();
  const [statements, lines, receipts] = await Promise.all([
    db.bankStatement.count({ where: { documentId } }),
    db.bankTransaction.count({ where: { statement: { documentId } } }),
    db.receipt.count({ where: { documentId } }),
  ]);
  return { statements, lines, receipts };
}
