// What the engine needs for cross-currency application, loaded only when some entity of the batch allows it:
// each entity's functional currency and the rates for the batch's value dates (as plain data).
import { db } from "../db/client.ts";
import { policyFor, type PolicySet } from "../cashapp/engine.ts";
import type { FxInput } from "../cashapp/cross-currency.ts";
import { loadRateTable } from "../fx/load-rate-table.ts";

export async function loadEngineFx(set: PolicySet, entityIds: string[], codeOf: Map<string, string>, valueDates: Date[]): Promise<FxInput | undefined> {
  if (!entityIds.some((id) => policyFor(set, codeOf.get(id) ?? id).crossCurrency?.enabled)) return undefined;
  const entities = await db.legalEntity.findMany({ where: { id: { in: entityIds } }, select: { code: true, functionalCurrency: true } });
  const days = valueDates.map((d) => d.toISOString().slice(0, 10)).sort();
  // Every currency with rates (ECB publishes ~30): invoices of any of them may be referenced. The oldest invoice's
  // booking rate is looked up when the application is written (fx-application-values.ts), so from 1999 on.
  const rates = await loadRateTable([], "1999-01-01", days[days.length - 1]!);
  return { functionalCurrency: Object.fromEntries(entities.map((e) => [e.code, e.functionalCurrency])), rates };
}
