// Called by bank-statement ingestion for every bank credit, before it would become a receipt: a credit that is
// a processor payout (its remittance or reference names the payout id, or says STRIPE with the payout's amount
// and an arrival date within two days) is that payout, not a new unidentified payment. Marks the payout as
// seen in the bank (a second call for the same line answers the same; another line cannot take it) and returns
// it; returns null when the credit is not a payout. A credit whose text names no payout id and does not say
// STRIPE costs no query, so ingestion may ask for every credit (mayBePayoutCredit says which ones could be payouts).
import type { Prisma } from "../db/generated/client.ts";

export type BankCredit = {
  bankAccountId: string;
  amountMinor: bigint;
  currency: string;
  valueDate: Date;
  remittance?: string | null;
  bankReference?: string | null;
  counterpartyName?: string | null;
};

const DAY = 86_400_000;
const PAYOUT_ID = /\bpo_[A-Za-z0-9]{4,}\b/gi;
const NAMES_PAYOUT_ID = new RegExp(PAYOUT_ID.source, "i"); // not global: .test keeps no state
const LIVE_STATUSES = ["paid", "in_transit", "pending"];

type Candidate = { id: string; payoutId: string; entityId: string; arrivalDate: Date; bankAccountId: string | null; journalEntryId: string | null; recognizedAt: Date | null; recognizedBankAccountId: string | null; recognizedBankReference: string | null; recognizedValueDate: Date | null };

const sameLine = (p: Candidate, line: BankCredit) =>
  p.recognizedBankAccountId === line.bankAccountId && (p.recognizedBankReference ?? null) === (line.bankReference ?? null) &&
  p.recognizedValueDate?.toISOString().slice(0, 10) === line.valueDate.toISOString().slice(0, 10);

const creditText = (line: Pick<BankCredit, "remittance" | "bankReference" | "counterpartyName">) =>
  [line.remittance, line.bankReference, line.counterpartyName].filter(Boolean).join(" ");

/** Whether recognizePayoutCredit could find a payout for this credit at all (it names a payout id or says STRIPE). */
export function mayBePayoutCredit(line: Pick<BankCredit, "amountMinor" | "remittance" | "bankReference" | "counterpartyName">): boolean {
  if (line.amountMinor <= 0n) return false;
  const text = creditText(line);
  return NAMES_PAYOUT_ID.test(text) || /stripe/i.test(text);
}

export async function recognizePayoutCredit(tx: Prisma.TransactionClient, line: BankCredit): Promise<{ payoutId: string; processorPayoutId: string } | null> {
  if (!mayBePayoutCredit(line)) return null;
  const text = creditText(line);
  const named = [...new Set((text.match(PAYOUT_ID) ?? []).map((s) => s.toLowerCase()))];
  const base = { currency: line.currency, amountMinor: line.amountMinor, status: { in: LIVE_STATUSES } };
  let candidates: Candidate[] = [];
  if (named.length) {
    candidates = await tx.payout.findMany({ where: { ...base, OR: named.map((id) => ({ payoutId: { equals: id, mode: "insensitive" as const } })) } });
  } else if (/stripe/i.test(text)) {
    const account = await tx.bankAccount.findUnique({ where: { id: line.bankAccountId }, select: { entityId: true } });
    candidates = await tx.payout.findMany({
      where: {
        ...base, entityId: account?.entityId,
        arrivalDate: { gte: new Date(line.valueDate.getTime() - 2 * DAY), lte: new Date(line.valueDate.getTime() + 2 * DAY) },
      },
      orderBy: [{ arrivalDate: "asc" }, { createdAt: "asc" }],
    });
  }
  const again = candidates.find((p) => p.recognizedAt && sameLine(p, line));
  if (again) return { payoutId: again.id, processorPayoutId: again.payoutId };
  const open = candidates
    .filter((p) => !p.recognizedAt)
    .sort((a, b) => Math.abs(a.arrivalDate.getTime() - line.valueDate.getTime()) - Math.abs(b.arrivalDate.getTime() - line.valueDate.getTime()));
  for (const p of open) {
    // Only one bank line can take a payout, even when two statements are ingested at once.
    const taken = await tx.payout.updateMany({
      where: { id: p.id, recognizedAt: null },
      data: { recognizedAt: new Date(), recognizedBankAccountId: line.bankAccountId, recognizedBankReference: line.bankReference ?? null, recognizedValueDate: line.valueDate, bankAccountId: line.bankAccountId },
    });
    if (taken.count !== 1) continue;
    if (p.bankAccountId !== line.bankAccountId && p.journalEntryId) await moveJournalToBank(tx, p, line.bankAccountId);
    await tx.workflowEvent.createMany({
      data: [{
        type: "payout.bank_credit_recognized", sourceSystem: "cashline", sourceId: p.payoutId, entityId: p.entityId,
        businessKeys: { payoutId: p.payoutId, bankAccountId: line.bankAccountId, bankReference: line.bankReference ?? null },
        payload: { amountMinor: line.amountMinor.toString(), currency: line.currency, valueDate: line.valueDate.toISOString().slice(0, 10), matchedBy: named.length ? "payout id" : "STRIPE + amount + date" },
        occurredAt: line.valueDate, recordedAt: new Date(),
      }],
      skipDuplicates: true,
    });
    return { payoutId: p.id, processorPayoutId: p.payoutId };
  }
  return null;
}

/** The payout landed in another account than assumed: point the still-unposted journal's bank line at it. */
async function moveJournalToBank(tx: Prisma.TransactionClient, p: Candidate, bankAccountId: string) {
  const entry = await tx.journalEntry.findUnique({ where: { id: p.journalEntryId! }, select: { status: true } });
  const from = p.bankAccountId ? await tx.bankAccount.findUnique({ where: { id: p.bankAccountId }, select: { glAccount: true } }) : null;
  const to = await tx.bankAccount.findUnique({ where: { id: bankAccountId }, select: { glAccount: true } });
  if (entry?.status !== "PENDING" || !to || !from || from.glAccount === to.glAccount) return;
  await tx.journalLine.updateMany({ where: { entryId: p.journalEntryId!, account: from.glAccount, debitMinor: { gt: 0n } }, data: { account: to.glAccount } });
}
