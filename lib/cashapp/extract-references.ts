// Free-text remittance → chains of digit runs that may be invoice / PO references.
// The text is folded to upper-case ASCII, dates and currency amounts are removed, and digit runs
// joined only by separators ("INV-2026-000103", "RE2026/00102", "inv 2026 103") form one chain.
// Splitting a chain into references (e.g. "2026000196 / 2026000205") is left to the resolver, which
// knows which numbers exist.
import { foldText } from "./normalise.ts";

export interface RefChain {
  /** Digit runs in order, e.g. ["2026", "000103"]. */
  runs: string[];
  /** Separator text between consecutive runs (length runs.length - 1). */
  joiners: string[];
  /** Word right before the first run ("INV", "RE", "PO", "NO", ...), "" if none. */
  prefix: string;
  /** The chain reads as a purchase-order number ("PO 4711", "Bestellung 4711", "order no. 4711"). */
  poHint: boolean;
  /** Connected to the previous chain by "to" / "thru" / "bis" / "-" (a range). */
  rangeHint: "explicit" | "dash" | null;
  /** The chain as written (folded), for reasons. */
  text: string;
}

const PO_WORDS = new Set(["PO", "PONO", "PONR", "PON", "ORDER", "BESTELLUNG", "BESTELLNR", "BESTELLNUMMER",
  "AUFTRAG", "AUFTRAGSNR", "PURCHASE", "PEDIDO", "COMMANDE", "BESTELLING", "ORDINE"]);
const NUMBER_WORDS = new Set(["NO", "NR", "NUM", "NUMBER", "NUMMER", "NBR"]);
const RANGE_WORDS = new Set(["TO", "THRU", "THROUGH", "TILL", "TIL", "UNTIL", "BIS"]);
const CURRENCY_AMOUNT =
  /(?:\b(?:USD|EUR|GBP|CHF|JPY|CAD|AUD|SEK|NOK|DKK|PLN|CZK|AMOUNT|AMT|BETRAG|TOTAL)\b|[$€£¥])\s*[:=]?\s*\d{1,3}(?:[,.' ]\d{3})*(?:[.,]\d{1,3})?(?!\d)/g;
const DECIMAL_AMOUNT = /(?<![\d/])\d{1,3}(?:,\d{3})+\.\d{2}(?!\d)|(?<![\d/.\-])\d+\.\d{2}(?![\d.])/g;
const ISO_DATE = /(?<![\dA-Z])(?:19|20)\d\d[-./](?:0?[1-9]|1[0-2])[-./](?:0?[1-9]|[12]\d|3[01])(?!\d)/g;
const EU_DATE = /(?<![\dA-Z])(?:0?[1-9]|[12]\d|3[01])[-./](?:0?[1-9]|1[0-2])[-./](?:19|20)\d\d(?!\d)/g;

const NOISE = new RegExp([ISO_DATE, EU_DATE, CURRENCY_AMOUNT, DECIMAL_AMOUNT].map((r) => `(?:${r.source})`).join("|"), "g");
const NOISE_HINT = /\d[-./,' ]\d|[$€£¥]|USD|EUR|GBP|CHF|JPY|CAD|AUD|SEK|NOK|DKK|PLN|CZK|AMOUNT|AMT|BETRAG|TOTAL/;

/** Fold and remove dates and money amounts so their digits are not read as references. */
export function cleanRemittance(text: string): string {
  let t = foldText(text);
  if (t.includes("P") && /P\s?\./.test(t)) t = t.replace(/\bP\s?\.\s?O\s?\.?(?=[\s#:\-]*\d|\s)/g, " PO ");
  if (NOISE_HINT.test(t)) t = t.replace(NOISE, " ; ");
  return t;
}

interface OpenChain extends RefChain {
  start: number;
  end: number;
}

function isJoiner(c: number): boolean {
  // whitespace - / . _ # : ' ’
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 160 || c === 45 || c === 47 || c === 46 || c === 95 ||
    c === 35 || c === 58 || c === 39 || c === 8217;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return c >= 65 && c <= 90;
}

interface Scan {
  text: string;
  chains: RefChain[];
  /** Words since the previous chain. */
  words: string[];
  /** The text between the previous chain and the current position starts here. */
  gapStart: number;
  /** Characters since the last word, and whether all of them are separators (no hard break). */
  sinceWord: number;
  sinceWordJoins: boolean;
}

function closeChain(sc: Scan, c: OpenChain): void {
  sc.chains.push({
    runs: c.runs, joiners: c.joiners, prefix: c.prefix, poHint: c.poHint, rangeHint: c.rangeHint,
    text: sc.text.slice(c.start, c.end).trim(),
  });
  sc.gapStart = c.end;
  sc.words.length = 0;
  sc.sinceWord = 0;
  sc.sinceWordJoins = true;
}

export function extractReferenceChains(remittance: string | null | undefined): RefChain[] {
  if (!remittance || !/\d/.test(remittance)) return [];
  const text = cleanRemittance(remittance);
  const sc: Scan = { text, chains: [], words: [], gapStart: 0, sinceWord: 0, sinceWordJoins: true };
  const words = sc.words;
  let cur: OpenChain | null = null;
  let lastWordStart = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      let j = i + 1;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      const tok = text.slice(i, j);
      if (cur && i - cur.end <= 3) {
        // joined to the open chain by up to three separators
        cur.joiners.push(text.slice(cur.end, i));
        cur.runs.push(tok);
        cur.end = j;
        i = j;
        continue;
      }
      const hadPrevChain: boolean = cur !== null || sc.chains.length > 0;
      const attached: boolean = !cur && sc.sinceWord <= 3 && sc.sinceWordJoins && words.length > 0;
      const prefix: string = attached ? words[words.length - 1]! : "";
      const poHint: boolean = attached && isPoContext(words, prefix);
      if (cur) closeChain(sc, cur);
      const rangeHint: RefChain["rangeHint"] = hadPrevChain ? rangeHintOf(text.slice(sc.gapStart, i), prefix) : null;
      cur = { runs: [tok], joiners: [], prefix, text: "", start: prefix ? lastWordStart : i, end: j, poHint, rangeHint };
      i = j;
      continue;
    }
    if (isLetter(c)) {
      let j = i + 1;
      while (j < n && isLetter(text.charCodeAt(j))) j++;
      if (cur) closeChain(sc, cur), (cur = null);
      words.push(text.slice(i, j));
      lastWordStart = i;
      sc.sinceWord = 0;
      sc.sinceWordJoins = true;
      i = j;
      continue;
    }
    i++;
    if (cur) {
      if (!isJoiner(c)) closeChain(sc, cur), (cur = null);
      continue;
    }
    sc.sinceWord++;
    if (!isJoiner(c)) sc.sinceWordJoins = false; // a hard break or other punctuation: no prefix across it
  }
  if (cur) closeChain(sc, cur);
  return sc.chains;
}

function isPoContext(words: string[], prefix: string): boolean {
  if (!prefix) return false;
  if (PO_WORDS.has(prefix)) return true;
  if (NUMBER_WORDS.has(prefix) && words.length >= 2) return PO_WORDS.has(words[words.length - 2]!);
  return false;
}

function rangeHintOf(gap: string, prefix: string): RefChain["rangeHint"] {
  if (RANGE_WORDS.has(prefix)) return "explicit";
  let g = gap.replace(/[\s\-/._#:]*$/, "");
  if (prefix && g.endsWith(prefix)) g = g.slice(0, -prefix.length);
  const words = g.match(/[A-Z]+/g) ?? [];
  if (words.length <= 3 && words.some((w) => RANGE_WORDS.has(w))) return "explicit";
  if (/^\s*(?:\.\.|…)\s*$/.test(g)) return "explicit";
  if (/^\s*[-–—]\s*$/.test(g)) return "dash";
  return null;
}
