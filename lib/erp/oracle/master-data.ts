// Oracle Fusion Cloud Receivables, the ERP as book of record: customers (`receivablesCustomerAccounts` with
// their bank accounts), receivables invoices (`receivablesInvoices`, balance due = `InvoiceBalanceAmount`),
// accounting periods (`accountingPeriodStatusLOV`, ClosingStatus O/C/F/N), and invoice publication (POST
// `receivablesInvoices` with its lines under an Idempotency-Key).
//
// Incremental reads page by keyset, not by bare offset: ordered by (LastUpdateDate, id) and asked for
// `LastUpdateDate>=<the last one seen>`, skipping the rows of that same instant already read. A row changed while
// we page moves to a later LastUpdateDate and is met again further on (or by the next sync): nothing is skipped.
import { z } from "zod";
import { ErpCircuitOpenError, ErpPermanentError, ErpRetryableError } from "../errors.ts";
import { erpRequest, type ErpRequest, type ErpTransport } from "../http.ts";
import type { ErpCallGate } from "../circuit-breaker.ts";
import type { ErpCustomerRecord, ErpInvoicePublication, ErpOpenItem, ErpPage, ErpPeriod } from "../adapter.ts";
import { ERP_API_PREFIX } from "../client.ts";
import { readErp } from "../posting.ts";
import { toMinor } from "../../money/money.ts";

export const ORACLE_PAGE_SIZE = 200;

const collection = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), hasMore: z.boolean() });
const stamp = z.string().min(1);
const invoiceSchema = z.object({
  CustomerTransactionId: z.number(), TransactionNumber: z.string(), DocumentNumber: z.union([z.number(), z.string()]).nullish(),
  BusinessUnit: z.string(), BillToCustomerNumber: z.string(), InvoiceCurrencyCode: z.string(),
  EnteredAmount: z.string(), InvoiceBalanceAmount: z.string(), TransactionDate: z.string().nullish(), DueDate: z.string().nullish(), LastUpdateDate: stamp,
});
const accountSchema = z.object({
  AccountNumber: z.string(), Name: z.string(), BusinessUnit: z.string(), LastUpdateDate: stamp.nullish(), CreationDate: stamp.nullish(),
  customerBankAccounts: z.array(z.object({ BankAccountNumber: z.string() })).optional(),
});
const periodSchema = z.object({ PeriodNameId: z.string(), StartDate: z.string(), EndDate: z.string(), ClosingStatus: z.string() });

type Cursor = { since: string | null; skip: number };
const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");
function decode(raw: string | null | undefined, modifiedSince: string | null): Cursor {
  if (!raw) return { since: modifiedSince, skip: 0 };
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Cursor;
    if ((c.since === null || typeof c.since === "string") && Number.isInteger(c.skip) && c.skip >= 0) return c;
  } catch { /* fall through */ }
  throw new ErpPermanentError("invalid_posting", "Oracle adapter: the paging cursor is not one this adapter issued");
}

/** Oracle's q values are quoted when they hold anything but letters and digits. */
const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;

export type OracleSend = (req: ErpRequest) => Promise<{ status: number; body: unknown; replayed: boolean }>;

/** Every request through the gate (the shared circuit breaker); blips retried only when the request is safe. */
export function oracleSender(transport: ErpTransport, gate: ErpCallGate, retries: number): OracleSend {
  return async (req) => {
    const safe = req.method === "GET" || req.idempotencyKey !== undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        return await gate.run(() => erpRequest(transport, req));
      } catch (e) {
        const quick = e instanceof ErpRetryableError && !(e instanceof ErpCircuitOpenError) && e.kind !== "timeout" && (e.retryAfterMs ?? 0) < 1000;
        if (!safe || !quick || attempt >= retries) throw e;
        await new Promise((r) => setTimeout(r, Math.max((e as ErpRetryableError).retryAfterMs ?? 0, 25 * 2 ** attempt * (1 + Math.random()))));
      }
    }
  };
}

/** One keyset page of an incremental read; `id` orders rows of the same instant. */
async function readPage<T extends { LastUpdateDate?: string | null }>(
  send: OracleSend, path: string, filters: string[], idAttr: string, item: z.ZodType<T>, cursor: Cursor, what: string, extra: Record<string, string> = {},
): Promise<{ rows: T[]; next: string | null }> {
  const q = [...filters, ...(cursor.since ? [`LastUpdateDate>=${quote(cursor.since)}`] : [])].join(";");
  const res = await send({
    method: "GET", path,
    query: { q, orderBy: `LastUpdateDate:asc,${idAttr}:asc`, limit: String(ORACLE_PAGE_SIZE), offset: String(cursor.skip), onlyData: "true", ...extra },
  });
  const page = readErp(collection(item), res.body, what);
  if (!page.hasMore) return { rows: page.items, next: null };
  const last = page.items.at(-1)?.LastUpdateDate ?? cursor.since;
  const sameInstant = page.items.filter((r) => r.LastUpdateDate === last).length;
  // Every row of this page has the same stamp as the cursor: step past them with the offset.
  const skip = last === cursor.since ? cursor.skip + page.items.length : sameInstant;
  return { rows: page.items, next: encode({ since: last ?? null, skip }) };
}

export function oracleMasterData(send: OracleSend) {
  return {
    async readCustomers(query: { entity: string; modifiedSince: string | null; cursor?: string | null }): Promise<ErpPage<ErpCustomerRecord>> {
      const { rows, next } = await readPage(send, `${ERP_API_PREFIX}/receivablesCustomerAccounts`, [`BusinessUnit=${quote(query.entity)}`], "CustomerAccountId",
        accountSchema, decode(query.cursor, query.modifiedSince), "read customer accounts", { expand: "customerBankAccounts" });
      return {
        cursor: next,
        items: rows.map((a) => ({
          accountNumber: a.AccountNumber, name: a.Name, entity: a.BusinessUnit, parentAccountNumber: null,
          bankAccounts: (a.customerBankAccounts ?? []).map((b) => b.BankAccountNumber), lastModified: a.LastUpdateDate ?? a.CreationDate ?? null,
        })),
      };
    },

    async readOpenReceivables(query: { entity: string; modifiedSince: string | null; cursor?: string | null }): Promise<ErpPage<ErpOpenItem>> {
      const { rows, next } = await readPage(send, `${ERP_API_PREFIX}/receivablesInvoices`, [`BusinessUnit=${quote(query.entity)}`], "CustomerTransactionId",
        invoiceSchema, decode(query.cursor, query.modifiedSince), "read receivables invoices");
      return { cursor: next, items: rows.map(toOpenItem) };
    },

    // Exactly once: the Idempotency-Key replays the first answer; should the key be gone (a purge in the ERP),
    // the transaction number is unique per business unit, so a duplicate refusal is answered by looking it up.
    async publishInvoice(inv: ErpInvoicePublication): Promise<{ erpDocumentId: string; erpDocumentNumber: string }> {
      const body = {
        TransactionNumber: inv.invoiceNumber, TransactionDate: inv.issueDate, ...(inv.dueDate ? { DueDate: inv.dueDate } : {}),
        BusinessUnit: inv.entity, BillToCustomerNumber: inv.customerAccount, InvoiceCurrencyCode: inv.currency,
        TransactionSource: "Cashline", TransactionType: "Invoice",
        receivablesInvoiceLines: [{ Description: inv.description ?? `Invoice ${inv.invoiceNumber}`, Quantity: "1", UnitSellingPrice: inv.amount }],
      };
      try {
        const res = await send({ method: "POST", path: `${ERP_API_PREFIX}/receivablesInvoices`, body, idempotencyKey: inv.idempotencyKey });
        return documentOf(readErp(invoiceSchema, res.body, "create receivables invoice"));
      } catch (e) {
        if (!(e instanceof ErpPermanentError && e.errorCode === "DUPLICATE_TRANSACTION_NUMBER")) throw e;
        const res = await send({ method: "GET", path: `${ERP_API_PREFIX}/receivablesInvoices`, query: { q: `TransactionNumber=${quote(inv.invoiceNumber)};BusinessUnit=${quote(inv.entity)}` } });
        const found = readErp(collection(invoiceSchema), res.body, "find receivables invoice").items;
        const same = found.find((f) => f.BillToCustomerNumber === inv.customerAccount && f.InvoiceCurrencyCode === inv.currency
          && toMinor(f.EnteredAmount, f.InvoiceCurrencyCode) === toMinor(inv.amount, inv.currency));
        if (!same) throw new ErpPermanentError("conflict", `invoice number ${inv.invoiceNumber} already exists in Oracle business unit ${inv.entity} with other figures; resolve in the ERP`);
        return documentOf(same);
      }
    },

    async readPeriods(entity: string): Promise<ErpPeriod[]> {
      const res = await send({ method: "GET", path: `${ERP_API_PREFIX}/accountingPeriodStatusLOV`, query: { q: `LedgerName=${quote(entity)};ApplicationId=222`, limit: "500", orderBy: "StartDate:asc" } });
      return readErp(collection(periodSchema), res.body, "read accounting periods").items
        .map((p) => ({ name: p.PeriodNameId, start: p.StartDate, end: p.EndDate, open: p.ClosingStatus === "O" || p.ClosingStatus === "F" }));
    },
  };
}

function toOpenItem(i: z.infer<typeof invoiceSchema>): ErpOpenItem {
  return {
    invoiceNumber: i.TransactionNumber, customerAccount: i.BillToCustomerNumber, entity: i.BusinessUnit, currency: i.InvoiceCurrencyCode,
    amount: i.EnteredAmount, openAmount: i.InvoiceBalanceAmount, issueDate: i.TransactionDate ?? null, dueDate: i.DueDate ?? null,
    lastModified: i.LastUpdateDate, erpDocumentId: String(i.CustomerTransactionId),
  };
}

function documentOf(i: z.infer<typeof invoiceSchema>) {
  return { erpDocumentId: String(i.CustomerTransactionId), erpDocumentNumber: String(i.DocumentNumber ?? i.TransactionNumber) };
}
