// Demo users' write-off limits, one row per currency the demo entities work in. The same figure in each currency
// is a deliberate per-currency setting (50.00 USD, 50.00 GBP, 50.00 EUR), not a conversion; a day allows 20 of them.
import { DEMO_ENTITIES } from "./demo-world.ts";

export function demoWriteOffLimits(users: { id: string; writeOffLimitMinor: bigint }[]) {
  const currencies = [...new Set(DEMO_ENTITIES.map((e) => e.functionalCurrency))];
  return users.filter((u) => u.writeOffLimitMinor > 0n).flatMap((u) => currencies.map((currency) => ({
    userId: u.id, currency, perWriteOffMinor: u.writeOffLimitMinor, perReceiptMinor: u.writeOffLimitMinor,
    perInvoiceMinor: u.writeOffLimitMinor, perDayMinor: u.writeOffLimitMinor * 20n,
  })));
}
