// What the receipt workspace shows, as a zod schema (the API's response and the page's props; no database import).
import { z } from "zod";

const user = z.object({ id: z.string(), name: z.string() }).nullable();
export const applicationView = z.object({
  id: z.string(), kind: z.enum(["INVOICE", "ON_ACCOUNT", "WRITE_OFF", "DEDUCTION"]), amount: z.string(), currency: z.string(),
  invoiceId: z.string().nullable(), invoiceNumber: z.string().nullable(), customerId: z.string().nullable(), customerName: z.string().nullable(),
  reasonCode: z.string().nullable(), appliedByType: z.string(), appliedBy: z.string().nullable(), appliedAt: z.string(),
  reversedAt: z.string().nullable(), reversedBy: z.string().nullable(), reversalReason: z.string().nullable(),
  fx: z.object({ invoiceAmount: z.string(), invoiceCurrency: z.string(), rate: z.string(), rateDate: z.string() }).nullable().optional()
    .describe("cross-currency application: the invoice's own amount and the rate used (1 receipt currency = rate invoice currency)"),
});
export type ApplicationView = z.infer<typeof applicationView>;

export const learnedPayerView = z.object({
  id: z.string(), customerId: z.string(), customerName: z.string(), payerName: z.string().nullable(), payerAccount: z.string().nullable(),
  learnedFromReceiptId: z.string().nullable(), createdBy: z.string().nullable(), createdAt: z.string(), revokedAt: z.string().nullable(), revokedBy: z.string().nullable(),
  activatedAt: z.string().nullable().describe("null: a proposal that does not count for matching until a learned-payers draft is approved"),
});

export const caseView = z.object({
  id: z.string(), code: z.string(), status: z.string(), priority: z.string(), entity: z.string(), assignee: user,
  slaDueAt: z.string(), overdue: z.boolean(), createdAt: z.string(), reasons: z.array(z.string()),
  suggestion: z.array(z.object({ invoiceId: z.string().nullable(), invoiceNumber: z.string().nullable(), amount: z.string().nullable() })),
  suggestionRaw: z.unknown(), resolution: z.string().nullable(), resolvedAt: z.string().nullable(), resolvedBy: user,
  proposal: z.object({ amount: z.string(), reasonCode: z.string(), proposedBy: user, proposedAt: z.string(), note: z.string().nullable(), lines: z.array(z.object({ kind: z.string(), amount: z.string(), invoiceId: z.string().nullable(), invoiceNumber: z.string().nullable(), customerId: z.string().nullable(), reasonCode: z.string().nullable() })) }).nullable(),
  notes: z.array(z.object({ id: z.string(), author: z.string(), body: z.string(), createdAt: z.string() })),
});

export const receiptView = z.object({
  id: z.string(), version: z.number().int(), state: z.string(), entity: z.object({ code: z.string(), name: z.string() }),
  currency: z.string(), amount: z.string(), unapplied: z.string(), valueDate: z.string(), channel: z.string(),
  payerName: z.string().nullable(), payerAccount: z.string().nullable(), remittance: z.string().nullable(),
  bankReference: z.string().nullable(), processorReference: z.string().nullable(),
  customer: z.object({ id: z.string(), name: z.string(), erpAccountNumber: z.string() }).nullable(),
  bankAccount: z.object({ id: z.string(), name: z.string(), accountNumber: z.string(), bankName: z.string() }).nullable(),
  lineage: z.object({
    sourceSystem: z.string(), sourceId: z.string(), naturalKey: z.string(), receivedAt: z.string(), correlationId: z.string().nullable(),
    document: z.object({ id: z.string(), kind: z.string(), filename: z.string().nullable(), format: z.string().nullable(), sha256: z.string(), receivedAt: z.string() }).nullable(),
    bankLine: z.object({ id: z.string(), bankReference: z.string().nullable(), valueDate: z.string(), counterpartyName: z.string().nullable(), counterpartyAccount: z.string().nullable(), remittance: z.string().nullable(), statementRef: z.string().nullable(), documentId: z.string().nullable() }).nullable(),
  }),
  matchDecision: z.unknown(), ruleVersion: z.string().nullable(),
  manualUpload: z.object({ uploadedBy: z.string().nullable(), byYou: z.boolean() }).nullable()
    .describe("the cash came from a bank file a person uploaded: they may not apply it (separation of duties)"),
  accountingNote: z.string().nullable().describe("set when the receipt arrived after its month was signed off"),
});

/** Issue 11: what the resolution paths need (failed postings with the ERP's answer, related receipts, candidate sets, refunds, dispute). */
export const resolutionView = z.object({
  failedPostings: z.array(z.object({ journalEntryId: z.string(), idempotencyKey: z.string(), attempts: z.number().int(), erpError: z.string().nullable() })),
  related: z.array(z.object({ kind: z.enum(["original_receipt", "paid_invoice"]), receiptId: z.string().nullable(), invoiceId: z.string().nullable(), invoiceNumber: z.string().nullable(), label: z.string() })),
  candidateSets: z.array(z.array(z.object({ invoiceId: z.string(), invoiceNumber: z.string(), amount: z.string() }))),
  refunds: z.array(z.object({ id: z.string(), status: z.string(), amount: z.string(), currency: z.string(), reason: z.string(), requestedById: z.string(), createdAt: z.string() })),
  dispute: z.object({ status: z.string(), evidenceDueAt: z.string(), submittedAt: z.string().nullable(), lostAction: z.string().nullable() }).nullable(),
});
export type ResolutionView = z.infer<typeof resolutionView>;

export const workspaceSchema = z.object({
  case: caseView.nullable(),
  receipt: receiptView.nullable(),
  applications: z.array(applicationView),
  otherCases: z.array(z.object({ id: z.string(), code: z.string(), status: z.string(), createdAt: z.string(), resolution: z.string().nullable() })),
  learnedPayers: z.array(learnedPayerView),
  viewer: z.object({ id: z.string(), writeOffLimit: z.string() }),
  resolution: resolutionView.optional(),
});
export type Workspace = z.infer<typeof workspaceSchema>;
