// Request bodies of the receipt workspace's actions (zod, shared by the API and the browser: no database import).
// Amounts are decimal strings in the receipt's currency; the server converts them to minor units.
import { z } from "zod";

export const DEDUCTION_REASONS = ["dispute", "discount_taken", "freight", "tax"] as const;
/** bank_charge / small_balance / discount write off a shortfall on an invoice; small_overpayment writes off excess cash. */
export const WRITE_OFF_REASONS = ["bank_charge", "small_balance", "discount", "small_overpayment"] as const;
export const SHORTFALL_WRITE_OFF_REASONS = ["bank_charge", "small_balance", "discount"] as const;

export const amountString = z.string().trim().regex(/^\d+(\.\d+)?$/, "a positive decimal amount like 1234.50");
const id = z.string().trim().min(1).max(64);
const note = z.string().trim().max(2000).optional();
export const receiptVersion = z.number().int().min(0)
  .describe("the receipt version you saw; if the receipt changed since, the action is refused with 409 (someone else acted first)");

export const invoiceLine = z.object({ invoiceId: id, amount: amountString });

export const applyBody = z.object({ receiptVersion, lines: z.array(invoiceLine).min(1).max(50), note });

export const splitPart = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("INVOICE"), invoiceId: id, amount: amountString }),
  z.object({ kind: z.literal("ON_ACCOUNT"), customerId: id, amount: amountString }),
]);
export const splitBody = z.object({ receiptVersion, parts: z.array(splitPart).min(2).max(50), note });

export const shortPayBody = z.object({
  receiptVersion,
  lines: z.array(invoiceLine.extend({ reasonCode: z.enum(DEDUCTION_REASONS) })).min(1).max(20)
    .describe("cash applied to each invoice; the rest of each invoice is recorded as a deduction with the reason code"),
  note,
});

export const onAccountBody = z.object({
  receiptVersion, customerId: id, amount: amountString.optional().describe("defaults to all unapplied cash"), note,
});

export const writeOffBody = z.object({
  receiptVersion,
  amount: amountString,
  reasonCode: z.enum(WRITE_OFF_REASONS),
  invoiceId: id.optional().describe("required for shortfall reasons: the invoice whose open balance is written off"),
  applications: z.array(invoiceLine).max(20).default([]).describe("cash applied in the same step (e.g. the short-paid invoice)"),
  note,
});

export const approveWriteOffBody = z.object({ note });
export const rejectWriteOffBody = z.object({ reason: z.string().trim().min(3).max(2000) });
export const escalateBody = z.object({ assigneeId: id, note: z.string().trim().min(3).max(2000), receiptVersion: receiptVersion.optional() });
export const commentBody = z.object({ body: z.string().trim().min(1).max(4000) });
export const reverseBody = z.object({ reason: z.string().trim().min(3).max(2000), receiptVersion });
export const assignBody = z.object({
  caseIds: z.array(id).min(1).max(200),
  assigneeId: id.nullable().describe('"me", a user id, or null to unassign'),
});

export const idParams = z.object({ id });
export const actionResult = z.object({
  receiptId: z.string().nullable(),
  caseId: z.string().nullable(),
  outcome: z.enum(["applied", "partially_applied", "pending_approval", "escalated", "commented", "reversed", "approved", "rejected", "withdrawn",
    "retried", "closed", "refund_requested", "refund_pending_approval", "refund_confirmed", "refund_cancelled", "dispute_updated"]),
  unapplied: z.string().nullable(),
  receiptState: z.string().nullable(),
  receiptVersion: z.number().int().nullable(),
  journalEntryId: z.string().nullable(),
  message: z.string(),
});
export type ActionResult = z.infer<typeof actionResult>;
