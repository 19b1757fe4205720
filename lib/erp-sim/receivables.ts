// The receivables side of the simulated book of record: invoices (Oracle's `receivablesInvoices`), the
// customers' bank accounts and last-update dates, and accounting periods. An invoice's balance due
// (`InvoiceBalanceAmount`) is derived, never stored: its amount minus every live INVOICE application of a
// standard receipt in its business unit naming it (Cashline's postings and receipts keyed in the ERP alike) minus
// its credits. Its LastUpdateDate is the latest of its own and of those applications' creation/reversal, so an
// application booked against it makes it show up in an incremental read (`q=LastUpdateDate>…`).
import { fromMinor, toMinor } from "../money/money.ts";
import { SimError } from "./sim-error.ts";
import { findCustomerAccount, type LedgerState, type StoredApplication, type StoredReceipt } from "./ledger.ts";

export type StoredInvoiceLine = {
  CustomerTransactionLineId: number; LineNumber: number; Description: string; Quantity: string; UnitSellingPrice: string; LineAmount: string;
};
export type StoredCredit = { CreditMemoNumber: string; Amount: string; CreationDate: string };
export type StoredInvoice = {
  CustomerTransactionId: number; TransactionNumber: string; DocumentNumber: number; TransactionDate: string; AccountingDate: string;
  DueDate: string | null; BusinessUnit: string; BillToCustomerNumber: string; BillToCustomerName: string; InvoiceCurrencyCode: string;
  TransactionSource: string; TransactionType: string; Comments: string | null; EnteredAmount: string;
  receivablesInvoiceLines: StoredInvoiceLine[]; credits: StoredCredit[]; CreationDate: string; LastUpdateDate: string;
};
/** Oracle's closing statuses: O open, C closed, F future enterable, N never opened, P permanently closed (GL_PERIOD_STATUSES). */
export type ClosingStatus = "O" | "C" | "F" | "N" | "P";
export type StoredPeriod = { PeriodNameId: string; LedgerName: string; StartDate: string; EndDate: string; ClosingStatus: ClosingStatus; LastUpdateDate: string };
export type StoredBankAccount = { BankAccountId: number; AccountNumber: string; BankAccountNumber: string; CurrencyCode: string | null; CreationDate: string };

/** What this module adds to the ledger (absent from state files written before it: read as empty). */
export type ReceivablesState = { invoices: StoredInvoice[]; periods: StoredPeriod[]; customerBankAccounts: StoredBankAccount[]; documentSequence: number };

export function receivablesOf(state: LedgerState): ReceivablesState {
  const s = state as LedgerState & Partial<ReceivablesState>;
  s.invoices ??= [];
  s.periods ??= [];
  s.customerBankAccounts ??= [];
  s.documentSequence ??= 1000001;
  return s as ReceivablesState;
}

export type InvoiceView = Omit<StoredInvoice, "credits"> & {
  InvoiceBalanceAmount: string; InvoiceStatus: "Complete"; CreditedAmount: string; AppliedAmount: string;
};

export const nowIso = () => new Date().toISOString();
const later = (a: string, b: string | null | undefined) => (b && b > a ? b : a);

export function minorOf(value: string, currency: string, field: string): bigint {
  try {
    return toMinor(value, currency);
  } catch (e) {
    throw new SimError(422, "INVALID_AMOUNT", `${field}: ${(e as Error).message}`);
  }
}

/** Applications per (business unit, invoice number), built once per request. */
export function applicationIndex(state: LedgerState): Map<string, StoredApplication[]> {
  const receipts = new Map<number, StoredReceipt>(state.receipts.map((r) => [r.StandardReceiptId, r]));
  const index = new Map<string, StoredApplication[]>();
  for (const a of state.applications) {
    if (a.ApplicationType !== "INVOICE" || !a.InvoiceNumber) continue;
    const unit = receipts.get(a.StandardReceiptId)?.BusinessUnit;
    const key = `${unit}\u0000${a.InvoiceNumber}`;
    const list = index.get(key);
    if (list) list.push(a);
    else index.set(key, [a]);
  }
  return index;
}

export function invoiceView(inv: StoredInvoice, index: Map<string, StoredApplication[]>): InvoiceView {
  const apps = index.get(`${inv.BusinessUnit}\u0000${inv.TransactionNumber}`) ?? [];
  const cur = inv.InvoiceCurrencyCode;
  let applied = 0n;
  let lastUpdate = inv.LastUpdateDate;
  for (const a of apps) {
    if (!a.ReversalDate) applied += toMinor(a.AmountApplied, cur);
    lastUpdate = later(later(lastUpdate, a.CreationDate), a.ReversalDate);
  }
  const credited = inv.credits.reduce((s, c) => s + toMinor(c.Amount, cur), 0n);
  for (const c of inv.credits) lastUpdate = later(lastUpdate, c.CreationDate);
  const { credits: _c, ...rest } = inv;
  return {
    ...rest, LastUpdateDate: lastUpdate, InvoiceStatus: "Complete",
    InvoiceBalanceAmount: fromMinor(toMinor(inv.EnteredAmount, cur) - applied - credited, cur),
    AppliedAmount: fromMinor(applied, cur), CreditedAmount: fromMinor(credited, cur),
  };
}

export function findInvoice(state: LedgerState, number: string, businessUnit?: string | null): StoredInvoice {
  const found = receivablesOf(state).invoices.filter((i) => i.TransactionNumber === number && (!businessUnit || i.BusinessUnit === businessUnit));
  if (found.length === 0) throw new SimError(404, "TRANSACTION_NOT_FOUND", `receivables invoice ${number}${businessUnit ? ` in business unit ${businessUnit}` : ""} does not exist`);
  if (found.length > 1) throw new SimError(422, "AMBIGUOUS_TRANSACTION", `invoice number ${number} exists in ${found.length} business units; name the BusinessUnit`);
  return found[0]!;
}

export type NewInvoice = {
  TransactionNumber: string; TransactionDate: string; DueDate?: string | null; BusinessUnit: string; BillToCustomerNumber: string;
  InvoiceCurrencyCode: string; TransactionSource?: string | null; TransactionType?: string | null; Comments?: string | null;
  lines: { Description: string; Quantity: string; UnitSellingPrice: string }[];
};

/** Books an invoice. Transaction numbers are unique per business unit (Oracle: per transaction source). */
export function createInvoice(state: LedgerState, body: NewInvoice): StoredInvoice {
  const rs = receivablesOf(state);
  const account = findCustomerAccount(state, body.BillToCustomerNumber);
  if (!account) throw new SimError(422, "UNKNOWN_CUSTOMER_ACCOUNT", `bill-to customer account ${body.BillToCustomerNumber} does not exist`);
  if (account.BusinessUnit !== body.BusinessUnit) {
    throw new SimError(422, "CUSTOMER_ACCOUNT_BUSINESS_UNIT", `customer account ${account.AccountNumber} belongs to business unit ${account.BusinessUnit}, not ${body.BusinessUnit}`);
  }
  if (rs.invoices.some((i) => i.TransactionNumber === body.TransactionNumber && i.BusinessUnit === body.BusinessUnit)) {
    throw new SimError(422, "DUPLICATE_TRANSACTION_NUMBER", `transaction number ${body.TransactionNumber} already exists in business unit ${body.BusinessUnit}`);
  }
  const cur = body.InvoiceCurrencyCode;
  if (body.lines.length === 0) throw new SimError(400, "INVALID_REQUEST", "receivablesInvoiceLines: an invoice needs at least one line");
  let total = 0n;
  const now = nowIso();
  const lines = body.lines.map((l, i) => {
    const price = minorOf(l.UnitSellingPrice, cur, `receivablesInvoiceLines.${i}.UnitSellingPrice`);
    if (!/^\d+$/.test(l.Quantity)) throw new SimError(422, "INVALID_QUANTITY", `receivablesInvoiceLines.${i}.Quantity: a whole number is supported`);
    const amount = price * BigInt(l.Quantity);
    total += amount;
    return { CustomerTransactionLineId: state.nextId++, LineNumber: i + 1, Description: l.Description, Quantity: l.Quantity, UnitSellingPrice: fromMinor(price, cur), LineAmount: fromMinor(amount, cur) };
  });
  if (total <= 0n) throw new SimError(422, "INVALID_AMOUNT", "the invoice total must be greater than zero");
  const invoice: StoredInvoice = {
    CustomerTransactionId: state.nextId++, TransactionNumber: body.TransactionNumber, DocumentNumber: rs.documentSequence++,
    TransactionDate: body.TransactionDate, AccountingDate: body.TransactionDate, DueDate: body.DueDate ?? null, BusinessUnit: body.BusinessUnit,
    BillToCustomerNumber: account.AccountNumber, BillToCustomerName: account.Name, InvoiceCurrencyCode: cur,
    TransactionSource: body.TransactionSource ?? "Manual", TransactionType: body.TransactionType ?? "Invoice", Comments: body.Comments ?? null,
    EnteredAmount: fromMinor(total, cur), receivablesInvoiceLines: lines, credits: [], CreationDate: now, LastUpdateDate: now,
  };
  rs.invoices.push(invoice);
  return invoice;
}

/** A credit memo applied to the invoice (it lowers the balance due); more than the balance is refused. */
export function creditInvoice(state: LedgerState, inv: StoredInvoice, amount: string, number?: string | null): StoredCredit {
  const cur = inv.InvoiceCurrencyCode;
  const minor = minorOf(amount, cur, "Amount");
  const balance = toMinor(invoiceView(inv, applicationIndex(state)).InvoiceBalanceAmount, cur);
  if (minor <= 0n || minor > balance) throw new SimError(422, "INVALID_CREDIT", `credit ${amount} ${cur} must be above zero and at most the balance due ${fromMinor(balance, cur)}`);
  const credit = { CreditMemoNumber: number ?? `CM-${state.nextId++}`, Amount: fromMinor(minor, cur), CreationDate: nowIso() };
  inv.credits.push(credit);
  return credit;
}

/** Accounting periods of a ledger (here: one per business unit): the stored ones, else every month is open. */
export function periodsOf(state: LedgerState, ledgerName: string, around = new Date()): StoredPeriod[] {
  const stored = receivablesOf(state).periods.filter((p) => p.LedgerName === ledgerName);
  const out: StoredPeriod[] = [];
  for (let offset = -12; offset <= 2; offset++) {
    const start = new Date(Date.UTC(around.getUTCFullYear(), around.getUTCMonth() + offset, 1));
    const name = periodName(start);
    out.push(stored.find((p) => p.PeriodNameId === name) ?? {
      PeriodNameId: name, LedgerName: ledgerName, StartDate: start.toISOString().slice(0, 10),
      EndDate: new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).toISOString().slice(0, 10), ClosingStatus: "O", LastUpdateDate: start.toISOString(),
    });
  }
  for (const p of stored) if (!out.some((o) => o.PeriodNameId === p.PeriodNameId)) out.push(p);
  return out.sort((a, b) => a.StartDate.localeCompare(b.StartDate));
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** Oracle's usual monthly period names: "Dec-26". */
export function periodName(start: Date): string {
  return `${MONTHS[start.getUTCMonth()]}-${String(start.getUTCFullYear()).slice(2)}`;
}

export function setPeriodStatus(state: LedgerState, ledgerName: string, month: string, status: ClosingStatus): StoredPeriod {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new SimError(400, "INVALID_PERIOD", `period must be YYYY-MM, got ${month}`);
  const start = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  const rs = receivablesOf(state);
  const period: StoredPeriod = {
    PeriodNameId: periodName(start), LedgerName: ledgerName, StartDate: start.toISOString().slice(0, 10),
    EndDate: new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).toISOString().slice(0, 10), ClosingStatus: status, LastUpdateDate: nowIso(),
  };
  rs.periods = [...rs.periods.filter((p) => !(p.LedgerName === ledgerName && p.PeriodNameId === period.PeriodNameId)), period];
  return period;
}
