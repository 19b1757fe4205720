// Injected faults, as real ERPs exhibit them. Applied to the ERP API only (never to /__sim/*), in this order:
// latency, maintenance window (503), rate limit (429), random server error (500/502/503, nothing booked), and
// after a successful write, drop-after-commit (booked, then the socket is destroyed before any answer).
import { z } from "zod";
import type { Rng } from "./rng.ts";

const ratio = z.number().min(0).max(1).nullable();
/** POST /__sim/faults body: any subset merges into the current settings; null or 0 turns one fault off; {} clears all. */
export const faultSettingsBody = z.strictObject({
  maintenance_seconds: z.number().min(0).max(86_400).nullable().optional(),
  rate_limit_per_second: z.number().int().min(0).nullable().optional(),
  latency_ms: z.number().int().min(0).max(120_000).nullable().optional(),
  error_ratio: ratio.optional(),
  drop_after_commit_ratio: ratio.optional(),
});
export type FaultSettingsInput = z.infer<typeof faultSettingsBody>;

/** GET /__sim/faults: the settings now in force (maintenance as seconds remaining). */
export type FaultSettingsView = {
  maintenance_seconds: number;
  maintenance_until: string | null;
  rate_limit_per_second: number | null;
  latency_ms: number;
  error_ratio: number;
  drop_after_commit_ratio: number;
};

export type FaultStats = { maintenance: number; rate_limited: number; errors: number; dropped_after_commit: number };
export type InjectedFault = { status: number; errorCode: string; detail: string; retryAfterSeconds?: number; kind: keyof FaultStats };

export function createFaults(rng: () => Rng, clock: () => number = Date.now) {
  let maintenanceUntil: number | null = null;
  let rateLimit: number | null = null;
  let latencyMs = 0;
  let errorRatio = 0;
  let dropRatio = 0;
  let window = { second: -1, count: 0 };
  let stats: FaultStats = { maintenance: 0, rate_limited: 0, errors: 0, dropped_after_commit: 0 };

  function apply(input: FaultSettingsInput): void {
    if (Object.keys(input).length === 0) {
      maintenanceUntil = rateLimit = null;
      latencyMs = errorRatio = dropRatio = 0;
      return;
    }
    if (input.maintenance_seconds !== undefined) maintenanceUntil = input.maintenance_seconds ? clock() + input.maintenance_seconds * 1000 : null;
    if (input.rate_limit_per_second !== undefined) rateLimit = input.rate_limit_per_second || null;
    if (input.latency_ms !== undefined) latencyMs = input.latency_ms ?? 0;
    if (input.error_ratio !== undefined) errorRatio = input.error_ratio ?? 0;
    if (input.drop_after_commit_ratio !== undefined) dropRatio = input.drop_after_commit_ratio ?? 0;
  }

  function view(): FaultSettingsView {
    const remaining = maintenanceUntil === null ? 0 : Math.max(0, maintenanceUntil - clock()) / 1000;
    return {
      maintenance_seconds: remaining,
      maintenance_until: remaining > 0 ? new Date(maintenanceUntil!).toISOString() : null,
      rate_limit_per_second: rateLimit, latency_ms: latencyMs, error_ratio: errorRatio, drop_after_commit_ratio: dropRatio,
    };
  }

  /** Decides, before the request is handled, whether it is answered by a fault instead. */
  function beforeHandling(): InjectedFault | null {
    const now = clock();
    if (maintenanceUntil !== null && now < maintenanceUntil) {
      stats.maintenance++;
      const seconds = Math.ceil((maintenanceUntil - now) / 1000);
      return { kind: "maintenance", status: 503, errorCode: "MAINTENANCE", retryAfterSeconds: seconds, detail: `the ERP is in a maintenance window for another ${seconds} s` };
    }
    if (rateLimit !== null) {
      const second = Math.floor(now / 1000);
      if (window.second !== second) window = { second, count: 0 };
      if (window.count >= rateLimit) {
        stats.rate_limited++;
        return { kind: "rate_limited", status: 429, errorCode: "RATE_LIMITED", retryAfterSeconds: 1, detail: `rate limit of ${rateLimit} requests per second exceeded` };
      }
      window.count++;
    }
    if (errorRatio > 0 && rng().next() < errorRatio) {
      stats.errors++;
      const status = [500, 502, 503][Math.floor(rng().next() * 3)]!;
      return { kind: "errors", status, errorCode: "INJECTED_SERVER_ERROR", detail: `simulated ${status}: nothing was booked` };
    }
    return null;
  }

  /** After a committed write: should the connection be destroyed instead of answered? */
  function dropAfterCommit(): boolean {
    if (dropRatio > 0 && rng().next() < dropRatio) {
      stats.dropped_after_commit++;
      return true;
    }
    return false;
  }

  return {
    apply, view, beforeHandling, dropAfterCommit,
    latencyMs: () => latencyMs,
    stats: () => ({ ...stats }),
    reset() {
      apply({});
      window = { second: -1, count: 0 };
      stats = { maintenance: 0, rate_limited: 0, errors: 0, dropped_after_commit: 0 };
    },
  };
}
export type Faults = ReturnType<typeof createFaults>;
