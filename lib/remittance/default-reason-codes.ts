// The deduction reason table an entity starts with (admins change it per entity: /deductions/reasons). Vendor codes
// mapped onto each reason: X12 CAS/ADX adjustment reason codes as `X12:<code>`, camt.054 AdjstmntAmtAndRsn/Rsn as
// `camt:<code>`. Thresholds are minor units of the deduction's currency (2,500 = 25.00 in a two-decimal currency).
import type { Prisma } from "../db/generated/client.ts";
import type { DeductionReason } from "./types.ts";

type Category = "PRICING" | "PROMOTION_TRADE" | "DAMAGED_SHORT_SHIPMENT" | "FREIGHT" | "TAX" | "UNAUTHORISED_DISCOUNT" | "OTHER";
export type DefaultReason = { code: DeductionReason; label: string; category: Category; glAccount: string; ownerTeam: string; validByDefault: boolean; slaDays: number; autoWriteOffMinor: bigint; externalCodes: string[] };

export const DEFAULT_REASON_CODES: readonly DefaultReason[] = [
  { code: "PRICING", label: "Pricing dispute", category: "PRICING", glAccount: "4910", ownerTeam: "Pricing", validByDefault: false, slaDays: 30, autoWriteOffMinor: 2500n, externalCodes: ["X12:01", "X12:PR", "camt:PRIC"] },
  { code: "PROMOTION", label: "Promotion / trade allowance", category: "PROMOTION_TRADE", glAccount: "4920", ownerTeam: "Trade marketing", validByDefault: true, slaDays: 45, autoWriteOffMinor: 5000n, externalCodes: ["X12:AJ", "X12:TD", "camt:PROM"] },
  { code: "DAMAGED", label: "Damaged goods", category: "DAMAGED_SHORT_SHIPMENT", glAccount: "4930", ownerTeam: "Customer service", validByDefault: false, slaDays: 30, autoWriteOffMinor: 2500n, externalCodes: ["X12:CS", "X12:04", "camt:DAMG"] },
  { code: "SHORT_SHIPMENT", label: "Short shipment", category: "DAMAGED_SHORT_SHIPMENT", glAccount: "4930", ownerTeam: "Logistics", validByDefault: false, slaDays: 30, autoWriteOffMinor: 2500n, externalCodes: ["X12:06", "X12:SS", "camt:SHRT"] },
  { code: "FREIGHT", label: "Freight charge", category: "FREIGHT", glAccount: "5120", ownerTeam: "Logistics", validByDefault: false, slaDays: 30, autoWriteOffMinor: 1000n, externalCodes: ["X12:FR", "X12:FC", "camt:FRGT"] },
  { code: "TAX", label: "Tax difference", category: "TAX", glAccount: "2200", ownerTeam: "Tax", validByDefault: false, slaDays: 20, autoWriteOffMinor: 500n, externalCodes: ["X12:TX", "X12:ST", "camt:TAXE"] },
  { code: "UNAUTHORISED_DISCOUNT", label: "Unauthorised discount", category: "UNAUTHORISED_DISCOUNT", glAccount: "4940", ownerTeam: "Collections", validByDefault: false, slaDays: 15, autoWriteOffMinor: 1000n, externalCodes: ["X12:DI", "X12:05", "camt:DISC"] },
  { code: "RETURN", label: "Goods returned", category: "DAMAGED_SHORT_SHIPMENT", glAccount: "4950", ownerTeam: "Customer service", validByDefault: true, slaDays: 30, autoWriteOffMinor: 2500n, externalCodes: ["X12:RA", "X12:RT", "camt:RTGS"] },
  { code: "OTHER", label: "Other", category: "OTHER", glAccount: "6820", ownerTeam: "AR", validByDefault: false, slaDays: 30, autoWriteOffMinor: 0n, externalCodes: [] },
];

/** Creates the default table for an entity that has none yet (idempotent; concurrent callers insert nothing twice). */
export async function ensureReasonCodes(tx: Prisma.TransactionClient | { deductionReasonCode: Prisma.TransactionClient["deductionReasonCode"] }, entityId: string): Promise<void> {
  await tx.deductionReasonCode.createMany({ data: DEFAULT_REASON_CODES.map((r) => ({ entityId, ...r })), skipDuplicates: true });
}
