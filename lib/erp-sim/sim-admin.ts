// The simulator's control plane (/__sim/*): fault settings, the ledger as evidence of exactly-once, reset.
// Never subject to injected faults, so tests and outside checks can always see the truth.
import { z } from "zod";
import { emptyLedger, receiptView, type LedgerState, type ReceiptView, type CustomerAccount } from "./ledger.ts";
import { faultSettingsBody, type Faults, type FaultSettingsView, type FaultStats } from "./faults.ts";
import { SimError } from "./sim-error.ts";
import { handleReceivablesAdmin } from "./receivables-admin.ts";
import { applicationIndex, invoiceView, receivablesOf, type InvoiceView } from "./receivables.ts";

export type LedgerSnapshot = {
  receipts: ReceiptView[];
  customerAccounts: CustomerAccount[];
  invoices: InvoiceView[];
  idempotencyKeys: { key: string; method: string; path: string; status: number; resource: { type: string; id: number }; createdAt: string }[];
  counts: { receipts: number; applications: number; customerAccounts: number; idempotencyKeys: number };
  requests: { erp: number };
  faultStats: FaultStats;
};

export type AdminContext = {
  state: () => LedgerState;
  replaceState: (s: LedgerState) => void;
  faults: Faults;
  reseed: (seed: number) => void;
  erpRequests: () => number;
  resetCounters: () => void;
};

const resetBody = z.strictObject({ seed: z.number().int().optional() });

export function handleAdminRequest(ctx: AdminContext, method: string, path: string, body: unknown): { status: number; body: unknown; committed: boolean } {
  if (path === "/__sim/faults" && method === "GET") return { status: 200, body: ctx.faults.view(), committed: false };
  if (path === "/__sim/faults" && method === "POST") {
    const parsed = faultSettingsBody.safeParse(body ?? {});
    if (!parsed.success) throw new SimError(400, "INVALID_FAULTS", `invalid fault settings: ${parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}`);
    ctx.faults.apply(parsed.data);
    return { status: 200, body: ctx.faults.view() satisfies FaultSettingsView, committed: false };
  }
  if (path === "/__sim/ledger" && method === "GET") return { status: 200, body: snapshot(ctx), committed: false };
  if (path === "/__sim/reset" && method === "POST") {
    const parsed = resetBody.safeParse(body ?? {});
    if (!parsed.success) throw new SimError(400, "INVALID_RESET", "reset takes an optional {\"seed\": integer}");
    ctx.replaceState(emptyLedger());
    ctx.faults.reset();
    ctx.resetCounters();
    if (parsed.data.seed !== undefined) ctx.reseed(parsed.data.seed);
    return { status: 200, body: { reset: true }, committed: true };
  }
  if (path === "/__sim/health" && method === "GET") return { status: 200, body: { ok: true }, committed: false };
  const receivables = handleReceivablesAdmin(ctx.state(), method, path, body);
  if (receivables) return receivables;
  throw new SimError(404, "NO_SUCH_RESOURCE", `no simulator endpoint ${method} ${path}`);
}

function snapshot(ctx: AdminContext): LedgerSnapshot {
  const state = ctx.state();
  return {
    receipts: state.receipts.map((r) => receiptView(state, r)),
    customerAccounts: state.customerAccounts,
    invoices: receivablesOf(state).invoices.map((i) => invoiceView(i, applicationIndex(state))),
    idempotencyKeys: Object.values(state.idempotencyKeys).map(({ key, method, path, status, resource, createdAt }) => ({ key, method, path, status, resource, createdAt })),
    counts: {
      receipts: state.receipts.length, applications: state.applications.length,
      customerAccounts: state.customerAccounts.length, idempotencyKeys: Object.keys(state.idempotencyKeys).length,
    },
    requests: { erp: ctx.erpRequests() },
    faultStats: ctx.faults.stats(),
  };
}
