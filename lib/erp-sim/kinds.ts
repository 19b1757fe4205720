// One simulator per ERP kind, the one map `npm run erp-sim -- --kind`, spawnErpSim, the demo and bench:pipeline
// dispatch through. Each simulator module exports start<Kind>Sim({port, host, seed, log}) → {url, port, close(),
// ledger()} and answers GET /__sim/ledger with normalised `receipts` (Oracle's own field names are normalised by
// ./normalised-ledger.ts). `realisticFaults` is the vendor's rate limit as the simulator's fault switches take it,
// switched on by bench:pipeline and said in its output (`limitNote`). One line per kind.
import type { ErpKind } from "../erp/adapter.ts";
import type { FaultSettingsInput } from "./faults.ts";
import { startErpSim } from "./server.ts";
import { startSapSim } from "./sap/server.ts";
import { startBcSim } from "./bc/index.ts";
import { startNetsuiteSim } from "./netsuite/index.ts";

export type ErpSimHandle = { url: string; port: number; close(): Promise<void>; ledger(): unknown };
export interface ErpSimKind {
  start(options: { port?: number; host?: string; seed?: number; statePath?: string; log?: (entry: Record<string, unknown>) => void }): Promise<ErpSimHandle>;
  /** The vendor's realistic limit as fault switches (POST /__sim/faults); {} when the simulator enforces it by itself or there is none. */
  realisticFaults: FaultSettingsInput;
  /** The limit in words, for bench output and the README. */
  limitNote: string;
}

export const ERP_SIM_KINDS: Partial<Record<ErpKind, ErpSimKind>> = {
  oracle: { start: startErpSim, realisticFaults: {}, limitNote: "Oracle Fusion REST publishes no fixed request rate (its throttling answers 429 + Retry-After): no limit switched on" },
  // The other simulators enforce their vendor's limit themselves (on by default).
  sap: { start: (o) => startSapSim({ port: o.port, host: o.host, seed: o.seed, log: o.log as never }), realisticFaults: {}, limitNote: "SAP S/4HANA Cloud simulator: 50 requests/s, then 429 + Retry-After (SAP publishes no fixed rate; fair-use stand-in)" },
  bc: { start: (o) => startBcSim({ port: o.port, host: o.host, seed: o.seed, log: o.log as never, companies: ["US01", "UK01", "DE01"], companyCurrencies: { US01: "USD", UK01: "GBP", DE01: "EUR" } }), realisticFaults: {}, limitNote: "Business Central simulator: 6,000 requests / 5 min per client and 5 concurrent (+95 queued), then 429 + Retry-After, as Microsoft documents" },
  netsuite: { start: (o) => startNetsuiteSim({ port: o.port, host: o.host, seed: o.seed, log: o.log as never, statePath: o.statePath }), realisticFaults: {}, limitNote: "NetSuite simulator: 15 concurrent requests per account, then 429 CONCURRENCY_LIMIT_EXCEEDED" },
};

export function erpSimKind(kind: string): ErpSimKind {
  const sim = ERP_SIM_KINDS[kind as ErpKind];
  if (!sim) throw new Error(`no ERP simulator for kind "${kind}" (available: ${Object.keys(ERP_SIM_KINDS).join(", ")})`);
  return sim;
}
