// This process's connection to the ERP: one client, the circuit breaker every worker shares through PostgreSQL
// (when one worker sees the ERP down, all stop calling it for a cool-down instead of hammering it), and a memo of
// customer accounts already ensured.
import { createErpClient, type ErpClient } from "../erp/index.ts";
import { SharedCircuitBreaker } from "../erp/shared-circuit-breaker.ts";
import { env } from "../env.ts";

type Connection = { erp: ErpClient; breaker: SharedCircuitBreaker; ensureCustomer: (a: { accountNumber: string; name: string; entity: string }) => Promise<void> };
const g = globalThis as unknown as { cashlineErp?: Connection };

export function erpConnection(): Connection {
  if (!g.cashlineErp) {
    const breaker = new SharedCircuitBreaker("erp", { failureThreshold: 5, coolDownMs: Number(process.env.ERP_BREAKER_COOLDOWN_MS ?? 5000) });
    const erp = createErpClient({ baseUrl: env().ERP_URL, timeoutMs: Number(process.env.ERP_TIMEOUT_MS ?? 10_000), breaker });
    const ensured = new Set<string>();
    g.cashlineErp = {
      erp,
      breaker,
      ensureCustomer: async (a) => {
        const key = `${a.entity}:${a.accountNumber}`;
        if (ensured.has(key)) return;
        await erp.ensureCustomerAccount(a);
        ensured.add(key);
      },
    };
  }
  return g.cashlineErp;
}
