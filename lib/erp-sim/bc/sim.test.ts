// The BC simulator's own rules over raw HTTP: the token handshake and 401s, BC's error body, OData filters, paging
// and ETags, and the posting rules (negative amounts, known customers, over-application, allowed posting dates).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startBcSim, type BcSim } from "./index.ts";
import { getBcLedger, seedCustomers, seedInvoices, setPeriod } from "./control.ts";
import { resetSim } from "../sim-control.ts";
import { parseBc, stringifyBc, decimal } from "../../erp/bc/json.ts";

let sim: BcSim;
let token = "";
let api = "";
let cid = "";
beforeAll(async () => { sim = await startBcSim({ maxPageSize: 2 }); });
afterAll(async () => { await sim?.close(); });
beforeEach(async () => {
  await resetSim(sim.url);
  await seedCustomers(sim.url, [{ entity: "DE01", accountNumber: "C-1", name: "One" }, { entity: "DE01", accountNumber: "C-2" }, { entity: "DE01", accountNumber: "C-3" }]);
  await seedInvoices(sim.url, [{ entity: "DE01", invoiceNumber: "INV-1", customerAccount: "C-1", currency: "EUR", amount: "50.00", issueDate: "2026-11-02" }]);
  token = ((await (await tokenCall(new URLSearchParams(form()))).json()) as { access_token: string }).access_token;
  api = `${sim.url}/v2.0/${sim.tenantId}/production/api/v2.0`;
  cid = sim.ledger().companies[0]!.id;
});

const form = (over: Record<string, string> = {}) => ({ grant_type: "client_credentials", client_id: "cashline-bc", client_secret: "cashline-bc-secret", scope: "https://api.businesscentral.dynamics.com/.default", ...over });
const tokenCall = (body: URLSearchParams, tenant = sim.tenantId) => fetch(`${sim.url}/${tenant}/oauth2/v2.0/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
async function bc(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(path.startsWith("http") ? path : `${api}/companies(${cid})${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers }, body: body === undefined ? undefined : stringifyBc(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? parseBc(text) : undefined) as Record<string, any> };
}

describe("BC simulator: auth", () => {
  it("issues client-credentials tokens and refuses wrong secrets, scopes, grants and tenants the identity platform's way", async () => {
    const ok = (await (await tokenCall(new URLSearchParams(form()))).json()) as Record<string, unknown>;
    expect(ok).toMatchObject({ token_type: "Bearer", expires_in: 3599, access_token: expect.any(String) });
    const secret = await tokenCall(new URLSearchParams(form({ client_secret: "nope" })));
    expect([secret.status, ((await secret.json()) as { error: string }).error]).toEqual([401, "invalid_client"]);
    const scope = await tokenCall(new URLSearchParams(form({ scope: "https://graph.microsoft.com/.default" })));
    expect([scope.status, ((await scope.json()) as { error: string }).error]).toEqual([400, "invalid_scope"]);
    const grant = await tokenCall(new URLSearchParams(form({ grant_type: "password" })));
    expect([grant.status, ((await grant.json()) as { error: string }).error]).toEqual([400, "unsupported_grant_type"]);
    expect((await tokenCall(new URLSearchParams(form()), "other-tenant")).status).toBe(400);
  });

  it("answers 401 with WWW-Authenticate and BC's error body without a valid token", async () => {
    const res = await fetch(`${api}/companies`, { headers: { authorization: "Bearer forged" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer authorization_uri="https:\/\/login\.microsoftonline\.com\/cashline-tenant\/oauth2\/authorize".*error="invalid_token"/);
    expect(await res.json()).toEqual({ error: { code: "Authentication_InvalidCredentials", message: expect.stringMatching(/rejected the client credentials.*CorrelationId/) } });
  });
});

describe("BC simulator: OData", () => {
  it("filters, pages with @odata.nextLink, and refuses filters it cannot read", async () => {
    const first = await bc("GET", "/customers");
    expect(first.body.value.map((c: { number: string }) => c.number)).toEqual(["C-1", "C-2"]);
    const second = await bc("GET", first.body["@odata.nextLink"]);
    expect(second.body.value.map((c: { number: string }) => c.number)).toEqual(["C-3"]);
    expect(second.body["@odata.nextLink"]).toBeUndefined();
    expect((await bc("GET", `/customers?$filter=${encodeURIComponent("number eq 'C-2'")}`)).body.value).toHaveLength(1);
    const bad = await bc("GET", `/customers?$filter=${encodeURIComponent("startswith(number,'C')")}`);
    expect([bad.status, bad.body.error.code]).toEqual([400, "BadRequest_NotFound"]);
    const unknown = await bc("GET", "/customers(00000000-0000-0000-0000-000000000001)");
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "BadRequest_NotFound"]);
  });

  it("PATCH/DELETE need If-Match: missing → 400, stale → 412, current → done", async () => {
    const j = (await bc("POST", "/customerPaymentJournals", { code: "J1" })).body;
    const patched = await bc("PATCH", `/customerPaymentJournals(${j.id})`, { displayName: "renamed" }, { "if-match": j["@odata.etag"] });
    expect(patched.status).toBe(200);
    expect((await bc("DELETE", `/customerPaymentJournals(${j.id})`)).body.error.code).toBe("BadRequest_InvalidToken");
    const stale = await bc("DELETE", `/customerPaymentJournals(${j.id})`, undefined, { "if-match": j["@odata.etag"] });
    expect([stale.status, stale.body.error.code]).toEqual([412, "Request_EntityChanged"]);
    expect((await bc("DELETE", `/customerPaymentJournals(${j.id})`, undefined, { "if-match": patched.body["@odata.etag"] })).status).toBe(204);
  });

  it("amounts travel as JSON numbers and come back exactly", async () => {
    expect(stringifyBc({ amount: decimal("-1234567890123.45") })).toBe('{"amount":-1234567890123.45}');
    expect(parseBc('{"a":-1234567890123.45,"s":"x: 12","n":[1,2.50]}')).toEqual({ a: "-1234567890123.45", s: "x: 12", n: ["1", "2.50"] });
  });
});

describe("BC simulator: errors of the request itself", () => {
  it("unknown environment, method not allowed, unknown G/L account on a general journal line", async () => {
    const env = await fetch(`${sim.url}/v2.0/${sim.tenantId}/nowhere/api/v2.0/companies`, { headers: { authorization: `Bearer ${token}` } });
    expect([env.status, ((await env.json()) as { error: { code: string } }).error.code]).toEqual([404, "NoEnvironment"]);
    const del = await bc("DELETE", "/customers(00000000-0000-0000-0000-000000000001)");
    expect([del.status, del.body.error.code]).toEqual([405, "BadRequest_MethodNotAllowed"]);
    const j = (await bc("POST", "/journals", { code: "GEN1" })).body;
    const line = await bc("POST", `/journals(${j.id})/journalLines`, { accountType: "G/L Account", accountNumber: "9999", postingDate: "2026-11-20", amount: decimal("-1") });
    expect([line.status, line.body.error.code]).toEqual([400, "Internal_InvalidTableRelation"]);
    expect((await bc("POST", `/journals(${j.id})/Microsoft.NAV.post`)).body.error.message).toMatch(/^There is nothing to post\./);
  });
});

describe("BC simulator: payment journal rules", () => {
  async function journalWith(lines: Record<string, unknown>[]) {
    const j = (await bc("POST", "/customerPaymentJournals", { code: "J2" })).body;
    const answers = [];
    for (const l of lines) answers.push(await bc("POST", `/customerPaymentJournals(${j.id})/customerPayments`, { postingDate: "2026-11-20", documentNumber: "R-9", ...l }));
    return { j, answers, post: () => bc("POST", `/journals(${j.id})/Microsoft.NAV.post`) };
  }

  it("refuses a second line with the same line number and a line for an unknown customer", async () => {
    const { answers } = await journalWith([
      { lineNumber: decimal("10000"), customerNumber: "C-1", amount: decimal("-5") },
      { lineNumber: decimal("10000"), customerNumber: "C-1", amount: decimal("-5") },
      { customerNumber: "C-404", amount: decimal("-5") },
    ]);
    expect(answers.map((a) => [a.status, a.body.error?.code ?? a.body.lineNumber])).toEqual([[201, "10000"], [400, "Internal_EntityWithSameKeyExists"], [400, "Application_DialogException"]]);
    expect(answers[2]!.body.error.message).toMatch(/"customerNumber" does not match to a Customer/);
    expect((await bc("GET", "/customerPayments")).body.error.message).toMatch(/must specify a journal batch ID/);
  });

  it("posting checks every line first: a positive amount, over-application or a date outside Allow Posting From/To books nothing", async () => {
    const positive = await journalWith([{ customerNumber: "C-1", amount: decimal("5") }]);
    expect((await positive.post()).body.error).toMatchObject({ code: "Application_FieldValidationException", message: expect.stringMatching(/^Amount must be negative in Gen\. Journal Line: Journal Template Name=CASHRCPT, Journal Batch Name=J2, Line No\.=10000/) });
    await bc("DELETE", `/customerPaymentJournals(${positive.j.id})`, undefined, { "if-match": "*" });
    const over = await journalWith([{ customerNumber: "C-1", amount: decimal("-30"), appliesToInvoiceNumber: "INV-1" }, { customerNumber: "C-1", amount: decimal("-30"), appliesToInvoiceNumber: "INV-1" }]);
    expect((await over.post()).body.error.message).toMatch(/exceeds the remaining amount 50.00 of invoice INV-1/);
    await setPeriod(sim.url, { entity: "DE01", start: "2026-11-01", open: false });
    const ok = await bc("PATCH", `/customerPaymentJournals(${over.j.id})/customerPayments(${over.answers[1]!.body.id})`, { amount: decimal("-20") }, { "if-match": over.answers[1]!.body["@odata.etag"] });
    expect(ok.status).toBe(200);
    expect((await over.post()).body.error.message).toMatch(/not within your range of allowed posting dates/);
    await setPeriod(sim.url, { entity: "DE01", start: "2026-11-01", open: true });
    expect((await over.post()).status).toBe(204);
    expect((await over.post()).body.error.message).toMatch(/^There is nothing to post\.  CorrelationId:  [0-9a-f-]{36}\.$/); // posted lines leave the batch
    const ledger = await getBcLedger(sim.url);
    expect(ledger.companies[0]!.invoices[0]).toMatchObject({ status: "Paid", remainingAmount: "0.00" });
    expect(ledger.receipts).toEqual([expect.objectContaining({ receiptNumber: "R-9", amount: "50.00", applications: [expect.objectContaining({ type: "INVOICE", amount: "30.00" }), expect.objectContaining({ type: "INVOICE", amount: "20.00" })] })]);
  });
});
