// ISO 20022 camt.052 (Rpt), camt.053 (Stmt) and camt.054 (Ntfctn), versions 1 to 8, parsed as a
// stream: only the statement header and the current <Ntry> are ever held as element trees, so a
// 100,000-entry file needs no DOM.
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { accountId, camtDate, camtEntryFields } from "./camt-entry.ts";
import { StatementParseError } from "./errors.ts";
import type { ChunkParser } from "./lines.ts";
import { LIMITS } from "./limits.ts";
import { AmountError, currencyExponent, readAmount, type Money } from "./money.ts";
import { StatementBuilder, type DatedMoney } from "./statement.ts";
import type { EventSink } from "./types.ts";
import { find, firstText, newNode, text, type XmlNode } from "./xml-node.ts";

const NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:(camt\.05([234])\.001\.(\d\d))$/;
const MESSAGE: Record<string, { message: string; statement: string }> = {
  "2": { message: "BkToCstmrAcctRpt", statement: "Rpt" },
  "3": { message: "BkToCstmrStmt", statement: "Stmt" },
  "4": { message: "BkToCstmrDbtCdtNtfctn", statement: "Ntfctn" },
};
/** Statement children mapped to the canonical statement; everything else is skipped unparsed. */
const CAPTURED = new Set(["Id", "Acct", "Bal", "Ntry"]);

const SAX_SLICE = 64 * 1024;

const localName = (name: string) => name.slice(name.indexOf(":") + 1);

class CamtParser implements ChunkParser {
  private readonly sax = new SaxesParser({ position: false });
  private readonly path: string[] = [];
  private format = "";
  private expected: { message: string; statement: string } | null = null;
  private statements = 0;
  private builder: StatementBuilder | null = null;
  private openingFromPrcd = false;
  private entryNo = 0;
  private capture: XmlNode[] = []; // open elements of the subtree being captured
  private capturedElements = 0;
  private started = false;
  /** Characters written since saxes last reported anything: text, comments or attributes it is still buffering. */
  private unreported = 0;

  constructor(private readonly emit: EventSink) {
    this.sax.on("opentag", (tag) => this.open(tag as SaxesTagPlain));
    this.sax.on("closetag", () => this.close());
    this.sax.on("text", (t) => this.addText(t));
    this.sax.on("cdata", (t) => this.addText(t));
    this.sax.on("error", (err) => {
      throw this.fail(`malformed XML: ${err.message}`);
    });
  }

  write(chunk: string): void {
    if (!this.started && chunk.trim()) {
      this.started = true;
      if (!chunk.trimStart().startsWith("<")) throw new StatementParseError("not XML: a camt file starts with \"<\"", { xmlPath: "/" });
    }
    // saxes holds a text node, comment or tag whole until it ends: a file of one 100 MB text node is refused as it
    // grows. saxes is fed in slices so that the count is exact to a slice.
    for (let start = 0, end = 0; start < chunk.length; start = end) {
      end = Math.min(chunk.length, start + SAX_SLICE);
      if (end < chunk.length && /[\uDC00-\uDFFF]/.test(chunk[end]!)) end++; // never split a surrogate pair
      const slice = chunk.slice(start, end);
      this.unreported += slice.length;
      if (this.unreported > LIMITS.textChars + SAX_SLICE) {
        throw this.fail(`more than ${LIMITS.textChars} characters of text, comment or attributes without markup`);
      }
      this.sax.write(slice);
    }
  }

  end(): void {
    this.sax.close();
    if (!this.format) throw new StatementParseError("no XML document element found", { xmlPath: "/" });
    this.emit({ type: "end", format: this.format });
  }

  private fail(problem: string, extra?: string): StatementParseError {
    return new StatementParseError(problem, { xmlPath: [...this.path, ...(extra ? [extra] : [])].join("/") || "/" });
  }

  private open(tag: SaxesTagPlain): void {
    this.unreported = 0;
    const name = localName(tag.name);
    const depth = this.path.length;
    if (depth >= LIMITS.xmlDepth) throw this.fail(`elements nested deeper than ${LIMITS.xmlDepth} levels`, name);
    if (this.capture.length) {
      if (++this.capturedElements > LIMITS.subtreeElements) {
        throw this.fail(`more than ${LIMITS.subtreeElements} elements in one <${this.capture[0]!.name}>`, name);
      }
      const node = newNode(name, tag.attributes);
      this.capture.at(-1)!.children.push(node);
      this.capture.push(node);
    } else if (depth === 0) {
      this.root(tag, name);
    } else if (depth === 1 && name.replace(/V\d\d$/, "") !== this.expected!.message) {
      // Version 1 messages name the element with a suffix (BkToCstmrStmtV01).
      throw this.fail(`expected <${this.expected!.message}> for ${this.format}, found <${name}>`, name);
    } else if (depth === 2 && name === this.expected!.statement) {
      this.builder = new StatementBuilder(this.emit, this.statements++);
      this.openingFromPrcd = false;
      this.entryNo = 0;
      this.path.push(`${name}[${this.statements}]`);
      return;
    } else if (depth === 3 && this.builder && CAPTURED.has(name)) {
      this.capturedElements = 0;
      if (name === "Ntry") {
        this.path.push(`Ntry[${++this.entryNo}]`);
        this.capture.push(newNode(name, tag.attributes));
        return;
      }
      this.capture.push(newNode(name, tag.attributes));
    }
    this.path.push(name);
  }

  private root(tag: SaxesTagPlain, name: string): void {
    const prefix = tag.name.includes(":") ? tag.name.slice(0, tag.name.indexOf(":")) : "";
    const ns = tag.attributes[prefix ? `xmlns:${prefix}` : "xmlns"] ?? "";
    const m = NAMESPACE.exec(ns);
    if (name !== "Document" || !m) {
      throw this.fail(`not an ISO 20022 camt.052/053/054 document (root <${name}>, namespace "${ns}")`, name);
    }
    this.format = m[1];
    this.expected = MESSAGE[m[2]];
  }

  private addText(t: string): void {
    this.unreported = 0;
    const node = this.capture.at(-1);
    if (!node) return;
    if (node.text.length + t.length > LIMITS.textChars) throw this.fail(`more than ${LIMITS.textChars} characters of text in one element`);
    node.text += t;
  }

  private close(): void {
    this.unreported = 0;
    const node = this.capture.pop();
    if (node && this.capture.length === 0) this.captured(node);
    const depth = this.path.length;
    if (depth === 3 && this.builder && this.path[2].startsWith(`${this.expected!.statement}[`)) {
      this.builder.finish();
      this.builder = null;
    } else if (depth === 2 && this.statements === 0) {
      throw this.fail(`no <${this.expected!.statement}> element: a ${this.format} message needs at least one`);
    }
    this.path.pop();
  }

  private captured(node: XmlNode): void {
    const b = this.builder!;
    switch (node.name) {
      case "Id":
        b.id = node.text.trim() || null;
        return;
      case "Acct":
        b.account = accountId(node);
        b.currency = text(node, "Ccy") ?? b.currency;
        return;
      case "Bal":
        return this.balance(node, b);
      case "Ntry": {
        const amount = this.money(node, "Ntry");
        b.addEntry(amount, camtEntryFields(node, text(node, "CdtDbtInd") === "CRDT"));
      }
    }
  }

  private balance(node: XmlNode, b: StatementBuilder): void {
    const code = firstText(node, "Tp/CdOrPrtry/Cd", "Tp/CdOrPrtry/Prtry");
    const value: DatedMoney = { ...this.money(node, "Bal"), date: camtDate(node, "Dt") };
    // OPBD is the opening balance; PRCD (previous day's closing) stands in when there is no OPBD.
    if (code === "OPBD" && (!b.opening || this.openingFromPrcd)) {
      b.opening = value;
      this.openingFromPrcd = false;
    } else if (code === "PRCD" && !b.opening) {
      b.opening = value;
      this.openingFromPrcd = true;
    } else if (code === "CLBD" && !b.closing) {
      b.closing = value;
    }
  }

  /** <Amt Ccy=".."> signed by <CdtDbtInd>; both are mandatory in entries and balances. */
  private money(node: XmlNode, where: string): Money {
    const amt = find(node, "Amt");
    const currency = amt?.attrs.Ccy ?? null;
    const indicator = text(node, "CdtDbtInd");
    if (!amt || !amt.text.trim()) throw this.fail("missing mandatory <Amt>", `${where === "Ntry" ? "" : "Bal/"}Amt`);
    if (indicator !== "CRDT" && indicator !== "DBIT") {
      throw this.fail(`<CdtDbtInd> must be CRDT or DBIT, found "${indicator ?? ""}"`, `${where === "Ntry" ? "" : "Bal/"}CdtDbtInd`);
    }
    const amtPath = `${where === "Ntry" ? "" : "Bal/"}Amt`;
    if (/^\s*[+-]/.test(amt.text)) throw this.fail(`signed amount "${amt.text.trim()}": camt amounts are unsigned, the direction is <CdtDbtInd>`, amtPath);
    try {
      const { minor, quirk } = readAmount(amt.text, currencyExponent(currency ?? this.builder?.currency), ".");
      if (quirk) this.builder!.warn(`${this.fail("", amtPath).xmlPath}: ${quirk}`);
      if (!this.builder!.currency && currency) this.builder!.currency = currency;
      return { minor: indicator === "DBIT" ? -minor : minor, currency };
    } catch (e) {
      if (e instanceof AmountError) throw this.fail(e.message, `${where === "Ntry" ? "" : "Bal/"}Amt`);
      throw e;
    }
  }
}

export function createCamtParser(emit: EventSink): ChunkParser {
  return new CamtParser(emit);
}
