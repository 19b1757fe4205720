// Deductions and remittances over the API (zod, shared by routes, the OpenAPI document and the browser: no
// database import). Amounts are decimal strings in the deduction's currency.
import { z } from "zod";

const id = z.string().trim().min(1).max(64);
const note = z.string().trim().min(1, "a note saying why").max(2000);
export const DEDUCTION_STATUSES = ["OPEN", "VALID", "INVALID", "PARTIAL", "WRITTEN_OFF"] as const;

export const deductionParams = z.object({ id });
export const listDeductionsQuery = z.object({
  status: z.enum([...DEDUCTION_STATUSES, "ALL"]).default("OPEN"),
  reason: z.string().trim().max(40).optional(),
  customerId: id.optional(),
  receiptId: id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const deductionRow = z.object({
  id: z.string(), status: z.enum(DEDUCTION_STATUSES), reason: z.string(), externalCode: z.string().nullable(), text: z.string().nullable(),
  amount: z.string(), currency: z.string(), valid: z.string(), invalid: z.string(), writtenOff: z.string(),
  customerId: z.string().nullable(), customerName: z.string().nullable(), invoiceId: z.string().nullable(), invoiceNumber: z.string().nullable(),
  receiptId: z.string().nullable(), ownerTeam: z.string(), dueDate: z.string(), ageDays: z.number().int(), createdAt: z.string(),
  pendingApproval: z.object({ outcome: z.string(), validAmount: z.string(), proposedById: z.string(), note: z.string() }).nullable(),
  evidence: z.array(z.object({ kind: z.string(), note: z.string().nullable(), documentId: z.string().nullable(), createdAt: z.string() })),
});
export const listDeductionsResponse = z.object({ items: z.array(deductionRow) });

export const resolveDeductionBody = z.object({
  outcome: z.enum(["valid", "invalid", "partial"]).describe("valid: credit memo requested, invoice residual closed; invalid: collected again; partial: split"),
  validAmount: z.string().trim().regex(/^\d+(\.\d+)?$/).optional().describe("partial only: the part accepted (the rest is collected)"),
  note,
});
export const resolveDeductionResponse = z.object({
  id: z.string(), status: z.enum([...DEDUCTION_STATUSES, "PENDING_APPROVAL"]), valid: z.string(), invalid: z.string(),
  approvalNeeded: z.array(z.string()).optional().describe("PENDING_APPROVAL: the write-off limits the credit would go over"),
});
export const approveDeductionBody = z.object({ note: z.string().trim().max(2000).optional() });
export const addEvidenceBody = z.object({ note, documentId: id.optional().describe("a file already stored (e.g. an uploaded remittance document)") });

export const deductionDashboardResponse = z.object({
  currency: z.string().nullable(),
  openByReason: z.array(z.object({ reason: z.string(), count: z.number().int(), amount: z.string(), currency: z.string() })),
  openByAge: z.array(z.object({ bucket: z.enum(["0-15", "16-30", "31-60", "61+"]), count: z.number().int() })),
  openByCustomer: z.array(z.object({ customerId: z.string().nullable(), customerName: z.string().nullable(), count: z.number().int(), amount: z.string(), currency: z.string() })),
  resolvedCount: z.number().int(),
  recoveryRate: z.number().nullable().describe("share of resolved deduction amounts collected back (invalid), 0..1"),
  averageDaysToResolve: z.number().nullable(),
});

export const reasonCodeRow = z.object({
  id: z.string(), entityId: z.string(), entityCode: z.string(), code: z.string(), label: z.string(),
  category: z.enum(["PRICING", "PROMOTION_TRADE", "DAMAGED_SHORT_SHIPMENT", "FREIGHT", "TAX", "UNAUTHORISED_DISCOUNT", "OTHER"]),
  glAccount: z.string(), ownerTeam: z.string(), validByDefault: z.boolean(), slaDays: z.number().int(),
  autoWriteOffMinor: z.string().describe("minor units of the deduction's currency, as a string"), externalCodes: z.array(z.string()), active: z.boolean(),
});
export const listReasonCodesResponse = z.object({ items: z.array(reasonCodeRow) });
export const updateReasonCodeBody = z.object({
  label: z.string().trim().min(1).max(80), glAccount: z.string().trim().regex(/^[0-9A-Za-z.-]{1,20}$/, "a GL account like 4930"),
  ownerTeam: z.string().trim().min(1).max(60), validByDefault: z.boolean(), slaDays: z.number().int().min(1).max(365),
  autoWriteOffMinor: z.string().regex(/^\d{1,15}$/, "whole minor units, e.g. 2500 for 25.00"),
  externalCodes: z.array(z.string().trim().regex(/^(X12|camt):[A-Z0-9]{1,6}$/, "X12:<code> or camt:<code>")).max(30), active: z.boolean(),
});

export const receiptRemittanceResponse = z.object({
  expected: z.boolean().describe("the customer always sends an advice and none is linked yet: \"remittance expected\""),
  advices: z.array(z.object({
    id: z.string(), paymentReference: z.string(), status: z.string(), linkRule: z.string().nullable(), linkConfidence: z.number().nullable(),
    amount: z.string(), currency: z.string(), channel: z.string(), format: z.string(), documentId: z.string(),
    lines: z.array(z.object({ document: z.string(), paid: z.string(), adjustments: z.array(z.object({ amount: z.string(), reason: z.string(), code: z.string().nullable(), text: z.string().nullable() })) })),
  })),
  deductions: z.array(deductionRow),
});

export const openItemsParams = z.object({ id });
export const openItemsResponse = z.object({
  items: z.array(z.object({ invoiceId: z.string(), number: z.string(), currency: z.string(), open: z.string(), inDeduction: z.string(), collectible: z.string(), dueDate: z.string() })),
});

export const listRemittancesQuery = z.object({ status: z.string().trim().max(30).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
export const listRemittancesResponse = z.object({
  items: z.array(z.object({
    id: z.string(), paymentReference: z.string(), payerName: z.string().nullable(), amount: z.string(), currency: z.string(), status: z.string(),
    channel: z.string(), format: z.string(), receiptId: z.string().nullable(), customerId: z.string().nullable(), lines: z.number().int(), createdAt: z.string(),
    extraction: z.object({
      confidence: z.number(), problems: z.array(z.string()), headers: z.array(z.string()),
      columns: z.record(z.string(), z.string()).describe("the guessed (or confirmed) column mapping: contract field → header"),
    }).nullable().describe("spreadsheet and PDF advices: how the table was read (what an analyst confirms in review)"),
  })),
});
