// Write-off limits per user and currency as the API shows and takes them: decimal strings in that currency.
import { z } from "zod";

const amount = z.string().trim().regex(/^\d+(\.\d+)?$/, "a decimal amount like 50.00");
export const writeOffLimitLine = z.object({
  currency: z.string().trim().length(3).transform((c) => c.toUpperCase()).describe("ISO 4217"),
  perWriteOff: amount.describe("largest single write-off"),
  perReceipt: amount.describe("all write-offs on one receipt, by anyone"),
  perInvoice: amount.describe("all write-offs on one invoice, by anyone"),
  perDay: amount.describe("this user's write-offs (made or approved) in one UTC day, pending included"),
});
export const setWriteOffLimitsBody = z.object({
  limits: z.array(writeOffLimitLine).max(50).describe("the user's whole set: currencies left out get no limit (every write-off in them needs approval)"),
  reason: z.string().trim().min(5).max(500),
});
export const userLimitsView = z.object({
  userId: z.string(), email: z.string(), name: z.string(), role: z.string(),
  limits: z.array(z.object({ currency: z.string(), perWriteOff: z.string(), perReceipt: z.string(), perInvoice: z.string(), perDay: z.string(), updatedAt: z.string() })),
});
export const listWriteOffLimitsResponse = z.object({ items: z.array(userLimitsView) });
export const writeOffLimitUserParams = z.object({ userId: z.string().trim().min(1).max(64) });
