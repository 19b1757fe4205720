// Deterministic synthetic statements (camt.053, BAI2, MT940) with N entries, for benchmarks and
// round-trip tests. Same options, same text. Balances and control totals always add up.
import { formatMinor } from "./money.ts";

export interface GenerateOptions {
  entries: number;
  seed?: number;
  currency?: string; // 2-decimal currencies only (EUR by default; USD for BAI2)
}

/** mulberry32: a small, fast, seedable PRNG (the same sequence on every machine). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Movement { minor: bigint; day: number; n: number; customer: number }

/** The entries every generator shares: amounts in minor units, signed, credits more frequent. */
function* movements(o: GenerateOptions): Generator<Movement> {
  const next = rng(o.seed ?? 1);
  for (let n = 1; n <= o.entries; n++) {
    const magnitude = BigInt(1 + Math.floor(next() * 2_500_000));
    const credit = next() < 0.7;
    yield { minor: credit ? magnitude : -magnitude, day: 1 + Math.floor(next() * 28), n, customer: 1 + Math.floor(next() * 5000) };
  }
}

const day = (d: number) => `2026-11-${String(d).padStart(2, "0")}`;
const OPENING = 100_000_00n;

/** Sum of all generated movements (for the closing balance written after the entries). */
function total(o: GenerateOptions): bigint {
  let sum = 0n;
  for (const m of movements(o)) sum += m.minor;
  return sum;
}

export function* camt053Chunks(o: GenerateOptions): Generator<string> {
  const ccy = o.currency ?? "EUR";
  const bal = (code: string, minor: bigint, date: string) =>
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="${ccy}">${formatMinor(minor < 0n ? -minor : minor, 2)}</Amt>`
    + `<CdtDbtInd>${minor < 0n ? "DBIT" : "CRDT"}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>\n`;
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">`
    + `<BkToCstmrStmt><GrpHdr><MsgId>GEN-${o.seed ?? 1}</MsgId><CreDtTm>2026-11-30T18:00:00</CreDtTm></GrpHdr>\n`
    + `<Stmt><Id>GEN-STMT-${o.entries}</Id><CreDtTm>2026-11-30T18:00:00</CreDtTm>`
    + `<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>${ccy}</Ccy></Acct>\n`
    + bal("OPBD", OPENING, day(1));
  yield bal("CLBD", OPENING + total(o), day(28));
  let batch = "";
  for (const m of movements(o)) {
    const credit = m.minor >= 0n;
    const party = credit ? "Dbtr" : "Cdtr";
    batch += `<Ntry><Amt Ccy="${ccy}">${formatMinor(credit ? m.minor : -m.minor, 2)}</Amt><CdtDbtInd>${credit ? "CRDT" : "DBIT"}</CdtDbtInd>`
      + `<Sts>BOOK</Sts><BookgDt><Dt>${day(m.day)}</Dt></BookgDt><ValDt><Dt>${day(m.day)}</Dt></ValDt><AcctSvcrRef>BANK-${m.n}</AcctSvcrRef>`
      + `<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>${credit ? "RCDT" : "ICDT"}</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>`
      + `<NtryDtls><TxDtls><Refs><EndToEndId>E2E-${m.n}</EndToEndId></Refs><RltdPties><${party}><Nm>Customer ${m.customer} &amp; Co</Nm></${party}>`
      + `<${party}Acct><Id><IBAN>DE${String(m.customer).padStart(20, "0")}</IBAN></Id></${party}Acct></RltdPties>`
      + `<RmtInf><Ustrd>Invoice INV-${String(m.n).padStart(7, "0")}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n`;
    if (m.n % 500 === 0) {
      yield batch;
      batch = "";
    }
  }
  yield batch + "</Stmt></BkToCstmrStmt></Document>\n";
}

export function* bai2Chunks(o: GenerateOptions): Generator<string> {
  const ccy = o.currency ?? "USD";
  let sum = 0n, details = 0, batch = "";
  for (const m of movements(o)) sum += m.minor < 0n ? -m.minor : m.minor;
  const closing = OPENING + total(o);
  // Account control total: algebraic sum of the 03 amounts and the (unsigned) 16 amounts.
  const accountTotal = OPENING + closing + sum;
  yield `01,GEN,RECEIVER,261130,1800,${o.seed ?? 1},,,2/\n02,RECEIVER,GENBANK,1,261130,2400,${ccy},2/\n`
    + `03,123456789,${ccy},010,${OPENING},,,015,${closing},,/\n`;
  for (const m of movements(o)) {
    const code = m.minor >= 0n ? "165" : "451";
    batch += `16,${code},${m.minor < 0n ? -m.minor : m.minor},0,BANK-${m.n},E2E-${m.n},Customer ${m.customer} invoice INV-${m.n}/\n`;
    details++;
    if (m.n % 1000 === 0) {
      yield batch;
      batch = "";
    }
  }
  const accountRecords = details + 2;
  yield batch + `49,${accountTotal},${accountRecords}/\n98,${accountTotal},1,${accountRecords + 2}/\n99,${accountTotal},1,${accountRecords + 4}/\n`;
}

export function* mt940Chunks(o: GenerateOptions): Generator<string> {
  const ccy = o.currency ?? "EUR";
  const amount = (minor: bigint) => formatMinor(minor < 0n ? -minor : minor, 2).replace(".", ",");
  const balance = (tag: string, minor: bigint, date: string) => `:${tag}:${minor < 0n ? "D" : "C"}${date}${ccy}${amount(minor)}\n`;
  yield `:20:GEN${o.seed ?? 1}\n:25:DE89370400440532013000\n:28C:1/1\n` + balance("60F", OPENING, "261101");
  let batch = "";
  for (const m of movements(o)) {
    const date = `2611${String(m.day).padStart(2, "0")}`;
    batch += `:61:${date}${date.slice(2)}${m.minor < 0n ? "D" : "C"}${amount(m.minor)}NTRFE2E-${m.n}//BANK-${m.n}\n`
      + `:86:166?00GUTSCHRIFT?20SVWZ+Invoice INV-${m.n}?32Customer ${m.customer}?31DE${String(m.customer).padStart(20, "0")}\n`;
    if (m.n % 1000 === 0) {
      yield batch;
      batch = "";
    }
  }
  yield batch + balance("62F", OPENING + total(o), "261128") + "-\n";
}

export const generateCamt053 = (o: GenerateOptions): string => [...camt053Chunks(o)].join("");
export const generateBai2 = (o: GenerateOptions): string => [...bai2Chunks(o)].join("");
export const generateMt940 = (o: GenerateOptions): string => [...mt940Chunks(o)].join("");
