// The one place where a new bank credit can turn out to be something other than a customer's payment before a
// receipt is made of it. Today: a processor payout (the Stripe connector's recognizePayoutCredit, which marks
// the payout as seen in the bank). Returns the ids of the lines that were recognised (they get no receipt).
import type { Prisma } from "../db/generated/client.ts";
import { mayBePayoutCredit, recognizePayoutCredit } from "../payouts/recognize-payout-credit.ts";

export type CreditLine = {
  id: string;
  bankAccountId: string;
  amountMinor: bigint;
  currency: string;
  valueDate: string;
  remittance: string | null;
  bankReference: string | null;
  counterpartyName: string | null;
};

/** Whether a credit could be recognised at all: the others become receipts without asking (and without a query). */
export function mayBeSpecialCredit(c: Pick<CreditLine, "amountMinor" | "remittance" | "bankReference" | "counterpartyName">): boolean {
  return mayBePayoutCredit(c);
}

export async function recognizeSpecialCredits(tx: Prisma.TransactionClient, credits: CreditLine[]): Promise<Set<string>> {
  const recognized = new Set<string>();
  // Sequential on purpose: one transaction connection; ordinary credits cost no query (the check is on their text).
  for (const c of credits) {
    const payout = await recognizePayoutCredit(tx, {
      bankAccountId: c.bankAccountId, amountMinor: c.amountMinor, currency: c.currency, valueDate: new Date(`${c.valueDate}T00:00:00Z`),
      remittance: c.remittance, bankReference: c.bankReference, counterpartyName: c.counterpartyName,
    });
    if (payout) recognized.add(c.id);
  }
  return recognized;
}
