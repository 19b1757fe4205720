// Bank accounts with their latest statement balance: the first thing treasury looks at.
import { z } from "zod";
import { db } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";

export const bankAccountRowSchema = z.object({
  id: z.string(),
  entity: z.string(),
  name: z.string(),
  bankName: z.string(),
  accountNumber: z.string(),
  iban: z.string().nullable(),
  currency: z.string(),
  lastStatementDate: z.string().nullable(),
  closingBalance: z.string().nullable(),
  receivedToday: z.string(),
});
export const listBankAccountsResponse = z.object({ items: z.array(bankAccountRowSchema) });

export async function listBankAccounts(now = new Date()) {
  const startOfDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const [accounts, latest, today] = await Promise.all([
    db.bankAccount.findMany({ include: { entity: { select: { code: true } } }, orderBy: [{ entityId: "asc" }, { name: "asc" }] }),
    db.$queryRaw<{ bankAccountId: string; closingDate: Date; closingBalanceMinor: bigint }[]>`
      select distinct on ("bankAccountId") "bankAccountId", "closingDate", "closingBalanceMinor"
      from "BankStatement" where "closingBalanceMinor" is not null
      order by "bankAccountId", "closingDate" desc nulls last, "receivedAt" desc`,
    db.$queryRaw<{ bankAccountId: string; total: bigint }[]>`
      select "bankAccountId", sum("amountMinor")::bigint as total from "Receipt"
      where "receivedAt" >= ${startOfDay} and "bankAccountId" is not null group by "bankAccountId"`,
  ]);
  const latestBy = new Map(latest.map((l) => [l.bankAccountId, l]));
  const todayBy = new Map(today.map((t) => [t.bankAccountId, t.total]));
  return {
    items: accounts.map((a) => {
      const l = latestBy.get(a.id);
      return {
        id: a.id,
        entity: a.entity.code,
        name: a.name,
        bankName: a.bankName,
        accountNumber: a.accountNumber,
        iban: a.iban,
        currency: a.currency,
        lastStatementDate: l?.closingDate ? l.closingDate.toISOString().slice(0, 10) : null,
        closingBalance: l ? fromMinor(l.closingBalanceMinor, a.currency) : null,
        receivedToday: fromMinor(todayBy.get(a.id) ?? 0n, a.currency),
      };
    }),
  };
}
