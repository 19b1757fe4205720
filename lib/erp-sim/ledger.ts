// The simulated book of record: customer accounts, standard receipts and their applications, in memory as a
// plain JSON-serialisable object (so --state can persist it). Business rules answer SimError 404/409/422.
import { fromMinor, toMinor } from "../money/money.ts";
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
};
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
  const amount = minorOrThrow(body.AmountApplied, receipt.Currency, "AmountApplied");
  if (amount <= 0n) throw new SimError(422, "INVALID_AMOUNT", "AmountApplied must be greater than zero");
  const unapplied = unappliedMinor(state, receipt);
  if (amount > unapplied) {
    throw new SimError(422, "OVER_APPLICATION",
      `AmountApplied ${fromMinor(amount, receipt.Currency)} ${receipt.Currency} exceeds the unapplied amount ${fromMinor(unapplied, receipt.Currency)} ${receipt.Currency} of receipt ${receipt.ReceiptNumber}`);
  }
  const application: StoredApplication = {
    ReceiptApplicationId: state.nextId++, StandardReceiptId: receipt.StandardReceiptId, ApplicationType: body.ApplicationType,
    InvoiceNumber: body.InvoiceNumber ?? null, AmountApplied: fromMinor(amount, receipt.Currency),
    WriteOffReason: body.WriteOffReason ?? null, CreationDate: nowIso(),
  };
  state.applications.push(application);
  return application;
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
  const applied = applicationsOf(state, receipt.StandardReceiptId).filter((a) => !a.ReversalDate).reduce((sum, a) => sum + toMinor(a.AmountApplied, receipt.Currency), 0n);
  return toMinor(receipt.Amount, receipt.Currency) - applied;
}

export function receiptView(state: LedgerState, receipt: StoredReceipt): ReceiptView {
  const apps = applicationsOf(state, receipt.StandardReceiptId);
  const totals = { INVOICE: 0n, ON_ACCOUNT: 0n, WRITE_OFF: 0n, UNAPPLIED: 0n };
  for (const a of apps) if (!a.ReversalDate) totals[a.ApplicationType] += toMinor(a.AmountApplied, receipt.Currency);
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
