// A small, safe XML reader/writer for SAP's SOAP messages: saxes (already used for camt files) builds a plain
// element tree; no DTDs, no entity expansion beyond the five predefined ones, no namespaces resolved (SAP's
// payload elements are unqualified under one qualified root, so local names are enough). Size-capped.
import { SaxesParser, type SaxesTagPlain } from "saxes";

export type XmlEl = { name: string; attrs: Record<string, string>; children: XmlEl[]; text: string };

const MAX_XML_CHARS = 2_000_000;
const localName = (name: string) => name.slice(name.indexOf(":") + 1);

export class XmlError extends Error {}

/** Parses a whole document into an element tree keyed by local names; throws XmlError on anything malformed. */
export function parseXml(xml: string): XmlEl {
  if (xml.length > MAX_XML_CHARS) throw new XmlError(`XML document over ${MAX_XML_CHARS} characters`);
  if (/<!DOCTYPE/i.test(xml)) throw new XmlError("DOCTYPE declarations are not accepted");
  const sax = new SaxesParser({ position: false });
  const stack: XmlEl[] = [];
  let root: XmlEl | null = null;
  let error: Error | null = null;
  sax.on("opentag", (tag) => {
    const t = tag as SaxesTagPlain;
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(t.attributes)) attrs[localName(k)] = String(v);
    const el: XmlEl = { name: localName(t.name), attrs, children: [], text: "" };
    if (stack.length) stack[stack.length - 1]!.children.push(el);
    else root = el;
    stack.push(el);
  });
  sax.on("closetag", () => { stack.pop(); });
  const addText = (s: string) => { if (stack.length) stack[stack.length - 1]!.text += s; };
  sax.on("text", addText);
  sax.on("cdata", addText);
  sax.on("error", (e) => { error ??= e; });
  try {
    sax.write(xml).close();
  } catch (e) {
    error ??= e as Error;
  }
  if (error) throw new XmlError(`malformed XML: ${(error as Error).message}`);
  if (!root) throw new XmlError("empty XML document");
  return root;
}

export function child(el: XmlEl | null | undefined, name: string): XmlEl | null {
  return el?.children.find((c) => c.name === name) ?? null;
}

export function children(el: XmlEl | null | undefined, name: string): XmlEl[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** Follows a slash path of direct children ("Body/JournalEntryBulkCreateRequest"). */
export function path(el: XmlEl | null | undefined, p: string): XmlEl | null {
  let cur: XmlEl | null | undefined = el;
  for (const step of p.split("/")) cur = child(cur, step);
  return cur ?? null;
}

/** Trimmed text of the child (or path), or null when absent or empty. */
export function text(el: XmlEl | null | undefined, p: string): string | null {
  const t = path(el, p)?.text.trim();
  return t ? t : null;
}

export function escapeXml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** Built XML (already escaped), as opposed to a plain string child, which is always escaped. */
export class Raw { constructor(readonly xml: string) {} toString() { return this.xml; } }
export type XmlChild = string | Raw | null | undefined | false | XmlChild[];

/** A tiny builder: el("Item", null, el("GLAccount", null, "0011001000")). Null/undefined/false children vanish. */
export function el(name: string, attrs: Record<string, string> | null, ...kids: XmlChild[]): Raw {
  const a = Object.entries(attrs ?? {}).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join("");
  const flat = (k: XmlChild): string =>
    k === null || k === undefined || k === false ? "" : Array.isArray(k) ? k.map(flat).join("") : k instanceof Raw ? k.xml : escapeXml(k);
  return new Raw(`<${name}${a}>${kids.map(flat).join("")}</${name}>`);
}

/** A leaf element, omitted when the value is null/undefined. */
export function leaf(name: string, value: string | null | undefined, attrs?: Record<string, string>): Raw | null {
  return value === null || value === undefined ? null : el(name, attrs ?? null, value);
}

export const SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
export const SAP_SFIN_NS = "http://sap.com/xi/SAPSCORE/SFIN";

export function soapEnvelope(body: Raw): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soap-env:Envelope xmlns:soap-env="${SOAP_ENV}"><soap-env:Header/><soap-env:Body>${body.xml}</soap-env:Body></soap-env:Envelope>`;
}

/** The first element of the SOAP Body (the request or confirmation root), or throws. */
export function soapBody(doc: XmlEl): XmlEl {
  if (doc.name !== "Envelope") throw new XmlError(`expected a SOAP Envelope, got <${doc.name}>`);
  const first = child(doc, "Body")?.children[0];
  if (!first) throw new XmlError("the SOAP Body is empty");
  return first;
}
