// The past as plain data, for a backtest: who and what Cashline knew, and when. Times are epoch milliseconds.
// Loaded from the database by load-history.ts; built by hand in tests. Money is bigint minor units.
import type { ReceiptInput } from "../cashapp/types.ts";

export type HistoryCustomer = { id: string; entity: string; name: string; aliases: string[]; bankAccounts: string[]; since: number };

export type HistoryInvoice = {
  id: string; number: string; customerId: string; entity: string; currency: string; amountMinor: bigint;
  issueDate: string; dueDate: string; poNumber: string | null;
  /** When Cashline learned of it (its receivedAt): it is no candidate for a receipt that arrived earlier. */
  since: number;
};

/** Every application ever made (reversed ones included): they move invoices' open amounts and they are the labels. */
export type HistoryApplication = {
  receiptId: string; invoiceId: string | null; kind: string; amountMinor: bigint;
  at: number; reversedAt: number | null; byEngine: boolean;
};

export type HistoryLearnedPayer = {
  id: string; customerId: string; payerName: string | null; payerAccount: string | null;
  /** Active from (approval/creation) until revoked (null = still active). */
  since: number; until: number | null;
};

export type HistoryReceipt = ReceiptInput & {
  arrivedAt: number;
  /** The receipt's workflow state today (for its label). */
  state: string;
  customerId: string | null;
};

export type History = {
  customers: HistoryCustomer[];
  invoices: HistoryInvoice[];
  applications: HistoryApplication[];
  learnedPayers: HistoryLearnedPayer[];
  /** Receipts of the window, in arrival order: each is decided. */
  receipts: HistoryReceipt[];
  /** Receipts that arrived shortly before the window: only for duplicate detection. */
  priorReceipts: ReceiptInput[];
};

/** A draft's change to the learned payer identities (added ones count from the window's start; revoked never count). */
export type LearnedPayerDelta = {
  add: { customerId: string; payerName: string | null; payerAccount: string | null }[];
  revoke: string[];
};
