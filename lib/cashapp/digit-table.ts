// A multimap from digit strings ("2026000103", leading zeros ignored) to ids, as an open-addressing
// hash table over typed arrays: no string keys, no per-entry objects. Built for 10^5..10^6 invoice
// numbers; keys longer than 15 significant digits fall back to a plain Map.

const EMPTY: readonly number[] = Object.freeze([]);
const MAX_DIGITS = 15; // < 2^53: exact as a double

// Slots hold key + 1 (keys are ≥ 0 and below 10^15, so key + 1 stays exact): 0 is an empty slot, and a
// fresh table needs no fill pass over its (zeroed) memory.
export class DigitTable {
  private keys: Float64Array;
  /** ≥ 0: the single id; < 0: -(k + 1) indexes `lists`. */
  private vals: Int32Array;
  private lists: number[][] = [];
  private mask: number;
  private used = 0;
  private long = new Map<string, number[]>();

  constructor(expected = 1024) {
    let cap = 1024;
    while (cap < expected * 2) cap *= 2;
    this.keys = new Float64Array(cap);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.used + this.long.size;
  }

  add(digits: string, id: number): void {
    const key = toKey(digits);
    if (key < 0) {
      const s = strip(digits);
      const list = this.long.get(s);
      if (!list) this.long.set(s, [id]);
      else if (!list.includes(id)) list.push(id);
      return;
    }
    this.addNumber(key, id);
  }

  /** Add `id` under a key below 10^15 (the digits' value). */
  addNumber(key: number, id: number): void {
    if ((this.used + 1) * 2 > this.keys.length) this.grow();
    let i = slot(key, this.mask);
    for (;;) {
      const k = this.keys[i]!;
      if (k === 0) {
        this.keys[i] = key + 1;
        this.vals[i] = id;
        this.used++;
        return;
      }
      if (k === key + 1) {
        const v = this.vals[i]!;
        if (v >= 0) {
          if (v !== id) {
            this.lists.push([v, id]);
            this.vals[i] = -this.lists.length;
          }
        } else {
          const list = this.lists[-v - 1]!;
          if (!list.includes(id)) list.push(id);
        }
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  /**
   * Add `id` under the digits of `text` (every ASCII digit in it, in order: "PO-0036105" → 36105) without
   * making the digit string; false when that needs the string path (non-ASCII text, or more than 15
   * significant digits): the caller then uses `add`. No digits at all: nothing is added (true).
   */
  addDigitsOf(text: string, id: number): boolean {
    let key = 0;
    let sig = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c > 0x7f) return false;
      if (c < 48 || c > 57) continue;
      if (sig <= 0 && c === 48) {
        sig = -1; // digits seen, all zeros so far
        continue;
      }
      if (sig < 0) sig = 0;
      if (++sig > MAX_DIGITS) return false;
      key = key * 10 + (c - 48);
    }
    if (sig !== 0) this.addNumber(key, id);
    return true;
  }

  /** Ids under these digits (read-only). */
  get(digits: string): readonly number[] {
    const key = toKey(digits);
    if (key < 0) return this.long.get(strip(digits)) ?? EMPTY;
    return this.getNumber(key);
  }

  /** Ids under the digits of a non-negative integer below 10^15 (read-only). */
  getNumber(key: number): readonly number[] {
    let i = slot(key, this.mask);
    for (;;) {
      const k = this.keys[i]!;
      if (k === 0) return EMPTY;
      if (k === key + 1) {
        const v = this.vals[i]!;
        if (v < 0) return this.lists[-v - 1]!;
        // A key read once is read again (receipts name the same invoices): its one id moves into a list
        // kept from now on, so a lookup allocates nothing after the first.
        this.lists.push([v]);
        this.vals[i] = -this.lists.length;
        return this.lists[this.lists.length - 1]!;
      }
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    this.keys = new Float64Array(oldKeys.length * 2);
    this.vals = new Int32Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const stored = oldKeys[j]!;
      if (stored === 0) continue;
      let i = slot(stored - 1, this.mask);
      while (this.keys[i] !== 0) i = (i + 1) & this.mask;
      this.keys[i] = stored;
      this.vals[i] = oldVals[j]!;
    }
  }
}

/** Numeric key of a digit string, or -1 when it has more than 15 significant digits (or non-digits). */
function toKey(digits: string): number {
  let v = 0;
  let sig = 0;
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    if (sig === 0 && c === 0) continue;
    if (++sig > MAX_DIGITS) return -1;
    v = v * 10 + c;
  }
  return v;
}

function strip(d: string): string {
  const s = d.replace(/^0+/, "");
  return s === "" ? "0" : s;
}

function slot(key: number, mask: number): number {
  const lo = key >>> 0;
  const hi = (key / 4294967296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & mask;
}
