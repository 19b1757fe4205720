// RmtInf/Strd → remittance lines: each referred document (RfrdDocInf Nb and type) with its amounts (RfrdDocAmt:
// DuePyblAmt, DscntApldAmt, RmtdAmt, AdjstmntAmtAndRsn); a creditor reference alone (CdtrRefInf/Ref, e.g. an RF or
// ISR reference) is a line of type "other".
import { find, findAll, firstText, text, type XmlNode } from "../../bankfiles/xml-node.ts";
import type { RemittanceAdjustment, RemittanceLine } from "../types.ts";
import { RemittanceParseError } from "../types.ts";
import { formatMinor, readDecimal } from "./amounts.ts";
import { camtReason } from "./reason-codes.ts";

const DOCUMENT_TYPES: Record<string, RemittanceLine["document_type"]> = { CINV: "invoice", CREN: "credit_memo", DEBN: "debit_memo" };

type Context = { exp: number; currency: string; txAmount: bigint | null; where: string };

export function structuredLines(strds: XmlNode[], ctx: Context): RemittanceLine[] {
  const lines: RemittanceLine[] = [];
  strds.forEach((strd, i) => {
    const where = `${ctx.where}/RmtInf/Strd[${i + 1}]`;
    const amountOf = (node: XmlNode | null, path: string): bigint | null => {
      if (!node) return null;
      // v1/v2 write the amount as the element's text; later versions nest <Amt> (with a type) in some of them.
      const amt = find(node, "Amt") ?? node;
      if (!amt.text.trim()) return null;
      const ccy = amt.attrs.Ccy?.toUpperCase();
      if (ccy && ccy !== ctx.currency) throw new RemittanceParseError(`${where}/${path}`, `amount in ${ccy.slice(0, 5)}, the transaction is in ${ctx.currency}`);
      return readDecimal(amt.text, ctx.exp, `${where}/${path}`);
    };
    const docs = findAll(strd, "RfrdDocInf").filter((d) => text(d, "Nb"));
    const typeOf = (doc: XmlNode) => {
      const code = firstText(doc, "Tp/CdOrPrtry/Cd", "Tp/CdOrPrtry/Prtry");
      return (code && DOCUMENT_TYPES[code]) || (code ? "other" : "invoice");
    };
    // camt amounts are unsigned: a credit note's amounts reduce the payment, so its line carries them negative.
    const sign = docs[0] && typeOf(docs[0]) === "credit_memo" ? -1n : 1n;
    const amounts = find(strd, "RfrdDocAmt");
    const due = amountOf(find(amounts, "DuePyblAmt"), "RfrdDocAmt/DuePyblAmt");
    const discount = findAll(amounts, "DscntApldAmt").reduce((s, n) => s + (amountOf(n, "RfrdDocAmt/DscntApldAmt") ?? 0n), 0n);
    let remitted = amountOf(find(amounts, "RmtdAmt"), "RfrdDocAmt/RmtdAmt") ?? amountOf(find(amounts, "CdtNoteAmt"), "RfrdDocAmt/CdtNoteAmt");
    const adjustments: RemittanceAdjustment[] = findAll(amounts, "AdjstmntAmtAndRsn").map((adj, j) => {
      const value = amountOf(find(adj, "Amt"), `RfrdDocAmt/AdjstmntAmtAndRsn[${j + 1}]/Amt`);
      if (value === null) throw new RemittanceParseError(`${where}/RfrdDocAmt/AdjstmntAmtAndRsn[${j + 1}]/Amt`, "missing adjustment amount");
      // CRDT increases the amount, DBIT decreases it; without an indicator an adjustment on an advice is a deduction.
      const signed = text(adj, "CdtDbtInd") === "CRDT" ? value : -value;
      const code = text(adj, "Rsn"), info = text(adj, "AddtlInf");
      return { amount: formatMinor(signed, ctx.exp), reason: camtReason(code, info), code, text: info };
    });
    if (remitted === null && due !== null) remitted = due - discount + adjustments.reduce((s, a) => s + readDecimal(a.amount, ctx.exp, where), 0n);
    // The only structured remittance of the transaction is paid the transaction's amount; otherwise an amount the
    // file does not give stays 0.00 (the lines then do not add up to the payment, and an analyst decides).
    if (remitted === null) remitted = strds.length === 1 && ctx.txAmount !== null ? ctx.txAmount : 0n;
    const line = (document: string, type: RemittanceLine["document_type"], first: boolean): RemittanceLine => ({
      document, document_type: type,
      paid: formatMinor(first ? sign * remitted! : 0n, ctx.exp),
      invoice_amount: first && due !== null ? formatMinor(sign * due, ctx.exp) : null,
      discount: formatMinor(first ? discount : 0n, ctx.exp),
      adjustments: first ? adjustments : [],
    });
    if (docs.length === 0) {
      const ref = text(strd, "CdtrRefInf/Ref");
      if (ref) lines.push(line(ref, "other", true));
      return;
    }
    // Several documents under one RfrdDocAmt: the amounts cannot be split, they stay on the first document.
    docs.forEach((doc, j) => lines.push(line(text(doc, "Nb")!, typeOf(doc), j === 0)));
  });
  return lines;
}
