// Name keys kept sorted for prefix search (a bank truncates "CROWNLIGHT CONSULTING LTD" to 18 characters).

export interface NameEntry {
  key: string;
  customer: number;
  learned: boolean;
}

export class NameList {
  private entries: NameEntry[] = [];
  private dirty = false;

  add(key: string, customer: number, learned: boolean): void {
    this.entries.push({ key, customer, learned });
    this.dirty = true;
  }

  /** Entries whose key starts with `prefix` (at most 51). */
  withPrefix(prefix: string): NameEntry[] {
    if (this.dirty) {
      this.entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      this.dirty = false;
    }
    const names = this.entries;
    let lo = 0;
    let hi = names.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (names[mid]!.key < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: NameEntry[] = [];
    for (let i = lo; i < names.length && names[i]!.key.startsWith(prefix); i++) {
      out.push(names[i]!);
      if (out.length > 50) break;
    }
    return out;
  }
}
