// Generated files: random advices written as X12 820 interchanges and as contract CSV files, then parsed back; what
// the format can carry comes back exactly (amounts in the currency's minor units, reasons through the code tables).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RemittanceAdvice, RemittanceLine } from "../types.ts";
import { formatMinor } from "./amounts.ts";
import { parseRemittanceCsv } from "./csv.ts";
import { parseCamtRemittance } from "./camt-remittance.ts";
import { camtReason, EDIFACT_ADJUSTMENT_REASONS, spreadsheetReason, X12_ADJUSTMENT_REASONS, x12Reason } from "./reason-codes.ts";
import { parseX12_820 } from "./x12-820.ts";

const EXP: Record<string, number> = { USD: 2, EUR: 2, JPY: 0, KWD: 3 };
const word = fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{0,14}$/);
const name = fc.stringMatching(/^[A-Z][A-Z .&]{0,20}[A-Z]$/);
const minor = fc.bigInt({ min: -10_000_000n, max: 10_000_000n });
const date = fc.date({ min: new Date("2000-01-01"), max: new Date("2069-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const code = fc.constantFrom(...Object.keys(X12_ADJUSTMENT_REASONS), "CS", "52");

type Draft = { ref: string; payer: { name: string; id: string | null } | null; payee: string | null; ccy: string; amount: bigint; date: string; method: string;
  lines: { doc: string; type: RemittanceLine["document_type"]; paid: bigint; invoice: bigint | null; discount: bigint; adjustments: { amount: bigint; code: string; text: string | null }[] }[] };

const draft: fc.Arbitrary<Draft> = fc.record({
  ref: word, payer: fc.option(fc.record({ name, id: fc.option(word, { nil: null }) }), { nil: null }), payee: fc.option(name, { nil: null }),
  ccy: fc.constantFrom("USD", "EUR", "JPY", "KWD"), amount: minor, date, method: fc.constantFrom("ACH", "CHK", "FWT"),
  lines: fc.array(fc.record({
    doc: word, type: fc.constantFrom("invoice", "credit_memo", "debit_memo", "other"), paid: minor, invoice: fc.option(minor, { nil: null }), discount: minor,
    adjustments: fc.array(fc.record({ amount: minor, code, text: fc.option(name, { nil: null }) }), { maxLength: 2 }),
  }), { minLength: 1, maxLength: 6 }),
});

const QUALIFIER = { invoice: "IV", credit_memo: "CM", debit_memo: "DB", other: "PO" } as const;

function write820(drafts: Draft[]): string {
  const isa = "ISA*00*          *00*          *ZZ*PAYER          *ZZ*PAYEE          *261130*0930*U*00401*000000042*0*P*>~";
  const sets = drafts.map((d, i) => {
    const m = (v: bigint) => formatMinor(v, EXP[d.ccy]!);
    const body = [
      `BPR*C*${m(d.amount)}*C*${d.method}************${d.date.replaceAll("-", "")}`, `TRN*1*${d.ref}`, `CUR*PR*${d.ccy}`,
      ...(d.payer ? [`N1*PR*${d.payer.name}${d.payer.id ? `*FI*${d.payer.id}` : ""}`] : []),
      ...(d.payee ? [`N1*PE*${d.payee}`] : []),
      ...d.lines.flatMap((l) => [
        `RMR*${QUALIFIER[l.type]}*${l.doc}*PI*${m(l.paid)}*${l.invoice === null ? "" : m(l.invoice)}*${m(l.discount)}`,
        ...l.adjustments.flatMap((a) => [`ADX*${m(a.amount)}*${a.code}`, ...(a.text ? [`NTE*ADD*${a.text}`] : [])]),
      ]),
    ];
    const control = String(i + 1).padStart(4, "0");
    return [`ST*820*${control}`, ...body, `SE*${body.length + 2}*${control}`];
  });
  return isa + ["GS*RA*PAYER*PAYEE*20261130*0930*42*X*004010", ...sets.flat(), `GE*${sets.length}*42`, "IEA*1*000000042"].join("~") + "~";
}

const expected820 = (d: Draft): RemittanceAdvice => {
  const m = (v: bigint) => formatMinor(v, EXP[d.ccy]!);
  return {
    payment_reference: d.ref, payer_name: d.payer?.name ?? null, payer_id: d.payer?.id ?? null, payee_name: d.payee, currency: d.ccy,
    payment_amount: m(d.amount), payment_date: d.date, method: d.method,
    lines: d.lines.map((l) => ({
      document: l.doc, document_type: l.type, paid: m(l.paid), invoice_amount: l.invoice === null ? null : m(l.invoice), discount: m(l.discount),
      adjustments: l.adjustments.map((a) => ({ amount: m(a.amount), reason: x12Reason(a.code), code: a.code, text: a.text })),
    })),
  };
};

const csvCell = (v: string | null) => (v === null ? "" : /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

function writeCsv(drafts: Draft[]): string {
  const rows = ["payment_reference,payer_name,currency,payment_amount,payment_date,document,paid,invoice_amount,discount,adjustment_amount,adjustment_reason,adjustment_text"];
  for (const d of drafts) {
    const m = (v: bigint) => formatMinor(v, EXP[d.ccy]!);
    const head = [d.ref, d.payer?.name ?? null, d.ccy, m(d.amount), d.date];
    for (const l of d.lines) {
      const adj = (i: number) => (l.adjustments[i] ? [m(l.adjustments[i]!.amount), l.adjustments[i]!.code, l.adjustments[i]!.text] : [null, null, null]);
      rows.push([...head, l.doc, m(l.paid), l.invoice === null ? null : m(l.invoice), m(l.discount), ...adj(0)].map(csvCell).join(","));
      for (let i = 1; i < l.adjustments.length; i++) rows.push([...head, l.doc, null, null, null, ...adj(i)].map(csvCell).join(","));
    }
  }
  return rows.join("\r\n") + "\r\n";
}

const expectedCsv = (d: Draft): RemittanceAdvice => {
  const base = expected820(d);
  return {
    ...base, payer_id: null, payee_name: null, method: null,
    lines: base.lines.map((l, i) => ({
      ...l, document_type: d.lines[i]!.paid < 0n && (d.lines[i]!.invoice === null || d.lines[i]!.invoice! < 0n) ? "credit_memo" : "invoice",
      adjustments: l.adjustments.map((a) => ({ ...a, reason: spreadsheetReason(a.code, a.text) })),
    })),
  };
};

const xml = (v: string) => v.replaceAll("&", "&amp;").replaceAll("<", "&lt;");
const abs = (v: bigint) => (v < 0n ? -v : v);
const DOC_CODE = { invoice: "CINV", credit_memo: "CREN", debit_memo: "DEBN", other: "SOAC" } as const;

/** camt amounts are unsigned: credit memos carry what they take off, everything else what it adds. */
const camtDraft = fc.tuple(draft, fc.array(fc.constantFrom(...Object.keys(EDIFACT_ADJUSTMENT_REASONS), "ZZ9"), { minLength: 12, maxLength: 12 })).map(([d, rsn]) => ({
  ...d, amount: abs(d.amount), ccy: d.ccy,
  lines: d.lines.map((l, i) => {
    const credit = l.type === "credit_memo";
    const sign = credit ? -1n : 1n;
    return { ...l, paid: sign * abs(l.paid), invoice: l.invoice === null ? null : sign * abs(l.invoice), discount: credit ? 0n : abs(l.discount),
      adjustments: l.adjustments.map((a, j) => ({ ...a, code: rsn[(i * 2 + j) % 12]! })) };
  }),
}));

function writeCamt054(drafts: Draft[]): string {
  const entries = drafts.map((d) => {
    const m = (v: bigint) => formatMinor(abs(v), EXP[d.ccy]!);
    const amt = (tag: string, v: bigint) => `<${tag} Ccy="${d.ccy}">${m(v)}</${tag}>`;
    const strds = d.lines.map((l) => `<Strd><RfrdDocInf><Tp><CdOrPrtry><Cd>${DOC_CODE[l.type]}</Cd></CdOrPrtry></Tp><Nb>${l.doc}</Nb></RfrdDocInf><RfrdDocAmt>` +
      (l.invoice === null ? "" : amt("DuePyblAmt", l.invoice)) + (l.discount ? `<DscntApldAmt>${amt("Amt", l.discount)}</DscntApldAmt>` : "") +
      l.adjustments.map((a) => `<AdjstmntAmtAndRsn>${amt("Amt", a.amount)}<CdtDbtInd>${a.amount > 0n ? "CRDT" : "DBIT"}</CdtDbtInd><Rsn>${a.code}</Rsn>${a.text ? `<AddtlInf>${xml(a.text)}</AddtlInf>` : ""}</AdjstmntAmtAndRsn>`).join("") +
      `${amt("RmtdAmt", l.paid)}</RfrdDocAmt></Strd>`).join("");
    const party = (tag: string, nm: string | null, id: string | null) => (nm ? `<${tag}><Pty><Nm>${xml(nm)}</Nm>${id ? `<Id><OrgId><Othr><Id>${id}</Id></Othr></OrgId></Id>` : ""}</Pty></${tag}>` : "");
    return `<Ntry>${amt("Amt", d.amount)}<CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>${d.date}</Dt></BookgDt><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>` +
      `<NtryDtls><TxDtls><Refs><EndToEndId>${d.ref}</EndToEndId></Refs>${amt("Amt", d.amount)}<RltdPties>${party("Dbtr", d.payer?.name ?? null, d.payer?.id ?? null)}${party("Cdtr", d.payee, null)}</RltdPties>` +
      `<RmtInf>${strds}</RmtInf></TxDtls></NtryDtls></Ntry>`;
  });
  return `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>G</MsgId></GrpHdr>` +
    `<Ntfctn><Id>N-1</Id>${entries.join("")}</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>`;
}

const expectedCamt = (d: Draft): RemittanceAdvice => {
  const base = expected820(d);
  return {
    ...base, method: "PMNT/RCDT/ESCT",
    lines: base.lines.map((l) => ({ ...l, adjustments: l.adjustments.map((a) => ({ ...a, reason: camtReason(a.code, a.text) })) })),
  };
};

const uniqueRefs = fc.uniqueArray(draft, { minLength: 1, maxLength: 4, selector: (d) => d.ref });

describe("generated files round-trip", () => {
  it("X12 820: several transaction sets in one interchange", () => {
    fc.assert(fc.property(uniqueRefs, (drafts) => {
      expect(parseX12_820(write820(drafts))).toEqual(drafts.map(expected820));
    }), { numRuns: 200 });
  });

  it("camt.054: referred documents with due, discount, adjustments (CRDT/DBIT, reason, text) and remitted amounts", () => {
    fc.assert(fc.property(fc.uniqueArray(camtDraft, { minLength: 1, maxLength: 4, selector: (d) => d.ref }), (drafts) => {
      expect(parseCamtRemittance(writeCamt054(drafts))).toEqual({ format: "camt054", advices: drafts.map(expectedCamt) });
    }), { numRuns: 200 });
  });

  it("contract CSV: quoting, several advices, further adjustments on continuation rows", () => {
    // A continuation row is told from a new line by its empty paid: two lines in a row with one document are not generated.
    const distinctDocs = uniqueRefs.filter((ds) => ds.every((d) => d.lines.every((l, i) => i === 0 || l.doc !== d.lines[i - 1]!.doc)));
    fc.assert(fc.property(distinctDocs, (drafts) => {
      expect(parseRemittanceCsv(writeCsv(drafts))).toEqual(drafts.map(expectedCsv));
    }), { numRuns: 200 });
  });
});
