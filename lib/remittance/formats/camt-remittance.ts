// Structured remittance (RmtInf/Strd) in ISO 20022 camt.054 notifications and camt.053 statements: one advice per
// transaction (<TxDtls>) that carries referred documents (RfrdDocInf + RfrdDocAmt) or a creditor reference. The XML is
// read as a stream with the bank-file parsers' building blocks (saxes, the <Ntry> subtree, their size limits), so a
// 100,000-entry statement needs no DOM and a hostile file is refused early.
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { camtDate } from "../../bankfiles/camt-entry.ts";
import { LIMITS } from "../../bankfiles/limits.ts";
import { find, findAll, firstText, newNode, text, type XmlNode } from "../../bankfiles/xml-node.ts";
import type { RemittanceAdvice } from "../types.ts";
import { RemittanceParseError } from "../types.ts";
import { structuredLines } from "./camt-structured.ts";
import { exponentOf, formatMinor, readDecimal } from "./amounts.ts";

const NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:camt\.05([34])\.001\.\d\d$/;
const SLICE = 64 * 1024;
const localName = (name: string) => name.slice(name.indexOf(":") + 1);

export type CamtResult = { format: "camt053" | "camt054"; advices: RemittanceAdvice[] };

export function parseCamtRemittance(xml: string): CamtResult {
  const sax = new SaxesParser({ position: false });
  const path: string[] = [];
  const capture: XmlNode[] = [];
  let captured = 0, entryNo = 0;
  let format: CamtResult["format"] | null = null;
  let statementId = "", readingId = false;
  let unreported = 0; // characters saxes holds without reporting: a text node, comment or tag still growing
  const advices: RemittanceAdvice[] = [];
  const where = (extra?: string) => [...path, ...(extra ? [extra] : [])].join("/") || "/";

  sax.on("opentag", (t) => {
    unreported = 0;
    const tag = t as SaxesTagPlain;
    const name = localName(tag.name);
    if (path.length >= LIMITS.xmlDepth) throw new RemittanceParseError(where(name), `elements nested deeper than ${LIMITS.xmlDepth} levels`);
    if (path.length === 0) {
      const prefix = tag.name.includes(":") ? tag.name.slice(0, tag.name.indexOf(":")) : "";
      const ns = tag.attributes[prefix ? `xmlns:${prefix}` : "xmlns"] ?? "";
      const m = NAMESPACE.exec(ns);
      if (name !== "Document" || !m) throw new RemittanceParseError(name, `not an ISO 20022 camt.053 or camt.054 document (root <${name.slice(0, 40)}>, namespace "${ns.slice(0, 80)}")`);
      format = m[1] === "3" ? "camt053" : "camt054";
    }
    if (capture.length) {
      if (++captured > LIMITS.subtreeElements) throw new RemittanceParseError(where(name), `more than ${LIMITS.subtreeElements} elements in one <Ntry>`);
      const node = newNode(name, tag.attributes);
      capture.at(-1)!.children.push(node);
      capture.push(node);
    } else if (name === "Id" && path.length === 3) {
      readingId = true; statementId = "";
    } else if (name === "Ntry" && path.length === 3) {
      captured = 0;
      capture.push(newNode(name, tag.attributes));
      path.push(`Ntry[${++entryNo}]`);
      return;
    }
    path.push(name);
  });
  const addText = (t: string) => {
    unreported = 0;
    if (readingId && statementId.length < 200) statementId += t;
    const node = capture.at(-1);
    if (!node) return;
    if (node.text.length + t.length > LIMITS.textChars) throw new RemittanceParseError(where(), `more than ${LIMITS.textChars} characters of text in one element`);
    node.text += t;
  };
  sax.on("text", addText);
  sax.on("cdata", addText);
  sax.on("closetag", () => {
    unreported = 0;
    const node = capture.pop();
    readingId = false;
    if (node && capture.length === 0) advices.push(...entryAdvices(node, where(), `${statementId.trim()}/${entryNo}`));
    path.pop();
  });
  sax.on("error", (err) => {
    throw new RemittanceParseError(where(), `malformed XML: ${err.message.split("\n")[0]}`);
  });
  const body = xml.replace(/^\uFEFF/, "");
  if (!body.trimStart().startsWith("<")) throw new RemittanceParseError("/", "not XML: a camt file starts with \"<\"");
  for (let i = 0; i < body.length; i += SLICE) {
    unreported += Math.min(SLICE, body.length - i);
    if (unreported > LIMITS.textChars + SLICE) throw new RemittanceParseError(where(), `more than ${LIMITS.textChars} characters of text, comment or attributes without markup`);
    sax.write(body.slice(i, i + SLICE));
  }
  sax.close();
  if (!format) throw new RemittanceParseError("/", "no XML document element found");
  return { format, advices };
}

/**
 * Advices of one <Ntry>: each <TxDtls> with structured remittance. When the transactions of a batch entry carry no
 * amounts of their own (camt v2 allows that), the entry is one advice: its amount, its first transaction's reference
 * and party, every transaction's documents as lines.
 */
function entryAdvices(ntry: XmlNode, entryPath: string, entryId: string): RemittanceAdvice[] {
  const txs = findAll(ntry, "NtryDtls/TxDtls").map((tx, i) => ({ tx, i, where: `${entryPath}/NtryDtls/TxDtls[${i + 1}]`, strds: findAll(tx, "RmtInf/Strd") }))
    .filter(({ strds }) => strds.some((s) => find(s, "RfrdDocInf") || text(s, "CdtrRefInf/Ref")));
  if (txs.length === 0) return [];
  const single = findAll(ntry, "NtryDtls/TxDtls").length === 1;
  /** The transaction's amount and where it was read: its own, its AmtDtls, or (alone in its entry) the entry's. */
  const amountOf = (tx: XmlNode, where: string): [XmlNode | null, string] =>
    find(tx, "Amt") ? [find(tx, "Amt"), `${where}/Amt`]
      : find(tx, "AmtDtls/TxAmt/Amt") ? [find(tx, "AmtDtls/TxAmt/Amt"), `${where}/AmtDtls/TxAmt/Amt`]
        : [single ? find(ntry, "Amt") : null, `${entryPath}/Amt`];
  if (txs.some(({ tx, where }) => !amountOf(tx, where)[0])) {
    const strds = txs.flatMap(({ strds }) => strds);
    return [advice(ntry, txs[0]!.tx, find(ntry, "Amt"), `${entryPath}/Amt`, strds, entryPath, entryId)];
  }
  return txs.map(({ tx, strds, where, i }) => advice(ntry, tx, ...amountOf(tx, where), strds, where, `${entryId}/${i + 1}`));
}

function advice(ntry: XmlNode, tx: XmlNode, amtNode: XmlNode | null, amountPath: string, strds: XmlNode[], where: string, fallbackId: string): RemittanceAdvice {
  const currency = (amtNode?.attrs.Ccy ?? "").toUpperCase();
  if (!amtNode || !currency) throw new RemittanceParseError(amountPath, "no amount with a currency (Amt Ccy) for the transaction");
  const exp = exponentOf(currency, amountPath);
  const amount = readDecimal(amtNode.text, exp, amountPath);
  const lines = structuredLines(strds, { exp, currency, txAmount: amount, where });
  const credit = (text(tx, "CdtDbtInd") ?? text(ntry, "CdtDbtInd")) !== "DBIT";
  const debtor = find(tx, "RltdPties/Dbtr");
  return {
    // Without any reference of the bank's or the payer's, the statement id with the entry (and transaction) number.
    payment_reference: reference(tx, ntry) ?? fallbackId,
    payer_name: firstText(debtor, "Nm", "Pty/Nm"),
    payer_id: firstText(debtor, "Id/OrgId/AnyBIC", "Id/OrgId/BICOrBEI", "Id/OrgId/Othr/Id", "Id/PrvtId/Othr/Id", "Pty/Id/OrgId/AnyBIC", "Pty/Id/OrgId/Othr/Id", "Pty/Id/PrvtId/Othr/Id")
      ?? firstText(find(tx, "RltdPties/DbtrAcct"), "Id/IBAN", "Id/Othr/Id"),
    payee_name: firstText(find(tx, "RltdPties/Cdtr"), "Nm", "Pty/Nm"),
    currency,
    // A debit entry carrying remittance is money out (e.g. a payment returned): its amount is negative.
    payment_amount: formatMinor(credit ? amount : -amount, exp),
    payment_date: camtDate(ntry, "BookgDt") ?? camtDate(ntry, "ValDt"),
    method: bankTransactionCode(find(tx, "BkTxCd")) ?? bankTransactionCode(find(ntry, "BkTxCd")),
    lines,
  };
}

const notProvided = (v: string | null) => (v && v.toUpperCase() !== "NOTPROVIDED" ? v : null);

function reference(tx: XmlNode, ntry: XmlNode): string | null {
  return notProvided(text(tx, "Refs/EndToEndId")) ?? notProvided(text(tx, "Refs/InstrId")) ?? notProvided(text(tx, "Refs/TxId"))
    ?? text(tx, "Refs/AcctSvcrRef") ?? text(ntry, "AcctSvcrRef") ?? text(tx, "Refs/Prtry/Ref") ?? text(ntry, "NtryRef");
}

/** "PMNT/RCDT/ESCT" from the ISO domain code, else the bank's proprietary code. */
function bankTransactionCode(node: XmlNode | null): string | null {
  const domain = text(node, "Domn/Cd");
  if (domain) return [domain, text(node, "Domn/Fmly/Cd"), text(node, "Domn/Fmly/SubFmlyCd")].filter(Boolean).join("/");
  return text(node, "Prtry/Cd");
}
