// The simulated receivables API itself, in-process: resources, idempotency keys, business rules, ledger.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startErpSim, type ErpSim } from "./server.ts";
import { ERP_API_PREFIX } from "./erp-routes.ts";
import { getLedger, resetSim } from "./sim-control.ts";

let sim: ErpSim;
beforeAll(async () => { sim = await startErpSim(); });
afterAll(async () => { await sim.close(); });
beforeEach(async () => { await resetSim(sim.url); });

async function api(method: string, path: string, body?: unknown, key?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key) headers["idempotency-key"] = key;
  const res = await fetch(`${sim.url}${ERP_API_PREFIX}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

const receipt = (over: Record<string, unknown> = {}) => ({
  ReceiptNumber: "R-1", ReceiptDate: "2026-03-02", Amount: "1000.5", Currency: "USD", BusinessUnit: "US01",
  RemittanceBankAccountNumber: "US-OPER-1", ...over,
});

describe("standard receipts", () => {
  it("creates a receipt with canonical amounts and looks it up by id, q= and plain filters", async () => {
    const created = await api("POST", "/standardReceipts", receipt(), "k1");
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ReceiptNumber: "R-1", Amount: "1000.50", UnappliedAmount: "1000.50", Status: "UNAPP", CustomerAccountNumber: null });
    const id = created.body.StandardReceiptId;
    expect((await api("GET", `/standardReceipts/${id}`)).body.ReceiptNumber).toBe("R-1");
    const byQ = await api("GET", `/standardReceipts?q=${encodeURIComponent("ReceiptNumber='R-1';BusinessUnit=US01")}`);
    expect(byQ.body).toMatchObject({ count: 1, hasMore: false });
    expect(byQ.body.items[0].StandardReceiptId).toBe(id);
    expect((await api("GET", "/standardReceipts?ReceiptNumber=R-2")).body.count).toBe(0);
    expect((await api("GET", "/standardReceipts/999")).status).toBe(404);
  });

  it("replays the same key and request (200, nothing new booked) and refuses the key for another request (422)", async () => {
    const first = await api("POST", "/standardReceipts", receipt(), "same");
    const again = await api("POST", "/standardReceipts", { ...receipt() }, "same");
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(first.body);
    const conflict = await api("POST", "/standardReceipts", receipt({ Amount: "999.00" }), "same");
    expect(conflict.status).toBe(422);
    expect(conflict.body).toMatchObject({ status: 422, errorCode: "IDEMPOTENCY_KEY_REUSED" });
    expect(conflict.body.detail).toMatch(/already used for a different request/);
    const ledger = await getLedger(sim.url);
    expect(ledger.counts).toMatchObject({ receipts: 1, idempotencyKeys: 1 });
    expect(ledger.idempotencyKeys[0]).toMatchObject({ key: "same", resource: { type: "standardReceipt", id: first.body.StandardReceiptId } });
  });

  it("books again without a key (an ERP without idempotency: receipt numbers are not unique)", async () => {
    await api("POST", "/standardReceipts", receipt());
    await api("POST", "/standardReceipts", receipt());
    expect((await getLedger(sim.url)).counts.receipts).toBe(2);
  });

  it("validates bodies: float amounts, precision, currency, missing fields", async () => {
    const float = await api("POST", "/standardReceipts", receipt({ Amount: 10.5 }));
    expect(float.status).toBe(400);
    expect(float.body.errors[0].path).toBe("Amount");
    expect((await api("POST", "/standardReceipts", receipt({ Amount: "10.505" }))).body).toMatchObject({ status: 422, errorCode: "INVALID_AMOUNT" });
    expect((await api("POST", "/standardReceipts", receipt({ Currency: "XXX" }))).status).toBe(400);
    expect((await api("POST", "/standardReceipts", receipt({ BusinessUnit: undefined }))).status).toBe(400);
    expect((await getLedger(sim.url)).counts.receipts).toBe(0);
  });
});

describe("receipt applications", () => {
  it("applies every type, tracks the unapplied amount and refuses over-application with a clear 422", async () => {
    const id = (await api("POST", "/standardReceipts", receipt({ Amount: "100.00" }))).body.StandardReceiptId;
    const path = `/standardReceipts/${id}/child/receiptApplications`;
    expect((await api("POST", path, { ApplicationType: "INVOICE", InvoiceNumber: "INV-1", AmountApplied: "60" }, "a0")).status).toBe(201);
    expect((await api("POST", path, { ApplicationType: "WRITE_OFF", AmountApplied: "0.50", WriteOffReason: "bank fee" }, "a1")).status).toBe(201);
    expect((await api("POST", path, { ApplicationType: "ON_ACCOUNT", AmountApplied: "20" })).status).toBe(201);
    const over = await api("POST", path, { ApplicationType: "INVOICE", InvoiceNumber: "INV-2", AmountApplied: "19.51" }, "a3");
    expect(over.status).toBe(422);
    expect(over.body.errorCode).toBe("OVER_APPLICATION");
    expect(over.body.detail).toBe("AmountApplied 19.51 USD exceeds the unapplied amount 19.50 USD of receipt R-1");
    expect((await api("POST", path, { ApplicationType: "UNAPPLIED", AmountApplied: "19.50" })).status).toBe(201);
    const view = (await api("GET", `/standardReceipts/${id}`)).body;
    expect(view).toMatchObject({ UnappliedAmount: "0.00", Status: "APP", ApplicationTotals: { INVOICE: "60.00", WRITE_OFF: "0.50", ON_ACCOUNT: "20.00", UNAPPLIED: "19.50" } });
    expect((await api("GET", path)).body.count).toBe(4);
    // The over-application was not remembered under its key: fixed, the same key may be used.
    expect((await getLedger(sim.url)).idempotencyKeys.map((k) => k.key).sort()).toEqual(["a0", "a1"]);
  });

  it("requires the invoice for INVOICE and the reason for WRITE_OFF, and a known receipt", async () => {
    const id = (await api("POST", "/standardReceipts", receipt())).body.StandardReceiptId;
    const path = `/standardReceipts/${id}/child/receiptApplications`;
    expect((await api("POST", path, { ApplicationType: "INVOICE", AmountApplied: "1" })).body.errors[0].path).toBe("InvoiceNumber");
    expect((await api("POST", path, { ApplicationType: "WRITE_OFF", AmountApplied: "1" })).body.errors[0].path).toBe("WriteOffReason");
    expect((await api("POST", "/standardReceipts/42/child/receiptApplications", { ApplicationType: "ON_ACCOUNT", AmountApplied: "1" })).status).toBe(404);
  });
});

describe("customer accounts", () => {
  it("creates and lists accounts; receipts must name a known account of their business unit, or none", async () => {
    expect((await api("POST", "/receivablesCustomerAccounts", { AccountNumber: "C-1", Name: "Acme", BusinessUnit: "US01" })).status).toBe(201);
    expect((await api("POST", "/receivablesCustomerAccounts", { AccountNumber: "C-1", Name: "Acme", BusinessUnit: "US01" })).status).toBe(409);
    expect((await api("GET", "/receivablesCustomerAccounts?q=AccountNumber=C-1")).body.items[0]).toMatchObject({ Name: "Acme" });
    expect((await api("GET", "/receivablesCustomerAccounts/C-1")).body.BusinessUnit).toBe("US01");
    expect((await api("POST", "/standardReceipts", receipt({ CustomerAccountNumber: "C-1" }))).status).toBe(201);
    const unknown = await api("POST", "/standardReceipts", receipt({ CustomerAccountNumber: "C-9" }));
    expect(unknown.body).toMatchObject({ status: 422, errorCode: "UNKNOWN_CUSTOMER_ACCOUNT", detail: "customer account C-9 does not exist" });
    expect((await api("POST", "/standardReceipts", receipt({ CustomerAccountNumber: "C-1", BusinessUnit: "GB01" }))).status).toBe(422);
    expect((await api("POST", "/standardReceipts", receipt({ ReceiptNumber: "UNID-1" }))).status).toBe(201);
  });
});

describe("errors and the ledger", () => {
  it("answers unknown paths, wrong methods and bad JSON with problem details", async () => {
    expect((await api("GET", "/nothingHere")).body).toMatchObject({ status: 404, title: "Not found", errorCode: "NO_SUCH_RESOURCE" });
    expect((await api("DELETE", "/standardReceipts")).status).toBe(405);
    const res = await fetch(`${sim.url}${ERP_API_PREFIX}/standardReceipts`, { method: "POST", body: "{nope" });
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ status: 400, errorCode: "INVALID_JSON" });
  });

  it("shows receipts with their applications, keys and counts; reset empties it", async () => {
    const id = (await api("POST", "/standardReceipts", receipt(), "k")).body.StandardReceiptId;
    await api("POST", `/standardReceipts/${id}/child/receiptApplications`, { ApplicationType: "ON_ACCOUNT", AmountApplied: "5" }, "k:app:0");
    const ledger = await getLedger(sim.url);
    expect(ledger.counts).toEqual({ receipts: 1, applications: 1, customerAccounts: 0, idempotencyKeys: 2 });
    expect(ledger.receipts[0]!.receiptApplications).toHaveLength(1);
    expect(ledger.idempotencyKeys.find((k) => k.key === "k:app:0")!.resource.type).toBe("receiptApplication");
    await resetSim(sim.url);
    expect((await getLedger(sim.url)).counts.receipts).toBe(0);
  });
});
