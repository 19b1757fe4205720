import { z } from "zod";
import { policyOverrideSchema } from "./load-policies.ts";
import { backtestSummarySchema, backtestView } from "../backtest/backtest-schemas.ts";

export const policyParams = z.object({ entity: z.string().min(2).max(20).describe("legal entity code, e.g. US01") });
export const policyView = z.object({
  entity: z.string(),
  version: z.number().int().describe("0 = the built-in default, never changed"),
  ruleVersion: z.string().describe("recorded on every decision made under this policy"),
  override: policyOverrideSchema,
  effective: z.object({
    tolerance: z.object({ maxAbsolute: z.string(), maxBasisPoints: z.number(), writeOffShortfall: z.boolean(), writeOffExcess: z.boolean() }),
    strategies: z.record(z.string(), z.boolean()),
    autoPostConfidence: z.number(),
  }),
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
});
export const listPoliciesResponse = z.object({ items: z.array(policyView) });
export const updatePolicyBody = z.object({ override: policyOverrideSchema, reason: z.string().trim().min(5).max(500) });

const learnedIdentityView = z.object({ id: z.string(), customerId: z.string(), customerName: z.string(), payerName: z.string().nullable(), payerAccount: z.string().nullable(), learnedFromReceiptId: z.string().nullable() });
export const policyChangeView = z.object({
  id: z.string(), entity: z.string(), kind: z.enum(["POLICY", "LEARNED_PAYERS"]), override: policyOverrideSchema, reason: z.string(),
  status: z.enum(["PENDING", "APPROVED", "REJECTED", "WITHDRAWN"]).describe("PENDING: a draft, not in force"),
  learnedPayers: z.object({ add: z.array(learnedIdentityView), revoke: z.array(learnedIdentityView) }).nullable(),
  latestBacktest: backtestView.nullable(), approvedBacktest: backtestSummarySchema.nullable().describe("the backtest figures the approval recorded"),
  loosens: z.array(z.string()).describe("how the change loosens automatic matching (why it needs a second person)"),
  requestedBy: z.string(), requestedById: z.string(), requestedAt: z.string(), decidedBy: z.string().nullable(), decidedAt: z.string().nullable(), version: z.number().int().nullable(),
});
export const policyChangeResult = z.object({
  outcome: z.enum(["applied", "pending_approval", "approved", "rejected", "withdrawn"]),
  message: z.string(),
  policy: policyView,
  change: policyChangeView.nullable(),
});
export const listPolicyChangesResponse = z.object({ items: z.array(policyChangeView) });
export const policyChangeParams = z.object({ id: z.string().trim().min(1).max(64) });
export const decidePolicyChangeBody = z.object({ note: z.string().trim().max(500).optional() });
export const rollbackPolicyBody = z.object({ reason: z.string().trim().min(5).max(500) });
export const learnedPayersDraftBody = z.object({
  entity: z.string().min(2).max(20), reason: z.string().trim().min(5).max(500),
  revoke: z.array(z.string().min(1).max(64)).max(1000).default([]).describe("active learned payer ids to revoke in the same draft"),
});
export const listPolicyChangesQuery = z.object({ status: z.enum(["PENDING", "DECIDED", "ALL"]).default("PENDING") });
