// What a customer says it paid: the shape every remittance parser returns (X12 820, BAI2 lockbox, camt.054/053
// structured remittance, CSV/XLSX spreadsheets, PDF advices) and the engine, the linker and the product consume.
// Field names follow ../shared/contracts/remittance.md (the `cashline parse-remittance` output) exactly.
// Money is decimal strings in the advice's currency, never a float.

import type { ColumnMapping } from "./formats/column-mapping.ts";

export const REMITTANCE_FORMATS = ["x12-820", "bai2-lockbox", "camt054", "camt053", "csv", "xlsx", "pdf"] as const;
export type RemittanceFormat = (typeof REMITTANCE_FORMATS)[number];

/**
 * The product's deduction reason codes (`adjustments[].reason`). Vendor codes (X12 CAS/ADX reason codes, camt
 * `AdjstmntAmtAndRsn/Rsn`) are mapped onto these; an entity's reason table configures label, GL account, team, SLA.
 */
export const DEDUCTION_REASONS = [
  "PRICING", "PROMOTION", "DAMAGED", "SHORT_SHIPMENT", "FREIGHT", "TAX", "UNAUTHORISED_DISCOUNT", "RETURN", "OTHER",
] as const;
export type DeductionReason = (typeof DEDUCTION_REASONS)[number];

export type RemittanceAdjustment = {
  /** Decimal string, negative when it reduces what is paid. */
  amount: string;
  reason: DeductionReason;
  /** The code the file carried (e.g. X12 ADX02 "CS" / CAS reason, camt Rsn), or null. */
  code: string | null;
  text: string | null;
};

export type RemittanceLine = {
  document: string;
  document_type: "invoice" | "credit_memo" | "debit_memo" | "other";
  /** Decimal strings; `paid` is what this payment pays on the document. */
  paid: string;
  invoice_amount: string | null;
  discount: string;
  adjustments: RemittanceAdjustment[];
};

export type RemittanceAdvice = {
  payment_reference: string;
  payer_name: string | null;
  payer_id: string | null;
  payee_name: string | null;
  currency: string;
  payment_amount: string;
  /** ISO date YYYY-MM-DD. */
  payment_date: string | null;
  method: string | null;
  lines: RemittanceLine[];
  /**
   * Read from a layout rather than a format (XLSX sheets, PDF advices): how sure the reading is, the column mapping
   * it guessed, and whether an analyst must confirm it. Not part of the contract's JSON (the CLI leaves it out).
   */
  extraction?: RemittanceExtraction;
};

export type RemittanceExtraction = {
  /** 0..1; below 0.8, or with problems, `needsReview` is set. */
  confidence: number;
  mapping?: ColumnMapping;
  needsReview: boolean;
  /** Why the confidence is low: "no table header found", "lines add up to 1200.00, the advice says 1270.00", … */
  problems: string[];
  /** The table's header cells (what an analyst picks columns from when confirming the mapping). */
  headers?: string[];
  /** true: read with the customer's confirmed mapping (RemittanceColumnMapping), not a guess. */
  confirmedMapping?: boolean;
};

export type ParsedRemittance = { format: RemittanceFormat; advices: RemittanceAdvice[] };

/** A file that cannot be read as the format: names the file, the place (line or segment/element) and the problem. */
export class RemittanceParseError extends Error {
  constructor(readonly where: string, readonly problem: string) {
    super(`${where}: ${problem}`);
    this.name = "RemittanceParseError";
  }
}
