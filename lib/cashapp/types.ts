import type { RemittanceAdvice } from "../remittance/types.ts";

// Domain types of the cash-application engine. Money crosses this boundary as decimal strings
// ("1234.50", in the currency's own decimals); inside the engine it is bigint minor units.

export interface CustomerInput {
  id: string;
  name: string;
  /** Names the customer pays under (bank statement spellings). */
  aliases: string[];
  /** Legal entity (company code) the customer belongs to, e.g. "US01". */
  entity: string;
  /** Account numbers / IBANs the customer pays from. */
  bankAccounts: string[];
  /**
   * The parent account in the customer hierarchy (same entity), or null. A parent may pay its subsidiaries'
   * invoices on one remittance advice (lib/cashapp/decide-advice.ts).
   */
  parentId?: string | null;
}

export interface InvoiceInput {
  id: string;
  /** The number printed on the invoice, e.g. "INV-2026-000103". */
  number: string;
  customerId: string;
  entity: string;
  /** ISO 4217. */
  currency: string;
  /** Decimal string. */
  amount: string;
  /** Decimal string; "0.00" = fully paid. */
  openAmount: string;
  issueDate?: string;
  dueDate?: string;
  poNumber?: string | null;
}

export interface ReceiptInput {
  id: string;
  entity: string;
  currency: string;
  /** Decimal string. */
  amount: string;
  /** ISO date YYYY-MM-DD. */
  valueDate: string;
  channel?: string;
  payerName: string;
  payerAccount?: string | null;
  remittance?: string | null;
  bankReference?: string | null;
  /** The remittance advice linked to this payment (lib/remittance): what the customer says it pays. */
  remittanceAdvice?: RemittanceAdvice;
}

/**
 * A payer identity learned from people: an analyst applied a receipt from this payer name and/or account
 * to this customer by hand. The DB layer feeds these back in; they count like aliases / bank accounts.
 */
export interface LearnedPayerIdentity {
  customerId: string;
  payerName?: string | null;
  payerAccount?: string | null;
  /** The legal entity it was learned in; ignored when it is not the customer's own. */
  entity?: string | null;
  /** Free text for audit, e.g. "manual application by j.doe on R0001234". */
  source?: string;
}

export type ExceptionCode =
  | "UNIDENTIFIED"
  | "AMBIGUOUS"
  | "SHORT_PAY"
  | "OVERPAYMENT"
  | "DUPLICATE"
  | "ALREADY_PAID"
  | "CURRENCY_MISMATCH";

export type WriteOffReason = "bank_charge" | "small_overpayment";

export interface Application {
  invoice_id: string;
  /** Decimal string: by how much the invoice's open balance is reduced. */
  amount: string;
}

/** The engine's decision for one receipt (field names as in the `cashline match` contract). */
export interface Decision {
  receipt_id: string;
  outcome: "applied" | "exception";
  applications: Application[];
  exception_code: ExceptionCode | null;
  write_off: { amount: string; reason: WriteOffReason } | null;
  /** In [0, 1]. */
  confidence: number;
  reasons: string[];
  /** The policy's rule_version that produced this decision. */
  rule_version: string;
  /** Receipt currency of all amounts in this decision. */
  currency: string;
  /** AMBIGUOUS: every invoice set the engine found to fit, each a complete application (not in the CLI contract). */
  candidate_sets?: Application[][];
  /** ALREADY_PAID: the referenced invoices that have nothing open (to link, never to apply to). */
  paid_invoice_ids?: string[];
  /** Shortfalls a remittance advice explains (remittance.md): the invoice keeps `amount` open as a deduction item. */
  deductions?: DeductionDecision[];
  /** Cross-currency application (cross-currency.ts): the rate used and the invoice-currency amounts. */
  fx?: import("./cross-currency.ts").FxDecision;
  /** The payment reference of the remittance advice used, or null. */
  remittance?: string | null;
  /**
   * Early-payment discounts the advice took within the policy's terms (not in the CLI contract): the invoice is
   * cleared by `amount` more than the cash applied; the posting books it to discounts allowed.
   */
  discounts?: DiscountDecision[];
}

export interface DiscountDecision {
  invoice_id: string;
  /** Decimal string, positive. */
  amount: string;
}

export interface DeductionDecision {
  invoice_id: string;
  /** Decimal string, positive: what the customer kept. */
  amount: string;
  /** The product's deduction reason code (lib/remittance/types.ts DEDUCTION_REASONS). */
  reason: string;
  /** The code the advice carried (X12 / camt), for the deduction's record. */
  code?: string | null;
  text?: string | null;
}
