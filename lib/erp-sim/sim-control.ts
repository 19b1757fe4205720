// Talking to a running simulator's control plane over HTTP (tests, outside checks, demo scripts).
import type { FaultSettingsInput, FaultSettingsView } from "./faults.ts";
import type { LedgerSnapshot } from "./sim-admin.ts";

async function call<T>(url: string, method: "GET" | "POST", body?: unknown): Promise<T> {
  const res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export const setFaults = (base: string, settings: FaultSettingsInput) => call<FaultSettingsView>(`${base}/__sim/faults`, "POST", settings);
export const getFaults = (base: string) => call<FaultSettingsView>(`${base}/__sim/faults`, "GET");
export const getLedger = (base: string) => call<LedgerSnapshot>(`${base}/__sim/ledger`, "GET");
export const resetSim = (base: string, seed?: number) => call<{ reset: true }>(`${base}/__sim/reset`, "POST", seed === undefined ? {} : { seed });

export async function waitForSim(base: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${base}/__sim/health`)).ok) return;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`ERP simulator at ${base} did not come up within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
