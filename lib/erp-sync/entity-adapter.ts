// The one place that says how to reach a legal entity's ERP for master data in and invoices out: the entity's stored
// connection (lib/posting/erp-connection.ts: its kind's adapter behind the entity's shared circuit breaker and
// pacer), or ERP_URL as Oracle for an entity without one — the same adapter the posting pipeline uses.
import type { ErpAdapter } from "../erp/adapter.ts";
import { erpConnections } from "../posting/erp-connection.ts";

export async function erpAdapterForEntity(entity: { id: string; code: string }): Promise<ErpAdapter> {
  return (await erpConnections().forEntity(entity)).adapter;
}
