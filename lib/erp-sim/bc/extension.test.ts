// The Cashline extension's custom API in the BC simulator over raw HTTP: the route, auth, BC's error body, and the
// rules of codeunit "CustEntry-Apply Posted Entries" (an entry's latest application is unapplied; nothing to unapply;
// closed entries; more than the remaining amount; dates outside the allowed posting dates).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startBcSim, type BcSim } from "./index.ts";
import { getBcLedger, seedCustomers, seedInvoices, setPeriod } from "./control.ts";
import { resetSim } from "../sim-control.ts";
import { decimal, parseBc, stringifyBc } from "../../erp/bc/json.ts";

let sim: BcSim;
let token = "";
let cid = "";
const root = () => `${sim.url}/v2.0/${sim.tenantId}/production/api`;
beforeAll(async () => { sim = await startBcSim(); });
afterAll(async () => { await sim?.close(); });
beforeEach(async () => {
  await resetSim(sim.url);
  await seedCustomers(sim.url, [{ entity: "DE01", accountNumber: "C-1" }]);
  await seedInvoices(sim.url, [
    { entity: "DE01", invoiceNumber: "INV-1", customerAccount: "C-1", currency: "EUR", amount: "50.00", issueDate: "2026-11-02" },
    { entity: "DE01", invoiceNumber: "INV-2", customerAccount: "C-1", currency: "EUR", amount: "30.00", issueDate: "2026-11-02" },
  ]);
  const form = new URLSearchParams({ grant_type: "client_credentials", client_id: "cashline-bc", client_secret: "cashline-bc-secret", scope: "https://api.businesscentral.dynamics.com/.default" });
  token = ((await (await fetch(`${sim.url}/${sim.tenantId}/oauth2/v2.0/token`, { method: "POST", body: form })).json()) as { access_token: string }).access_token;
  cid = sim.ledger().companies[0]!.id;
  // a payment of 80: 50 applied to INV-1 by its journal line, 30 left open
  const j = (await bc("POST", "v2.0", "/customerPaymentJournals", { code: "J1" })).body;
  for (const l of [{ amount: decimal("-50"), appliesToInvoiceNumber: "INV-1" }, { amount: decimal("-30") }]) {
    await bc("POST", "v2.0", `/customerPaymentJournals(${j.id})/customerPayments`, { customerNumber: "C-1", postingDate: "2026-11-20", documentNumber: "R-1", ...l });
  }
  expect((await bc("POST", "v2.0", `/journals(${j.id})/Microsoft.NAV.post`)).status).toBe(204);
});

async function bc(method: string, api: string, path: string, body?: unknown, auth = `Bearer ${token}`) {
  const res = await fetch(`${root()}/${api}/companies(${cid})${path}`, { method, headers: { authorization: auth, "content-type": "application/json" }, body: body === undefined ? undefined : stringifyBc(body) });
  const text = await res.text();
  return { status: res.status, body: (text ? parseBc(text) : undefined) as Record<string, any> };
}
const ext = (method: string, path: string, body?: unknown) => bc(method, "cashline/finance/v1.0", path, body);
async function entries() {
  return (await ext("GET", "/customerLedgerEntries?$filter=documentNumber eq 'R-1'&$expand=applications")).body.value as Record<string, any>[];
}

describe("BC simulator: the Cashline extension's API", () => {
  it("lists a document's entries with remaining amounts and applications, and needs a token", async () => {
    const [applied, open] = await entries();
    expect(applied).toMatchObject({ entryNumber: expect.anything(), documentType: "Payment", amount: "-50", remainingAmount: "0.00", open: false, applications: [{ appliedToDocumentNumber: "INV-1", amount: "50.00", unapplied: false }] });
    expect(open).toMatchObject({ amount: "-30", remainingAmount: "-30.00", open: true, applications: [] });
    expect((await bc("GET", "cashline/finance/v1.0", "/customerLedgerEntries", undefined, "Bearer forged")).status).toBe(401);
    expect((await ext("GET", "/customerLedgerEntries(00000000-0000-0000-0000-000000000000)")).body.error.code).toBe("BadRequest_NotFound");
  });

  it("unapply re-opens the invoice; a second unapply finds nothing to unapply; apply draws on the open remainder only", async () => {
    const [applied, open] = await entries();
    expect((await ext("POST", `/customerLedgerEntries(${applied!.id})/Microsoft.NAV.unapply`, { postingDate: "2026-11-25" })).status).toBe(204);
    const again = await ext("POST", `/customerLedgerEntries(${applied!.id})/Microsoft.NAV.unapply`, { postingDate: "2026-11-25" });
    expect([again.status, again.body.error.code]).toEqual([400, "Application_DialogException"]);
    expect(again.body.error.message).toMatch(/^Cust\. Ledger Entry No\. \d+ does not have an application entry\..*CorrelationId/);
    let de01 = (await getBcLedger(sim.url)).companies[0]!;
    expect(de01.invoices.find((i) => i.number === "INV-1")).toMatchObject({ status: "Open", remainingAmount: "50.00" });

    const tooMuch = await ext("POST", `/customerLedgerEntries(${open!.id})/Microsoft.NAV.apply`, { appliesToDocumentNumber: "INV-2", amountToApply: decimal("31"), postingDate: "2026-11-25" });
    expect(tooMuch.body.error.message).toMatch(/at most the remaining amount 30\.00/);
    const early = await ext("POST", `/customerLedgerEntries(${open!.id})/Microsoft.NAV.apply`, { appliesToDocumentNumber: "INV-2", amountToApply: decimal("30"), postingDate: "2026-11-01" });
    expect(early.body.error.message).toMatch(/must not be before the posting date on the Cust\. Ledger Entry/);
    expect((await ext("POST", `/customerLedgerEntries(${open!.id})/Microsoft.NAV.apply`, { appliesToDocumentNumber: "INV-2", amountToApply: decimal("30"), postingDate: "2026-11-25" })).status).toBe(204);
    const closed = await ext("POST", `/customerLedgerEntries(${open!.id})/Microsoft.NAV.apply`, { appliesToDocumentNumber: "INV-1", amountToApply: decimal("1"), postingDate: "2026-11-25" });
    expect(closed.body.error.message).toMatch(/You cannot apply closed entries/);
    de01 = (await getBcLedger(sim.url)).companies[0]!;
    expect(de01.invoices.find((i) => i.number === "INV-2")).toMatchObject({ status: "Paid", remainingAmount: "0.00" });
    const receipt = (await getBcLedger(sim.url)).receipts[0]!;
    expect(receipt.applications.map((a) => [a.invoiceNumber, a.amount, a.reversed])).toEqual([["INV-1", "50.00", true], ["INV-2", "30.00", false]]);
  });

  it("refuses dates outside the allowed posting dates with codeunit 226's message, and bodies it cannot read", async () => {
    const [applied] = await entries();
    await setPeriod(sim.url, { entity: "DE01", start: "2026-11-01", open: false });
    const res = await ext("POST", `/customerLedgerEntries(${applied!.id})/Microsoft.NAV.unapply`, { postingDate: "2026-11-25" });
    expect([res.status, res.body.error.message]).toEqual([400, expect.stringMatching(/^Posting date is not within the range of allowed posting dates\./)]);
    expect((await ext("POST", `/customerLedgerEntries(${applied!.id})/Microsoft.NAV.unapply`, {})).body.error.code).toBe("BadRequest");
    expect((await ext("POST", `/customerLedgerEntries(${applied!.id})/Microsoft.NAV.unapply`, { postingDate: "2026-12-01" })).status).toBe(204);
  });
});
