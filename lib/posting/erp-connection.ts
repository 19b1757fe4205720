// This process's connection to the ERP: one client, one circuit breaker (so a worker that sees the ERP down stops
// calling it for a cool-down instead of hammering it), and a memo of customer accounts already ensured.
import { CircuitBreaker, createErpClient, type ErpClient } from "../erp/index.ts";
import { env } from "../env.ts";

type Connection = { erp: ErpClient; breaker: CircuitBreaker; ensureCustomer: (a: { accountNumber: string; name: string; entity: string }) => Promise<void> };
const g = globalThis as unknown as { cashlineErp?: Connection };

export function erpConnection(): Connection {
  if (!g.cashlineErp) {
    const breaker = new CircuitBreaker({ failureThreshold: 5, coolDownMs: Number(process.env.ERP_BREAKER_COOLDOWN_MS ?? 5000) });
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
