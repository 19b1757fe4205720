// The general-ledger accounts Cashline books to (the ERP's chart of accounts; per-entity overrides can come later).
export const GL = {
  receivables: "1200",
  unappliedCash: "2400",
  /** Cash owed back to a payer (refund requested, not yet paid out by the payments system). */
  refundsPayable: "2450",
  processorClearing: "1150",
  bankCharges: "6810",
  smallBalanceWriteOff: "6820",
  /** Chargebacks lost and written off (the invoice stays paid; the processor took the money back). */
  chargebackLosses: "6850",
  processorFees: "6830",
  otherIncome: "7900",
} as const;
