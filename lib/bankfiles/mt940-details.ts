// The MT940 :86: "information to account owner" field. There is no single layout, so in order:
//  1. German/DK subfields "GVC?00..?20..?32..." (Triodos uses ">" instead of "?"), with SEPA
//     keywords (EREF+, SVWZ+, ...) inside the ?20-?29 purpose lines;
//  2. structured tags "/EREF/../NAME/../REMI/.." (ABN AMRO, ING, Rabobank);
//  3. free text.

export interface Mt940Details {
  remittance: string | null;
  counterparty_name: string | null;
  counterparty_account: string | null;
  /** End-to-end reference found in the details (EREF). */
  reference: string | null;
  structured: boolean;
}

const SEPA_KEY = /(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|IBAN|BIC|COAM|OAMT|PURP)\+/g;
const TAG = /\/(EREF|RTRN|CREF|MARF|CSID|CNTP|REMI|PURP|ULTC|ULTD|BENM|ORDP|NAME|ID|IBAN|BIC|ADDR|ISDT|TRTP|PREF|OCMT|IREF|SVCL|CHGS|EXCH|BUSP)\//g;

const clean = (s: string | undefined | null): string | null => {
  const t = s?.replace(/\s+/g, " ").trim();
  return t ? t : null;
};

const real = (ref: string | null): string | null => (ref && !/^(NOTPROVIDED|NONREF)$/i.test(ref) ? ref : null);

export function parseMt940Details(lines: string[]): Mt940Details {
  // Lines are wrapped at a fixed width, often mid-word: structured layouts are joined without a gap.
  const joined = lines.join("").trimStart();
  const german = /^(\d{3})([?>])/.exec(joined);
  if (german) return germanSubfields(joined.slice(4), german[2]);
  if (/^\/[A-Z]{2,4}\//.test(joined)) return slashTags(joined);
  const free = lines.map((l) => l.trimEnd()).filter((l) => l.trim() !== "").join("\n").trim();
  return { remittance: free || null, counterparty_name: null, counterparty_account: null, reference: null, structured: false };
}

function germanSubfields(body: string, separator: string): Mt940Details {
  const fields = new Map<number, string>();
  const parts = body.split(new RegExp(`\\${separator}(\\d\\d)`));
  // parts: [text before the first subfield, code, value, code, value, ...]
  for (let i = 1; i < parts.length; i += 2) {
    const code = Number(parts[i]);
    fields.set(code, (fields.get(code) ?? "") + parts[i + 1]);
  }
  const range = (from: number, to: number) => {
    let out = "";
    for (let c = from; c <= to; c++) out += fields.get(c) ?? "";
    return out;
  };
  const purpose = range(20, 29);
  const more = range(60, 63);
  const sepa = sepaKeys(purpose);
  let remittance: string | null;
  if (sepa.size === 0) {
    remittance = clean(purpose + more);
  } else {
    // Purpose lines ?60-?63 continue the remittance text (SVWZ) when they start without a keyword.
    const moreKeys = sepaKeys(more);
    const svwz = sepa.get("SVWZ") ?? moreKeys.get("SVWZ");
    const tail = sepa.lastKey === "SVWZ" && moreKeys.size === 0 ? more : "";
    remittance = clean(svwz !== undefined ? svwz + tail : purpose + more);
  }
  return {
    remittance,
    counterparty_name: clean(range(32, 33)),
    counterparty_account: clean(fields.get(31)),
    reference: real(clean(sepa.get("EREF"))),
    structured: true,
  };
}

function sepaKeys(text: string): Map<string, string> & { lastKey?: string } {
  const out: Map<string, string> & { lastKey?: string } = new Map();
  const matches = [...text.matchAll(SEPA_KEY)];
  matches.forEach((m, i) => {
    const end = i + 1 < matches.length ? matches[i + 1].index : text.length;
    if (!out.has(m[1])) out.set(m[1], text.slice(m.index + m[0].length, end));
    out.lastKey = m[1];
  });
  return out;
}

function slashTags(text: string): Mt940Details {
  const values = new Map<string, string>();
  const matches = [...text.matchAll(TAG)];
  matches.forEach((m, i) => {
    const end = i + 1 < matches.length ? matches[i + 1].index : text.length;
    if (!values.has(m[1])) values.set(m[1], text.slice(m.index + m[0].length, end).replace(/\/$/, ""));
  });
  // ING: /CNTP/account/BIC/name/city/; remittance as /REMI/USTD//text/ or /REMI/STRD/CUR/ref/.
  const cntp = values.get("CNTP")?.split("/") ?? [];
  const remi = values.get("REMI")?.replace(/^(USTD\/\/?|STRD\/CUR\/)/, "").replace(/\/+$/, "");
  return {
    remittance: clean(remi),
    counterparty_name: clean(values.get("NAME")) ?? clean(cntp[2]),
    counterparty_account: clean(values.get("IBAN")) ?? clean(cntp[0]),
    reference: real(clean(values.get("EREF"))),
    structured: true,
  };
}
