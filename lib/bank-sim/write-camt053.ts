// camt.053.001.02 (end-of-day statement) as banks send it: one <Stmt> per account statement, OPBD/CLBD balances,
// one <Ntry> per line with its ISO bank transaction code, parties and unstructured remittance.
import { closingOf, decimal, xml, type SimLine, type SimStatement } from "./types.ts";

const SUBFAMILY: Record<string, string> = { SEPA: "ESCT", WIRE: "XBCT", ACH: "ACDT", CHECK: "CCHQ" };

function balance(code: string, minor: bigint, currency: string, date: string): string {
  return `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="${currency}">${decimal(minor, currency)}</Amt>`
    + `<CdtDbtInd>${minor < 0n ? "DBIT" : "CRDT"}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;
}

function entry(l: SimLine, currency: string): string {
  const credit = l.amountMinor >= 0n;
  const side = credit ? "Dbtr" : "Cdtr";
  const family = l.channel === "CHECK" ? (credit ? "RCHQ" : "ICHQ") : credit ? "RCDT" : "ICDT";
  const party = l.counterpartyName ? `<${side}><Nm>${xml(l.counterpartyName)}</Nm></${side}>` : "";
  const account = l.counterpartyAccount ? `<${side}Acct><Id><IBAN>${xml(l.counterpartyAccount)}</IBAN></Id></${side}Acct>` : "";
  return `<Ntry><Amt Ccy="${currency}">${decimal(l.amountMinor, currency)}</Amt><CdtDbtInd>${credit ? "CRDT" : "DBIT"}</CdtDbtInd><Sts>BOOK</Sts>`
    + `<BookgDt><Dt>${l.valueDate}</Dt></BookgDt><ValDt><Dt>${l.valueDate}</Dt></ValDt><AcctSvcrRef>${xml(l.bankReference)}</AcctSvcrRef>`
    + `<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>${family}</Cd><SubFmlyCd>${SUBFAMILY[l.channel ?? "SEPA"]}</SubFmlyCd></Fmly></Domn></BkTxCd>`
    + `<NtryDtls><TxDtls><Refs><EndToEndId>${xml(l.customerReference ?? "NOTPROVIDED")}</EndToEndId></Refs>`
    + (party || account ? `<RltdPties>${party}${account}</RltdPties>` : "")
    + (l.remittance ? `<RmtInf><Ustrd>${xml(l.remittance)}</Ustrd></RmtInf>` : "")
    + `</TxDtls></NtryDtls></Ntry>`;
}

export function writeCamt053(statements: SimStatement[], o: { messageId: string; createdAt: string }): string {
  const body = statements.map((s) => {
    const account = /^[A-Z]{2}\d\d/.test(s.account) ? `<IBAN>${s.account}</IBAN>` : `<Othr><Id>${xml(s.account)}</Id></Othr>`;
    return `<Stmt><Id>${xml(s.id)}</Id><CreDtTm>${o.createdAt}</CreDtTm><Acct><Id>${account}</Id><Ccy>${s.currency}</Ccy></Acct>\n`
      + balance("OPBD", s.openingMinor, s.currency, s.openingDate) + "\n"
      + balance("CLBD", closingOf(s), s.currency, s.closingDate) + "\n"
      + s.lines.map((l) => entry(l, s.currency)).join("\n") + "\n</Stmt>";
  }).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>`
    + `<GrpHdr><MsgId>${xml(o.messageId)}</MsgId><CreDtTm>${o.createdAt}</CreDtTm></GrpHdr>\n${body}\n</BkToCstmrStmt></Document>\n`;
}
