// Bounded subset-sum: which sets of open invoices (up to maxSetSize of them) add up to a receipt amount
// within tolerance? Depth-first over amounts sorted high→low with sum bounds; stops after `maxFits` fits
// or `maxNodes` search nodes (then `exhausted` is true and uniqueness is unproven).

export interface SubsetItem {
  idx: number;
  open: bigint;
}

export interface SubsetFit {
  items: number[];
  total: bigint;
  /** amount − total. */
  diff: bigint;
}

export interface SubsetOptions {
  maxSetSize: number;
  maxNodes: number;
  /** Stop after this many fits (2 is enough to know "not unique"). */
  maxFits: number;
  /** Upper bound of any write-off (prunes the search); `fits` makes the exact decision. */
  maxTolerance: bigint;
  /** Exact tolerance test for a candidate total (default: total === amount). */
  fits?: (total: bigint) => boolean;
  /** Smallest set size searched (default 1). */
  minSetSize?: number;
}

export interface SubsetResult {
  fits: SubsetFit[];
  exhausted: boolean;
  nodes: number;
}

export function findFittingSets(items: readonly SubsetItem[], amount: bigint, opt: SubsetOptions): SubsetResult {
  const sorted = [...items].filter((i) => i.open > 0n).sort((a, b) => (a.open > b.open ? -1 : a.open < b.open ? 1 : a.idx - b.idx));
  const n = sorted.length;
  const prefix: bigint[] = new Array(n + 1);
  prefix[0] = 0n;
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + sorted[i]!.open;
  const lo = amount - opt.maxTolerance;
  const hi = amount + opt.maxTolerance;
  const minSize = opt.minSetSize ?? 1;
  const st: Search = {
    sorted, prefix, n, lo, hi, minSize, opt, amount, out: [], chosen: [], nodes: 0, exhausted: false,
  };
  dfs(st, 0, 0n);
  return { fits: st.out, exhausted: st.exhausted, nodes: st.nodes };
}

interface Search {
  sorted: SubsetItem[];
  prefix: bigint[];
  n: number;
  lo: bigint;
  hi: bigint;
  minSize: number;
  opt: SubsetOptions;
  amount: bigint;
  out: SubsetFit[];
  chosen: number[];
  nodes: number;
  exhausted: boolean;
}

/** Depth-first search; true = stop (enough fits or budget exhausted). */
function dfs(st: Search, start: number, sum: bigint): boolean {
  if (++st.nodes > st.opt.maxNodes) {
    st.exhausted = true;
    return true;
  }
  const room = st.opt.maxSetSize - st.chosen.length;
  if (room === 0) return false;
  for (let i = start; i < st.n; i++) {
    // The largest `room` items from i on cannot reach the lower bound: nothing further can.
    const top = st.prefix[Math.min(st.n, i + room)]! - st.prefix[i]!;
    if (sum + top < st.lo) return false;
    const s = sum + st.sorted[i]!.open;
    if (s > st.hi) continue;
    st.chosen.push(st.sorted[i]!.idx);
    if (s >= st.lo && st.chosen.length >= st.minSize && (st.opt.fits ? st.opt.fits(s) : s === st.amount)) {
      st.out.push({ items: [...st.chosen], total: s, diff: st.amount - s });
      if (st.out.length >= st.opt.maxFits) return true;
    }
    if (dfs(st, i + 1, s)) return true;
    st.chosen.pop();
  }
  return false;
}
