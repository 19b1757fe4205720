// Issue 17: every write-off limit is compared in the receipt's entity's FUNCTIONAL currency. The write-off and the
// usage already counted against the limits (kept per currency) are converted at the receipt value date's rate (the
// look-up rule of lib/fx/lookup-rate.ts), and the user's limit row in the functional currency applies. No rate on
// or before that day → the write-off is not proven within a limit: a second person decides (never a guess).
import type { Tx } from "./action-context.ts";
import { loadRateTable } from "../fx/load-rate-table.ts";
import { convertOn, MissingRateError } from "../fx/lookup-rate.ts";
import { formatMoney } from "../money/money.ts";
import type { Usage, WriteOffScope } from "./write-off-limits.ts";

export type FunctionalScope = { currency: string; valueDate: string };

export async function functionalScopeOf(tx: Tx, receiptId: string): Promise<FunctionalScope> {
  const [row] = await tx.$queryRaw<{ currency: string; valueDate: string }[]>`
    select e."functionalCurrency" as currency, to_char(r."valueDate", 'YYYY-MM-DD') as "valueDate"
      from "Receipt" r join "LegalEntity" e on e.id = r."entityId" where r.id = ${receiptId}`;
  if (!row) throw new Error(`receipt ${receiptId} not found`);
  return row;
}

/** Currencies other than `own` in which this user, receipt or invoice has write-offs (made or pending) that count. */
export async function otherUsageCurrencies(tx: Tx, s: WriteOffScope, own: string, today: Date): Promise<string[]> {
  const rows = await tx.$queryRaw<{ currency: string }[]>`
    select distinct currency from "Application" where kind = 'WRITE_OFF' and "reversedAt" is null and currency <> ${own}
       and ("receiptId" = ${s.receiptId} or "invoiceId" = ${s.invoiceId} or (("appliedById" = ${s.userId} or "approvedById" = ${s.userId}) and "appliedAt" >= ${today}))
    union
    select distinct proposal->>'currency' from "ExceptionCase" where status = 'PENDING_APPROVAL' and proposal->>'currency' <> ${own}
       and ("receiptId" = ${s.receiptId} or "proposedById" = ${s.userId})`;
  return rows.map((r) => r.currency).filter(Boolean);
}

export type Converted = { amountMinor: bigint; usage: Usage; note: string | null };

/** Converts the write-off and each currency's usage into the functional currency; throws MissingRateError. */
export async function toFunctional(tx: Tx, fn: FunctionalScope, amount: { currency: string; minor: bigint }, usageByCurrency: Map<string, Usage>): Promise<Converted> {
  const currencies = [amount.currency, ...usageByCurrency.keys()].filter((c) => c !== fn.currency);
  const table = currencies.length ? await loadRateTable([...currencies, fn.currency], fn.valueDate, fn.valueDate, tx) : null;
  const conv = (minor: bigint, from: string) => (from === fn.currency ? minor : convertOn(table!, minor, from, fn.currency, fn.valueDate).toMinor);
  const usage: Usage = { dayMinor: 0n, receiptMinor: 0n, invoiceMinor: 0n };
  for (const [c, u] of usageByCurrency) {
    usage.dayMinor += conv(u.dayMinor, c);
    usage.receiptMinor += conv(u.receiptMinor, c);
    usage.invoiceMinor += conv(u.invoiceMinor, c);
  }
  const amountMinor = conv(amount.minor, amount.currency);
  let note: string | null = null;
  if (amount.currency !== fn.currency) {
    const r = convertOn(table!, amount.minor, amount.currency, fn.currency, fn.valueDate);
    note = `${formatMoney(amount.minor, amount.currency)} = ${formatMoney(amountMinor, fn.currency)} at ${r.rate} (${r.rateDay})`;
  }
  return { amountMinor, usage, note };
}

export { MissingRateError };
