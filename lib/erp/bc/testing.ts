// Test helpers: an adapter wired to an in-process BC simulator (credentials as the sim's defaults).
import type { ErpConnectionConfig } from "../adapter.ts";
import type { BcSim } from "../../erp-sim/bc/index.ts";
import { createBcAdapter } from "./adapter.ts";

export function bcConfigFor(sim: BcSim, overrides: Partial<ErpConnectionConfig> & { credentials?: Record<string, string> } = {}): ErpConnectionConfig {
  return {
    kind: "bc", baseUrl: sim.url, timeoutMs: 2000, ...overrides,
    credentials: {
      tenantId: sim.tenantId, environment: sim.environment, clientId: "cashline-bc", clientSecret: "cashline-bc-secret",
      tokenUrl: `${sim.url}/${sim.tenantId}/oauth2/v2.0/token`, companyName: "DE01", ...overrides.credentials,
    },
  };
}

export const bcAdapterFor = (sim: BcSim, overrides: Parameters<typeof bcConfigFor>[1] = {}) => createBcAdapter(bcConfigFor(sim, overrides));
