// Generated master data: customers (names, aliases, accounts per entity) and invoices (numbers per
// entity's series, round and odd amounts, partly and fully paid, PO numbers, batches of consecutive numbers).
import type { Rng } from "./prng.ts";
import type { CustomerInput, InvoiceInput } from "../cashapp/types.ts";
import { formatMoney } from "../cashapp/money.ts";

export interface EntitySpec {
  entity: string;
  currency: string;
  /** Invoice number for (year, running number). */
  number: (year: number, n: number) => string;
  legalForms: readonly string[];
  /** Account number generator. */
  account: (rng: Rng) => string;
  accented?: boolean;
}

export const ENTITIES: readonly EntitySpec[] = [
  {
    entity: "US01", currency: "USD", number: (y, n) => `INV-${y}-${String(n).padStart(6, "0")}`,
    legalForms: ["Inc.", "Corp.", "Corporation", "Co.", "LLC"], account: (r) => r.digits(10),
  },
  {
    entity: "DE01", currency: "EUR", number: (y, n) => `RE${y}/${String(n).padStart(5, "0")}`,
    legalForms: ["GmbH", "AG", "SE", "GmbH & Co. KG"], account: (r) => `DE${r.digits(20)}`, accented: true,
  },
  {
    entity: "UK01", currency: "GBP", number: (_y, n) => `UK-${100000 + n}`,
    legalForms: ["Ltd", "Limited", "PLC", "LLP"], account: (r) => `GB${r.digits(20)}`,
  },
];

const PREFIX = ["Alpine", "Atlas", "Bay", "Blue", "Bright", "Cedar", "Central", "Coastal", "Crescent", "Crown", "Delta",
  "Eagle", "Echo", "Evergreen", "Falcon", "Global", "Golden", "Granite", "Harbor", "Iron", "Lakeside", "Maple", "Nordic",
  "North", "Oak", "Orbit", "Pacific", "Pioneer", "Prime", "Rapid", "Red", "River", "Silver", "Stone", "Summit", "Sun",
  "Union", "United", "Vertex", "Western"];
const SUFFIX = ["bridge", "brook", "crest", "field", "forge", "gate", "haven", "land", "light", "line", "path", "peak",
  "point", "port", "ridge", "star", "stone", "wave", "wind", "works", "mark", "shore", "vale", "wood"];
const INDUSTRY = ["Analytics", "Biotech", "Capital", "Chemicals", "Consulting", "Devices", "Energy", "Foods", "Freight",
  "Health", "Labs", "Logistics", "Materials", "Media", "Motors", "Pharma", "Retail", "Robotics", "Software", "Supply",
  "Systems", "Textiles", "Aviation", "Instruments", "Publishing"];
const ACCENTED = ["Müller", "Schäfer", "Köhler", "Jäger", "Bäcker", "Fröhlich", "Löwe", "Weiß", "Strauß", "Größner",
  "Hölzl", "Dürr", "Würth", "Kärcher"];
const DE_INDUSTRY = ["Maschinenbau", "Logistik", "Handel", "Elektrotechnik", "Bauelemente", "Verpackung", "Feinmechanik"];

/** Upper-case alias with the legal form as banks print it ("GmbH & Co. KG" → "GMBH CO KG"). */
export function bankStyle(name: string): string {
  return name.toUpperCase().replace(/&/g, "").replace(/[.,]/g, "").replace(/CORPORATION$/, "CORP")
    .replace(/LIMITED$/, "LTD").replace(/\s+/g, " ").trim();
}

export function stripLegalForm(name: string, spec: EntitySpec): string {
  for (const f of [...spec.legalForms].sort((a, b) => b.length - a.length)) {
    if (name.endsWith(" " + f)) return name.slice(0, -f.length - 1);
  }
  return name;
}

export interface GeneratedCustomer extends CustomerInput {
  spec: EntitySpec;
  /** Name without legal form, to build payer-name variants. */
  core: string;
  legalForm: string;
}

export function generateCustomers(rng: Rng, count: number, extraNoise: boolean): GeneratedCustomer[] {
  const used = new Set<string>();
  const out: GeneratedCustomer[] = [];
  const usedAccounts = new Set<string>();
  for (let i = 0; out.length < count; i++) {
    const spec = rng.weighted(ENTITIES.map((e, k) => [e, [0.5, 0.2, 0.3][k]!] as const));
    let core: string;
    if (extraNoise && spec.accented && rng.chance(0.25)) core = `${rng.pick(ACCENTED)} ${rng.pick(DE_INDUSTRY)}`;
    else core = `${rng.pick(PREFIX)}${rng.pick(SUFFIX)} ${rng.pick(INDUSTRY)}`;
    const key = `${spec.entity}|${core.toUpperCase()}`;
    if (used.has(key)) {
      if (i > count * 50) throw new Error("name space exhausted");
      continue;
    }
    used.add(key);
    const legalForm = rng.pick(spec.legalForms);
    const name = `${core} ${legalForm}`;
    const aliases = [bankStyle(name)];
    if (rng.chance(0.5)) aliases.push(core.toUpperCase());
    const accounts: string[] = [];
    for (let k = rng.int(1, 2); k > 0; k--) {
      let a: string;
      do a = spec.account(rng);
      while (usedAccounts.has(a));
      usedAccounts.add(a);
      accounts.push(a);
    }
    out.push({
      id: `C${String(out.length + 1).padStart(count >= 100000 ? 6 : 5, "0")}`, name, aliases, entity: spec.entity,
      bankAccounts: accounts, spec, core, legalForm,
    });
  }
  return out;
}

const ROUND = [9900n, 19900n, 49900n, 99900n, 150000n, 250000n, 500000n];

export interface GeneratedInvoice extends InvoiceInput {
  amountMinor: bigint;
  openMinor: bigint;
  customerIdx: number;
  year: number;
  seq: number;
}

export interface InvoiceOptions {
  /** Invoices with something open. */
  open: number;
  /** Additional fully paid invoices. */
  paid: number;
  years: readonly number[];
}

/** Invoices spread over customers (skewed), numbered per entity and year; some in consecutive batches. */
export function generateInvoices(rng: Rng, customers: readonly GeneratedCustomer[], opt: InvoiceOptions): GeneratedInvoice[] {
  const total = opt.open + opt.paid;
  const counters = new Map<string, number>();
  const out: GeneratedInvoice[] = [];
  const usedPo = new Set<string>();
  const weights = customers.map(() => 0.3 + rng.float() * 1.7);
  const wsum = weights.reduce((a, b) => a + b, 0);
  const cum: number[] = [];
  let acc = 0;
  for (const w of weights) cum.push((acc += w / wsum));
  const pickCustomer = () => {
    const x = rng.float();
    let lo = 0, hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  while (out.length < total) {
    const ci = pickCustomer();
    const c = customers[ci]!;
    const year = rng.pick(opt.years);
    const batch = rng.chance(0.04) ? rng.int(3, 5) : 1; // batch invoicing: consecutive numbers
    for (let b = 0; b < batch && out.length < total; b++) {
      const ckey = c.spec.entity === "UK01" ? c.entity : `${c.entity}|${year}`; // UK numbers carry no year
      const seq = (counters.get(ckey) ?? rng.int(90, 110)) + (batch > 1 ? 1 : rng.int(1, 2));
      counters.set(ckey, seq);
      const amountMinor = rng.chance(0.15) ? rng.pick(ROUND) : logAmount(rng);
      const openMinor = rng.chance(0.08) ? (amountMinor * BigInt(rng.pick([25, 40, 50, 60, 75]))) / 100n : amountMinor;
      let po: string | null = null;
      if (rng.chance(0.3)) {
        do po = `PO${rng.int(10000, 99999)}`;
        while (usedPo.has(po) && usedPo.size < 80000);
        usedPo.add(po);
      }
      const month = rng.int(1, 10);
      const day = rng.int(1, 28);
      const issue = `${year}-${pad(month)}-${pad(day)}`;
      const due = month === 12 ? `${year + 1}-01-${pad(day)}` : `${year}-${pad(month + 1)}-${pad(day)}`;
      out.push({
        id: "", number: c.spec.number(year, seq), customerId: c.id, entity: c.entity, currency: c.spec.currency,
        amount: formatMoney(amountMinor, c.spec.currency), openAmount: formatMoney(openMinor, c.spec.currency),
        issueDate: issue, dueDate: due, poNumber: po, amountMinor, openMinor, customerIdx: ci, year, seq,
      });
    }
  }
  // Exactly `paid` invoices are fully paid.
  const order = rng.shuffle(out.map((_, k) => k));
  for (const k of order.slice(0, opt.paid)) {
    const inv = out[k]!;
    inv.openMinor = 0n;
    inv.openAmount = formatMoney(0n, inv.currency);
  }
  rng.shuffle(out);
  out.forEach((inv, k) => (inv.id = `I${String(k + 1).padStart(7, "0")}`));
  return out;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** Log-uniform amount between 20.00 and 20,000.00 (minor units, integer arithmetic on the result). */
function logAmount(rng: Rng): bigint {
  const major = Math.exp(Math.log(20) + rng.float() * (Math.log(20000) - Math.log(20)));
  return BigInt(Math.floor(major)) * 100n + BigInt(rng.int(0, 99));
}
