// One bank file: its processing state, each statement with its balance and control checks, what it created
// (lines, new lines, receipts, returns) and the exception cases its ingestion opened.
import { db } from "../db/client.ts";
import { problem } from "../http/problem.ts";
import { fromMinor } from "../money/money.ts";
import { bankFileSelect, toBankFileRow } from "./list-bank-files.ts";

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export async function getBankFile(id: string) {
  const doc = await db.sourceDocument.findFirst({ where: { id, kind: "bank_statement" }, select: bankFileSelect });
  if (!doc) throw problem(404, `bank file ${id} not found`);
  const [statements, lines, receipts, returned, cases] = await Promise.all([
    db.bankStatement.findMany({ where: { documentId: id }, orderBy: { sequence: "asc" }, include: { bankAccount: { select: { id: true, name: true, accountNumber: true, iban: true, currency: true } } } }),
    db.bankTransaction.count({ where: { statement: { documentId: id } } }),
    db.receipt.count({ where: { documentId: id } }),
    db.workflowEvent.count({ where: { type: "payment.returned", payload: { path: ["documentId"], equals: id } } }),
    db.exceptionCase.findMany({ where: { documentId: id }, orderBy: { createdAt: "asc" } }),
  ]);
  const money = (minor: bigint | null, currency: string) => (minor === null ? null : fromMinor(minor, currency));
  return {
    ...toBankFileRow(doc),
    contentType: doc.contentType,
    statementDetails: statements.map((s) => {
      const ccy = s.bankAccount.currency;
      return {
        id: s.id, ref: s.statementRef, format: s.format,
        account: { id: s.bankAccount.id, name: s.bankAccount.name, number: s.bankAccount.iban ?? s.bankAccount.accountNumber, currency: ccy },
        opening: s.openingBalanceMinor === null ? null : { amount: fromMinor(s.openingBalanceMinor, ccy), date: day(s.openingDate) },
        closing: s.closingBalanceMinor === null ? null : { amount: fromMinor(s.closingBalanceMinor, ccy), date: day(s.closingDate) },
        balanceCheck: s.balanceCheck, balanceDifference: money(s.balanceDifferenceMinor, ccy), controlTotals: s.controlTotals,
        entryCount: s.entryCount, newEntryCount: s.newEntryCount, warnings: s.warnings,
      };
    }),
    counts: { lines: statements.reduce((n, s) => n + s.entryCount, 0), newLines: lines, receipts, returned },
    exceptions: cases.map((c) => ({
      id: c.id, code: c.code, status: c.status, priority: c.priority, amount: c.amountMinor === null || !c.currency ? null : fromMinor(c.amountMinor, c.currency),
      currency: c.currency, receiptId: c.receiptId, reasons: c.reasons, createdAt: c.createdAt.toISOString(),
    })),
  };
}
