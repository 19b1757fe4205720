// A camt.053.001.08 statement whose credits pay the given invoices (amount + invoice number in the remittance):
// what a bank sends after a busy day of collections.
import { fromMinor } from "../../lib/money/money.ts";

export type Payment = { amountMinor: bigint; remittance: string; payer: string; ref: string };

export function camtStatement(o: { iban: string; currency: string; date: string; opening: bigint; payments: Payment[] }): string {
  const total = o.payments.reduce((s, p) => s + p.amountMinor, 0n);
  const amt = (m: bigint) => fromMinor(m, o.currency);
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const entries = o.payments.map((p) => `<Ntry><Amt Ccy="${o.currency}">${amt(p.amountMinor)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>${o.date}</Dt></BookgDt><ValDt><Dt>${o.date}</Dt></ValDt><AcctSvcrRef>${p.ref}</AcctSvcrRef>
<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
<NtryDtls><TxDtls><Refs><EndToEndId>${p.ref}</EndToEndId></Refs><RltdPties><Dbtr><Nm>${esc(p.payer)}</Nm></Dbtr></RltdPties><RmtInf><Ustrd>${esc(p.remittance)}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>BENCH-${o.date}</MsgId><CreDtTm>${o.date}T18:00:00Z</CreDtTm></GrpHdr>
<Stmt><Id>BENCH-${o.date}-${o.payments.length}</Id><CreDtTm>${o.date}T18:00:00Z</CreDtTm><Acct><Id><IBAN>${o.iban}</IBAN></Id><Ccy>${o.currency}</Ccy></Acct>
<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="${o.currency}">${amt(o.opening)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${o.date}</Dt></Dt></Bal>
<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="${o.currency}">${amt(o.opening + total)}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${o.date}</Dt></Dt></Bal>
${entries}
</Stmt></BkToCstmrStmt></Document>`;
}
