import { describe, expect, it } from "vitest";
import { parseStatement, parseStatementStream, StatementParseError } from "./index.ts";
import type { StatementEvent } from "./types.ts";

const doc = (stmt: string, ns = "camt.053.001.08", msg = "BkToCstmrStmt") =>
  `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:${ns}"><${msg}><GrpHdr><MsgId>M</MsgId></GrpHdr>${stmt}</${msg}></Document>`;
const bal = (code: string, amt: string, ind: string) =>
  `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${amt}</Amt><CdtDbtInd>${ind}</CdtDbtInd><Dt><Dt>2026-11-01</Dt></Dt></Bal>`;
const NTRY = `<Ntry><Amt Ccy="EUR">500.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><DtTm>2026-11-01T23:30:00+01:00</DtTm></BookgDt>
  <ValDt><Dt>2026-11-02</Dt></ValDt><AcctSvcrRef>BANKREF</AcctSvcrRef><BkTxCd><Prtry><Cd>NTRF</Cd></Prtry></BkTxCd>
  <NtryDtls><TxDtls><Refs><EndToEndId>E2E-1</EndToEndId></Refs><RltdPties><Cdtr><Pty><Nm>Supplier &amp; Sons</Nm></Pty></Cdtr>
  <CdtrAcct><Id><Othr><Id>12345</Id></Othr></Id></CdtrAcct></RltdPties>
  <RmtInf><Ustrd>INV 1</Ustrd><Ustrd>INV 2</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`;
const STMT = `<Stmt><Id>S-1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
  ${bal("PRCD", "900.00", "CRDT")}${bal("OPBD", "1000.00", "CRDT")}${bal("CLBD", "500.00", "CRDT")}${NTRY}</Stmt>`;

describe("camt", () => {
  it("maps statements, balances and entries (v8 party layout, DtTm dates, entities)", () => {
    const r = parseStatement(doc(STMT));
    expect(r.format).toBe("camt.053.001.08");
    expect(r.statements[0]).toEqual({
      id: "S-1", account: "DE89370400440532013000", currency: "EUR",
      opening_balance: { amount: "1000.00", date: "2026-11-01" },
      closing_balance: { amount: "500.00", date: "2026-11-01" },
      checks: { balance: "ok", control_totals: "not_applicable" },
      entries: [{
        amount: "-500.00", value_date: "2026-11-02", booking_date: "2026-11-01", type: "NTRF", bank_reference: "BANKREF",
        customer_reference: "E2E-1", counterparty_name: "Supplier & Sons", counterparty_account: "12345", remittance: "INV 1 INV 2",
      }],
    });
  });

  it("reads camt.052 reports and camt.054 notifications", () => {
    expect(parseStatement(doc(STMT.replace(/Stmt>/g, "Rpt>"), "camt.052.001.02", "BkToCstmrAcctRpt")).statements).toHaveLength(1);
    expect(parseStatement(doc(STMT.replace(/Stmt>/g, "Ntfctn>"), "camt.054.001.04", "BkToCstmrDbtCdtNtfctn")).format).toBe("camt.054.001.04");
  });

  it("rejects malformed or incomplete documents with the element path", () => {
    const fail = (xml: string) => { try { parseStatement(xml, { format: "camt" }); } catch (e) { return e as StatementParseError; } throw new Error("parsed"); };
    expect(fail(doc("")).message).toBe("Document/BkToCstmrStmt: no <Stmt> element: a camt.053.001.08 message needs at least one");
    expect(fail(doc(STMT.replace("<CdtDbtInd>DBIT</CdtDbtInd>", ""))).message).toMatch(/^Document\/BkToCstmrStmt\/Stmt\[1\]\/Ntry\[1\]\/CdtDbtInd: /);
    expect(fail(doc(STMT.replace("500.00</Amt><CdtDbtInd>DBIT", "5x</Amt><CdtDbtInd>DBIT"))).message).toMatch(/Ntry\[1\]\/Amt: invalid amount "5x"/);
    expect(fail(doc(STMT).replace("</Ntry>", "</Ntr>")).message).toMatch(/^Document\/BkToCstmrStmt\/Stmt\[1\].*: malformed XML/);
    expect(fail(`<Document xmlns="urn:other"/>`).message).toMatch(/not an ISO 20022 camt/);
  });

  it("streams entries as they arrive", async () => {
    const xml = doc(STMT.replace(NTRY, NTRY.repeat(3)));
    async function* chunks() { for (let i = 0; i < xml.length; i += 7) yield Buffer.from(xml.slice(i, i + 7)); }
    const events: StatementEvent["type"][] = [];
    for await (const e of parseStatementStream(chunks())) events.push(e.type);
    expect(events).toEqual(["statement_start", "entry", "entry", "entry", "statement_end", "end"]);
  });
});
