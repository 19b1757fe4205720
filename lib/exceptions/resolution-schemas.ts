// Request bodies of the resolution paths that close a case without applying cash to an invoice (issue 11):
// posting retries and corrections, returned payments, refunds to the payer and chargeback disputes.
// Shared by the API and the browser (no database import).
import { z } from "zod";
import { amountString, receiptVersion } from "./action-schemas.ts";

const note = z.string().trim().max(2000).optional();
const id = z.string().trim().min(1).max(64);
const isoDate = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, "a date like 2026-12-03");

export const retryPostingBody = z.object({ receiptVersion, note });
export const correctPostingBody = z.object({
  receiptVersion,
  customerId: id.optional().describe("the customer whose ERP account the receipt posts to (when the ERP refused the account)"),
  bankGlAccount: z.string().trim().regex(/^\d{3,10}$/, "a GL account number like 1010").optional().describe("the bank's GL account (when the ERP refused the account)"),
  valueDate: isoDate.optional().describe("the receipt's accounting date (when the ERP refused the date, e.g. a closed period)"),
  note: z.string().trim().min(3).max(2000),
}).refine((b) => b.customerId || b.bankGlAccount || b.valueDate, { message: "name at least one correction: customerId, bankGlAccount or valueDate" });

export const closeReturnedBody = z.object({ receiptVersion, note: z.string().trim().min(3).max(2000) });

export const REFUND_REASONS = ["duplicate_payment", "already_paid", "overpayment", "customer_request"] as const;
export const refundBody = z.object({
  receiptVersion,
  amount: amountString.optional().describe("defaults to all unapplied cash"),
  reason: z.enum(REFUND_REASONS),
  note,
});
export const decideRefundBody = z.object({ note, paymentReference: z.string().trim().max(200).optional() });

export const DISPUTE_STEPS = ["open", "submit", "won", "lost"] as const;
export const disputeBody = z.discriminatedUnion("step", [
  z.object({ step: z.literal("open"), evidenceDueDate: isoDate, note }),
  z.object({ step: z.literal("submit"), evidence: z.string().trim().min(3).max(4000) }),
  z.object({ step: z.literal("won"), note }),
  z.object({ step: z.literal("lost"), action: z.enum(["reopen_invoice", "write_off"]), note }),
]);
