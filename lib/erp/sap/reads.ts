// OData V2 reads: journal entry items (API_OPLACCTGDOCITEMCUBE_SRV, A_OperationalAcctgDocItemCube), business
// partners (API_BUSINESS_PARTNER) and posting periods (a custom CDS view, see README). SAP's JSON: {"d":{"results"}},
// dates as "/Date(ms)/", decimals as strings.
import { z } from "zod";
import { ErpPermanentError } from "../errors.ts";
import type { SapTransport } from "./transport.ts";

export const BP_SERVICE = "/sap/opu/odata/sap/API_BUSINESS_PARTNER";
export const ITEM_SERVICE = "/sap/opu/odata/sap/API_OPLACCTGDOCITEMCUBE_SRV";
export const DEFAULT_PERIOD_SERVICE = "/sap/opu/odata/sap/YY1_POSTINGPERIODSTATUS_CDS";

/** An OData string literal. */
export const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;
/** "/Date(1700000000000)/" or "/Date(1700000000000+0000)/" → ISO timestamp (null stays null). */
export function odataDate(v: string | null | undefined): string | null {
  const m = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/.exec(v ?? "");
  return m ? new Date(Number(m[1])).toISOString() : null;
}
const day = (v: string | null | undefined) => odataDate(v)?.slice(0, 10) ?? null;

const results = <T extends z.ZodType>(row: T) => z.object({ d: z.object({ results: z.array(row), __next: z.string().optional() }) });
function read<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new ErpPermanentError("bad_response", `${what}: unexpected SAP answer (${issue?.path.join(".")}: ${issue?.message})`);
}

const itemRow = z.object({
  CompanyCode: z.string(), FiscalYear: z.string(), AccountingDocument: z.string(), AccountingDocumentItem: z.string(),
  AccountingDocumentType: z.string(), DocumentReferenceID: z.string(), AccountingDocumentHeaderText: z.string().default(""),
  PostingDate: z.string().nullable(), DocumentDate: z.string().nullable(), FinancialAccountType: z.string(), GLAccount: z.string().default(""),
  Customer: z.string().default(""), DebitCreditCode: z.string(), AmountInTransactionCurrency: z.string(), TransactionCurrency: z.string(),
  DocumentItemText: z.string().default(""), AssignmentReference: z.string().default(""), NetDueDate: z.string().nullable().optional(),
  ClearingAccountingDocument: z.string().default(""), LastChangeDateTime: z.string().nullable().optional(),
});
export type SapItemRow = Omit<z.output<typeof itemRow>, "PostingDate" | "DocumentDate" | "NetDueDate" | "LastChangeDateTime"> & {
  PostingDate: string | null; DocumentDate: string | null; NetDueDate: string | null; LastChangeDateTime: string | null;
};

const PAGE = 1000;

/** Journal entry items matching an OData $filter, every page (also when SAP caps a page below $top). */
export async function readItems(t: SapTransport, filter: string): Promise<SapItemRow[]> {
  const out: SapItemRow[] = [];
  for (let skip = 0; ; ) {
    const page = await readItemPage(t, filter, skip, PAGE);
    out.push(...page.rows);
    if (!page.more) return out;
    skip += page.rows.length;
  }
}

/** One page in a stable order (key order), and whether more may follow (a full page, or SAP's __next link). */
export async function readItemPage(t: SapTransport, filter: string, skip: number, top: number): Promise<{ rows: SapItemRow[]; more: boolean }> {
  const body = await t.odataGet(`${ITEM_SERVICE}/A_OperationalAcctgDocItemCube`, {
    $filter: filter, $top: String(top), $skip: String(skip), $orderby: "CompanyCode,FiscalYear,AccountingDocument,AccountingDocumentItem",
  });
  const d = read(results(itemRow), body, "journal entry items").d;
  const rows = d.results.map((r) => ({
    ...r, PostingDate: day(r.PostingDate), DocumentDate: day(r.DocumentDate), NetDueDate: day(r.NetDueDate), LastChangeDateTime: odataDate(r.LastChangeDateTime),
  }));
  return { rows, more: rows.length > 0 && (rows.length >= top || d.__next !== undefined) };
}

const partnerRow = z.object({
  BusinessPartner: z.string(), BusinessPartnerFullName: z.string().default(""), OrganizationBPName1: z.string().optional(),
  LastChangeDate: z.string().nullable().optional(), LastChangeTime: z.string().optional(),
  to_Customer: z.object({ Customer: z.string(), to_CustomerCompany: z.object({ results: z.array(z.object({ CompanyCode: z.string() })) }).optional() }).nullable().optional(),
  to_BusinessPartnerBank: z.object({ results: z.array(z.object({ IBAN: z.string().default(""), BankAccount: z.string().default("") })) }).optional(),
});
export type SapPartnerRow = z.output<typeof partnerRow>;

export async function readPartnerPage(t: SapTransport, filter: string | null, skip: number, top: number): Promise<{ rows: SapPartnerRow[]; more: boolean }> {
  const query: Record<string, string> = { $expand: "to_Customer/to_CustomerCompany,to_BusinessPartnerBank", $top: String(top), $skip: String(skip), $orderby: "BusinessPartner" };
  if (filter) query.$filter = filter;
  const d = read(results(partnerRow), await t.odataGet(`${BP_SERVICE}/A_BusinessPartner`, query), "business partners").d;
  return { rows: d.results, more: d.results.length > 0 && (d.results.length >= top || d.__next !== undefined) };
}

/** "PT13H05M09S" + a date → ISO timestamp. */
export function partnerLastChange(p: SapPartnerRow): string | null {
  const date = day(p.LastChangeDate);
  if (!date) return null;
  const m = /^PT(\d{1,2})H(\d{1,2})M(\d{1,2})S$/.exec(p.LastChangeTime ?? "");
  return m ? `${date}T${m[1]!.padStart(2, "0")}:${m[2]!.padStart(2, "0")}:${m[3]!.padStart(2, "0")}.000Z` : `${date}T00:00:00.000Z`;
}

const customerRow = z.object({ d: z.object({ Customer: z.string(), to_CustomerCompany: z.object({ results: z.array(z.object({ CompanyCode: z.string() })) }).optional() }) });
/** The customer and its company codes, or null when SAP has no such customer. */
export async function readCustomer(t: SapTransport, customer: string): Promise<{ companyCodes: string[] } | null> {
  try {
    const body = await t.odataGet(`${BP_SERVICE}/A_Customer(${lit(customer)})`, { $expand: "to_CustomerCompany" });
    return { companyCodes: read(customerRow, body, "customer").d.to_CustomerCompany?.results.map((c) => c.CompanyCode) ?? [] };
  } catch (e) {
    if (e instanceof ErpPermanentError && e.status === 404) return null;
    throw e;
  }
}

const periodRow = z.object({ CompanyCode: z.string(), FiscalYear: z.string(), FiscalPeriod: z.string(), FiscalPeriodStartDate: z.string(), FiscalPeriodEndDate: z.string(), IsOpen: z.boolean() });
export async function readPeriodRows(t: SapTransport, service: string, companyCode: string) {
  const body = await t.odataGet(`${service}/YY1_PostingPeriodStatus`, { $filter: `CompanyCode eq ${lit(companyCode)}` });
  return read(results(periodRow), body, "posting periods").d.results.map((r) => ({ ...r, start: day(r.FiscalPeriodStartDate)!, end: day(r.FiscalPeriodEndDate)! }));
}
