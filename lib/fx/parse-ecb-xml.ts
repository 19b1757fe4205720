// The ECB euro foreign exchange reference rates as published: eurofxref-daily.xml (one day) and eurofxref-hist.xml
// (every day since 1999), both
//   <gesmes:Envelope …><Cube><Cube time="2026-12-02"><Cube currency="USD" rate="1.0823"/>…</Cube>…</Cube></gesmes:Envelope>
// Rates are "1 EUR = rate currency". The file is outside input: a DTD is refused, depth and size are bounded, and an
// error names the element (time, currency) and what is wrong; nothing is returned from a file with one bad rate.
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { isKnownCurrency } from "../money/currencies.ts";
import { parseRate } from "./rate-math.ts";
import type { RateRow } from "./lookup-rate.ts";

export class EcbXmlError extends Error {}

/** The historical file holds ~7,000 days × ~30 currencies; anything far past that is not an ECB file. */
const MAX_ROWS = 1_000_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function parseEcbXml(xml: string): RateRow[] {
  const sax = new SaxesParser({ position: true });
  const rows: RateRow[] = [];
  const stack: string[] = [];
  let day: string | null = null;
  let rootSeen = false;
  let error: Error | null = null;
  const fail = (msg: string) => { error ??= new EcbXmlError(msg); };
  sax.on("doctype", () => fail("a DOCTYPE is not allowed in an ECB rates file"));
  sax.on("error", (e) => fail(`not well-formed XML: ${e.message}`));
  sax.on("opentag", (t) => {
    const tag = t as SaxesTagPlain;
    if (stack.length === 0) {
      if (tag.name !== "gesmes:Envelope") fail(`root element is <${tag.name}>, expected <gesmes:Envelope> (ECB eurofxref file)`);
      rootSeen = true;
    }
    stack.push(tag.name);
    if (stack.length > 8) fail("XML nested deeper than an ECB rates file");
    if (tag.name !== "Cube") return;
    const a = tag.attributes as Record<string, string>;
    if (a.time !== undefined) {
      if (!DAY.test(a.time) || Number.isNaN(Date.parse(`${a.time}T00:00:00Z`))) fail(`<Cube time="${a.time.slice(0, 20)}">: not a date YYYY-MM-DD`);
      day = a.time;
    } else if (a.currency !== undefined) {
      const where = `<Cube time="${day ?? "?"}"><Cube currency="${a.currency.slice(0, 10)}">`;
      if (!day) return fail(`${where}: a rate outside a <Cube time=…> day`);
      if (!isKnownCurrency(a.currency)) return fail(`${where}: "${a.currency.slice(0, 10)}" is not an ISO 4217 currency`);
      if (a.rate === undefined) return fail(`${where}: no rate attribute`);
      try { parseRate(a.rate); } catch (e) { return fail(`${where}: ${(e as Error).message}`); }
      if (rows.length >= MAX_ROWS) return fail(`more than ${MAX_ROWS} rates: not an ECB rates file`);
      rows.push({ day, base: "EUR", quote: a.currency, rate: a.rate.trim(), source: "ECB" });
    }
  });
  sax.on("closetag", (t) => {
    stack.pop();
    if ((t as SaxesTagPlain).name === "Cube" && stack[stack.length - 1] === "Cube" && stack.length === 2) day = null;
  });
  try {
    sax.write(xml).close();
  } catch (e) {
    fail(`not well-formed XML: ${(e as Error).message}`);
  }
  if (error) throw error;
  if (!rootSeen) throw new EcbXmlError("empty file: no <gesmes:Envelope>");
  if (!rows.length) throw new EcbXmlError("no rates in the file (no <Cube currency=… rate=…>)");
  const seen = new Set<string>();
  for (const r of rows) {
    const k = `${r.day}|${r.quote}`;
    if (seen.has(k)) throw new EcbXmlError(`<Cube time="${r.day}"><Cube currency="${r.quote}">: given twice`);
    seen.add(k);
  }
  return rows;
}
