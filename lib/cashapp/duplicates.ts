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

/** The key fields of a receipt (a ledger keeps these, not the receipt, which its owner may change later). */
type KeyFields = Pick<ReceiptInput, "entity" | "currency" | "bankReference" | "amount" | "valueDate" | "payerName" | "payerAccount">;

function computeKey(r: KeyFields): string | null {
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

/** A receipt the ledger has seen: its key fields, id, and its key once it was needed. */
interface Seen extends KeyFields {
  id: string;
  key: string | null;
}

/**
 * Which bucket a receipt's key falls in: its bank reference as the key writes it, or null without one. Equal keys
 * have equal references as long as no key field contains the key's separator "|" (then the fields split the key
 * one way only); a receipt with one anywhere goes to the shared bucket "|" (no reference on its own is "|"), so
 * receipts with equal keys always share a bucket.
 */
function bucketOf(r: ReceiptInput): string | null {
  const ref = r.bankReference ? r.bankReference.trim().toUpperCase() : "";
  if (!ref) return null;
  if (ref.includes("|") || r.entity.includes("|") || r.currency.includes("|") || r.amount.includes("|") ||
    r.valueDate.includes("|") || (r.payerName ?? "").includes("|")) return "|";
  return ref;
}

/**
 * Receipts seen, by bank reference: the full key (amount, value date, payer …) is made only when two receipts
 * share a reference — rare, so most receipts cost one short lookup instead of building and hashing a long key.
 */
export class DuplicateLedger {
  private byRef = new Map<string, Seen | Seen[]>();
  private keys = 0;
  // The receipt last looked up, its bucket and what the bucket held (deciding and then committing a receipt looks
  // it up twice; the fields the bucket is made of guard against a caller changing the object in between).
  private looked: ReceiptInput | null = null;
  private lookedFields: (string | null | undefined)[] = [];
  private lookedBucket: string | null = null;
  private lookedSeen: Seen | Seen[] | undefined = undefined;

  constructor(prior: Iterable<ReceiptInput> = []) {
    for (const r of prior) this.add(r);
  }

  private lookup(r: ReceiptInput): { b: string | null; seen: Seen | Seen[] | undefined } {
    const f = this.lookedFields;
    if (r !== this.looked || r.bankReference !== f[0] || r.entity !== f[1] || r.currency !== f[2] || r.amount !== f[3] ||
      r.valueDate !== f[4] || r.payerName !== f[5]) {
      this.looked = r;
      this.lookedFields = [r.bankReference, r.entity, r.currency, r.amount, r.valueDate, r.payerName];
      this.lookedBucket = bucketOf(r);
      this.lookedSeen = this.lookedBucket === null ? undefined : this.byRef.get(this.lookedBucket);
    }
    return { b: this.lookedBucket, seen: this.lookedSeen };
  }

  /** The id of the earlier identical receipt, if any. */
  earlier(r: ReceiptInput): string | undefined {
    const { seen } = this.lookup(r);
    if (seen === undefined) return undefined;
    const k = duplicateKey(r);
    if (!Array.isArray(seen)) return keyOf(seen) === k ? seen.id : undefined;
    for (const s of seen) if (keyOf(s) === k) return s.id;
    return undefined;
  }

  add(r: ReceiptInput): void {
    const { b, seen } = this.lookup(r);
    if (b === null) return;
    if (seen !== undefined && this.earlier(r) !== undefined) return; // the first receipt with a key keeps it
    this.looked = null; // the bucket changes now
    if (seen === undefined) this.byRef.set(b, snapshot(r));
    else if (Array.isArray(seen)) seen.push(snapshot(r));
    else this.byRef.set(b, [seen, snapshot(r)]);
    this.keys++;
  }

  get size(): number {
    return this.keys;
  }
}

function snapshot(r: ReceiptInput): Seen {
  return {
    entity: r.entity, currency: r.currency, bankReference: r.bankReference, amount: r.amount, valueDate: r.valueDate,
    payerName: r.payerName, payerAccount: r.payerAccount, id: r.id, key: null,
  };
}

function keyOf(s: Seen): string | null {
  return (s.key ??= computeKey(s));
}
