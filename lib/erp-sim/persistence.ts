// Optional --state FILE: the ledger survives a restart. Written after every committed write (write to a temporary
// file, then rename, so a crash never leaves half a ledger); small enough for a simulator to do synchronously.
import fs from "node:fs";
import path from "node:path";
import { emptyLedger, type LedgerState } from "./ledger.ts";

export function loadLedger(file: string): LedgerState {
  if (!fs.existsSync(file)) return emptyLedger();
  const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<LedgerState>;
  const empty = emptyLedger();
  if (typeof parsed.nextId !== "number" || !Array.isArray(parsed.receipts)) throw new Error(`${file} is not an erp-sim state file`);
  return {
    nextId: parsed.nextId,
    customerAccounts: parsed.customerAccounts ?? empty.customerAccounts,
    receipts: parsed.receipts,
    applications: parsed.applications ?? empty.applications,
    idempotencyKeys: parsed.idempotencyKeys ?? empty.idempotencyKeys,
    // Receivables (lib/erp-sim/receivables.ts): invoices, periods, customers' bank accounts, when the file has them.
    ...Object.fromEntries(["invoices", "periods", "customerBankAccounts", "documentSequence"].filter((k) => k in parsed).map((k) => [k, (parsed as Record<string, unknown>)[k]])),
  };
}

export function saveLedger(file: string, state: LedgerState): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state));
  fs.renameSync(tmp, file);
}
