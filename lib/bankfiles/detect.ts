// Format detection from content, never from file names. Looks only at the start of the file, so it
// also works on the first chunk of a stream.
import type { StatementFormatName } from "./types.ts";

/** How much of the start of a file detection needs. */
export const DETECT_PREFIX_CHARS = 8192;

const MT940_TAG = /^(?:\{1:|\{4:|:(?:20|21|25P?|28C?|60[FM]|61|62[FM]|64|65|86|34F|13D?|90[DC]|NS):)/m;

export function detectFormat(head: string): StatementFormatName | null {
  const text = head.replace(/^\uFEFF/, "").trimStart();
  if (text.startsWith("<")) return /urn:iso:std:iso:20022:tech:xsd:camt\.05[234]\./.test(text) ? "camt" : null;
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // BAI2 records are "NN,": any two-digit code, so a bad first record still reaches the BAI2 parser
  // and gets a precise message.
  if (/^\d\d,/.test(firstLine)) return "bai2";
  if (MT940_TAG.test(text.slice(0, DETECT_PREFIX_CHARS))) return "mt940";
  // NACHA: fixed 94-character records of digits and text, starting with a record type (1 = file header).
  if (/^[156789]\d\d/.test(firstLine) && firstLine.trimEnd().length >= 40) return "nacha";
  return null;
}
