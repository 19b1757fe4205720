// Loads the demo company into an empty database in one transaction (bulk inserts: a few seconds).
import crypto from "node:crypto";
import type { PrismaClient } from "../db/generated/client.ts";
import { hashPassword } from "../auth/password.ts";
import { buildDemoData } from "./build-demo-data.ts";
import { buildDemoHistory } from "./build-demo-history.ts";
import { appendDemoPaymentHistory } from "./build-demo-payment-history.ts";
import { DEMO_USERS } from "./demo-world.ts";
import { openStalledCases } from "../receipts/open-stalled-cases.ts";
import { DEFAULT_STALL_AFTER_MS } from "../receipts/stall-thresholds.ts";
import { demoWriteOffLimits } from "./demo-write-off-limits.ts";

const DAY = 86_400_000;
const USER_IDS: Record<string, string> = {
  "analyst@demo.cashline.dev": "usr_analyst", "sam.collector@demo.cashline.dev": "usr_sam", "jo.analyst@demo.cashline.dev": "usr_jo",
  "treasury@demo.cashline.dev": "usr_treasury", "controller@demo.cashline.dev": "usr_controller", "admin@demo.cashline.dev": "usr_admin",
};

function chunks<T>(rows: T[], size = 2000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Statements per bank account and day, opening balance = previous closing, built from the bank lines. */
function buildStatements(data: ReturnType<typeof buildDemoData>, today: Date, now: Date) {
  // A day's statement arrives at 06:00 the next morning, or (yesterday's, early in the morning) just now.
  const arrival = (day: Date) => new Date(Math.min(day.getTime() + DAY + 6 * 3_600_000, now.getTime() - 60_000));
  const statements: Record<string, unknown>[] = [];
  const documents: Record<string, unknown>[] = [];
  for (const bank of data.bankAccounts) {
    let balance = 25_000_000n;
    for (let d = 21; d >= 1; d--) {
      const day = new Date(today.getTime() - d * DAY);
      const key = day.toISOString().slice(0, 10);
      const lines = data.bankLines.filter((l) => l.bankAccountId === bank.id && (l.valueDate as Date).toISOString().slice(0, 10) === key);
      const sum = lines.reduce((s, l) => s + (l.amountMinor as bigint), 0n);
      // One gap on purpose: the DE collection account's statement of five days ago never arrived.
      if (bank.id === "bank_6" && d === 5) { balance += sum; continue; }
      const content = Buffer.from(`demo statement ${bank.accountNumber} ${key} lines=${lines.length}`);
      const docId = `doc_${bank.id}_${key}`;
      documents.push({ id: docId, kind: "bank_statement", sourceSystem: "bank", sha256: crypto.createHash("sha256").update(content).digest("hex"), filename: `${bank.accountNumber}_${key}.camt053.xml`, contentType: "application/xml", byteSize: content.length, content, format: "camt.053.001.08", status: "PROCESSED", entriesParsed: lines.length, entriesStored: lines.length, receivedAt: arrival(day), processedAt: new Date(arrival(day).getTime() + 4000) });
      const stmtId = `stmt_${bank.id}_${key}`;
      statements.push({ id: stmtId, bankAccountId: bank.id, documentId: docId, statementRef: `${bank.accountNumber}-${key}`, format: "camt.053.001.08", openingBalanceMinor: balance, openingDate: day, closingBalanceMinor: balance + sum, closingDate: day, balanceCheck: "ok", controlTotals: "not_applicable", entryCount: lines.length, receivedAt: arrival(day) });
      for (const l of lines) l.statementId = stmtId;
      balance += sum;
    }
  }
  return { statements, documents };
}

/**
 * Seeds an empty database. The data is anchored to `opts.now` (default: this moment), so a demo started at 06:46
 * shows receipts up to 06:46 and nothing later; every fresh demo database is generated anew at its first run.
 */
export async function seedDemo(db: PrismaClient, opts: { password: string; now?: Date }): Promise<{ seeded: boolean; counts: Record<string, number> }> {
  if ((await db.legalEntity.count()) > 0) return { seeded: false, counts: {} };
  const now = opts.now ?? new Date();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const data = buildDemoData(now);
  // Half a year of customers paying by their habits, for the cash forecast (issue 17).
  appendDemoPaymentHistory(data, today);
  const history = buildDemoHistory(data, today, now);
  const { statements, documents } = buildStatements(data, today, now);
  const passwordHash = await hashPassword(opts.password);
  const users = DEMO_USERS.map((u) => ({ id: USER_IDS[u.email]!, email: u.email, name: u.name, role: u.role, writeOffLimitMinor: u.writeOffLimitMinor, passwordHash }));
  const invoiceEvents = data.invoices.map((inv) => ({ type: "invoice.issued", schemaVersion: 1, invoiceId: inv.id, entityId: inv.entityId, sourceSystem: "billing", sourceId: inv.sourceId, businessKeys: { invoiceNumber: inv.number }, payload: {}, occurredAt: inv.issueDate, recordedAt: inv.receivedAt }));
  const stale = data.bankLines.filter((l) => !l.statementId && (l.valueDate as Date) < today);
  for (const l of stale) l.statementId = null;
  const gapCase = { id: "case_gap_bank_6", code: "STATEMENT_GAP", status: "OPEN", priority: "HIGH", entityId: "ent_DE01", bankAccountId: "bank_6", subjectType: "BankAccount", subjectId: "bank_6", slaDueAt: new Date(today.getTime() - 3 * DAY), createdAt: new Date(today.getTime() - 4 * DAY), reasons: ["statement for 5 days ago missing: opening balance of the next statement does not follow the last one received"], suggestion: {} };

  await db.$transaction(async (tx) => {
    await tx.user.createMany({ data: users });
    await tx.writeOffLimit.createMany({ data: demoWriteOffLimits(users) });
    // Reference rates for the demo's currencies (EUR base, as the ECB publishes them) for the last 400 days, so limits
    // and tolerances compare in each entity's functional currency (lib/fx) without an import first.
    const DAY_MS = 86_400_000;
    await tx.fxRate.createMany({
      data: Array.from({ length: 401 }, (_, k) => new Date(today.getTime() - k * DAY_MS)).flatMap((day) => [
        { day, base: "EUR", quote: "USD", rate: "1.0850", source: "CSV" },
        { day, base: "EUR", quote: "GBP", rate: "0.8450", source: "CSV" },
      ]),
      skipDuplicates: true,
    });
    await tx.legalEntity.createMany({ data: data.entities });
    await tx.bankAccount.createMany({ data: data.bankAccounts });
    for (const c of chunks(data.customers)) await tx.customer.createMany({ data: c });
    await tx.customerSourceMapping.createMany({ data: data.mappings });
    for (const c of chunks(data.invoices)) await tx.invoice.createMany({ data: c });
    await tx.sourceDocument.createMany({ data: documents as never });
    await tx.bankStatement.createMany({ data: statements as never });
    for (const c of chunks(data.receipts)) await tx.receipt.createMany({ data: c as never });
    for (const c of chunks(data.bankLines)) await tx.bankTransaction.createMany({ data: c as never });
    for (const c of chunks(data.applications)) await tx.application.createMany({ data: c as never });
    // updatedAt set explicitly: the demo's "last change" of a case is its own history, not the seeding instant.
    const cases = [...data.cases, ...history.cases, gapCase].map((c) => ({ ...c, updatedAt: (c as { resolvedAt?: Date }).resolvedAt ?? c.createdAt }));
    for (const c of chunks(cases)) await tx.exceptionCase.createMany({ data: c as never });
    for (const c of chunks([...invoiceEvents, ...data.events, ...history.events])) await tx.workflowEvent.createMany({ data: c as never });
    await tx.payout.createMany({ data: history.payouts as never });
    await tx.payoutItem.createMany({ data: history.payoutItems as never });
    for (const c of chunks(data.journal.map((j) => j.entry))) await tx.journalEntry.createMany({ data: c as never });
    for (const c of chunks(data.journal.flatMap((j) => j.lines.map((l, i) => ({ id: `${j.entry.id}_l${i}`, entryId: j.entry.id, ...l }))))) await tx.journalLine.createMany({ data: c as never });
    await tx.matchingPolicy.createMany({ data: data.entities.map((e) => ({ entityId: e.id, version: 1, policy: { toleranceAbs: "25.00", tolerancePct: "0.5", autoPostThreshold: 0.95 }, createdBy: "seed" })) });
    await tx.connectorRun.createMany({ data: [
      { connector: "bank.camt053", status: "SUCCEEDED", startedAt: new Date(now.getTime() - 50 * 60_000), finishedAt: new Date(now.getTime() - 50 * 60_000 + 4000), itemsIn: 6, itemsOut: 6 },
      { connector: "billing.events", status: "SUCCEEDED", startedAt: new Date(now.getTime() - 20 * 60_000), finishedAt: new Date(now.getTime() - 20 * 60_000 + 900), itemsIn: 41, itemsOut: 41 },
      { connector: "erp.posting", status: "FAILED", startedAt: new Date(today.getTime() - 2 * DAY), finishedAt: new Date(today.getTime() - 2 * DAY + 60_000), itemsIn: 12, itemsOut: 0, error: "ERP maintenance window (503)" },
    ] });
    await tx.auditLog.create({ data: { actorType: "system", actorLabel: "seed", action: "demo.seeded", details: { receipts: data.receipts.length, invoices: data.invoices.length } } });
  }, { timeout: 600_000, maxWait: 60_000 }); // one transaction; a loaded machine (2 shared cores) needs minutes
  // Receipts the seed left waiting past their state's allowed time get their STALLED case, as the worker would.
  const stalled = await openStalledCases(now, DEFAULT_STALL_AFTER_MS, db);
  return {
    seeded: true,
    counts: { customers: data.customers.length, invoices: data.invoices.length, receipts: data.receipts.length, exceptions: data.cases.length + 1 + stalled.length, journalEntries: data.journal.length, statements: statements.length },
  };
}
