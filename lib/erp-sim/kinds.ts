// One simulator per ERP kind, the one map `npm run erp-sim -- --kind`, spawnErpSim, the demo and bench:pipeline
// dispatch through. Each simulator module exports start<Kind>Sim({port, host, seed, log}) → {url, port, close(),
// ledger()} and answers GET /__sim/ledger with normalised `receipts` (Oracle's own field names are normalised by
// ./normalised-ledger.ts). `realisticFaults` is the vendor's rate limit as the simulator's fault switches take it,
// switched on by bench:pipeline and said in its output (`limitNote`). One line per kind.
import type { ErpKind } from "../erp/adapter.ts";
import type { FaultSettingsInput } from "./faults.ts";
import { startErpSim } from "./server.ts";

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
};

export function erpSimKind(kind: string): ErpSimKind {
  const sim = ERP_SIM_KINDS[kind as ErpKind];
  if (!sim) throw new Error(`no ERP simulator for kind "${kind}" (available: ${Object.keys(ERP_SIM_KINDS).join(", ")})`);
  return sim;
}
