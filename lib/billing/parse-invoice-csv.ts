// The invoice backfill file, checked row by row before anything is stored. Columns (header row required, any
// order): invoice_number, customer_id (the billing customer id), entity, currency, amount (decimal, e.g.
// 1250.00), issue_date and due_date (YYYY-MM-DD), po_number (optional). Every problem is reported with its
// line and column so the whole file can be fixed in one go.
import { parseCsv, CsvSyntaxError } from "../cashapp/csv.ts";
import { isCurrency, toMinor } from "../money/money.ts";

export const INVOICE_CSV_COLUMNS = ["invoice_number", "customer_id", "entity", "currency", "amount", "issue_date", "due_date", "po_number"] as const;
const REQUIRED = INVOICE_CSV_COLUMNS.filter((c) => c !== "po_number");

export type CsvProblem = { line: number; column: string | null; message: string };
export type InvoiceCsvRow = {
  line: number; number: string; billingCustomerId: string; entity: string; currency: string; amountMinor: bigint;
  issueDate: Date; dueDate: Date; poNumber: string | null;
};

function isoDate(v: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
  const d = new Date(`${v}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v ? null : d;
}

export function parseInvoiceCsv(text: string): { rows: InvoiceCsvRow[]; problems: CsvProblem[] } {
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { rows: [], problems: [{ line: e.line, column: null, message: e.problem }] };
    throw e;
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [{ line: 1, column: null, message: "the file is empty" }] };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const problems: CsvProblem[] = [];
  for (const n of names) if (!(INVOICE_CSV_COLUMNS as readonly string[]).includes(n)) problems.push({ line: 1, column: n, message: `unknown column; expected ${INVOICE_CSV_COLUMNS.join(",")}` });
  for (const c of REQUIRED) if (!names.includes(c)) problems.push({ line: 1, column: c, message: "required column is missing" });
  if (problems.length) return { rows: [], problems };
  if (body.length === 0) return { rows: [], problems: [{ line: 2, column: null, message: "the file has a header but no invoices" }] };

  const rows: InvoiceCsvRow[] = [];
  const seen = new Map<string, number>();
  for (const rec of body) {
    const at = (line: number, column: string | null, message: string) => problems.push({ line, column, message });
    if (rec.fields.length !== names.length) {
      at(rec.line, null, `has ${rec.fields.length} fields, the header has ${names.length}`);
      continue;
    }
    const v = (c: string) => (rec.fields[names.indexOf(c)] ?? "").trim();
    const before = problems.length;
    for (const c of REQUIRED) if (!v(c)) at(rec.line, c, "is empty");
    const currency = v("currency").toUpperCase();
    if (currency && !isCurrency(currency)) at(rec.line, "currency", `"${v("currency")}" is not an ISO 4217 currency code`);
    let amountMinor = 0n;
    if (v("amount") && isCurrency(currency)) {
      try {
        amountMinor = toMinor(v("amount"), currency);
        if (amountMinor <= 0n) at(rec.line, "amount", "must be greater than zero");
      } catch (e) {
        at(rec.line, "amount", (e as Error).message);
      }
    }
    const issueDate = v("issue_date") ? isoDate(v("issue_date")) : null;
    const dueDate = v("due_date") ? isoDate(v("due_date")) : null;
    if (v("issue_date") && !issueDate) at(rec.line, "issue_date", `"${v("issue_date")}" is not a date (YYYY-MM-DD)`);
    if (v("due_date") && !dueDate) at(rec.line, "due_date", `"${v("due_date")}" is not a date (YYYY-MM-DD)`);
    if (issueDate && dueDate && dueDate < issueDate) at(rec.line, "due_date", "is before issue_date");
    if (v("invoice_number").length > 60) at(rec.line, "invoice_number", "is longer than 60 characters");
    const key = `${v("entity").toUpperCase()}|${v("invoice_number")}`;
    if (v("invoice_number") && seen.has(key)) at(rec.line, "invoice_number", `duplicates line ${seen.get(key)} (same entity and invoice number)`);
    else seen.set(key, rec.line);
    if (problems.length > before) continue;
    rows.push({
      line: rec.line, number: v("invoice_number"), billingCustomerId: v("customer_id"), entity: v("entity").toUpperCase(), currency, amountMinor,
      issueDate: issueDate!, dueDate: dueDate!, poNumber: names.includes("po_number") ? v("po_number") || null : null,
    });
  }
  return { rows, problems };
}
