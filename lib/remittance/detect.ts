// Remittance format detection from content (the file name only breaks a tie for CSV). Looks at the start only.
import type { RemittanceFormat } from "./types.ts";

export function detectRemittanceFormat(head: string, fileName?: string): RemittanceFormat | null {
  if (head.startsWith("%PDF-")) return "pdf";
  if (head.startsWith("PK\u0003\u0004")) return /\.csv$/i.test(fileName ?? "") ? null : "xlsx";
  const text = head.replace(/^\uFEFF/, "").trimStart();
  if (text.startsWith("ISA")) return "x12-820";
  if (text.startsWith("<")) {
    const m = /urn:iso:std:iso:20022:tech:xsd:camt\.05([34])\./.exec(text);
    return m ? (m[1] === "3" ? "camt053" : "camt054") : null;
  }
  const [first = "", second = ""] = text.split(/\r?\n|\r/, 2);
  // Lockbox: an immediate address header (1, priority, ids, YYMMDD HHMM) then the service record (2).
  if (/^1\d{2}.{20}\d{10}\s*$/.test(first) && second.startsWith("2")) return "bai2-lockbox";
  if (/(^|,)"?payment_reference"?(,|$)/i.test(first) && /(^|,)"?document"?(,|$)/i.test(first)) return "csv";
  if (/\.csv$/i.test(fileName ?? "")) return "csv";
  return null;
}
