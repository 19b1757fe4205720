// camt.053/054 structured remittance beyond the golden files: version 2's plain amount elements, transactions
// without structured remittance skipped, debit entries negative, and the refusals by XML path.
import { describe, expect, it } from "vitest";
import { RemittanceParseError } from "../types.ts";
import { parseCamtRemittance } from "./camt-remittance.ts";

const doc = (version: string, tx: string, ntry = `<Amt Ccy="EUR">97.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-12-01</Dt></BookgDt>`) =>
  `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:${version}"><BkToCstmrStmt><GrpHdr><MsgId>M</MsgId></GrpHdr>` +
  `<Stmt><Id>S-1</Id><Ntry>${ntry}<NtryDtls>${tx}</NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>`;
const strd = `<RmtInf><Strd><RfrdDocInf><Tp><CdOrPrtry><Cd>CINV</Cd></CdOrPrtry></Tp><Nb>INV-5</Nb></RfrdDocInf>` +
  `<RfrdDocAmt><DuePyblAmt Ccy="EUR">100.00</DuePyblAmt><DscntApldAmt Ccy="EUR">3.00</DscntApldAmt></RfrdDocAmt></Strd></RmtInf>`;

describe("camt structured remittance", () => {
  it("reads version 2's plain DscntApldAmt and derives the remitted amount; a transaction with only Ustrd gives no advice", () => {
    const xml = doc("camt.053.001.02", `<TxDtls><Refs><EndToEndId>E2E-5</EndToEndId></Refs>${strd}</TxDtls><TxDtls><RmtInf><Ustrd>INVOICES</Ustrd></RmtInf></TxDtls>`);
    const { format, advices } = parseCamtRemittance(xml);
    expect(format).toBe("camt053");
    expect(advices).toHaveLength(1);
    expect(advices[0]!.lines).toEqual([{ document: "INV-5", document_type: "invoice", paid: "97.00", invoice_amount: "100.00", discount: "3.00", adjustments: [] }]);
  });

  it("a debit entry's advice is money out (negative); without references the statement id and entry number stand in", () => {
    const { advices } = parseCamtRemittance(doc("camt.053.001.02", `<TxDtls>${strd}</TxDtls>`, `<Amt Ccy="EUR">97.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>`));
    expect([advices[0]!.payment_reference, advices[0]!.payment_amount]).toEqual(["S-1/1/1", "-97.00"]);
  });

  it("refuses by XML path: an amount in another currency, an unknown currency, camt.052, broken XML", () => {
    const refusal = (xml: string) => {
      try { parseCamtRemittance(xml); } catch (e) { if (e instanceof RemittanceParseError) return e.message; throw e; }
      throw new Error("expected a refusal");
    };
    const path = "Document/BkToCstmrStmt/Stmt/Ntry[1]/NtryDtls/TxDtls[1]/RmtInf/Strd[1]/RfrdDocAmt/DuePyblAmt";
    expect(refusal(doc("camt.053.001.02", `<TxDtls>${strd.replace('DuePyblAmt Ccy="EUR"', 'DuePyblAmt Ccy="USD"')}</TxDtls>`))).toBe(`${path}: amount in USD, the transaction is in EUR`);
    expect(refusal(doc("camt.053.001.02", `<TxDtls>${strd}</TxDtls>`, `<Amt Ccy="XXQ">1</Amt>`))).toBe(`Document/BkToCstmrStmt/Stmt/Ntry[1]/Amt: unknown currency "XXQ"`);
    expect(refusal(doc("camt.052.001.02", ""))).toMatch(/^Document: not an ISO 20022 camt.053 or camt.054 document/);
    expect(refusal(doc("camt.054.001.02", `<TxDtls>${strd}`))).toMatch(/malformed XML/);
  });
});
