// The entry the product (uploads, drop folder, mailbox, API) and `cashline parse-remittance` use: bytes in, advices
// out, pure (no database). Each format lives in formats/<format>.ts; this picks one and decodes the bytes.
// parseRemittanceAsync reads every format: the product, both CLI commands and the benchmark use it. parseRemittance
// (synchronous; every format but XLSX and PDF, whose libraries only read asynchronously) is kept for the parsers'
// fuzz tests alone, whose fast-check properties and per-parse time bound are synchronous.
import { detectRemittanceFormat } from "./detect.ts";
import { parseBaiLockbox } from "./formats/bai-lockbox.ts";
import { parseCamtRemittance } from "./formats/camt-remittance.ts";
import { parseRemittanceCsv } from "./formats/csv.ts";
import { isContractCsvHeader, parseCustomerCsv } from "./formats/customer-csv.ts";
import type { ColumnMapping } from "./formats/column-mapping.ts";
import { parseRemittancePdf } from "./formats/pdf-advice.ts";
import { parseRemittanceXlsx } from "./formats/xlsx.ts";
import { parseX12_820 } from "./formats/x12-820.ts";
import { RemittanceParseError, type ParsedRemittance, type RemittanceFormat } from "./types.ts";

export type ParseRemittanceOptions = {
  format?: RemittanceFormat | "auto"; fileName?: string;
  /** The sender's confirmed spreadsheet mapping (RemittanceColumnMapping): XLSX and customer CSVs are read with it. */
  mapping?: ColumnMapping;
  /** Read a CSV without the contract header as a customer's spreadsheet (guessed columns). The product does; the CLI keeps to the contract. */
  customerSheets?: boolean;
};

const ASYNC_FORMATS: Partial<Record<RemittanceFormat, (bytes: Uint8Array, opts: ParseRemittanceOptions) => Promise<ParsedRemittance["advices"]>>> = {
  xlsx: (bytes, opts) => parseRemittanceXlsx(bytes, opts.mapping),
  pdf: (bytes) => parseRemittancePdf(bytes),
  csv: async (bytes, opts) => {
    const text = decode(bytes);
    return isContractCsvHeader(text) ? parseRemittanceCsv(text) : parseCustomerCsv(text, opts.mapping);
  },
};

/**
 * Every format, XLSX spreadsheets and PDF advices included (their advices carry an `extraction`: confidence, guessed
 * mapping, needsReview). Refusals as parseRemittance's.
 */
export async function parseRemittanceAsync(bytes: Uint8Array, opts: ParseRemittanceOptions = {}): Promise<ParsedRemittance> {
  const format = opts.format && opts.format !== "auto" ? opts.format : detect(bytes, opts.fileName);
  const read = ASYNC_FORMATS[format];
  if (!read || (format === "csv" && !opts.customerSheets && !opts.mapping)) return parseRemittance(bytes, { ...opts, format });
  try {
    return { format, advices: await read(bytes, opts) };
  } catch (e) {
    if (e instanceof RemittanceParseError) throw new RemittanceParseError(printable(e.where), printable(e.problem));
    throw e;
  }
}

/**
 * Parses one remittance file. Throws RemittanceParseError (where: line, segment/element or XML path; problem) for a
 * file that cannot be read as the format, never returns a partial result.
 */
export function parseRemittance(bytes: Uint8Array, opts: ParseRemittanceOptions = {}): ParsedRemittance {
  try {
    return parse(bytes, opts);
  } catch (e) {
    // Messages quote the file's own text: control characters (a newline inside an element) would break the one line.
    if (e instanceof RemittanceParseError) throw new RemittanceParseError(printable(e.where), printable(e.problem));
    throw e;
  }
}

const printable = (s: string) => s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, "?");

function detect(bytes: Uint8Array, fileName?: string): RemittanceFormat {
  const head = new TextDecoder("utf-8").decode(bytes.subarray(0, 4096)); // drops a UTF-8 byte order mark
  const format = detectRemittanceFormat(head, fileName);
  if (!format) {
    throw new RemittanceParseError("line 1", "cannot detect the remittance format (expected an X12 820, a camt.053/054 document, a lockbox transmission, the remittance CSV header, an XLSX workbook or a PDF)");
  }
  return format;
}

function parse(bytes: Uint8Array, opts: ParseRemittanceOptions): ParsedRemittance {
  const format = !opts.format || opts.format === "auto" ? detect(bytes, opts.fileName) : opts.format;
  if (format === "xlsx" || format === "pdf") throw new RemittanceParseError("file", `${format} is read asynchronously: use parseRemittanceAsync`);
  const text = decode(bytes);
  switch (format) {
    case "x12-820": return { format, advices: parseX12_820(text) };
    case "bai2-lockbox": return { format, advices: parseBaiLockbox(text) };
    case "csv": return { format, advices: parseRemittanceCsv(text) };
    case "camt053": case "camt054": return parseCamtRemittance(text); // the document says which of the two it is
    default: throw new RemittanceParseError("file", `unsupported format ${format}`);
  }
}

/** UTF-8 when valid, else Latin-1 (older EDI and lockbox files), one byte per character so fixed columns stay put. */
function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("latin1").decode(bytes);
  }
}
