// The REST record service (/services/rest/record/v1/{type}[/{id}|/eid:{externalId}]) for customerPayment, customer
// and invoice. Writes answer 204 with a Location header naming the record (create, upsert and update alike).
import { z } from "zod";
import { amountDue, createCustomer, createInvoice, findCustomer, updateCustomer } from "./books.ts";
import { invalidValue, NsError, notFound, userError } from "./errors.ts";
import { decimal, readAmount, readCurrency } from "./money.ts";
import { paymentBody, writePayment } from "./payments.ts";
import { RECORD_PREFIX, renderCustomer, renderInvoice, renderPayment } from "./render.ts";
import { lookup, stamp, type NsState } from "./state.ts";

export type RecordRequest = { method: string; path: string; query: URLSearchParams; body: unknown; base: string };
export type RecordResult = { status: number; body?: unknown; headers?: Record<string, string>; committed: boolean };

const ref = z.object({ id: z.union([z.string().min(1), z.number()]).transform(String) }).passthrough();
const customerBody = z.object({
  externalId: z.string().optional(), entityId: z.string().min(1).optional(), companyName: z.string().min(1).optional(),
  subsidiary: ref.optional(), parent: ref.nullish(), custentity_cashline_bank_accounts: z.string().nullish(),
}).passthrough();
const invoiceBody = z.object({
  externalId: z.string().optional(), tranId: z.string().min(1).optional(), entity: ref, subsidiary: ref.optional(), currency: ref,
  tranDate: z.iso.date(), dueDate: z.iso.date().nullish(), memo: z.string().nullish(),
  item: z.object({ items: z.array(z.object({ item: ref, amount: z.union([z.number(), z.string()]), description: z.string().nullish() }).passthrough()).min(1) }),
}).passthrough();

const EXTERNAL_ID = /^[A-Za-z0-9_-]+$/;

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.join(".");
  throw new NsError(400, "INVALID_CONTENT", `Error while accessing a resource. ${issue.message}${path ? ` (field ${path})` : ""}`, path || undefined);
}

export function handleRecordRequest(s: NsState, req: RecordRequest): RecordResult {
  const rest = req.path.slice(RECORD_PREFIX.length + 1).split("/").map(decodeURIComponent);
  const [type, key, ...more] = rest;
  if (!type || more.length > 0 || !["customerPayment", "customer", "invoice"].includes(type)) {
    throw new NsError(404, "INVALID_RCRD_TYPE", `The record type ${type ?? ""}${more.length ? "/" + more.join("/") : ""} is not supported by this simulator.`);
  }
  const eid = key?.startsWith("eid:") ? key.slice(4) : undefined;
  if (eid !== undefined && !EXTERNAL_ID.test(eid)) throw invalidValue("externalId", `An external ID may only contain letters, numbers, underscore and hyphen: ${eid}`);
  const records: { id: string; externalId: string | null }[] = type === "customerPayment" ? s.payments : type === "customer" ? s.customers : s.invoices;
  const existing = key === undefined ? undefined : eid !== undefined ? lookup(records, "externalId", eid) : lookup(records, "id", key);
  const located = (id: string, committed: boolean): RecordResult => ({ status: 204, headers: { location: `${req.base}${RECORD_PREFIX}/${type}/${id}` }, committed });

  if (req.method === "GET") {
    if (!key) throw new NsError(405, "METHOD_NOT_ALLOWED", "Use SuiteQL (POST /services/rest/query/v1/suiteql) to list records in this simulator.");
    if (!existing) throw notFound(`${type} ${key}`);
    const expand = req.query.get("expandSubResources") === "true";
    if (type === "customerPayment") return { status: 200, body: renderPayment(req.base, s, lookup(s.payments, "id", existing.id)!, expand), committed: false };
    if (type === "customer") return { status: 200, body: renderCustomer(req.base, lookup(s.customers, "id", existing.id)!), committed: false };
    return { status: 200, body: renderInvoice(req.base, s, lookup(s.invoices, "id", existing.id)!), committed: false };
  }
  if (req.method === "POST" && key !== undefined) throw new NsError(405, "METHOD_NOT_ALLOWED", `POST goes to ${RECORD_PREFIX}/${type}, not to a record instance.`);
  if (req.method === "PUT" && eid === undefined) throw userError("The upsert operation (PUT) needs an external ID in the URL: …/eid:{externalId}.");
  if (req.method === "PATCH" && !existing) throw notFound(`${type} ${key ?? ""}`);
  if (!["POST", "PUT", "PATCH"].includes(req.method)) throw new NsError(405, "METHOD_NOT_ALLOWED", `${req.method} is not supported on ${type}.`);
  const externalId = eid ?? (req.body as { externalId?: string } | undefined)?.externalId;
  if (req.method === "POST" && externalId && lookup(records, "externalId", externalId)) {
    throw new NsError(400, "DUP_RCRD", `A ${type} record with external ID ${externalId} already exists.`, "externalId");
  }

  if (type === "customerPayment") {
    const body = parse(paymentBody, req.body);
    const current = existing ? lookup(s.payments, "id", existing.id) : undefined;
    // Updates (PATCH, or PUT of a record that exists) merge the keyed apply sublist by `doc` unless ?replace=apply
    // ("Updating a Sublist" / "Replacing a Sublist" in NetSuite's REST guide).
    const replace = (req.query.get("replace") ?? "").split(",").includes("apply");
    const mode = !current ? "create" : replace ? "replace" : "merge";
    const { payment, changed } = writePayment(s, body, mode, current, externalId);
    return located(payment.id, changed);
  }
  if (type === "customer") {
    const body = parse(customerBody, req.body);
    const input = {
      entityId: body.entityId, companyName: body.companyName, subsidiary: body.subsidiary?.id, parent: body.parent === undefined ? undefined : body.parent?.id ?? null,
      bankAccounts: body.custentity_cashline_bank_accounts == null ? undefined : body.custentity_cashline_bank_accounts.split(",").map((b) => b.trim()).filter(Boolean),
    };
    const current = existing ? lookup(s.customers, "id", existing.id) : undefined;
    if (current) return located(updateCustomer(s, current, input).id, true);
    if (!input.entityId || !input.companyName || !input.subsidiary) throw invalidValue(!input.entityId ? "entityId" : !input.companyName ? "companyName" : "subsidiary", "Please enter value(s) for: entityId, companyName, subsidiary");
    return located(createCustomer(s, { ...input, entityId: input.entityId, companyName: input.companyName, subsidiary: input.subsidiary, externalId: externalId ?? null }).id, true);
  }
  const body = parse(invoiceBody, req.body);
  const currency = readCurrency(body.currency.id);
  const total = body.item.items.reduce((sum, l, i) => sum + readAmount(l.amount, currency, `item.items[${i}].amount`), 0n);
  const current = existing ? lookup(s.invoices, "id", existing.id) : undefined;
  if (current) {
    // Upsert of an invoice already there: the same invoice again changes nothing; a lower total than is settled is refused.
    const settled = readAmount(current.total, current.currency, "total") - amountDue(s, current);
    if (total < settled) throw userError(`Invoice ${current.tranId} has ${decimal(settled, currency)} ${currency} applied; its total cannot drop below that.`);
    const next = { total: decimal(total, currency), tranDate: body.tranDate, dueDate: body.dueDate ?? null, memo: body.memo ?? null };
    const changed = Object.entries(next).some(([k, v]) => (current as Record<string, unknown>)[k] !== v);
    if (changed) Object.assign(current, next, { lastModifiedDate: stamp() });
    return located(current.id, changed);
  }
  if (!findCustomer(s, body.entity.id)) throw invalidValue("entity", `You have entered an Invalid Field Value ${body.entity.id} for the following field: entity`);
  const inv = createInvoice(s, {
    externalId: externalId ?? null, tranId: body.tranId, entity: body.entity.id, subsidiary: body.subsidiary?.id, currency, total,
    tranDate: body.tranDate, dueDate: body.dueDate, memo: body.memo,
  });
  return located(inv.id, true);
}
