// Control endpoints that act directly in the simulated ERP, as a person keying into Oracle would (never faulted):
//   POST /__sim/invoices                   {TransactionNumber, BusinessUnit, BillToCustomerNumber, BillToCustomerName?,
//                                           InvoiceCurrencyCode, Amount, TransactionDate?, DueDate?}  → 201 invoice
//   POST /__sim/invoices/{number}/pay      {Amount, BusinessUnit?, ReceiptNumber?, ReceiptDate?}    → 201 {receipt, invoice}
//   POST /__sim/invoices/{number}/credit   {Amount, BusinessUnit?, CreditMemoNumber?}               → 201 {credit, invoice}
//   POST /__sim/customers                  {AccountNumber, Name, BusinessUnit, BankAccounts?: [..]} → 200/201 account
//   POST /__sim/periods                    {LedgerName, Period "YYYY-MM", ClosingStatus O|C|F|N|P}  → 200 period
import { z } from "zod";
import { isCurrency } from "../money/money.ts";
import { SimError } from "./sim-error.ts";
import { applyToReceipt, createCustomerAccount, createReceipt, findCustomerAccount, type LedgerState } from "./ledger.ts";
import {
  applicationIndex, createInvoice, creditInvoice, findInvoice, invoiceView, nowIso, receivablesOf, setPeriodStatus,
} from "./receivables.ts";
import { toMinor } from "../money/money.ts";

const decimal = z.string().regex(/^\d+(\.\d+)?$/, "must be a positive decimal string");
const code = z.string().trim().min(1).max(80);
const invoiceBody = z.strictObject({
  TransactionNumber: code, BusinessUnit: code, BillToCustomerNumber: code, BillToCustomerName: z.string().min(1).max(360).optional(),
  InvoiceCurrencyCode: z.string().refine(isCurrency, "must be an ISO 4217 currency code"), Amount: decimal,
  TransactionDate: z.iso.date().optional(), DueDate: z.iso.date().optional(), Description: z.string().min(1).max(240).optional(),
});
const payBody = z.strictObject({ Amount: decimal, BusinessUnit: code.optional(), ReceiptNumber: code.optional(), ReceiptDate: z.iso.date().optional() });
const creditBody = z.strictObject({ Amount: decimal, BusinessUnit: code.optional(), CreditMemoNumber: code.optional() });
const customerBody = z.strictObject({ AccountNumber: code, Name: z.string().trim().min(1).max(360), BusinessUnit: code, BankAccounts: z.array(code).max(20).optional() });
const periodBody = z.strictObject({ LedgerName: code, Period: z.string().regex(/^\d{4}-\d{2}$/), ClosingStatus: z.enum(["O", "C", "F", "N", "P"]) });

type Out = { status: number; body: unknown; committed: boolean };

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  throw new SimError(400, "INVALID_REQUEST", parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
}

/** Handles the receivables control endpoints; undefined for any other path. */
export function handleReceivablesAdmin(state: LedgerState, method: string, path: string, body: unknown): Out | undefined {
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent); // ["__sim", ...]
  const today = nowIso().slice(0, 10);
  if (method !== "POST") return undefined;
  if (parts[1] === "invoices" && parts.length === 2) {
    const b = parse(invoiceBody, body);
    if (!findCustomerAccount(state, b.BillToCustomerNumber)) {
      createCustomerAccount(state, { AccountNumber: b.BillToCustomerNumber, Name: b.BillToCustomerName ?? b.BillToCustomerNumber, BusinessUnit: b.BusinessUnit });
    }
    const created = createInvoice(state, {
      TransactionNumber: b.TransactionNumber, TransactionDate: b.TransactionDate ?? today, DueDate: b.DueDate ?? null, BusinessUnit: b.BusinessUnit,
      BillToCustomerNumber: b.BillToCustomerNumber, InvoiceCurrencyCode: b.InvoiceCurrencyCode, TransactionSource: "Manual",
      lines: [{ Description: b.Description ?? "Keyed in the ERP", Quantity: "1", UnitSellingPrice: b.Amount }],
    });
    return { status: 201, body: invoiceView(created, applicationIndex(state)), committed: true };
  }
  if (parts[1] === "invoices" && parts.length === 4 && parts[3] === "pay") {
    const b = parse(payBody, body);
    const inv = findInvoice(state, parts[2]!, b.BusinessUnit);
    const balance = toMinor(invoiceView(inv, applicationIndex(state)).InvoiceBalanceAmount, inv.InvoiceCurrencyCode);
    if (toMinor(b.Amount, inv.InvoiceCurrencyCode) > balance) throw new SimError(422, "OVER_APPLICATION", `payment ${b.Amount} exceeds the balance due of invoice ${inv.TransactionNumber}`);
    // A receipt keyed in the ERP and applied to the invoice: the same records Cashline's postings create.
    const receipt = createReceipt(state, {
      ReceiptNumber: b.ReceiptNumber ?? `ERP-PAY-${state.nextId}`, ReceiptDate: b.ReceiptDate ?? today, Amount: b.Amount, Currency: inv.InvoiceCurrencyCode,
      BusinessUnit: inv.BusinessUnit, CustomerAccountNumber: inv.BillToCustomerNumber, RemittanceBankAccountNumber: "ERP-DIRECT", ReceiptMethod: "Manual",
    });
    applyToReceipt(state, receipt.StandardReceiptId, { ApplicationType: "INVOICE", InvoiceNumber: inv.TransactionNumber, AmountApplied: b.Amount });
    return { status: 201, body: { receipt, invoice: invoiceView(inv, applicationIndex(state)) }, committed: true };
  }
  if (parts[1] === "invoices" && parts.length === 4 && parts[3] === "credit") {
    const b = parse(creditBody, body);
    const inv = findInvoice(state, parts[2]!, b.BusinessUnit);
    const credit = creditInvoice(state, inv, b.Amount, b.CreditMemoNumber);
    return { status: 201, body: { credit, invoice: invoiceView(inv, applicationIndex(state)) }, committed: true };
  }
  if (parts[1] === "customers" && parts.length === 2) {
    const b = parse(customerBody, body);
    let account = findCustomerAccount(state, b.AccountNumber);
    const created = !account;
    if (!account) account = createCustomerAccount(state, { AccountNumber: b.AccountNumber, Name: b.Name, BusinessUnit: b.BusinessUnit });
    else if (account.BusinessUnit !== b.BusinessUnit) throw new SimError(409, "DUPLICATE_ACCOUNT", `customer account ${b.AccountNumber} exists in business unit ${account.BusinessUnit}`);
    else Object.assign(account, { Name: b.Name, LastUpdateDate: nowIso() });
    const banks = receivablesOf(state).customerBankAccounts;
    for (const number of b.BankAccounts ?? []) {
      if (banks.some((x) => x.AccountNumber === b.AccountNumber && x.BankAccountNumber === number)) continue;
      banks.push({ BankAccountId: state.nextId++, AccountNumber: b.AccountNumber, BankAccountNumber: number, CurrencyCode: null, CreationDate: nowIso() });
    }
    return { status: created ? 201 : 200, body: account, committed: true };
  }
  if (parts[1] === "periods" && parts.length === 2) {
    const b = parse(periodBody, body);
    return { status: 200, body: setPeriodStatus(state, b.LedgerName, b.Period, b.ClosingStatus), committed: true };
  }
  return undefined;
}
