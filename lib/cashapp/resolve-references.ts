// Reference chains → mentions: which invoices (any entity) each written reference may mean.
// A chain is split greedily into the longest pieces that name an existing invoice number, so
// "INV 2026 003409", "2026000196 / 2026000205" and "UK-100602" all resolve; a 4-digit year part is never
// a reference on its own. Typo neighbours (one transposition or substitution) are looked up on demand.
import { isYearish } from "./invoice-keys.ts";
import type { RefChain } from "./extract-references.ts";
import type { MatchIndex } from "./index.ts";
import { stripZeros } from "./normalise.ts";

/** How a mention matched: full number, year dropped, year mistyped, PO number, typo neighbour, range fill. */
export type RefKind = "number" | "partial" | "year_typo" | "po" | "po_hint" | "typo" | "range";

/** Strong kinds are references in their own right; weak ones need the amount or the payer to agree. */
export const STRONG_KINDS: ReadonlySet<RefKind> = new Set(["number", "po_hint"]);

export interface Mention {
  /** As written (folded), for reasons. */
  text: string;
  /** Concatenated digits of the piece. */
  digits: string;
  /** Year run of the piece, when it had one. */
  year: string | null;
  /** Last run (the running number). */
  core: string;
  prefix: string;
  /** The strongest kind among the readings (see `kinds` for each group's). */
  kind: RefKind;
  /** Candidate invoice groups (a PO may name several invoices). Empty = unresolved. */
  groups: number[][];
  /** How each group was found (parallel to `groups`). */
  kinds: RefKind[];
  /** Separator between this piece and the previous piece of the same chain, or the chain's range hint. */
  rangeHint: "explicit" | "dash" | null;
}

export interface ResolveOptions {
  partialReference: boolean;
  poNumber: boolean;
}

export function resolveChains(index: MatchIndex, chains: readonly RefChain[], opt: ResolveOptions): Mention[] {
  const out: Mention[] = [];
  for (const chain of chains) {
    const runs = chain.runs;
    const n = runs.length;
    let i = 0;
    while (i < n) {
      let taken = 0;
      for (let len = Math.min(4, n - i); len >= 1 && !taken; len--) {
        if (len === 1 && i + 1 < n && isYearish(runs[i]!, index.years)) continue;
        const seg = runs.slice(i, i + len);
        const hit = lookupSegment(index, seg, chain.poHint, opt);
        if (hit) {
          out.push(mention(chain, seg, i, hit.kinds, hit.groups));
          taken = len;
        }
      }
      if (!taken && i + 1 < n && isYearish(runs[i]!, index.years)) {
        if (index.years.has(fullYear(runs[i]!))) {
          // A correct year with a running number that does not exist: unresolved (a typo candidate).
          out.push(mention(chain, runs.slice(i, i + 2), i, [], []));
          taken = 2;
        } else {
          // A mistyped year ("2062", "0226", "1025"): the running number alone, as a weak reading ...
          const hits = opt.partialReference ? index.lookupCore(runs[i + 1]!) : [];
          if (hits.length) {
            out.push(mention(chain, runs.slice(i, i + 2), i, hits.map(() => "year_typo"), hits.map((h) => [h])));
            taken = 2;
          } else {
            // ... or not a year at all ("INV 2001 2026008097": a short reference before another one).
            const seg = [runs[i]!];
            const hit = lookupSegment(index, seg, chain.poHint, opt);
            out.push(mention(chain, seg, i, hit?.kinds ?? [], hit?.groups ?? []));
            taken = 1;
          }
        }
      }
      if (!taken) {
        out.push(mention(chain, [runs[i]!], i, [], []));
        taken = 1;
      }
      i += taken;
    }
  }
  return out;
}

function mention(chain: RefChain, seg: string[], at: number, kinds: RefKind[], groups: number[][]): Mention {
  const joiner = at > 0 ? chain.joiners[at - 1]! : null;
  const rangeHint = at === 0 ? chain.rangeHint : joiner && /-/.test(joiner) ? "dash" : null;
  const year = seg.length >= 2 && (seg[0]!.length === 4 || seg[0]!.length === 2) ? fullYear(seg[0]!) : null;
  return {
    text: chain.runs.length === seg.length ? chain.text : seg.join("-"),
    digits: seg.join(""),
    year,
    core: seg[seg.length - 1]!,
    prefix: chain.prefix,
    kind: kinds.length ? kinds.reduce((a, b) => (KIND_RANK[b] < KIND_RANK[a] ? b : a)) : "number",
    kinds,
    groups,
    rangeHint,
  };
}

/** "26" → "2026" (two-digit years), anything else unchanged. */
function fullYear(s: string): string {
  return s.length === 2 ? "20" + s : s;
}

/** Strength order of kinds (lower = stronger): after scoping, only the strongest kind left is kept. */
export const KIND_RANK: Record<RefKind, number> = {
  number: 0, po_hint: 0, partial: 1, po: 1, year_typo: 2, typo: 3, range: 3,
};

/**
 * All readings of a piece, from every key that finds something: the whole digit string, year + running
 * number, running number alone, PO number. Digit strings of different series can collide
 * ("inv 2026 13310" = digits of RE2026/13310), so readings are kept together and the receipt's entity,
 * currency and the written series letters decide later (in that order: "Inv# 202512118" on a DE01 receipt
 * is RE2025/12118).
 */
function lookupSegment(
  index: MatchIndex,
  seg: string[],
  poHint: boolean,
  opt: ResolveOptions,
): { kinds: RefKind[]; groups: number[][] } | null {
  const d = seg.join("");
  const groups: number[][] = [];
  const kinds: RefKind[] = [];
  const acc = { groups, kinds };
  if (poHint && opt.poNumber) {
    const po = index.lookupPo(d);
    if (po.length) for (const g of poGroups(po)) groups.push(g), kinds.push("po_hint");
  }
  addHits(acc, index.lookupDigits(d), "number");
  // (the width the running number was written with is the whole-digit lookup above)
  if (seg.length === 2) {
    const y = fullYear(seg[0]!);
    if (index.years.has(y)) addHits(acc, index.lookupYearCore(y, seg[1]!, y === seg[0] ? seg[1]!.length : -1), "number");
  }
  if (seg.length === 1 && d.length >= 8 && index.years.has(d.slice(0, 4))) {
    addHits(acc, index.lookupYearCore(d.slice(0, 4), d.slice(4)), "number");
  }
  if (seg.length === 1 && opt.partialReference && !groups.length) addHits(acc, index.lookupCore(d), "partial");
  // "26000103": a two-digit year glued to the running number (only when nothing else reads it)
  if (seg.length === 1 && opt.partialReference && !groups.length && d.length >= 7 && index.years.has("20" + d.slice(0, 2))) {
    addHits(acc, index.lookupYearCore("20" + d.slice(0, 2), d.slice(2)), "partial");
  }
  if (opt.poNumber && !poHint && !groups.length && stripZeros(d).length >= 4) {
    const po = index.lookupPo(d);
    if (po.length) for (const g of poGroups(po)) groups.push(g), kinds.push("po");
  }
  if (!groups.length) return null;
  return { kinds, groups };
}

function addHits(acc: { groups: number[][]; kinds: RefKind[] }, hits: readonly number[], kind: RefKind): void {
  outer: for (const h of hits) {
    for (const g of acc.groups) if (g.length === 1 && g[0] === h) continue outer;
    acc.groups.push([h]);
    acc.kinds.push(kind);
  }
}

/** A PO may cover several invoices: offer all of them together, and each one alone. */
function poGroups(invoices: readonly number[]): number[][] {
  if (invoices.length === 1) return [[...invoices]];
  return [[...invoices], ...invoices.map((i) => [i])];
}

export { typoCandidates, type TypoCandidate } from "./typo-candidates.ts";

/**
 * Invoices strictly between two mentioned invoices of one series ("INV 101 to 105" → 102, 103, 104),
 * or null when the two do not form a plausible range (different series, reversed, more than 50 apart).
 */
export function rangeBetween(index: MatchIndex, a: number, b: number): number[] | null {
  const ia = index.invoices[a]!;
  const ib = index.invoices[b]!;
  if (ia.core < 0 || ib.core < 0 || ia.letters !== ib.letters || ia.year !== ib.year) return null;
  const from = ia.core;
  const to = ib.core;
  if (!(to > from + 1) || to - from > 50) return null;
  const out: number[] = [];
  for (let c = from + 1; c < to; c++) {
    const hits = ia.year ? index.lookupYearCore(ia.year, String(c)) : index.lookupDigits(String(c));
    for (const h of hits) if (index.invoices[h]!.letters === ia.letters) out.push(h);
  }
  return out;
}
