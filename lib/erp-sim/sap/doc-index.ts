// Look-up indexes over the SAP simulator's documents and partners, so a read for one receipt number or one document
// does not walk the whole ledger (a full-size bench:pipeline spent 557 of 640 CPU seconds in the simulator doing
// that). Documents and partners are only ever appended, and an item's customer, assignment and the document's
// reference never change after posting (clearing sets other fields), so each index catches up incrementally with
// what was appended since its last use. A replaced state (reset, load) is a new object with a fresh index.
import type { SapDoc, SapPartner, SapState } from "./state.ts";

/** Item-row fields the index can narrow by, each naming the values under which a document is filed. */
export const INDEXED_FIELDS = {
  AccountingDocument: (d: SapDoc) => [d.accountingDocument],
  DocumentReferenceID: (d: SapDoc) => [d.referenceId ?? ""],
  AssignmentReference: (d: SapDoc) => d.items.map((i) => i.assignment ?? ""),
  Customer: (d: SapDoc) => d.items.map((i) => i.customer ?? ""),
} satisfies Record<string, (d: SapDoc) => string[]>;
type Field = keyof typeof INDEXED_FIELDS;

type Index = { docsSeen: number; byField: Record<Field, Map<string, number[]>>; byKey: Map<string, SapDoc>; partnersSeen: number; partners: Map<string, SapPartner> };
const indexes = new WeakMap<SapState, Index>();

function current(state: SapState): Index {
  let ix = indexes.get(state);
  if (!ix) {
    ix = { docsSeen: 0, byField: { AccountingDocument: new Map(), DocumentReferenceID: new Map(), AssignmentReference: new Map(), Customer: new Map() }, byKey: new Map(), partnersSeen: 0, partners: new Map() };
    indexes.set(state, ix);
  }
  for (; ix.docsSeen < state.docs.length; ix.docsSeen++) {
    const at = ix.docsSeen, d = state.docs[at]!;
    ix.byKey.set(`${d.companyCode}/${d.fiscalYear}/${d.accountingDocument}`, d);
    for (const field of Object.keys(INDEXED_FIELDS) as Field[]) {
      for (const v of new Set(INDEXED_FIELDS[field](d))) {
        const list = ix.byField[field].get(v);
        if (list) list.push(at); else ix.byField[field].set(v, [at]);
      }
    }
  }
  for (; ix.partnersSeen < state.partners.length; ix.partnersSeen++) {
    const p = state.partners[ix.partnersSeen]!;
    if (!ix.partners.has(p.BusinessPartner)) ix.partners.set(p.BusinessPartner, p);
  }
  return ix;
}

/**
 * The documents that can hold a row matching `required` (field → allowed values, every field required), in ledger
 * order; all documents when no indexed field is constrained. A superset: the caller still applies its filter.
 */
export function candidateDocs(state: SapState, required: Map<string, Set<string>> | null): SapDoc[] {
  if (!required) return state.docs;
  const ix = current(state);
  let best: number[] | null = null;
  for (const [field, values] of required) {
    if (!(field in INDEXED_FIELDS)) continue;
    const map = ix.byField[field as Field];
    const hits = [...values].flatMap((v) => map.get(v) ?? []);
    if (best === null || hits.length < best.length) best = hits;
  }
  if (best === null) return state.docs;
  return [...new Set(best)].sort((a, b) => a - b).map((i) => state.docs[i]!);
}

export function docByKey(state: SapState, companyCode: string, fiscalYear: string, accountingDocument: string): SapDoc | undefined {
  return current(state).byKey.get(`${companyCode}/${fiscalYear}/${accountingDocument}`);
}

export function partnerById(state: SapState, businessPartner: string): SapPartner | undefined {
  return current(state).partners.get(businessPartner);
}
