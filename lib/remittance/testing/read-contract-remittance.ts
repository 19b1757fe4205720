// TEMPORARY stand-in for lib/remittance/parse-remittance.ts (remit-formats' branch): reads the contract's CSV
// remittance (contracts/remittance.md) and, minimally, X12 820. Same signature as parseRemittance, so the lead
// switches the one import in lib/cli/match-remittances.ts (and scripts/bench-remittance.ts) at merge.
import { parseCsv, CsvSyntaxError } from "../../cashapp/csv.ts";
import { isKnownCurrency, parseMoney, formatMoney } from "../../cashapp/money.ts";
import { DEDUCTION_REASONS, RemittanceParseError, type DeductionReason, type ParsedRemittance, type RemittanceAdvice } from "../types.ts";
import { readX12820 } from "./read-x12-820.ts";

export const CSV_COLUMNS = [
  "payment_reference", "payer_name", "currency", "payment_amount", "payment_date", "document", "paid", "invoice_amount",
  "discount", "adjustment_amount", "adjustment_reason", "adjustment_text",
] as const;

export function parseRemittance(bytes: Uint8Array, options: { format?: string; fileName?: string } = {}): ParsedRemittance {
  const file = options.fileName ?? "remittance";
  const text = new TextDecoder("utf-8").decode(bytes);
  const format = !options.format || options.format === "auto" ? (/^\uFEFF?\s*ISA/.test(text) ? "x12-820" : "csv") : options.format;
  if (format === "x12-820") return { format, advices: readX12820(text, file) };
  if (format === "csv") return { format, advices: readCsv(text, file) };
  throw new RemittanceParseError(file, `format ${format} is not read by the temporary reader`);
}

function readCsv(text: string, file: string): RemittanceAdvice[] {
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new RemittanceParseError(`${file}: line ${e.line}`, e.problem);
    throw e;
  }
  if (!records.length) throw new RemittanceParseError(`${file}: line 1`, "empty file (no header row)");
  const header = records[0]!.fields.map((h) => h.trim().toLowerCase());
  const pos = CSV_COLUMNS.map((c) => {
    const k = header.indexOf(c);
    if (k < 0) throw new RemittanceParseError(`${file}: line 1`, `missing column "${c}"`);
    return k;
  });
  const byRef = new Map<string, RemittanceAdvice>();
  for (const rec of records.slice(1)) {
    const where = `${file}: line ${rec.line}`;
    if (rec.fields.length !== header.length) throw new RemittanceParseError(where, `expected ${header.length} fields, found ${rec.fields.length}`);
    const [ref, payer, currencyRaw, paymentAmount, date, document, paid, invoiceAmount, discount, adjAmount, adjReason, adjText] = pos.map((k) => rec.fields[k]!.trim());
    const currency = currencyRaw!.toUpperCase();
    if (!ref) throw new RemittanceParseError(where, "empty payment_reference");
    if (!document) throw new RemittanceParseError(where, "empty document");
    if (!/^[A-Z]{3}$/.test(currency) || !isKnownCurrency(currency)) throw new RemittanceParseError(where, `unknown currency "${currencyRaw}"`);
    if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RemittanceParseError(where, `unparsable payment_date "${date}" (expected YYYY-MM-DD)`);
    const money = (v: string, column: string, required: boolean): bigint => {
      if (!v) {
        if (required) throw new RemittanceParseError(where, `empty ${column}`);
        return 0n;
      }
      try {
        return parseMoney(v, currency);
      } catch {
        throw new RemittanceParseError(where, `unparsable ${column} "${v}"`);
      }
    };
    const total = money(paymentAmount!, "payment_amount", true);
    const p = money(paid!, "paid", true);
    const inv = invoiceAmount ? money(invoiceAmount, "invoice_amount", true) : null;
    const disc = money(discount!, "discount", false);
    let adj = money(adjAmount!, "adjustment_amount", false);
    // A deduction written as a positive number ("30.00", reason DAMAGED) when the line says so: paid + discount + 30 = invoice.
    if (adj > 0n && inv !== null && p + disc + adj === inv) adj = -adj;
    let advice = byRef.get(ref);
    if (!advice) {
      byRef.set(ref, (advice = {
        payment_reference: ref, payer_name: payer || null, payer_id: null, payee_name: null, currency,
        payment_amount: formatMoney(total, currency), payment_date: date || null, method: null, lines: [],
      }));
    } else if (advice.currency !== currency || parseMoney(advice.payment_amount, currency) !== total) {
      throw new RemittanceParseError(where, `payment ${ref} has another currency or payment_amount than on its first row`);
    }
    const reason = (adjReason ?? "").toUpperCase().replace(/[\s-]+/g, "_");
    advice.lines.push({
      document, document_type: p < 0n ? "credit_memo" : "invoice", paid: formatMoney(p, currency),
      invoice_amount: inv === null ? null : formatMoney(inv, currency), discount: formatMoney(disc, currency),
      adjustments: adj === 0n ? [] : [{
        amount: formatMoney(adj, currency),
        reason: (DEDUCTION_REASONS as readonly string[]).includes(reason) ? (reason as DeductionReason) : "OTHER",
        code: adjReason || null, text: adjText || null,
      }],
    });
  }
  return [...byRef.values()];
}
