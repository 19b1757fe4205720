// X12 adjustment reason codes (element 426, ADX02) ↔ the product's deduction reasons, for the temporary 820
// reader and the scenario generator. The product's reason table (remit-product) and the real parsers
// (remit-formats) own the full mapping; this is the subset both sides of the tests agree on.
import type { DeductionReason } from "../types.ts";

export const X12_REASON: Readonly<Record<string, DeductionReason>> = {
  "01": "PRICING", // pricing error
  "04": "DAMAGED", // item not accepted - damaged
  "06": "SHORT_SHIPMENT", // quantity contested
  "11": "RETURN", // returns - damaged
  "19": "UNAUTHORISED_DISCOUNT",
  "22": "FREIGHT",
  "AX": "PROMOTION",
  "TX": "TAX",
  "CS": "DAMAGED", // as in contracts/remittance.md's example
};

/** The code the generator writes for a reason (the first one mapped to it). */
export function x12CodeFor(reason: DeductionReason): string {
  for (const [code, r] of Object.entries(X12_REASON)) if (r === reason) return code;
  return "ZZ";
}

export function reasonForX12(code: string): DeductionReason {
  return X12_REASON[code.toUpperCase()] ?? "OTHER";
}
