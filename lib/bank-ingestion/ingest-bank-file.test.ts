// Bank files end to end against a real database: intake by SHA-256, one transaction per file, natural keys across
// overlapping statements, quarantine that leaves nothing behind, continuity, returns and notifications of change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateBai2, generateCamt053 } from "../bankfiles/generate.ts";
import { ingestBankFile } from "./ingest-bank-file.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { useFreshDatabase } from "../testing/test-database.ts";
import { addBankAccount, ingestContent, ingestFixture, rowsOf, seedBankWorld } from "../testing/seed-bank-world.ts";
import { receiveBankFile } from "./receive-bank-file.ts";
import { writeBai2 } from "../bank-sim/write-bai2.ts";
import { writeCamt053 } from "../bank-sim/write-camt053.ts";
import { writeMt940, writeMt942 } from "../bank-sim/write-mt94x.ts";
import { writeNachaReturns } from "../bank-sim/write-nacha.ts";
import type { SimLine, SimStatement } from "../bank-sim/types.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
beforeAll(seedBankWorld);

const DE = "DE89370400440532013000";
const credit = (n: number, amountMinor: bigint, day = "2026-11-02"): SimLine => ({
  amountMinor, valueDate: day, bankReference: `BK-${day}-${n}`, customerReference: `E2E-${n}`, counterpartyName: `Customer ${n}`,
  counterpartyAccount: `DE0000000000000000${String(n).padStart(4, "0")}`, remittance: `Invoice INV-${n}`, channel: "SEPA",
});
const stmt = (id: string, lines: SimLine[], o: Partial<SimStatement> = {}): SimStatement => ({
  id, account: DE, currency: "EUR", openingMinor: 1_000_00n, openingDate: "2026-11-02", closingDate: "2026-11-02", lines, ...o,
});
const camt = (statements: SimStatement[], id: string) => writeCamt053(statements, { messageId: id, createdAt: "2026-11-02T18:00:00" });

describe("bank file intake", () => {
  it("takes the same file once: the second upload answers with the first document's id", async () => {
    const text = camt([stmt("DUP-1", [credit(1, 500_00n)], { openingDate: "2026-10-01", closingDate: "2026-10-01" })], "DUP");
    const first = await receiveBankFile({ content: Buffer.from(text), filename: "a.xml", contentType: "application/xml", sender: { kind: "system", label: "test" } });
    const second = await receiveBankFile({ content: Buffer.from(text), filename: "copy-of-a.xml", contentType: "application/xml", sender: { kind: "system", label: "test" } });
    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ ...first, duplicate: true });
    expect(await getDb().sourceDocument.count({ where: { sha256: first.sha256 } })).toBe(1);
  });
});

describe("exactly once", () => {
  it("two workers handed the same document: one ingests it, the other finds it done", async () => {
    const text = camt([stmt("TWICE", [credit(61, 7_00n, "2026-09-01"), credit(62, 8_00n, "2026-09-01")], { openingDate: "2026-09-01", closingDate: "2026-09-01" })], "TW");
    const received = await receiveBankFile({ content: Buffer.from(text), filename: "twice.xml", contentType: "application/xml", sender: { kind: "system", label: "test" } });
    const results = await Promise.all([1, 2].map((n) => ingestBankFile(received.id, { correlationId: `cid_twice_${n}` })));
    expect(results.map((r) => r.status).sort()).toEqual(["ALREADY_DONE", "PROCESSED"]);
    expect(await rowsOf(received.id)).toEqual({ statements: 1, lines: 2, receipts: 2 });
  });
});

describe("overlapping statements", () => {
  it("an MT942 intraday report and the MT940 of the evening make each receipt once", async () => {
    const morning = [credit(11, 120_00n), credit(12, 80_50n)];
    const day = [...morning, credit(13, 99_99n), { ...credit(14, -25_00n), channel: "WIRE" as const }];
    const intraday = await ingestContent(writeMt942(stmt("INTRA", morning, { openingDate: "2026-11-03", closingDate: "2026-11-03" }), "2026-11-03T10:15:00+01:00"), "intraday.mt942");
    expect(intraday.result.status).toBe("PROCESSED");
    expect(intraday.doc.format).toBe("mt942");
    const eod = await ingestContent(writeMt940(stmt("EOD", day, { openingDate: "2026-11-03", closingDate: "2026-11-03" })), "eod.mt940");
    expect(eod.result.status).toBe("PROCESSED");
    const db = getDb();
    const keys = (await db.receipt.findMany({ where: { bankReference: { in: day.map((l) => l.bankReference) } }, select: { bankReference: true } })).map((r) => r.bankReference).sort();
    expect(keys).toEqual(["BK-2026-11-02-11", "BK-2026-11-02-12", "BK-2026-11-02-13"]);
    expect(await db.bankTransaction.count({ where: { bankReference: { in: day.map((l) => l.bankReference) } } })).toBe(4);
    const statement = await db.bankStatement.findFirstOrThrow({ where: { documentId: eod.doc.id } });
    expect(statement).toMatchObject({ entryCount: 4, newEntryCount: 2, balanceCheck: "ok", format: "mt940" });
    expect(await rowsOf(eod.doc.id)).toMatchObject({ lines: 2, receipts: 1 });
  });

  it("two camt.053 of the same day with overlapping entries make no duplicates", async () => {
    const first = [credit(21, 10_00n, "2026-11-04"), credit(22, 20_00n, "2026-11-04")];
    const resent = [...first, credit(23, 30_00n, "2026-11-04")];
    const a = await ingestContent(camt([stmt("S-0411", first, { openingDate: "2026-11-04", closingDate: "2026-11-04" })], "A"), "a.camt053.xml");
    const b = await ingestContent(camt([stmt("S-0411", resent, { openingDate: "2026-11-04", closingDate: "2026-11-04" })], "B"), "b.camt053.xml");
    expect([a.result.status, b.result.status]).toEqual(["PROCESSED", "PROCESSED"]);
    expect(await getDb().receipt.count({ where: { bankReference: { in: resent.map((l) => l.bankReference) } } })).toBe(3);
    expect(await rowsOf(b.doc.id)).toMatchObject({ statements: 1, lines: 1, receipts: 1 });
  });

  it("gives each receipt its payment.received event, lineage and channel", async () => {
    const r = await getDb().receipt.findFirstOrThrow({ where: { bankReference: "BK-2026-11-04-23" }, include: { events: true } });
    expect(r).toMatchObject({ sourceSystem: "bank", channel: "SEPA", amountMinor: 30_00n, unappliedMinor: 30_00n, entityId: "ent_de", bankAccountId: "bank_de", state: "RECEIVED", payerName: "Customer 23" });
    expect(r.naturalKey).toBe(`bank:${r.sourceId}`);
    expect(r.events).toEqual([expect.objectContaining({ type: "payment.received", sourceSystem: "bank", sourceId: r.naturalKey, correlationId: r.correlationId })]);
    expect(r.correlationId).toMatch(/^cid_test_/);
    const line = await getDb().bankTransaction.findFirstOrThrow({ where: { bankReference: "BK-2026-11-04-23" } });
    expect(line.receiptId).toBe(r.id);
  });
});

describe("progress", () => {
  it("is visible to others while the file's transaction is still open, before any of its rows are", async () => {
    await addBankAccount("bank_big", "ent_us", "123456789000", "USD");
    const text = generateBai2({ entries: 20_000, seed: 9 }).replace(/^03,123456789,/m, "03,123456789000,");
    const received = await receiveBankFile({ content: Buffer.from(text), filename: "big.bai", contentType: "text/plain", sender: { kind: "system", label: "test" } });
    const running = ingestBankFile(received.id, { correlationId: "cid_progress", batchSize: 1000 });
    const db = getDb();
    let seen: { status: string; entriesParsed: number; entriesStored: number } | null = null;
    for (let i = 0; i < 400 && !seen; i++) {
      const doc = await db.sourceDocument.findUniqueOrThrow({ where: { id: received.id }, select: { status: true, entriesParsed: true, entriesStored: true } });
      if (doc.status === "PROCESSING" && doc.entriesStored > 0) seen = doc;
      else await new Promise((r) => setTimeout(r, 25));
    }
    expect(seen).not.toBeNull();
    expect(seen!.entriesParsed).toBeGreaterThanOrEqual(seen!.entriesStored);
    expect(await rowsOf(received.id)).toEqual({ statements: 0, lines: 0, receipts: 0 }); // nothing committed yet
    expect((await running).status).toBe("PROCESSED");
    expect(await rowsOf(received.id)).toMatchObject({ statements: 1, lines: 20_000 });
  });
});

describe("quarantine", () => {
  it("a generated camt.053 whose last entry is malformed leaves nothing but the quarantined document", async () => {
    const text = generateCamt053({ entries: 3000, seed: 5 });
    const last = text.lastIndexOf('<Amt Ccy="EUR">');
    const broken = `${text.slice(0, last)}<Amt Ccy="EUR">12,3x4${text.slice(text.indexOf("</Amt>", last))}`;
    const { doc, result } = await ingestContent(broken, "broken.camt053.xml", { batchSize: 500 });
    expect(result.status).toBe("QUARANTINED");
    expect(doc.status).toBe("QUARANTINED");
    expect(doc.error).toMatch(/^broken\.camt053\.xml: .*Ntry.*12,3x4/);
    // Several 500-line batches had been written in the file's transaction before the failure: all rolled back.
    expect(doc.entriesParsed).toBeGreaterThan(1000);
    expect(doc.entriesStored).toBe(0);
    expect(await rowsOf(doc.id)).toEqual({ statements: 0, lines: 0, receipts: 0 });
    expect(await getDb().bankTransaction.count({ where: { bankAccountId: "bank_de", bankReference: { startsWith: "BANK-" } } })).toBe(0);
  });

  it("a NACHA file with a broken trailer is quarantined with its line", async () => {
    const text = writeNachaReturns([{ companyName: "DEMO INC", companyId: "123456789", effectiveDate: "2026-11-05", items: [
      { code: "R01", amountMinor: 100_00n, originalTrace: "091000010000001", name: "NOBODY", routing: "091000019", account: "1" },
    ] }], { odfi: "091000019", createdAt: "2026-11-05T07:00:00", traceStart: 900 });
    const truncated = text.split("\n").filter((l) => !l.startsWith("9")).join("\n");
    const { doc } = await ingestContent(truncated, "returns.ach");
    expect(doc.status).toBe("QUARANTINED");
    expect(doc.error).toMatch(/^returns\.ach:\d+: missing file control/);
    expect(await rowsOf(doc.id)).toEqual({ statements: 0, lines: 0, receipts: 0 });
    expect(await getDb().exceptionCase.count({ where: { documentId: doc.id } })).toBe(0);
  });

  it("an unknown account quarantines the file with the account named", async () => {
    const { doc } = await ingestContent(camt([stmt("X", [credit(31, 1_00n)], { account: "GB29NWBK60161331926819", currency: "GBP" })], "X"), "unknown.xml");
    expect(doc.status).toBe("QUARANTINED");
    expect(doc.error).toContain('"GB29NWBK60161331926819"');
    expect(await rowsOf(doc.id)).toEqual({ statements: 0, lines: 0, receipts: 0 });
  });
});

describe("statement continuity", () => {
  it("a missing business day opens STATEMENT_GAP on the bank account, a different opening balance BALANCE_MISMATCH", async () => {
    await addBankAccount("bank_cont", "ent_de", "DE12500105170648489890", "EUR", "DE12500105170648489890");
    const acct = "DE12500105170648489890";
    const mon = stmt("C-1", [credit(41, 50_00n, "2026-11-09")], { account: acct, openingMinor: 1000_00n, openingDate: "2026-11-09", closingDate: "2026-11-09" });
    const thu = stmt("C-2", [credit(42, 5_00n, "2026-11-12")], { account: acct, openingMinor: 1050_00n, openingDate: "2026-11-12", closingDate: "2026-11-12" });
    const fri = stmt("C-3", [], { account: acct, openingMinor: 1060_00n, openingDate: "2026-11-13", closingDate: "2026-11-13" });
    const mon2 = stmt("C-4", [], { account: acct, openingMinor: 1060_00n, openingDate: "2026-11-16", closingDate: "2026-11-16" });
    for (const [i, s] of [mon, thu, fri, mon2].entries()) expect((await ingestContent(camt([s], `C${i}`), `c${i}.xml`)).result.status).toBe("PROCESSED");
    const cases = await getDb().exceptionCase.findMany({ where: { bankAccountId: "bank_cont" }, orderBy: { createdAt: "asc" } });
    expect(cases.map((c) => c.code)).toEqual(["STATEMENT_GAP", "BALANCE_MISMATCH"]);
    expect(cases[0]).toMatchObject({ subjectType: "BankAccount", subjectId: "bank_cont", entityId: "ent_de", amountMinor: 0n });
    expect(cases[0]!.reasons.join(" ")).toMatch(/no statement for 2026-11-10, 2026-11-11/);
    expect(cases[0]!.reasons.join(" ")).toMatch(/opening balance EUR 1,050.00 on 2026-11-12 .* previous closing balance EUR 1,050.00 on 2026-11-09/);
    expect(cases[1]!.reasons[0]).toMatch(/opening balance EUR 1,060.00 on 2026-11-13 .* previous closing balance EUR 1,055.00 on 2026-11-12 .* differs by EUR 5.00/);
    expect(cases[1]!.amountMinor).toBe(5_00n);
  });

  it("a statement whose lines do not add up (the parser's balance check) opens BALANCE_MISMATCH", async () => {
    await addBankAccount("bank_ing", "ent_de", "0001234567", "EUR");
    const { doc } = await ingestFixture("wolph-mt940/mt940_tests/jejik/ing.sta");
    expect(doc.status).toBe("PROCESSED");
    const s = await getDb().bankStatement.findFirstOrThrow({ where: { documentId: doc.id } });
    expect(s).toMatchObject({ balanceCheck: "mismatch", balanceDifferenceMinor: 49_06n, entryCount: 7 });
    const c = await getDb().exceptionCase.findFirstOrThrow({ where: { documentId: doc.id } });
    expect(c).toMatchObject({ code: "BALANCE_MISMATCH", subjectType: "BankAccount", subjectId: "bank_ing" });
    expect(c.reasons[0]).toMatch(/does not add up/);
  });
});

describe("returns and notifications of change", () => {
  it("a NACHA return moves the ACH credit it returns to RETURNED and opens a RETURNED case", async () => {
    const ach: SimLine = { amountMinor: 2_500_00n, valueDate: "2026-11-02", bankReference: "021000021000777", counterpartyName: "ACME CORP", remittance: "INV-77", channel: "ACH" };
    const bai = writeBai2([{ id: "B", account: "000123456789", currency: "USD", openingMinor: 0n, openingDate: "2026-11-02", closingDate: "2026-11-02", lines: [ach] }],
      { fileId: "77", sender: "CHASE", receiver: "DEMO", asOf: "2026-11-02", createdAt: "2026-11-03T06:00:00" });
    const original = await ingestContent(bai, "prevday.bai");
    expect(original.result.status).toBe("PROCESSED");
    const receipt = await getDb().receipt.findFirstOrThrow({ where: { bankReference: "021000021000777" } });
    expect(receipt.channel).toBe("ACH");
    const nacha = writeNachaReturns([{ companyName: "DEMO INC", companyId: "123456789", effectiveDate: "2026-11-05", items: [
      { code: "R01", amountMinor: 2_500_00n, originalTrace: "021000021000777", name: "ACME CORP", routing: "021000021", account: "55501" },
      { code: "R03", amountMinor: 10_00n, originalTrace: "021000021999999", name: "NOBODY KNOWN", routing: "021000021", account: "9" },
      { code: "C01", amountMinor: 0n, originalTrace: "021000021000777", name: "ACME CORP", routing: "021000021", account: "55501", correctedData: "55502" },
    ] }], { odfi: "091000019", createdAt: "2026-11-05T07:00:00", traceStart: 1 });
    const { doc } = await ingestContent(nacha, "returns.ach");
    expect(doc.status).toBe("PROCESSED");
    const db = getDb();
    const after = await db.receipt.findUniqueOrThrow({ where: { id: receipt.id }, include: { events: { orderBy: { id: "asc" } } } });
    expect(after.state).toBe("RETURNED");
    expect(after.events.map((e) => e.type)).toEqual(expect.arrayContaining(["payment.received", "payment.returned", "bank.notification_of_change"]));
    // One transaction: equal createdAt; sort by what tells them apart. One active case per receipt (issue 11): the
    // notice of change for the returned receipt joins its RETURNED case as a finding instead of a second case.
    const cases = (await db.exceptionCase.findMany({ where: { documentId: doc.id } })).sort((x, y) => `${x.code}${x.subjectType}`.localeCompare(`${y.code}${y.subjectType}`));
    expect(cases.map((c) => [c.code, c.priority, c.receiptId, c.subjectType])).toEqual([
      ["RETURNED", "HIGH", null, "BankTransaction"],
      ["RETURNED", "HIGH", receipt.id, null],
    ]);
    expect(cases[1]!.reasons.join(" ")).toMatch(/R01 \(insufficient funds\)/);
    expect(cases[0]!.reasons[1]).toMatch(/no receipt found .*021000021999999/);
    expect(cases[1]!.reasons.join(" ")).toMatch(/C01 \(incorrect account number\).*corrected data "55502"/);
    expect(await db.workflowEvent.count({ where: { receiptId: receipt.id, type: "exception.finding_added" } })).toBe(1);
    expect(await rowsOf(doc.id)).toMatchObject({ lines: 3, receipts: 0 });
  });

  it("reads the moov-ach notification-of-change fixture", async () => {
    await addBankAccount("bank_cor", "ent_us", "121042882", "USD");
    const { doc } = await ingestFixture("moov-ach/test/ach-cor-read/cor-read.ach");
    expect(doc.status).toBe("PROCESSED");
    const c = await getDb().exceptionCase.findFirstOrThrow({ where: { documentId: doc.id } });
    expect(c).toMatchObject({ code: "CUSTOMER_MAPPING", priority: "LOW" });
    expect(c.reasons[0]).toContain('"1918171614"');
  });
});

describe("real bank files", () => {
  it("ingests the BAI2, camt.053 and MT940 fixtures with the right counts", async () => {
    await addBankAccount("bank_cad", "ent_us", "10200123456", "CAD");
    await addBankAccount("bank_nl", "ent_de", "8060476890", "EUR", "NL26VAYB8060476890");
    await addBankAccount("bank_abn", "ent_de", "517852257", "EUR");
    const bai = await ingestFixture("moov-bai2/test/testdata/sample1.txt");
    expect(bai.doc).toMatchObject({ status: "PROCESSED", format: "bai2", entriesParsed: 17, entriesStored: 17 });
    expect(await rowsOf(bai.doc.id)).toEqual({ statements: 2, lines: 17, receipts: 5 });
    const camtFile = await ingestFixture("genkgo-camt/test/data/camt053.v2.multi.statement.xml");
    expect(camtFile.doc).toMatchObject({ status: "PROCESSED", format: "camt.053.001.02" });
    expect(await rowsOf(camtFile.doc.id)).toEqual({ statements: 2, lines: 2, receipts: 1 });
    const abn = await ingestFixture("wolph-mt940/mt940_tests/jejik/abnamro.sta");
    expect(abn.doc).toMatchObject({ status: "PROCESSED", format: "mt940", entriesParsed: 10 });
  });

  it("reads a Latin-1 file as Latin-1", async () => {
    const text = writeMt940(stmt("L1", [{ ...credit(51, 12_00n, "2026-11-20"), counterpartyName: "Müller GmbH", remittance: "Rechnung 51 für Oktober" }], { openingDate: "2026-11-20", closingDate: "2026-11-20", openingMinor: 0n }));
    const { doc } = await ingestContent(Buffer.from(text, "latin1"), "latin1.sta");
    expect(doc.status).toBe("PROCESSED");
    expect((await getDb().receipt.findFirstOrThrow({ where: { documentId: doc.id } })).payerName).toBe("Müller GmbH");
  });
});
