// Every simulator's GET /__sim/ledger, as one shape: `receipts: [{id, receiptNumber, entity, currency, amount,
// customerAccount, date, applications: [{id, type, invoiceNumber, amount, reversed}]}]`. The SAP, BC and NetSuite
// simulators answer it so already; Oracle's answers its receipts in Oracle's own field names (StandardReceiptId,
// ReceiptNumber, BusinessUnit, receiptApplications…), mapped here. Exactly-once tests read every kind through this.
export type NormalisedApplication = {
  id: string; type: string; invoiceNumber: string | null; amount: string; reversed: boolean;
  /** Cross-currency application: `amount` is in the receipt's currency; the invoice's own amount and currency, the
   *  rate used (1 receipt currency = rate invoice currency) and its day, the realised FX gain (+) / loss (−). */
  receiptAmount?: string; invoiceAmount?: string; invoiceCurrency?: string; rate?: string; rateDate?: string;
  fxGainLoss?: string | null; functionalCurrency?: string | null;
};
export type NormalisedReceipt = {
  id: string; receiptNumber: string; entity: string; currency: string; amount: string; customerAccount: string | null; date: string;
  applications: NormalisedApplication[];
};

type OracleApplication = {
  ReceiptApplicationId: number | string; ApplicationType: string; InvoiceNumber: string | null; AmountApplied: string; ReversalDate?: string | null;
  AllocatedReceiptAmount?: string | null; TransactionCurrency?: string | null; CrossCurrencyRate?: string | null; CrossCurrencyRateDate?: string | null;
  ExchangeGainLossAmount?: string | null; LedgerCurrency?: string | null;
};
type OracleReceipt = {
  StandardReceiptId: number | string; ReceiptNumber: string; BusinessUnit: string; Currency: string; Amount: string; CustomerAccountNumber: string | null;
  ReceiptDate: string; receiptApplications?: OracleApplication[];
};

const isOracle = (r: unknown): r is OracleReceipt => typeof r === "object" && r !== null && "StandardReceiptId" in r;

export function normaliseReceipt(r: unknown): NormalisedReceipt {
  if (!isOracle(r)) return r as NormalisedReceipt;
  return {
    id: String(r.StandardReceiptId), receiptNumber: r.ReceiptNumber, entity: r.BusinessUnit, currency: r.Currency, amount: r.Amount,
    customerAccount: r.CustomerAccountNumber ?? null, date: r.ReceiptDate,
    applications: (r.receiptApplications ?? []).map(normaliseOracleApplication),
  };
}

function normaliseOracleApplication(a: OracleApplication): NormalisedApplication {
  const base = { id: String(a.ReceiptApplicationId), type: a.ApplicationType, invoiceNumber: a.InvoiceNumber ?? null, reversed: !!a.ReversalDate };
  if (!a.AllocatedReceiptAmount || !a.TransactionCurrency) return { ...base, amount: a.AmountApplied };
  return {
    ...base, amount: a.AllocatedReceiptAmount, receiptAmount: a.AllocatedReceiptAmount, invoiceAmount: a.AmountApplied, invoiceCurrency: a.TransactionCurrency,
    rate: a.CrossCurrencyRate ?? undefined, rateDate: a.CrossCurrencyRateDate ?? undefined, fxGainLoss: a.ExchangeGainLossAmount ?? null, functionalCurrency: a.LedgerCurrency ?? null,
  };
}

export async function readNormalisedLedger(simUrl: string): Promise<NormalisedReceipt[]> {
  const res = await fetch(`${simUrl}/__sim/ledger`);
  if (!res.ok) throw new Error(`GET ${simUrl}/__sim/ledger: ${res.status}`);
  const body = (await res.json()) as { receipts: unknown[] };
  return body.receipts.map(normaliseReceipt);
}
