// The payment page's data, as a zod schema (API response and page props; no database import).
import { z } from "zod";
import { applicationView } from "../exceptions/workspace-schema.ts";

export const timelineStep = z.object({
  id: z.string(), type: z.string(), stage: z.string(), at: z.string(), recordedAt: z.string(),
  durationMs: z.number().nullable().describe("time until the next step (for the last step of an unfinished payment: until now)"),
  actorType: z.string(), actor: z.string().nullable(), correlationId: z.string().nullable(), sourceSystem: z.string(), sourceId: z.string(),
  fromState: z.string().nullable(), toState: z.string().nullable(), exceptionCode: z.string().nullable(), postingStatus: z.string().nullable(),
  payload: z.unknown(),
});
export type TimelineStep = z.infer<typeof timelineStep>;

export const journalView = z.object({
  id: z.string(), kind: z.string(), status: z.string(), memo: z.string().nullable(), idempotencyKey: z.string(), erpDocumentId: z.string().nullable(),
  attempts: z.number().int(), lastError: z.string().nullable(), createdAt: z.string(), postedAt: z.string().nullable(), balanced: z.boolean(),
  lines: z.array(z.object({ account: z.string(), debit: z.string(), credit: z.string(), description: z.string().nullable() })),
});

export const receiptTimelineSchema = z.object({
  receipt: z.object({
    id: z.string(), state: z.string(), entity: z.string(), currency: z.string(), amount: z.string(), unapplied: z.string(), valueDate: z.string(),
    channel: z.string(), payerName: z.string().nullable(), payerAccount: z.string().nullable(), customer: z.string().nullable(), remittance: z.string().nullable(),
    bankReference: z.string().nullable(), processorReference: z.string().nullable(), sourceSystem: z.string(), sourceId: z.string(), receivedAt: z.string(),
    correlationId: z.string().nullable(), documentId: z.string().nullable(), postedAt: z.string().nullable(), postingLatencyMs: z.number().nullable(),
    stateChangedAt: z.string(),
  }),
  owner: z.object({
    owner: z.string(), waitingFor: z.string(), detail: z.string().nullable(), since: z.string(),
    /** Issue 11: how long this state may last before the receipt counts as stalled, and whether it is. */
    allowedMs: z.number().nullable().optional(), stalled: z.boolean().optional(),
  }),
  steps: z.array(timelineStep),
  applications: z.array(applicationView),
  journal: z.array(journalView),
  cases: z.array(z.object({ id: z.string(), code: z.string(), status: z.string(), assignee: z.string().nullable(), createdAt: z.string(), slaDueAt: z.string(), resolvedAt: z.string().nullable(), resolution: z.string().nullable() })),
  bankLines: z.array(z.object({ id: z.string(), amount: z.string(), valueDate: z.string(), type: z.string().nullable(), bankReference: z.string().nullable(), remittance: z.string().nullable(), reconciled: z.boolean(), statementRef: z.string().nullable() })),
  asOf: z.string(),
});
export type ReceiptTimeline = z.infer<typeof receiptTimelineSchema>;
