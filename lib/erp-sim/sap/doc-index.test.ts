// The simulator's look-up index must never change an answer: every OData item read through it returns exactly the
// rows a walk over the whole ledger would, also after documents are appended (the index catches up) and after a
// state is replaced. And the filter hints say what a match requires, no more.
import { describe, expect, it } from "vitest";
import { createRng } from "../rng.ts";
import { compileFilter, compileFilterWithHints } from "./odata-filter.ts";
import { handleOData, ITEM_SERVICE, itemRows } from "./odata.ts";
import { emptySapState, findDoc, type SapDoc, type SapState } from "./state.ts";

function addDocs(state: SapState, n: number, seed: number) {
  const rng = createRng(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(rng.next() * xs.length)]!;
  for (let k = 0; k < n; k++) {
    const no = String(1400000000 + state.docs.length + 1).padStart(10, "0");
    const doc: SapDoc = {
      companyCode: pick(["DE01", "US01"]), fiscalYear: pick(["2025", "2026"]), accountingDocument: no, documentType: pick(["DZ", "DR", "AB"]),
      referenceId: pick(["R-1", "R-2", "R-3", "INV-1", null]), headerText: null, documentDate: "2026-03-01", postingDate: "2026-03-01", currency: "EUR", createdAt: "2026-03-01T00:00:00Z",
      items: Array.from({ length: 1 + Math.floor(rng.next() * 3) }, (_, i) => ({
        item: i + 1, accountType: pick(["S", "D"] as const), glAccount: null, customer: pick(["C1", "C2", null]), amount: pick(["10.00", "-10.00"]),
        text: null, assignment: pick(["INV-1", "INV-2", "INV'3", null]), dueDate: null, clearingDocument: pick([null, "0100000001"]), clearingDate: null, lastChange: "2026-03-01T00:00:00Z",
      })),
    };
    state.docs.push(doc);
  }
}

const FILTERS = [
  "DocumentReferenceID eq 'R-1' and CompanyCode eq 'DE01' and (AccountingDocumentType eq 'DZ' or AccountingDocumentType eq 'AB')",
  "CompanyCode eq 'DE01' and FinancialAccountType eq 'D' and Customer eq 'C1' and AssignmentReference eq 'INV''3' and ClearingAccountingDocument eq ''",
  "CompanyCode eq 'US01' and (AssignmentReference eq 'INV-1' or AssignmentReference eq 'INV-2')",
  "AccountingDocument eq '1400000007' and FiscalYear eq '2026'",
  "DocumentReferenceID eq 'R-2' or Customer eq 'C2'",
  "DocumentReferenceID ne 'R-2' and Customer eq ''",
  "'C1' eq Customer",
  "DocumentReferenceID eq 'nothing'",
  "",
];

const keysOf = (rows: { CompanyCode: unknown; FiscalYear: unknown; AccountingDocument: unknown; AccountingDocumentItem: unknown }[]) => rows.map((r) => `${r.CompanyCode}/${r.FiscalYear}/${r.AccountingDocument}/${r.AccountingDocumentItem}`);

function read(state: SapState, filter: string) {
  const query = new URLSearchParams(filter ? { $filter: filter, $top: "5000" } : { $top: "5000" });
  const out = handleOData(state, { method: "GET", path: `${ITEM_SERVICE}/A_OperationalAcctgDocItemCube`, query, body: undefined, origin: "http://sim" });
  return keysOf((out.body as { d: { results: never[] } }).d.results);
}
const walk = (state: SapState, filter: string) => keysOf(itemRows(state.docs).filter(compileFilter(filter)) as never[]);

describe("SAP simulator look-up index", () => {
  it("answers every item read exactly as a walk over the whole ledger, also after appends and a replaced state", () => {
    let state = emptySapState();
    addDocs(state, 300, 1);
    for (const f of FILTERS) expect(read(state, f), f).toEqual(walk(state, f));
    addDocs(state, 200, 2); // the index catches up with what was appended
    for (const f of FILTERS) expect(read(state, f), f).toEqual(walk(state, f));
    expect(read(state, FILTERS[0]!).length).toBeGreaterThan(0);
    state = emptySapState();
    addDocs(state, 50, 3);
    for (const f of FILTERS) expect(read(state, f), f).toEqual(walk(state, f));
    const d = state.docs[17]!;
    expect(findDoc(state, d.companyCode, d.fiscalYear, String(Number(d.accountingDocument)))).toBe(d);
    expect(findDoc(state, d.companyCode, d.fiscalYear === "2025" ? "2026" : "2025", d.accountingDocument)).toBeUndefined();
  });

  it("filter hints: required values from eq terms under and, unions across or, nothing from a one-sided or", () => {
    const req = (f: string) => Object.fromEntries([...compileFilterWithHints(f).required].map(([k, v]) => [k, [...v].sort()]));
    expect(req("A eq 'x' and (B eq 'y' or B eq 'z')")).toEqual({ A: ["x"], B: ["y", "z"] });
    expect(req("A eq 'x' or B eq 'y'")).toEqual({});
    expect(req("A eq 'x' and A eq 'y'")).toEqual({ A: [] });
    expect(req("A ne 'x' and B gt 3")).toEqual({});
    expect(req("(A eq 'x' and B eq 'q') or (A eq 'w')")).toEqual({ A: ["w", "x"] });
  });
});
