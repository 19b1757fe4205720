// The `cashline match` input files → validated engine inputs. Any problem is an InputError naming the
// file, the line and the problem; nothing is partially accepted.
import { readFileSync } from "node:fs";
import { CsvSyntaxError, parseCsv, type CsvRecord } from "./csv.ts";
import { isKnownCurrency, MoneyParseError, parseMoney } from "./money.ts";
import type { CustomerInput, InvoiceInput, ReceiptInput } from "./types.ts";

export class InputError extends Error {
  constructor(readonly file: string, readonly line: number, readonly problem: string) {
    super(`${file}: line ${line}: ${problem}`);
  }
}

export const CUSTOMER_COLUMNS = ["customer_id", "name", "aliases", "entity", "bank_accounts"] as const;
/** Optional extra column of customers.csv (the contract's columns stay as they are): the customer hierarchy. */
export const CUSTOMER_OPTIONAL_COLUMNS = ["parent_customer_id"] as const;
export const INVOICE_COLUMNS = [
  "invoice_id", "invoice_number", "customer_id", "entity", "currency", "amount", "open_amount", "issue_date",
  "due_date", "po_number",
] as const;
export const RECEIPT_COLUMNS = [
  "receipt_id", "entity", "currency", "amount", "value_date", "channel", "payer_name", "payer_account", "remittance",
  "bank_reference",
] as const;

type Row<C extends readonly string[]> = { [K in C[number]]: string } & { line: number };

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const problem = code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a directory" : `cannot read file (${code ?? e})`;
    throw new InputError(file, 1, problem);
  }
}

/** Parse CSV text and map each record onto the required columns (and optional ones: "" when absent). */
export function parseTable<C extends readonly string[], O extends readonly string[] = []>(
  text: string, file: string, columns: C, optional?: O,
): (Row<C> & { [K in O[number]]: string })[] {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new InputError(file, e.line, e.problem);
    throw e;
  }
  if (!records.length) throw new InputError(file, 1, "empty file (no header row)");
  const header = records[0]!.fields.map((h) => h.trim().toLowerCase());
  const pos: number[] = [];
  for (const c of columns) {
    const k = header.indexOf(c);
    if (k < 0) throw new InputError(file, records[0]!.line, `missing column "${c}"`);
    pos.push(k);
  }
  const opt = (optional ?? []).map((c) => [c, header.indexOf(c)] as const);
  const rows: (Row<C> & { [K in O[number]]: string })[] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r]!;
    if (rec.fields.length !== header.length) {
      throw new InputError(file, rec.line, `expected ${header.length} fields, found ${rec.fields.length}`);
    }
    const row = { line: rec.line } as Row<C> & { [K in O[number]]: string };
    for (let k = 0; k < columns.length; k++) (row as Record<string, unknown>)[columns[k]!] = rec.fields[pos[k]!]!.trim();
    for (const [c, k] of opt) (row as Record<string, unknown>)[c] = k < 0 ? "" : rec.fields[k]!.trim();
    rows.push(row);
  }
  return rows;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function checkDate(v: string, file: string, line: number, column: string, required: boolean): string {
  if (!v) {
    if (required) throw new InputError(file, line, `empty ${column}`);
    return "";
  }
  const m = DATE.exec(v);
  const ok = m && (() => {
    const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
    return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
  })();
  if (!ok) throw new InputError(file, line, `unparsable ${column} "${v}" (expected YYYY-MM-DD)`);
  return v;
}

function checkCurrency(v: string, file: string, line: number): string {
  const c = v.toUpperCase();
  if (!c) throw new InputError(file, line, "empty currency");
  if (!/^[A-Z]{3}$/.test(c) || !isKnownCurrency(c)) throw new InputError(file, line, `unknown currency "${v}"`);
  return c;
}

function checkAmount(v: string, currency: string, file: string, line: number, column: string): string {
  if (!v) throw new InputError(file, line, `empty ${column}`);
  try {
    parseMoney(v, currency);
  } catch (e) {
    if (e instanceof MoneyParseError) throw new InputError(file, line, `unparsable ${column} "${v}"`);
    throw e;
  }
  return v;
}

function required(v: string, file: string, line: number, column: string): string {
  if (!v) throw new InputError(file, line, `empty ${column}`);
  return v;
}

const list = (v: string) => v.split("|").map((s) => s.trim()).filter(Boolean);

export function parseCustomers(text: string, file: string): CustomerInput[] {
  const rows = parseTable(text, file, CUSTOMER_COLUMNS, CUSTOMER_OPTIONAL_COLUMNS);
  const customers: CustomerInput[] = rows.map((r) => ({
    id: required(r.customer_id, file, r.line, "customer_id"),
    name: r.name,
    aliases: list(r.aliases),
    entity: required(r.entity, file, r.line, "entity"),
    bankAccounts: list(r.bank_accounts),
    ...(r.parent_customer_id ? { parentId: r.parent_customer_id } : {}),
  }));
  // The optional column never makes a file unreadable: a parent that is not a customer is no parent (the engine
  // bounds its walks up the hierarchy, so odd data cannot loop), one in another entity pays nothing here.
  const ids = new Set(customers.map((c) => c.id));
  for (const c of customers) if (c.parentId && !ids.has(c.parentId)) delete c.parentId;
  return customers;
}

export function parseInvoices(text: string, file: string): InvoiceInput[] {
  return parseTable(text, file, INVOICE_COLUMNS).map((r) => {
    const currency = checkCurrency(r.currency, file, r.line);
    return {
      id: required(r.invoice_id, file, r.line, "invoice_id"),
      number: required(r.invoice_number, file, r.line, "invoice_number"),
      customerId: required(r.customer_id, file, r.line, "customer_id"),
      entity: required(r.entity, file, r.line, "entity"),
      currency,
      amount: checkAmount(r.amount, currency, file, r.line, "amount"),
      openAmount: checkAmount(r.open_amount, currency, file, r.line, "open_amount"),
      issueDate: checkDate(r.issue_date, file, r.line, "issue_date", false),
      dueDate: checkDate(r.due_date, file, r.line, "due_date", false),
      poNumber: r.po_number || null,
    };
  });
}

export function parseReceipts(text: string, file: string): ReceiptInput[] {
  return parseTable(text, file, RECEIPT_COLUMNS).map((r) => {
    const currency = checkCurrency(r.currency, file, r.line);
    return {
      id: required(r.receipt_id, file, r.line, "receipt_id"),
      entity: required(r.entity, file, r.line, "entity"),
      currency,
      amount: checkAmount(r.amount, currency, file, r.line, "amount"),
      valueDate: checkDate(r.value_date, file, r.line, "value_date", true),
      channel: r.channel,
      payerName: r.payer_name,
      payerAccount: r.payer_account || null,
      remittance: r.remittance || null,
      bankReference: r.bank_reference || null,
    };
  });
}

export interface MatchFiles {
  customers: CustomerInput[];
  invoices: InvoiceInput[];
  receipts: ReceiptInput[];
}

/** Read and validate all three files; throws InputError on the first problem. */
export function loadMatchFiles(paths: { customers: string; invoices: string; receipts: string }): MatchFiles {
  const customers = parseCustomers(readText(paths.customers), paths.customers);
  const invoices = parseInvoices(readText(paths.invoices), paths.invoices);
  const receipts = parseReceipts(readText(paths.receipts), paths.receipts);
  return { customers, invoices, receipts };
}
