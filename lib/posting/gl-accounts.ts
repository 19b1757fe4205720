// The general-ledger accounts Cashline books to (the ERP's chart of accounts; per-entity overrides can come later).
export const GL = {
  receivables: "1200",
  unappliedCash: "2400",
  processorClearing: "1150",
  bankCharges: "6810",
  smallBalanceWriteOff: "6820",
  processorFees: "6830",
  otherIncome: "7900",
} as const;
