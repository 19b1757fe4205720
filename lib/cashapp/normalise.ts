// Text normalisation for payer names, customer names, account numbers and free text.

const SPECIAL: Record<string, string> = {
  ß: "SS", ẞ: "SS", Æ: "AE", æ: "AE", Œ: "OE", œ: "OE", Ø: "O", ø: "O", Ł: "L", ł: "L",
  Đ: "D", đ: "D", Ð: "D", ð: "D", Þ: "TH", þ: "TH", ı: "I", "’": "'", "‘": "'",
};

/**
 * Upper-case ASCII folding: accents stripped (é→E, ü→U), special letters transliterated (ß→SS, Æ→AE).
 * Keeps punctuation; see `nameKey` for the canonical name form.
 */
export function foldText(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s.toUpperCase();
  let out = "";
  for (const ch of s) out += SPECIAL[ch] ?? ch;
  return out.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toUpperCase();
}

/** Canonical legal-form tokens and common business abbreviations (after punctuation removal and single-letter merging). */
const LEGAL_CANON_ENTRIES: Record<string, string> = {
  CORPORATION: "CORP", INCORPORATED: "INC", LIMITED: "LTD", COMPANY: "CO", COMP: "CO",
  GESELLSCHAFT: "GES", AKTIENGESELLSCHAFT: "AG", GESMBH: "GMBH", SOCIETE: "STE",
  INTERNATIONAL: "INTL", MANUFACTURING: "MFG", SERVICES: "SVCS", SERVICE: "SVC", TECHNOLOGIES: "TECH",
  TECHNOLOGY: "TECH", INDUSTRIES: "IND", ASSOCIATES: "ASSOC", BROTHERS: "BROS", MANAGEMENT: "MGMT",
  ENGINEERING: "ENG", HOLDINGS: "HLDGS", HOLDING: "HLDG", GROUP: "GRP", LABORATORIES: "LABS", LABORATORY: "LAB",
  PHARMACEUTICALS: "PHARMA", PHARMACEUTICAL: "PHARMA", DISTRIBUTION: "DIST", NATIONAL: "NATL", DEPARTMENT: "DEPT",
};

const LEGAL_CANON = new Map(Object.entries(LEGAL_CANON_ENTRIES));

/** Tokens treated as legal form / filler at the end of a name (removed for the base key). */
const LEGAL_SUFFIX = new Set([
  "INC", "LLC", "LTD", "CORP", "CO", "GMBH", "KG", "AG", "SE", "SA", "SAS", "SARL", "SRL", "SPA", "BV", "NV",
  "PLC", "LLP", "LP", "OY", "OYJ", "AB", "AS", "ASA", "APS", "KK", "PTY", "PVT", "LTDA", "SL", "SC", "OHG",
  "UG", "EG", "EV", "MBH", "KGAA", "CV", "SDN", "BHD", "PTE", "CIE", "STE",
]);

const DROP_TOKENS = new Set(["AND", "UND", "ET", "Y", "THE"]);

/** Collapse spellings that differ only by umlaut transliteration: MUELLER/MULLER → MULLER. */
const UMLAUT_SPELLING = /[AOU]E|SS/;

function collapseUmlauts(s: string): string {
  if (!UMLAUT_SPELLING.test(s)) return s;
  return s.replace(/([AOU])E/g, "$1").replace(/SS/g, "S");
}

const WORD = /[A-Z0-9]+/g;

function pushToken(tokens: string[], t: string): void {
  const c = LEGAL_CANON.get(t) ?? t;
  if (!DROP_TOKENS.has(c)) tokens.push(c);
}

/** Tokenise a name: folded, punctuation removed, single letters merged (L.L.C. → LLC), legal forms canonical. */
export function nameTokens(s: string): string[] {
  return tokenise(foldText(s).match(WORD) ?? []);
}

function tokenise(words: readonly string[]): string[] {
  const tokens: string[] = [];
  let letters = "";
  for (const w of words) {
    if (w.length === 1 && w >= "A") {
      letters += w;
      continue;
    }
    if (letters) pushToken(tokens, letters), (letters = "");
    pushToken(tokens, w);
  }
  if (letters) pushToken(tokens, letters);
  return tokens;
}

export interface NameKeys {
  /** Folded letters and digits as written (legal forms not canonicalised), for prefix search. */
  raw: string;
  /** All tokens, compact (no spaces), umlauts collapsed: "GOLDENLIGHTPHARMALLC". */
  full: string;
  /** Without trailing legal forms: "GOLDENLIGHTPHARMA". Equals `full` when there is none. */
  base: string;
}

const nameCache = new Map<string, NameKeys>();

/** Name keys (memoised: payer names repeat across receipts). */
export function nameKeys(s: string): NameKeys {
  let k = nameCache.get(s);
  if (k === undefined) {
    if (nameCache.size >= 200_000) nameCache.clear();
    nameCache.set(s, (k = Object.freeze(computeNameKeys(s))));
  }
  return k;
}

function computeNameKeys(s: string): NameKeys {
  const words = foldText(s).match(WORD) ?? [];
  const tokens = tokenise(words);
  let end = tokens.length;
  while (end > 1 && LEGAL_SUFFIX.has(tokens[end - 1]!)) end--;
  const full = collapseUmlauts(tokens.join(""));
  const base = end === tokens.length ? full : collapseUmlauts(tokens.slice(0, end).join(""));
  let raw = "";
  for (const w of words) if (w !== "AND" && w !== "UND") raw += w;
  raw = collapseUmlauts(raw);
  return { raw, full, base };
}

/** Account number / IBAN key: alphanumerics only, upper case, leading zeros dropped. */
export function accountKey(s: string | null | undefined): string {
  if (!s) return "";
  if (/^[A-Z1-9][A-Z0-9]*$/.test(s)) return s;
  return foldText(s).replace(/[^A-Z0-9]/g, "").replace(/^0+(?=.)/, "");
}

/** Digits with leading zeros removed ("000103" → "103", "0" → "0"). */
export function stripZeros(d: string): string {
  if (d.charCodeAt(0) !== 48) return d;
  let i = 0;
  while (i < d.length - 1 && d.charCodeAt(i) === 48) i++;
  return d.slice(i);
}
