// NACHA record layouts and code tables (94-character fixed-width records). Field positions are
// 0-based [start, end) slices of the record.

export const RECORD_LENGTH = 94;

/** Entry transaction codes: x1-x4 credit the receiver's account, x5-x9 debit it; 81-88 are ADV. */
export function transactionSign(code: number): 1n | -1n | null {
  if (code >= 81 && code <= 88) return code % 2 === 1 ? 1n : -1n;
  const family = Math.floor(code / 10), kind = code % 10;
  if (family < 2 || family > 5 || kind === 0) return null;
  if (kind <= 4) return 1n;
  if (kind === 5) return family === 5 ? -1n : null; // 55: loan reversal (debit)
  return -1n;
}

export const SERVICE_CLASSES = new Set(["200", "220", "225", "280"]);
export const ADDENDA_TYPES = new Set(["02", "05", "10", "11", "12", "13", "14", "15", "16", "17", "18", "98", "99"]);

export interface EntryLayout {
  amount: [number, number];
  account: [number, number];
  name: [number, number];
  id: [number, number] | null;
  addendaIndicator: number;
  trace: [number, number];
}

const STANDARD: EntryLayout = { amount: [29, 39], account: [12, 29], name: [54, 76], id: [39, 54], addendaIndicator: 78, trace: [79, 94] };

/** Where the SEC code moves the receiver's name and identification in the entry record. */
export function entryLayout(sec: string): EntryLayout {
  switch (sec) {
    case "CTX":
      return { ...STANDARD, name: [58, 74] };
    case "CIE":
      return { ...STANDARD, name: [39, 54], id: [54, 76] };
    case "IAT": // name and account details live in addenda 10-16
      return { ...STANDARD, account: [39, 74], name: [0, 0], id: null };
    case "ADV":
      return { amount: [27, 39], account: [12, 27], name: [54, 76], id: null, addendaIndicator: 78, trace: [79, 94] };
    default:
      return STANDARD;
  }
}

type Span = readonly [number, number];

/** Batch control (8) fields; ADV batches carry 20-digit totals. */
export function batchControlLayout(adv: boolean): Record<"count" | "hash" | "debit" | "credit" | "odfi" | "batch", Span> {
  return adv
    ? { count: [4, 10], hash: [10, 20], debit: [20, 40], credit: [40, 60], odfi: [79, 87], batch: [87, 94] }
    : { count: [4, 10], hash: [10, 20], debit: [20, 32], credit: [32, 44], odfi: [79, 87], batch: [87, 94] };
}

/** File control (9) fields; ADV files carry 20-digit totals. */
export function fileControlLayout(adv: boolean): Record<"batches" | "count" | "hash" | "debit" | "credit", Span> {
  return adv
    ? { batches: [1, 7], count: [13, 21], hash: [21, 31], debit: [31, 51], credit: [51, 71] }
    : { batches: [1, 7], count: [13, 21], hash: [21, 31], debit: [31, 43], credit: [43, 55] };
}

export function field(record: string, [start, end]: Span): string {
  return record.slice(start, end).trim();
}
