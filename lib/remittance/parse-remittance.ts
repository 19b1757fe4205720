// The single entry the product (uploads, drop folder, mailbox, API) and `cashline parse-remittance` use: bytes in,
// advices out, pure (no database). Each format lives in formats/<format>.ts; this picks one and decodes the bytes.
import { detectRemittanceFormat } from "./detect.ts";
import { parseBaiLockbox } from "./formats/bai-lockbox.ts";
import { parseCamtRemittance } from "./formats/camt-remittance.ts";
import { parseRemittanceCsv } from "./formats/csv.ts";
import { parseX12_820 } from "./formats/x12-820.ts";
import { RemittanceParseError, type ParsedRemittance, type RemittanceFormat } from "./types.ts";

export type ParseRemittanceOptions = { format?: RemittanceFormat | "auto"; fileName?: string };

/** Packages a format needs that this installation does not have (the parse then names them). */
const MISSING_PACKAGES: Partial<Record<RemittanceFormat, string>> = {
  xlsx: "reading XLSX spreadsheets needs the npm package exceljs (or read-excel-file), which is not installed; save the sheet as CSV meanwhile",
  pdf: "reading PDF advices needs the npm package unpdf (or pdfjs-dist), which is not installed",
};

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

function parse(bytes: Uint8Array, opts: ParseRemittanceOptions): ParsedRemittance {
  const head = new TextDecoder("utf-8").decode(bytes.subarray(0, 4096)); // drops a UTF-8 byte order mark
  const format = !opts.format || opts.format === "auto" ? detectRemittanceFormat(head, opts.fileName) : opts.format;
  if (!format) {
    throw new RemittanceParseError("line 1", "cannot detect the remittance format (expected an X12 820, a camt.053/054 document, a lockbox transmission or the remittance CSV header)");
  }
  const missing = MISSING_PACKAGES[format];
  if (missing) throw new RemittanceParseError("file", missing);
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
