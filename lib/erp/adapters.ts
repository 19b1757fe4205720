// Registry: ERP kind → adapter factory. One line per ERP; the pipeline builds each entity's adapter from its
// stored connection (kind, base URL, sealed credentials) through `createErpAdapter`.
import type { ErpAdapter, ErpAdapterFactory, ErpConnectionConfig, ErpKind } from "./adapter.ts";
import { createOracleAdapter } from "./oracle/adapter.ts";
import { createSapAdapter } from "./sap/adapter.ts";
import { createNetsuiteAdapter } from "./netsuite/adapter.ts";
import { createBcAdapter } from "./bc/adapter.ts";

const FACTORIES: Partial<Record<ErpKind, ErpAdapterFactory>> = {
  oracle: createOracleAdapter,
  sap: createSapAdapter,
  netsuite: createNetsuiteAdapter,
  bc: createBcAdapter,
};

export function createErpAdapter(config: ErpConnectionConfig): ErpAdapter {
  const factory = FACTORIES[config.kind];
  if (!factory) throw new Error(`no ERP adapter registered for kind "${config.kind}"`);
  return factory(config);
}

/** The kinds an entity's connection may name today (the registry's keys). */
export const registeredErpKinds = (): ErpKind[] => Object.keys(FACTORIES) as ErpKind[];
