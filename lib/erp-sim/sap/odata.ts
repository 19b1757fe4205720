// The OData V2 read (and master-data write) services the SAP simulator serves, in SAP's JSON format
// ({"d":{"results":[…],"__count","__next"}}, dates as "/Date(ms)/", errors as {"error":{code,message:{lang,value}}}):
//   API_BUSINESS_PARTNER: A_BusinessPartner (+ to_Customer/to_CustomerCompany, to_BusinessPartnerBank), A_Customer,
//     A_CustomerCompany (POST), deep insert of A_BusinessPartner (POST)
//   API_OPLACCTGDOCITEMCUBE_SRV: A_OperationalAcctgDocItemCube (journal entry items; open = no ClearingAccountingDocument)
//   YY1_POSTINGPERIODSTATUS_CDS: YY1_PostingPeriodStatus — a custom CDS view (simulator-specific, see README)
import { z } from "zod";
import { compileFilterWithHints, FilterError, type Required, type Row } from "./odata-filter.ts";
import { candidateDocs } from "./doc-index.ts";
import { docKey, findPartner, isPeriodOpen, nowIso, type SapDoc, type SapPartner, type SapState } from "./state.ts";

export const ODATA_ROOT = "/sap/opu/odata/sap";
export const BP_SERVICE = `${ODATA_ROOT}/API_BUSINESS_PARTNER`;
export const ITEM_SERVICE = `${ODATA_ROOT}/API_OPLACCTGDOCITEMCUBE_SRV`;
export const PERIOD_SERVICE = `${ODATA_ROOT}/YY1_POSTINGPERIODSTATUS_CDS`;
const MAX_PAGE = 5000;

export class ODataError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message); }
}
export function odataErrorBody(code: string, message: string) {
  return { error: { code, message: { lang: "en", value: message }, innererror: { transactionid: crypto.randomUUID().replace(/-/g, "").toUpperCase(), timestamp: nowIso(), errordetails: [] } } };
}

export type ODataRequest = { method: string; path: string; query: URLSearchParams; body: unknown; origin: string };
export type ODataResponse = { status: number; body: unknown; committed: boolean };

const sapDate = (ms: number | null) => (ms === null ? null : `/Date(${ms})/`);
const dayMs = (iso: string | null) => (iso ? Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) : null);

export function handleOData(state: SapState, req: ODataRequest): ODataResponse {
  const { path } = req;
  if (path === `${BP_SERVICE}/` || path === BP_SERVICE) return ok({ d: { EntitySets: ["A_BusinessPartner", "A_Customer", "A_CustomerCompany", "A_BusinessPartnerBank"] } });
  if (path === `${ITEM_SERVICE}/` || path === ITEM_SERVICE) return ok({ d: { EntitySets: ["A_OperationalAcctgDocItemCube"] } });
  if (path === `${PERIOD_SERVICE}/` || path === PERIOD_SERVICE) return ok({ d: { EntitySets: ["YY1_PostingPeriodStatus"] } });
  if (path === `${BP_SERVICE}/A_BusinessPartner`) {
    if (req.method === "POST") return createPartner(state, req.body);
    if (req.method === "GET") return collection(req, state.partners.map(partnerRow), (r) => partnerJson(state, r, req.query.get("$expand")));
  }
  const one = /^\/sap\/opu\/odata\/sap\/API_BUSINESS_PARTNER\/(A_BusinessPartner|A_Customer)\('([^']*)'\)$/.exec(path);
  if (one && req.method === "GET") {
    const partner = findPartner(state, decodeURIComponent(one[2]!));
    if (!partner) throw new ODataError(404, "/IWBEP/CM_MGW_RT/020", `Resource not found for segment '${one[1]}'`);
    return ok({ d: one[1] === "A_Customer" ? customerJson(partner) : partnerJson(state, partnerRow(partner), req.query.get("$expand")) });
  }
  if (path === `${BP_SERVICE}/A_CustomerCompany` && req.method === "POST") return addCompanyCode(state, req.body);
  if (path === `${ITEM_SERVICE}/A_OperationalAcctgDocItemCube` && req.method === "GET") return collection(req, (required) => itemRows(candidateDocs(state, required)), itemJson);
  if (path === `${PERIOD_SERVICE}/YY1_PostingPeriodStatus` && req.method === "GET") return collection(req, periodRows(state), periodJson);
  if (req.method !== "GET" && req.method !== "POST") throw new ODataError(405, "/IWBEP/CM_MGW_RT/021", `Method ${req.method} not allowed`);
  throw new ODataError(404, "/IWBEP/CM_MGW_RT/020", `Resource not found for segment '${path.split("/").pop()}'`);
}

const ok = (body: unknown): ODataResponse => ({ status: 200, body, committed: false });

/** `rowsFor` gets what every match must hold (an index may narrow by it; the filter still decides). */
function collection(req: ODataRequest, rowsFor: Row[] | ((required: Required) => Row[]), toJson: (r: Row) => unknown): ODataResponse {
  let rows: Row[];
  try {
    const { predicate, required } = compileFilterWithHints(req.query.get("$filter"));
    rows = (typeof rowsFor === "function" ? rowsFor(required) : rowsFor).filter(predicate);
  } catch (e) {
    if (e instanceof FilterError) throw new ODataError(400, "/IWBEP/CM_MGW_RT/004", e.message);
    throw e;
  }
  const top = Math.min(Number(req.query.get("$top") ?? MAX_PAGE) || MAX_PAGE, MAX_PAGE);
  const skip = Math.max(Number(req.query.get("$skip") ?? 0) || 0, 0);
  const page = rows.slice(skip, skip + top);
  const d: Record<string, unknown> = { results: page.map(toJson) };
  if (req.query.get("$inlinecount") === "allpages") d.__count = String(rows.length);
  // Server-driven paging only when the client asked for more than one page's worth (SAP's behaviour with $top).
  if (!req.query.has("$top") && skip + top < rows.length) {
    const next = new URLSearchParams(req.query);
    next.set("$skip", String(skip + top));
    d.__next = `${req.origin}${req.path}?${next.toString()}`;
  }
  return ok({ d });
}

// ---- Business partners ----
function partnerRow(p: SapPartner): Row {
  return { BusinessPartner: p.BusinessPartner, Customer: p.BusinessPartner, BusinessPartnerFullName: p.name, CreationDate: dayMs(p.CreationDate), LastChangeDate: dayMs(p.LastChange), _key: p.BusinessPartner };
}
function customerJson(p: SapPartner) {
  return { Customer: p.BusinessPartner, CustomerName: p.name, CustomerFullName: p.name, to_CustomerCompany: { results: p.companyCodes.map((c) => ({ Customer: p.BusinessPartner, CompanyCode: c })) } };
}
function partnerJson(state: SapState, r: Row, expand: string | null) {
  const p = findPartner(state, String(r._key))!;
  const wanted = (expand ?? "").split(",").map((s) => s.trim());
  return {
    BusinessPartner: p.BusinessPartner, Customer: p.BusinessPartner, BusinessPartnerCategory: "2", BusinessPartnerFullName: p.name,
    OrganizationBPName1: p.name, CreationDate: sapDate(dayMs(p.CreationDate)), LastChangeDate: sapDate(dayMs(p.LastChange)),
    LastChangeTime: `PT${p.LastChange.slice(11, 13)}H${p.LastChange.slice(14, 16)}M${p.LastChange.slice(17, 19)}S`,
    ...(wanted.some((w) => w.startsWith("to_Customer")) ? { to_Customer: customerJson(p) } : {}),
    ...(wanted.includes("to_BusinessPartnerBank") ? { to_BusinessPartnerBank: { results: p.banks.map((b) => ({ BusinessPartner: p.BusinessPartner, ...b })) } } : {}),
  };
}

const deepInsert = z.object({
  BusinessPartner: z.string().min(1).max(10),
  BusinessPartnerCategory: z.literal("2").optional(),
  OrganizationBPName1: z.string().min(1).max(40),
  to_Customer: z.object({ Customer: z.string().min(1).max(10).optional(), to_CustomerCompany: z.object({ results: z.array(z.object({ CompanyCode: z.string().min(1).max(4) })) }).optional() }).optional(),
}).passthrough();

function createPartner(state: SapState, body: unknown): ODataResponse {
  const parsed = deepInsert.safeParse(body);
  if (!parsed.success) throw new ODataError(400, "CX_SADL_ENTITY_SRV", `Invalid payload: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const b = parsed.data;
  if (findPartner(state, b.BusinessPartner)) throw new ODataError(400, "R1/286", `Business partner ${b.BusinessPartner} already exists`);
  const now = nowIso();
  const partner: SapPartner = {
    BusinessPartner: b.BusinessPartner, name: b.OrganizationBPName1, companyCodes: b.to_Customer?.to_CustomerCompany?.results.map((c) => c.CompanyCode) ?? [],
    banks: [], CreationDate: now, LastChange: now,
  };
  state.partners.push(partner);
  return { status: 201, body: { d: partnerJson(state, partnerRow(partner), "to_Customer") }, committed: true };
}

function addCompanyCode(state: SapState, body: unknown): ODataResponse {
  const parsed = z.object({ Customer: z.string().min(1), CompanyCode: z.string().min(1).max(4) }).passthrough().safeParse(body);
  if (!parsed.success) throw new ODataError(400, "CX_SADL_ENTITY_SRV", "Customer and CompanyCode are required");
  const partner = findPartner(state, parsed.data.Customer);
  if (!partner) throw new ODataError(400, "F2/163", `Customer ${parsed.data.Customer} does not exist`);
  if (partner.companyCodes.includes(parsed.data.CompanyCode)) throw new ODataError(400, "F2/154", `Customer ${parsed.data.Customer} already exists in company code ${parsed.data.CompanyCode}`);
  partner.companyCodes.push(parsed.data.CompanyCode);
  partner.LastChange = nowIso();
  return { status: 201, body: { d: { Customer: partner.BusinessPartner, CompanyCode: parsed.data.CompanyCode } }, committed: true };
}

// ---- Journal entry items ----
export function itemRows(docs: SapDoc[]): Row[] {
  return docs.flatMap((d) => d.items.map((i): Row => ({
    CompanyCode: d.companyCode, FiscalYear: d.fiscalYear, AccountingDocument: d.accountingDocument, AccountingDocumentItem: String(i.item).padStart(3, "0"),
    AccountingDocumentType: d.documentType, DocumentReferenceID: d.referenceId ?? "", AccountingDocumentHeaderText: d.headerText ?? "",
    PostingDate: dayMs(d.postingDate), DocumentDate: dayMs(d.documentDate), FinancialAccountType: i.accountType, GLAccount: i.glAccount ?? "",
    Customer: i.customer ?? "", DebitCreditCode: i.amount.startsWith("-") ? "H" : "S", AmountInTransactionCurrency: i.amount,
    TransactionCurrency: d.currency, DocumentItemText: i.text ?? "", AssignmentReference: i.assignment ?? "", NetDueDate: dayMs(i.dueDate ?? d.documentDate),
    ClearingAccountingDocument: i.clearingDocument ?? "", ClearingDate: dayMs(i.clearingDate), LastChangeDateTime: Date.parse(i.lastChange),
    _doc: docKey(d),
  })));
}
function itemJson(r: Row) {
  const { _doc, ...rest } = r;
  const out: Record<string, unknown> = { ...rest };
  for (const k of ["PostingDate", "DocumentDate", "NetDueDate", "ClearingDate"]) out[k] = sapDate(r[k] as number | null);
  out.LastChangeDateTime = `/Date(${r.LastChangeDateTime}+0000)/`;
  return out;
}

// ---- Posting periods (custom CDS view; fiscal year = calendar year, periods = months) ----
function periodRows(state: SapState): Row[] {
  const codes = new Set([...state.partners.flatMap((p) => p.companyCodes), ...state.docs.map((d) => d.companyCode), ...state.closedPeriods.map((c) => c.split("/")[0]!)]);
  const year = new Date().getUTCFullYear();
  const rows: Row[] = [];
  for (const code of codes) for (let y = year - 1; y <= year + 1; y++) for (let m = 1; m <= 12; m++) {
    const start = `${y}-${String(m).padStart(2, "0")}-01`;
    const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    rows.push({ CompanyCode: code, FiscalYear: String(y), FiscalPeriod: String(m).padStart(3, "0"), FiscalPeriodStartDate: dayMs(start), FiscalPeriodEndDate: dayMs(end), IsOpen: isPeriodOpen(state, code, start) });
  }
  return rows;
}
function periodJson(r: Row) {
  return { ...r, FiscalPeriodStartDate: sapDate(r.FiscalPeriodStartDate as number), FiscalPeriodEndDate: sapDate(r.FiscalPeriodEndDate as number) };
}
