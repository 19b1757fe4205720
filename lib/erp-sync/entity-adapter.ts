// The one place that says how to reach a legal entity's ERP for master data in and invoices out. For now every
// entity speaks Oracle at ERP_URL through the process's shared circuit breaker; per-entity connections (issue 13,
// erp-core) replace this body, and nothing else in lib/erp-sync changes.
import { createErpAdapter } from "../erp/adapters.ts";
import type { ErpAdapter } from "../erp/adapter.ts";
import { env } from "../env.ts";
import { erpConnection } from "../posting/erp-connection.ts";

export async function erpAdapterForEntity(_entity: { id: string; code: string }): Promise<ErpAdapter> {
  return createErpAdapter({
    kind: "oracle", baseUrl: env().ERP_URL, credentials: {}, timeoutMs: Number(process.env.ERP_TIMEOUT_MS ?? 10_000), breaker: erpConnection().breaker,
  });
}
