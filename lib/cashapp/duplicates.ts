// Duplicate receipts: same bank reference, amount, value date and payer as an earlier receipt.
import { accountKey } from "./normalise.ts";
import { parseMoney } from "./money.ts";
import type { ReceiptInput } from "./types.ts";

// The receipt last asked about, the fields its key was made of, and the key (deciding and then
// committing a receipt asks twice; the fields guard against a caller changing the object in between).
let last: ReceiptInput | null = null;
let lastFields: unknown[] = [];
let lastKey: string | null = null;

/** The identity of a receipt for duplicate detection, or null when it has no bank reference. */
export function duplicateKey(r: ReceiptInput): string | null {
  if (r === last && sameFields(r, lastFields)) return lastKey;
  lastKey = computeKey(r);
  last = r;
  lastFields = [r.entity, r.currency, r.bankReference, r.amount, r.valueDate, r.payerName, r.payerAccount];
  return lastKey;
}

function sameFields(r: ReceiptInput, f: unknown[]): boolean {
  return r.entity === f[0] && r.currency === f[1] && r.bankReference === f[2] && r.amount === f[3] &&
    r.valueDate === f[4] && r.payerName === f[5] && r.payerAccount === f[6];
}

function computeKey(r: ReceiptInput): string | null {
  const ref = r.bankReference ? r.bankReference.trim().toUpperCase() : "";
  if (!ref) return null; // without a bank reference two equal payments are not provably the same one
  let amount: string;
  try {
    amount = parseMoney(r.amount, r.currency).toString();
  } catch {
    amount = r.amount.trim();
  }
  // The same bank transaction delivered twice carries the same payer text; case and spacing aside.
  let name = r.payerName ? r.payerName.trim() : "";
  if (/\s\s|[\t\n\r]/.test(name)) name = name.replace(/\s+/g, " ");
  return r.entity + "|" + r.currency + "|" + ref + "|" + amount + "|" + r.valueDate.trim() + "|" +
    name.toUpperCase() + "/" + accountKey(r.payerAccount);
}

export class DuplicateLedger {
  private seen = new Map<string, string>();

  constructor(prior: Iterable<ReceiptInput> = []) {
    for (const r of prior) this.add(r);
  }

  /** The id of the earlier identical receipt, if any. */
  earlier(r: ReceiptInput): string | undefined {
    const k = duplicateKey(r);
    return k === null ? undefined : this.seen.get(k);
  }

  add(r: ReceiptInput): void {
    const k = duplicateKey(r);
    if (k !== null && !this.seen.has(k)) this.seen.set(k, r.id);
  }

  get size(): number {
    return this.seen.size;
  }
}
