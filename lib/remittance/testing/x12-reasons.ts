// X12 adjustment reason codes (element 426, ADX02) ↔ the product's deduction reasons for the scenario generator and
// the temporary readers: ONE table, the parsers' (lib/remittance/formats/reason-codes.ts). The generator writes, for
// a reason, the first standard code mapped to it, so what it expects is what the real 820 parser reads back.
import type { DeductionReason } from "../types.ts";
import { X12_ADJUSTMENT_REASONS, x12Reason } from "../formats/reason-codes.ts";

// The code the generator writes per reason: the plainest standard code for it.
const PREFERRED: Partial<Record<DeductionReason, string>> = { PRICING: "01", DAMAGED: "04", SHORT_SHIPMENT: "06", RETURN: "11", FREIGHT: "22", UNAUTHORISED_DISCOUNT: "24", PROMOTION: "16", TAX: "55" };

export const X12_REASON: Readonly<Record<string, DeductionReason>> = Object.fromEntries(Object.entries(X12_ADJUSTMENT_REASONS).map(([c, v]) => [c, v.reason]));

/** The code the generator writes for a reason. */
export function x12CodeFor(reason: DeductionReason): string {
  return PREFERRED[reason] ?? "ZZ";
}

export function reasonForX12(code: string): DeductionReason {
  return x12Reason(code.toUpperCase());
}
