// The simulated book of record: customer accounts, standard receipts and their applications, in memory as a
// plain JSON-serialisable object (so --state can persist it). Business rules answer SimError 404/409/422.
import { fromMinor, toMinor } from "../money/money.ts";
import { convertMinor, parseRate } from "../fx/rate-math.ts";
import { SimError } from "./sim-error.ts";
import type { ApplicationType, CreateApplicationBody, CreateCustomerAccountBody, CreateReceiptBody } from "./schemas.ts";
import type { IdempotencyRecord } from "./idempotency.ts";

export type CustomerAccount = { CustomerAccountId: number; AccountNumber: string; Name: string; BusinessUnit: string; CreationDate: string; LastUpdateDate?: string };
export type StoredReceipt = {
  StandardReceiptId: number; ReceiptNumber: string; ReceiptDate: string; Amount: string; Currency: string;
  CustomerAccountNumber: string | null; BusinessUnit: string; RemittanceBankAccountNumber: string;
  Comments: string | null; ReceiptMethod: string | null; CreationDate: string;
};
export type StoredApplication = {
  ReceiptApplicationId: number; StandardReceiptId: number; ApplicationType: ApplicationType; InvoiceNumber: string | null;
  AmountApplied: string; WriteOffReason: string | null; CreationDate: string;
  /** Set when the application was reversed (unapplied): it no longer draws on the receipt. */
  ReversalDate?: string | null;
  /** Cross-currency application: AmountApplied is in TransactionCurrency, AllocatedReceiptAmount (in the receipt's
   *  currency) is what it draws on the receipt; the rate used and the realised exchange gain/loss as sent. */
  AllocatedReceiptAmount?: string | null;
  TransactionCurrency?: string | null;
  CrossCurrencyRate?: string | null;
  CrossCurrencyRateDate?: string | null;
  CrossCurrencyRateType?: string | null;
  ExchangeGainLossAmount?: string | null;
  LedgerCurrency?: string | null;
};

/** What an application draws on its receipt, in the receipt's currency. */
const drawn = (a: StoredApplication, currency: string) => toMinor(a.AllocatedReceiptAmount ?? a.AmountApplied, currency);
/** A receipt as the API shows it: stored fields plus what is derived from its applications. */
export type ReceiptView = StoredReceipt & {
  UnappliedAmount: string;
  Status: "UNAPP" | "APP";
  ApplicationTotals: Record<ApplicationType, string>;
  receiptApplications: StoredApplication[];
};

export type LedgerState = {
  nextId: number;
  customerAccounts: CustomerAccount[];
  receipts: StoredReceipt[];
  applications: StoredApplication[];
  idempotencyKeys: Record<string, IdempotencyRecord>;
};

// Oracle-looking surrogate ids; one sequence for every resource keeps them unique across types.
export function emptyLedger(): LedgerState {
  return { nextId: 300000001, customerAccounts: [], receipts: [], applications: [], idempotencyKeys: {} };
}

const nowIso = () => new Date().toISOString();

export function findCustomerAccount(state: LedgerState, accountNumber: string): CustomerAccount | undefined {
  return state.customerAccounts.find((a) => a.AccountNumber === accountNumber);
}

export function createCustomerAccount(state: LedgerState, body: CreateCustomerAccountBody): CustomerAccount {
  if (findCustomerAccount(state, body.AccountNumber)) {
    throw new SimError(409, "DUPLICATE_ACCOUNT", `customer account ${body.AccountNumber} already exists`);
  }
  const now = nowIso();
  const account = { CustomerAccountId: state.nextId++, ...body, CreationDate: now, LastUpdateDate: now };
  state.customerAccounts.push(account);
  return account;
}

function convertAt(minor: bigint, from: string, to: string, rate: string): bigint {
  try {
    return convertMinor(minor, from, to, parseRate(rate));
  } catch (e) {
    throw new SimError(422, "INVALID_RATE", `CrossCurrencyRate: ${(e as Error).message}`);
  }
}

function minorOrThrow(value: string, currency: string, field: string): bigint {
  try {
    return toMinor(value, currency);
  } catch (e) {
    throw new SimError(422, "INVALID_AMOUNT", `${field}: ${(e as Error).message}`);
  }
}

export function createReceipt(state: LedgerState, body: CreateReceiptBody): ReceiptView {
  const amount = minorOrThrow(body.Amount, body.Currency, "Amount");
  if (amount <= 0n) throw new SimError(422, "INVALID_AMOUNT", "Amount must be greater than zero");
  const customer = body.CustomerAccountNumber ?? null;
  if (customer !== null) {
    const account = findCustomerAccount(state, customer);
    // Absent customer = an unidentified receipt (allowed); a named one must exist in the receipt's business unit.
    if (!account) throw new SimError(422, "UNKNOWN_CUSTOMER_ACCOUNT", `customer account ${customer} does not exist`);
    if (account.BusinessUnit !== body.BusinessUnit) {
      throw new SimError(422, "CUSTOMER_ACCOUNT_BUSINESS_UNIT", `customer account ${customer} belongs to business unit ${account.BusinessUnit}, not ${body.BusinessUnit}`);
    }
  }
  const receipt: StoredReceipt = {
    StandardReceiptId: state.nextId++, ReceiptNumber: body.ReceiptNumber, ReceiptDate: body.ReceiptDate,
    Amount: fromMinor(amount, body.Currency), Currency: body.Currency, CustomerAccountNumber: customer,
    BusinessUnit: body.BusinessUnit, RemittanceBankAccountNumber: body.RemittanceBankAccountNumber,
    Comments: body.Comments ?? null, ReceiptMethod: body.ReceiptMethod ?? null, CreationDate: nowIso(),
  };
  state.receipts.push(receipt);
  return receiptView(state, receipt);
}

export function getReceipt(state: LedgerState, id: number): StoredReceipt {
  const receipt = state.receipts.find((r) => r.StandardReceiptId === id);
  if (!receipt) throw new SimError(404, "RECEIPT_NOT_FOUND", `standard receipt ${id} does not exist`);
  return receipt;
}

/** Every application type (invoice, on-account, write-off, explicitly unapplied) draws on the receipt's
 *  unapplied amount = Amount minus all applications so far; going below zero is refused. */
export function applyToReceipt(state: LedgerState, receiptId: number, body: CreateApplicationBody): StoredApplication {
  const receipt = getReceipt(state, receiptId);
  const fx = body.AllocatedReceiptAmount != null ? crossCurrencyFields(receipt, body) : null;
  const amount = fx ? fx.allocated : minorOrThrow(body.AmountApplied, receipt.Currency, "AmountApplied");
  if (amount <= 0n) throw new SimError(422, "INVALID_AMOUNT", `${fx ? "AllocatedReceiptAmount" : "AmountApplied"} must be greater than zero`);
  const unapplied = unappliedMinor(state, receipt);
  if (amount > unapplied) {
    throw new SimError(422, "OVER_APPLICATION",
      `AmountApplied ${fromMinor(amount, receipt.Currency)} ${receipt.Currency} exceeds the unapplied amount ${fromMinor(unapplied, receipt.Currency)} ${receipt.Currency} of receipt ${receipt.ReceiptNumber}`);
  }
  const application: StoredApplication = {
    ReceiptApplicationId: state.nextId++, StandardReceiptId: receipt.StandardReceiptId, ApplicationType: body.ApplicationType,
    InvoiceNumber: body.InvoiceNumber ?? null, AmountApplied: fx ? fx.applied : fromMinor(amount, receipt.Currency),
    WriteOffReason: body.WriteOffReason ?? null, CreationDate: nowIso(),
    ...(fx ? { ...fx.stored, AllocatedReceiptAmount: fromMinor(amount, receipt.Currency) } : {}),
  };
  state.applications.push(application);
  return application;
}

/** Checks a cross-currency application's fields against the receipt: the amounts in their own currencies' precision
 *  and a transaction currency other than the receipt's. As in Oracle the two amounts define the application (an
 *  invoice cleared in full by a receipt worth slightly more or less); an implied rate more than 5% off
 *  CrossCurrencyRate is refused as a wrong or inverted rate. */
function crossCurrencyFields(receipt: StoredReceipt, body: CreateApplicationBody) {
  const trx = body.TransactionCurrency!;
  if (trx === receipt.Currency) throw new SimError(422, "NOT_CROSS_CURRENCY", `TransactionCurrency ${trx} is the receipt's own currency: send AmountApplied alone`);
  const allocated = minorOrThrow(body.AllocatedReceiptAmount!, receipt.Currency, "AllocatedReceiptAmount");
  const applied = minorOrThrow(body.AmountApplied, trx, "AmountApplied");
  if (applied <= 0n) throw new SimError(422, "INVALID_AMOUNT", "AmountApplied must be greater than zero");
  const expected = convertAt(allocated, receipt.Currency, trx, body.CrossCurrencyRate!);
  const diff = expected > applied ? expected - applied : applied - expected;
  if (diff * 20n > applied) {
    throw new SimError(422, "CROSS_CURRENCY_AMOUNTS", `AmountApplied ${fromMinor(applied, trx)} ${trx} is more than 5% away from AllocatedReceiptAmount ${fromMinor(allocated, receipt.Currency)} ${receipt.Currency} at CrossCurrencyRate ${body.CrossCurrencyRate} (${fromMinor(expected, trx)} ${trx})`);
  }
  const gl = body.ExchangeGainLossAmount ?? null;
  if (gl !== null) minorOrThrow(gl.replace(/^-/, ""), body.LedgerCurrency!, "ExchangeGainLossAmount");
  return {
    allocated, applied: fromMinor(applied, trx),
    stored: {
      TransactionCurrency: trx, CrossCurrencyRate: body.CrossCurrencyRate!, CrossCurrencyRateDate: body.CrossCurrencyRateDate!,
      CrossCurrencyRateType: body.CrossCurrencyRateType ?? "User", ExchangeGainLossAmount: gl, LedgerCurrency: body.LedgerCurrency ?? null,
    },
  };
}

export function applicationsOf(state: LedgerState, receiptId: number): StoredApplication[] {
  return state.applications.filter((a) => a.StandardReceiptId === receiptId);
}

/** Reverses (unapplies) one application, as an ERP's "Unapply" action does; reversing twice is refused. */
export function reverseApplication(state: LedgerState, receiptId: number, applicationId: number): StoredApplication {
  const app = state.applications.find((a) => a.StandardReceiptId === receiptId && a.ReceiptApplicationId === applicationId);
  if (!app) throw new SimError(404, "APPLICATION_NOT_FOUND", `receipt ${receiptId} has no application ${applicationId}`);
  if (app.ReversalDate) throw new SimError(422, "ALREADY_REVERSED", `application ${applicationId} was reversed on ${app.ReversalDate}`);
  app.ReversalDate = nowIso();
  return app;
}

function unappliedMinor(state: LedgerState, receipt: StoredReceipt): bigint {
  const applied = applicationsOf(state, receipt.StandardReceiptId).filter((a) => !a.ReversalDate).reduce((sum, a) => sum + drawn(a, receipt.Currency), 0n);
  return toMinor(receipt.Amount, receipt.Currency) - applied;
}

export function receiptView(state: LedgerState, receipt: StoredReceipt): ReceiptView {
  const apps = applicationsOf(state, receipt.StandardReceiptId);
  const totals = { INVOICE: 0n, ON_ACCOUNT: 0n, WRITE_OFF: 0n, UNAPPLIED: 0n };
  for (const a of apps) if (!a.ReversalDate) totals[a.ApplicationType] += drawn(a, receipt.Currency);
  const unapplied = unappliedMinor(state, receipt);
  const fmt = (m: bigint) => fromMinor(m, receipt.Currency);
  return {
    ...receipt,
    UnappliedAmount: fmt(unapplied),
    Status: unapplied === 0n ? "APP" : "UNAPP",
    ApplicationTotals: { INVOICE: fmt(totals.INVOICE), ON_ACCOUNT: fmt(totals.ON_ACCOUNT), WRITE_OFF: fmt(totals.WRITE_OFF), UNAPPLIED: fmt(totals.UNAPPLIED) },
    receiptApplications: apps,
  };
}

/** Filters for GET standardReceipts: exact matches on the listed attributes. */
export const RECEIPT_FILTERS = ["ReceiptNumber", "BusinessUnit", "CustomerAccountNumber", "Currency", "ReceiptDate", "RemittanceBankAccountNumber"] as const;
export type ReceiptFilter = Partial<Record<(typeof RECEIPT_FILTERS)[number], string>>;

export function findReceipts(state: LedgerState, filter: ReceiptFilter): StoredReceipt[] {
  return state.receipts.filter((r) => RECEIPT_FILTERS.every((f) => filter[f] === undefined || r[f] === filter[f]));
}
