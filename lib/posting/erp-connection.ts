// This process's connections to the ERPs, one per legal entity: the entity's stored connection (admin page) →
// createErpAdapter, or, for an entity without one, ERP_URL as Oracle (one connection every such entity shares).
// Each connection has the circuit breaker every worker shares through PostgreSQL, keyed per connection
// (`erp:<entity code>`, `erp:default` for ERP_URL): one ERP down stops calls to it, not to the others. Requests are
// paced to the adapter's declared rate limit. A cached adapter is checked against its row's version at most every
// REFRESH_MS, so a change on the admin page reaches every worker within seconds (and this process at once).
import { createErpAdapter } from "../erp/adapters.ts";
import type { ErpAdapter, ErpConnectionConfig, ErpPeriod } from "../erp/adapter.ts";
import { initialBreakerState, type BreakerState, type ErpCallGate } from "../erp/circuit-breaker.ts";
import { ErpPermanentError } from "../erp/errors.ts";
import { SharedCircuitBreaker } from "../erp/shared-circuit-breaker.ts";
import { env } from "../env.ts";
import { erpConnectionVersions, loadErpConnection } from "../erp-connections/load-erp-connection.ts";
import type { Pacer } from "./erp-pacer.ts";
import { createSharedPacer } from "./shared-erp-pacer.ts";

export type EntityRef = { id: string; code: string };
export type EntityErp = {
  /** The connection's circuit and cache key, e.g. `erp:US01`. */
  key: string;
  adapter: ErpAdapter;
  breaker: { sharedState(): Promise<BreakerState> };
  ensureCustomer(account: { accountNumber: string; name: string; entity: string }): Promise<void>;
  /** The ERP's accounting periods for an entity (cached briefly); null when the adapter reports none. */
  periods(entityCode: string): Promise<ErpPeriod[] | null>;
};
export type ErpConnections = { forEntity(entity: EntityRef): Promise<EntityErp> };

const REFRESH_MS = 2000;
const PERIODS_TTL_MS = Number(process.env.ERP_PERIODS_CACHE_MS ?? 60_000);

/** A ready adapter as a connection (tests, and the builder below): customer memo and period cache included. */
export function entityErp(adapter: ErpAdapter, key = "erp:test", breaker: EntityErp["breaker"] = { sharedState: async () => initialBreakerState() }): EntityErp {
  const ensured = new Set<string>();
  const periods = new Map<string, { at: number; value: Promise<ErpPeriod[] | null> }>();
  return {
    key, adapter, breaker,
    async ensureCustomer(a) {
      const k = `${a.entity}:${a.accountNumber}`;
      if (ensured.has(k)) return;
      await adapter.ensureCustomerAccount(a);
      ensured.add(k);
    },
    periods(entityCode) {
      const hit = periods.get(entityCode);
      if (hit && Date.now() - hit.at < PERIODS_TTL_MS) return hit.value;
      const value = adapter.readPeriods(entityCode).catch((e) => {
        if (e instanceof ErpPermanentError && e.kind === "not_supported") return null;
        periods.delete(entityCode); // a failed read is not remembered
        throw e;
      });
      periods.set(entityCode, { at: Date.now(), value });
      return value;
    },
  };
}

/** One adapter for every entity (tests; scripts that talk to one ERP). */
export function singleErpConnection(adapter: ErpAdapter, breaker?: EntityErp["breaker"]): ErpConnections {
  const one = entityErp(adapter, "erp:single", breaker);
  return { forEntity: async () => one };
}

/** Builds a connection's adapter behind its shared circuit breaker and the pacer of its declared rate limit. */
export function buildEntityErp(key: string, config: Pick<ErpConnectionConfig, "kind" | "baseUrl" | "credentials">): EntityErp {
  const breaker = new SharedCircuitBreaker(key, { failureThreshold: 5, coolDownMs: Number(process.env.ERP_BREAKER_COOLDOWN_MS ?? 5000) });
  let pacer: Pacer = { run: (call) => call() };
  const gate: ErpCallGate = { run: (call) => pacer.run(() => breaker.run(call)) };
  const adapter = createErpAdapter({ ...config, timeoutMs: Number(process.env.ERP_TIMEOUT_MS ?? 10_000), breaker: gate });
  // One clock per ERP endpoint for every worker and entity on it (the vendor counts per tenant).
  pacer = createSharedPacer(`${config.kind}:${config.baseUrl.replace(/\/$/, "")}`, adapter.capabilities.rateLimit);
  return entityErp(adapter, key, breaker);
}

type Cached = { version: number | null; erp: EntityErp; checkedAt: number };
type State = { byEntity: Map<string, Cached>; fallback?: EntityErp };
const g = globalThis as unknown as { cashlineErpConnections?: State };
const state = (): State => (g.cashlineErpConnections ??= { byEntity: new Map() });

/** Forget cached adapters (one entity's, or all): the next posting rebuilds from the stored connection. */
export function invalidateErpAdapters(entityId?: string): void {
  if (entityId) state().byEntity.delete(entityId);
  else state().byEntity.clear();
}

async function resolve(entity: EntityRef): Promise<EntityErp> {
  const s = state();
  const hit = s.byEntity.get(entity.id);
  if (hit && Date.now() - hit.checkedAt < REFRESH_MS) return hit.erp;
  const version = (await erpConnectionVersions([entity.id])).get(entity.id) ?? null;
  if (hit && hit.version === version) {
    hit.checkedAt = Date.now();
    return hit.erp;
  }
  let erp: EntityErp;
  const row = version === null ? null : await loadErpConnection(entity.id);
  if (!row) erp = s.fallback ??= buildEntityErp("erp:default", { kind: "oracle", baseUrl: env().ERP_URL, credentials: {} });
  else erp = buildEntityErp(`erp:${entity.code}`, row);
  s.byEntity.set(entity.id, { version: row?.version ?? null, erp, checkedAt: Date.now() });
  return erp;
}

/** The process's connections (workers, the web's retry actions). */
export function erpConnections(): ErpConnections {
  return { forEntity: resolve };
}
