// Customers' own remittance spreadsheets (CSV exports, later XLSX): guess which column is which from the header,
// let an analyst confirm (remit-product saves the confirmed mapping per customer), then read the rows with it.
// A mapping names columns by their header text, so it still fits when a customer reorders columns.
export const MAPPED_FIELDS = [
  "payment_reference", "payer_name", "currency", "payment_amount", "payment_date", "document", "paid", "invoice_amount",
  "discount", "deduction", "adjustment_amount", "adjustment_reason", "adjustment_text",
] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

export type ColumnMapping = {
  /** Field → header text of its column (matched ignoring case, blanks and punctuation). */
  columns: Partial<Record<MappedField, string>>;
  /** Values for fields the sheet has no column for (an e-mailed advice often states currency and date once). */
  defaults?: { payment_reference?: string; payer_name?: string; currency?: string; payment_date?: string };
  /** How "03/04/2026" reads; unset: guessed from the rows (a first number above 12 means day first). */
  dateOrder?: "mdy" | "dmy";
  /** Decimal separator of the amounts: "." (1,234.56) or "," (1.234,56). Default ".". */
  decimal?: "." | ",";
};

export type MappingGuess = {
  mapping: ColumnMapping;
  /** 0..1: 1 when every column needed was named exactly as expected; below 0.8 an analyst should look twice. */
  confidence: number;
  fields: { field: MappedField; header: string; score: number }[];
  unmapped: string[];
};

/** Synonyms per field, written normalised (see `normalise`). The first list entries are the strongest. */
const SYNONYMS: Record<MappedField, string[]> = {
  payment_reference: ["payment reference", "payment number", "check number", "payment id", "trace number", "remittance number", "remittance id", "eft number", "transaction reference", "payment reference number"],
  payer_name: ["payer", "payer name", "customer", "customer name", "remitter", "remitter name", "paid by", "company name"],
  currency: ["currency", "ccy", "currency code", "cur"],
  payment_amount: ["payment amount", "check amount", "total payment", "payment total", "total paid", "amount of payment", "net payment", "remittance amount"],
  payment_date: ["payment date", "check date", "date paid", "paid date", "value date", "remittance date", "pay date"],
  document: ["invoice number", "invoice", "document number", "document", "invoice reference", "bill number", "your invoice number", "your reference", "reference number", "supplier invoice number"],
  paid: ["amount paid", "paid amount", "paid", "net amount", "net paid", "amount", "net", "payment", "amount remitted"],
  invoice_amount: ["invoice amount", "gross amount", "original amount", "invoice total", "amount due", "gross", "invoice value", "document amount"],
  discount: ["discount", "discount amount", "discount taken", "cash discount", "disc"],
  deduction: ["deduction", "deduction amount", "deductions", "short paid", "short pay", "chargeback", "chargeback amount", "withheld"],
  adjustment_amount: ["adjustment", "adjustment amount", "adjustments", "adj"],
  adjustment_reason: ["reason", "reason code", "deduction reason", "adjustment reason", "deduction code", "adjustment code"],
  adjustment_text: ["comment", "comments", "remarks", "memo", "note", "notes", "description", "explanation"],
};

/** "Inv. No", "Invoice #", "INVOICE NBR" → "invoice number"; "Amt Paid" → "amount paid". */
export function normalise(header: string): string {
  return ` ${header.toLowerCase().replace(/#/g, " number ").replace(/[^a-z0-9]+/g, " ")} `
    .replace(/ (?:no|nbr|num|nr) /g, " number ")
    .replace(/ amt /g, " amount ").replace(/ inv /g, " invoice ").replace(/ ref /g, " reference ")
    .replace(/ (?:chk|cheque) /g, " check ").replace(/ doc /g, " document ").replace(/ pmt /g, " payment ")
    .replace(/\s+/g, " ").trim();
}

function score(header: string, synonyms: string[]): number {
  const h = normalise(header);
  if (!h) return 0;
  let best = 0;
  synonyms.forEach((syn, i) => {
    const rank = 1 - Math.min(i, 5) * 0.02; // earlier synonyms are the stronger ones
    if (h === syn) best = Math.max(best, rank);
    else if (syn.split(" ").every((w) => ` ${h} `.includes(` ${w} `))) best = Math.max(best, 0.7 * rank);
  });
  return best;
}

/** The mapping a first look at the headers suggests, with how sure it is. */
export function guessColumnMapping(headers: string[]): MappingGuess {
  const candidates: { field: MappedField; header: string; score: number }[] = [];
  for (const field of MAPPED_FIELDS) for (const header of headers) {
    const s = score(header, SYNONYMS[field]);
    if (s > 0) candidates.push({ field, header, score: s });
  }
  // Best pairs first; each field one column, each column one field.
  candidates.sort((a, b) => b.score - a.score || MAPPED_FIELDS.indexOf(a.field) - MAPPED_FIELDS.indexOf(b.field));
  const fields: MappingGuess["fields"] = [];
  const usedHeaders = new Set<string>();
  for (const c of candidates) {
    if (fields.some((f) => f.field === c.field) || usedHeaders.has(c.header)) continue;
    fields.push(c);
    usedHeaders.add(c.header);
  }
  fields.sort((a, b) => MAPPED_FIELDS.indexOf(a.field) - MAPPED_FIELDS.indexOf(b.field));
  const columns: ColumnMapping["columns"] = {};
  for (const f of fields) columns[f.field] = f.header;
  // What a line needs: a document and what is paid on it (or an invoice amount to derive it from).
  const needed = [fields.find((f) => f.field === "document"), fields.find((f) => f.field === "paid") ?? fields.find((f) => f.field === "invoice_amount")];
  const confidence = needed.every(Boolean)
    ? Math.round((fields.reduce((s, f) => s + f.score, 0) / fields.length) * Math.min(...needed.map((f) => f!.score)) * 100) / 100
    : 0;
  return { mapping: { columns }, confidence, fields, unmapped: headers.filter((h) => !usedHeaders.has(h) && h.trim() !== "") };
}
