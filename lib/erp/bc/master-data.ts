// Master data in and invoices out, through Business Central API v2.0: `customers` and `salesInvoices` read
// incrementally with `$filter=lastModifiedDateTime gt …` and server-driven paging (`@odata.nextLink` is the cursor),
// invoices published as a draft salesInvoice with its salesInvoiceLines in one deep insert, then posted with the
// bound action Microsoft.NAV.post; periods from `accountingPeriods` and General Ledger Setup's allowed posting dates.
import { fromMinor, toMinor } from "../../money/money.ts";
import { ErpPermanentError } from "../errors.ts";
import type { ErpCustomerRecord, ErpInvoicePublication, ErpOpenItem, ErpPage, ErpPeriod } from "../adapter.ts";
import { decimal } from "./json.ts";
import { amountField, lit, nextLinkOf, valuesOf } from "./transport.ts";
import type { BcContext } from "./receipts.ts";

type Query = { entity: string; modifiedSince: string | null; cursor?: string | null };
const NO_DATE = "0001-01-01"; // BC's blank date

export function createMasterData(ctx: BcContext, options: { revenueAccountNumber: string }) {
  const { t } = ctx;

  async function pageOf(path: string, q: Query, filter: string | null) {
    const res = q.cursor
      ? await t.send({ method: "GET", path: q.cursor })
      : await t.send({ method: "GET", path, query: filter ? { $filter: filter } : {} });
    return { rows: valuesOf(res.body, path), cursor: nextLinkOf(res.body) };
  }

  const since = (q: Query) => {
    if (q.modifiedSince === null) return null;
    const d = new Date(q.modifiedSince);
    if (Number.isNaN(d.getTime())) throw new ErpPermanentError("invalid_posting", `modifiedSince is not a timestamp: ${q.modifiedSince}`);
    return d.toISOString();
  };

  async function readCustomers(q: Query): Promise<ErpPage<ErpCustomerRecord>> {
    const cid = await ctx.companyId(q.entity);
    const from = since(q);
    const { rows, cursor } = await pageOf(`/companies(${cid})/customers`, q, from ? `lastModifiedDateTime gt ${from}` : null);
    // API v2.0 has no customer bank accounts resource: bankAccounts stays empty for BC.
    return { cursor, items: rows.map((c) => ({ accountNumber: String(c.number), name: String(c.displayName ?? ""), entity: q.entity, bankAccounts: [], parentAccountNumber: null, lastModified: (c.lastModifiedDateTime as string | undefined) ?? null })) };
  }

  async function readOpenReceivables(q: Query): Promise<ErpPage<ErpOpenItem>> {
    const cid = await ctx.companyId(q.entity);
    const lcy = await ctx.lcy(cid);
    const from = since(q);
    // Everything changed since the last sync (paid ones included, so Cashline sees them closed); first sync: open ones.
    const { rows, cursor } = await pageOf(`/companies(${cid})/salesInvoices`, q, from ? `lastModifiedDateTime gt ${from}` : "status eq 'Open'");
    const items = rows.filter((i) => i.status === "Open" || i.status === "Paid" || i.status === "Canceled" || i.status === "Corrective").map((i) => {
      const currency = String(i.currencyCode ?? "") || lcy;
      const open = i.status === "Open" ? amountField(i.remainingAmount, "remainingAmount") : "0";
      return {
        invoiceNumber: String(i.number), customerAccount: String(i.customerNumber), entity: q.entity, currency,
        amount: norm(amountField(i.totalAmountIncludingTax, "totalAmountIncludingTax"), currency), openAmount: norm(open, currency),
        issueDate: date(i.invoiceDate), dueDate: date(i.dueDate), lastModified: (i.lastModifiedDateTime as string | undefined) ?? null, erpDocumentId: String(i.id),
      };
    });
    return { items, cursor };
  }

  async function findInvoice(cid: string, externalNumber: string) {
    const res = await t.send({ method: "GET", path: `/companies(${cid})/salesInvoices`, query: { $filter: `externalDocumentNumber eq ${lit(externalNumber)}` } });
    const found = valuesOf(res.body, "sales invoices").filter((i) => i.status !== "Canceled");
    if (found.length > 1) throw new ErpPermanentError("conflict", `${found.length} Business Central sales invoices carry external document number ${externalNumber} (${found.map((i) => i.number).join(", ")}); resolve in BC`);
    return found[0] ?? null;
  }

  /** Exactly once without a key: our invoice number is the BC invoice's externalDocumentNumber, looked up first. */
  async function publishInvoice(inv: ErpInvoicePublication): Promise<{ erpDocumentId: string; erpDocumentNumber: string }> {
    if (inv.invoiceNumber.length > 35) throw new ErpPermanentError("invalid_posting", `invoice number ${inv.invoiceNumber} is longer than BC's 35-character external document number`);
    if (toMinor(inv.amount, inv.currency) <= 0n) throw new ErpPermanentError("invalid_posting", `invoice ${inv.invoiceNumber}: amount must be greater than zero`);
    const cid = await ctx.companyId(inv.entity);
    let invoice = await findInvoice(cid, inv.invoiceNumber);
    if (!invoice) {
      const lcy = await ctx.lcy(cid);
      const res = await t.send({
        method: "POST", path: `/companies(${cid})/salesInvoices`,
        body: {
          externalDocumentNumber: inv.invoiceNumber, invoiceDate: inv.issueDate, ...(inv.dueDate ? { dueDate: inv.dueDate } : {}), customerNumber: inv.customerAccount,
          currencyCode: inv.currency === lcy ? "" : inv.currency,
          salesInvoiceLines: [{ lineType: "Account", lineObjectNumber: options.revenueAccountNumber, description: (inv.description ?? `Invoice ${inv.invoiceNumber}`).slice(0, 100), quantity: decimal("1"), unitPrice: decimal(inv.amount) }],
        },
      });
      invoice = res.body as Record<string, unknown>;
    }
    if (invoice.status === "Draft") {
      try {
        await t.send({ method: "POST", path: `/companies(${cid})/salesInvoices(${invoice.id})/Microsoft.NAV.post` });
      } catch (e) {
        if (!(e instanceof ErpPermanentError && /already posted/i.test(e.message))) throw e;
      }
      invoice = (await t.send({ method: "GET", path: `/companies(${cid})/salesInvoices(${invoice.id})` })).body as Record<string, unknown>;
    }
    if (invoice.status === "Draft") throw new ErpPermanentError("conflict", `Business Central kept invoice ${inv.invoiceNumber} as a draft after posting it`);
    return { erpDocumentId: String(invoice.id), erpDocumentNumber: String(invoice.number) };
  }

  async function readPeriods(entity: string): Promise<ErpPeriod[]> {
    const cid = await ctx.companyId(entity);
    const rows: Record<string, unknown>[] = [];
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const res = await t.send(cursor ? { method: "GET", path: cursor } : { method: "GET", path: `/companies(${cid})/accountingPeriods` });
      rows.push(...valuesOf(res.body, "accounting periods"));
      cursor = nextLinkOf(res.body);
    }
    const setup = valuesOf((await t.send({ method: "GET", path: `/companies(${cid})/generalLedgerSetup` })).body, "general ledger setup")[0] ?? {};
    const from = date(setup.allowPostingFrom);
    const to = date(setup.allowPostingTo);
    const sorted = rows.map((r) => ({ name: String(r.name), start: String(r.startingDate), closed: r.closed === true || r.closed === "true" })).sort((a, b) => a.start.localeCompare(b.start));
    return sorted.map((p, i) => {
      const end = sorted[i + 1] ? dayBefore(sorted[i + 1]!.start) : dayBefore(addMonth(p.start));
      // Open = BC takes a posting dated on its first day: Allow Posting From/To (blank = unbounded) and not a closed year.
      // (A window starting mid-period reports that period closed: postings moved to "the next open period" land.)
      const inWindow = (!from || p.start >= from) && (!to || p.start <= to);
      return { name: `${p.name} ${p.start.slice(0, 4)}`, start: p.start, end, open: !p.closed && inWindow };
    });
  }

  async function ensureCustomerAccount(a: { accountNumber: string; name: string; entity: string }): Promise<void> {
    const cid = await ctx.companyId(a.entity);
    const res = await t.send({ method: "GET", path: `/companies(${cid})/customers`, query: { $filter: `number eq ${lit(a.accountNumber)}` } });
    if (valuesOf(res.body, "customers").length) return;
    try {
      await t.send({ method: "POST", path: `/companies(${cid})/customers`, body: { number: a.accountNumber, displayName: a.name.slice(0, 100) }, safe: true });
    } catch (e) {
      if (!(e instanceof ErpPermanentError && e.errorCode === "Internal_EntityWithSameKeyExists")) throw e;
    }
  }

  return { readCustomers, readOpenReceivables, publishInvoice, readPeriods, ensureCustomerAccount };
}

const date = (v: unknown) => (typeof v === "string" && v && v !== NO_DATE ? v.slice(0, 10) : null);
const norm = (v: string, currency: string) => fromMinor(toMinor(v, currency), currency); // "1500" → "1500.00"
const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const addMonth = (iso: string) => { const d = new Date(`${iso}T00:00:00Z`); d.setUTCMonth(d.getUTCMonth() + 1); return d.toISOString().slice(0, 10); };
