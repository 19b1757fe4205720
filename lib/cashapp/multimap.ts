// Small string-keyed multimaps (most keys hold one id: no array is allocated for those).

/** Key → one id, or several (most keys name one invoice: no array is allocated for those). */
export type Multi = Map<string, number | number[]>;

export function push(map: Multi, key: string, value: number): void {
  if (!key) return;
  const cur = map.get(key);
  if (cur === undefined) map.set(key, value);
  else if (typeof cur === "number") {
    if (cur !== value) map.set(key, [cur, value]);
  } else if (!cur.includes(value)) cur.push(value);
}

export const EMPTY: readonly number[] = Object.freeze([]);

/** All ids under a key (read-only: do not modify). */
export function multiGet(map: Multi, key: string): readonly number[] {
  const cur = map.get(key);
  if (cur === undefined) return EMPTY;
  if (typeof cur !== "number") return cur;
  // Read once, read again: the single id becomes a list kept under the key (no array per lookup after this).
  const list = [cur];
  map.set(key, list);
  return list;
}
