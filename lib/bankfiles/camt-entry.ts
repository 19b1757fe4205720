// Maps one ISO 20022 <Ntry> (camt.052/053/054, versions 1 to 8) to a canonical entry.
import { datePart } from "./dates.ts";
import type { EntryFields } from "./statement.ts";
import { find, findAll, firstText, text, type XmlNode } from "./xml-node.ts";

/** A date element holding either <Dt> or <DtTm>; a date-time keeps its written (local) date. */
export function camtDate(node: XmlNode | null, path: string): string | null {
  const holder = find(node, path);
  return text(holder, "Dt") ?? datePart(text(holder, "DtTm"));
}

/** ISO domain code "PMNT/RCDT/ESCT" when present, else the bank's proprietary code. */
function transactionCode(bkTxCd: XmlNode | null): string | null {
  const domain = text(bkTxCd, "Domn/Cd");
  if (domain) {
    return [domain, text(bkTxCd, "Domn/Fmly/Cd"), text(bkTxCd, "Domn/Fmly/SubFmlyCd")].filter(Boolean).join("/");
  }
  return text(bkTxCd, "Prtry/Cd");
}

/** Party name: <Nm> directly (v1-v7), under <Pty> (v8), or a bank as the party (<Agt>, v8). */
function partyName(party: XmlNode | null): string | null {
  return firstText(party, "Nm", "Pty/Nm", "Agt/FinInstnId/Nm");
}

/** IBAN, else another identifier (<Othr> from v2, <PrtryAcct> in v1). */
export function accountId(account: XmlNode | null): string | null {
  return firstText(account, "Id/IBAN", "Id/Othr/Id", "Id/PrtryAcct/Id");
}

function notProvided(ref: string | null): string | null {
  return ref && ref.toUpperCase() !== "NOTPROVIDED" ? ref : null;
}

/**
 * Reference, counterparty and remittance come from the first <TxDtls>: a batch booking with several
 * transactions stays one entry (its amount is what hits the account).
 */
export function camtEntryFields(ntry: XmlNode, credit: boolean): EntryFields {
  const tx = find(ntry, "NtryDtls/TxDtls");
  const parties = find(tx, "RltdPties");
  // The counterparty of money in is the debtor; of money out, the creditor.
  const side = credit ? "Dbtr" : "Cdtr";
  const party = find(parties, side) ?? find(parties, `Ultmt${side}`);
  const remittance = [
    findAll(tx, "RmtInf/Ustrd").map((n) => n.text.trim()).filter(Boolean).join(" "),
    findAll(tx, "RmtInf/Strd/CdtrRefInf/Ref").map((n) => n.text.trim()).filter(Boolean).join(" "),
    findAll(tx, "RmtInf/Strd/AddtlRmtInf").map((n) => n.text.trim()).filter(Boolean).join(" "),
  ].filter(Boolean).join(" ");
  return {
    value_date: camtDate(ntry, "ValDt"),
    booking_date: camtDate(ntry, "BookgDt"),
    type: transactionCode(find(ntry, "BkTxCd")) ?? transactionCode(find(tx, "BkTxCd")),
    bank_reference: firstText(ntry, "AcctSvcrRef") ?? text(tx, "Refs/AcctSvcrRef"),
    customer_reference: notProvided(text(tx, "Refs/EndToEndId")) ?? notProvided(text(tx, "Refs/InstrId"))
      ?? notProvided(text(tx, "Refs/AcctOwnrTxId")),
    counterparty_name: partyName(party),
    counterparty_account: accountId(find(parties, `${side}Acct`)),
    remittance: remittance || text(tx, "AddtlTxInf") || text(ntry, "AddtlNtryInf"),
  };
}
