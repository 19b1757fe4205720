// What the engine needs for cross-currency application, loaded only when some entity of the batch allows it:
// each entity's functional currency and the rates for the batch's value dates (as plain data).
import { db } from "../db/client.ts";
import { policyFor, type PolicySet } from "../cashapp/engine.ts";
import type { FxInput } from "../cashapp/cross-currency.ts";
import { loadRateTable } from "../fx/load-rate-table.ts";

/** Also when a receipt is in another currency than its entity's functional one: the write-off cap is converted. */
export async function loadEngineFx(set: PolicySet, entityIds: string[], codeOf: Map<string, string>, receipts: { entityId: string; currency: string; valueDate: Date }[]): Promise<FxInput | undefined> {
  const entities = await db.legalEntity.findMany({ where: { id: { in: entityIds } }, select: { id: true, code: true, functionalCurrency: true } });
  const functionalOf = new Map(entities.map((e) => [e.id, e.functionalCurrency]));
  const foreign = receipts.some((r) => functionalOf.get(r.entityId) !== r.currency);
  if (!foreign && !entityIds.some((id) => policyFor(set, codeOf.get(id) ?? id).crossCurrency?.enabled)) return undefined;
  const valueDates = receipts.map((r) => r.valueDate);
  const days = valueDates.map((d) => d.toISOString().slice(0, 10)).sort();
  // Every currency with rates (ECB publishes ~30): invoices of any of them may be referenced. The oldest invoice's
  // booking rate is looked up when the application is written (fx-application-values.ts), so from 1999 on.
  const rates = await loadRateTable([], "1999-01-01", days[days.length - 1]!);
  return { functionalCurrency: Object.fromEntries(entities.map((e) => [e.code, e.functionalCurrency])), rates };
}
