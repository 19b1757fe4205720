// After a file's statements are stored: each end-of-day statement is compared with the account's previous one
// (STATEMENT_GAP for missing business days, BALANCE_MISMATCH for a different opening balance), and a statement
// whose own lines do not add up to its closing balance (the parser's balance check) is a BALANCE_MISMATCH too.
// One open case per account and code: a further finding is added to the case already open.
import type { Prisma } from "../db/generated/client.ts";
import { openExceptionCase } from "../exceptions/open-exception-case.ts";
import { formatMoney } from "../money/money.ts";
import { checkContinuity, type ContinuityIssue } from "./continuity.ts";
import { findPreviousStatements, isEndOfDayFormat, type FinishedStatement } from "./statement-rows.ts";

export type CheckedStatement = FinishedStatement & { ref: string; bankAccountId: string; entityId: string; currency: string };

const iso = (d: Date) => d.toISOString().slice(0, 10);

export async function checkStatementContinuity(
  tx: Prisma.TransactionClient, statements: CheckedStatement[], ctx: { documentId: string; correlationId: string; filename: string },
): Promise<number> {
  const checked = statements.filter((s) => isEndOfDayFormat(s.format) && s.openingBalanceMinor !== null && s.closingDate !== null);
  const previous = await findPreviousStatements(tx, checked.map((s) => s.id));
  const issues: { s: CheckedStatement; issue: ContinuityIssue }[] = [];
  for (const s of checked) {
    const p = previous.get(s.id);
    const issue = p && checkContinuity(
      { ref: p.statementRef, openingMinor: null, openingDate: null, closingMinor: p.closingBalanceMinor, closingDate: iso(p.closingDate) },
      { ref: s.ref, openingMinor: s.openingBalanceMinor, openingDate: s.openingDate, closingMinor: s.closingBalanceMinor, closingDate: s.closingDate },
      s.currency,
    );
    if (issue) issues.push({ s, issue });
  }
  for (const s of statements) {
    if (s.balanceCheck !== "mismatch") continue;
    const diff = s.balanceDifferenceMinor ?? 0n;
    issues.push({
      s,
      issue: {
        code: "BALANCE_MISMATCH", differenceMinor: diff,
        reasons: [`statement ${s.ref} (${s.openingDate ?? "?"} to ${s.closingDate ?? "?"}) does not add up: closing balance minus opening balance minus its ${s.entryCount} lines is ${formatMoney(diff, s.currency)}`],
      },
    });
  }
  for (const { s, issue } of issues) {
    const reasons = [...issue.reasons, `file ${ctx.filename}`];
    const opened = await openExceptionCase(tx, {
      code: issue.code, priority: "HIGH", slaHours: 24, entityId: s.entityId, bankAccountId: s.bankAccountId, subjectType: "BankAccount",
      subjectId: s.bankAccountId, amountMinor: issue.differenceMinor, currency: s.currency, reasons, correlationId: ctx.correlationId,
      documentId: ctx.documentId, suggestion: { statementId: s.id },
    });
    if (!opened.created) await tx.exceptionCase.update({ where: { id: opened.caseId }, data: { reasons: { push: reasons }, version: { increment: 1 } } });
  }
  return issues.length;
}
