// The NetSuite simulator's own rules over raw HTTP: the auth handshake (JWT client assertion, TBA), the record
// service (upsert by external id, 204 + Location, sublist expansion), business refusals in NetSuite's error format
// (over-application, unknown customer, closed periods, validation), SuiteQL and its paging, concurrency governance.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startNetsuiteSim, type NetsuiteSim } from "./index.ts";
import { createNetsuiteAuth } from "../../erp/netsuite/auth.ts";
import { netsuiteFaults, netsuiteLedger, resetNetsuite, seedCustomers, seedInvoices, setPeriods } from "./sim-control.ts";

let sim: NetsuiteSim;
let bearer: string;
beforeAll(async () => { sim = await startNetsuiteSim({ concurrencyLimit: 3 }); });
afterAll(async () => { await sim?.close(); });
beforeEach(async () => {
  await resetNetsuite(sim.url);
  await seedCustomers(sim.url, [{ accountNumber: "C-1", name: "One", entity: "DE01" }, { accountNumber: "C-2", name: "Two", entity: "FR01" }]);
  await seedInvoices(sim.url, [{ invoiceNumber: "INV-1", customerAccount: "C-1", currency: "EUR", amount: "100.00", issueDate: "2026-03-01" }]);
  bearer = ((await token()).body as { access_token: string }).access_token;
});

function assertion(over: { header?: object; payload?: object; key?: crypto.KeyObject | string } = {}) {
  const m2m = sim.credentials.m2m!;
  const now = Math.floor(Date.now() / 1000);
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const input = `${part({ typ: "JWT", alg: "PS256", kid: m2m.certificateId, ...over.header })}.${part({ iss: m2m.clientId, scope: "rest_webservices", aud: `${sim.url}/services/rest/auth/oauth2/v1/token`, iat: now, exp: now + 300, ...over.payload })}`;
  const sig = crypto.sign("sha256", Buffer.from(input), { key: typeof over.key === "object" ? over.key : crypto.createPrivateKey(over.key ?? m2m.privateKey), padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
  return `${input}.${sig.toString("base64url")}`;
}

async function token(form: Record<string, string> = {}) {
  const body = new URLSearchParams({ grant_type: "client_credentials", client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_assertion: assertion(), ...form });
  const res = await fetch(`${sim.url}/services/rest/auth/oauth2/v1/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
  return { status: res.status, body: await res.json() as Record<string, unknown> };
}

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${sim.url}${path}`, { method, headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json", ...headers }, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, location: res.headers.get("location"), body: text ? JSON.parse(text) as Record<string, unknown> : undefined };
}
const detail = (r: { body?: Record<string, unknown> }) => (r.body?.["o:errorDetails"] as { detail: string; "o:errorCode": string; "o:errorPath"?: string }[])[0]!;
const PAY = "/services/rest/record/v1/customerPayment";
const payment = (over: Record<string, unknown> = {}) => ({
  tranId: "R-1", tranDate: "2026-03-05", customer: { id: "1001" }, subsidiary: { id: "DE01" }, currency: { id: "EUR" }, account: { id: "DE-OPER-1" },
  payment: "120.00", apply: { items: [{ doc: { id: "1003" }, apply: true, amount: "100.00" }] }, ...over,
});

describe("auth handshake", () => {
  it("issues a bearer token for a valid assertion and refuses every flaw of one", async () => {
    expect((await token()).body).toMatchObject({ token_type: "bearer", expires_in: 3600, access_token: expect.any(String) });
    const foreign = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    expect(await token({ client_assertion: assertion({ key: foreign }) })).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect(await token({ client_assertion: assertion({ header: { kid: "nope" } }) })).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect(await token({ client_assertion: assertion({ payload: { iss: "someone-else" } }) })).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect(await token({ client_assertion: assertion({ payload: { aud: "https://elsewhere/token" } }) })).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect(await token({ client_assertion: assertion({ payload: { exp: Math.floor(Date.now() / 1000) - 5 } }) })).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
    expect(await token({ client_assertion: assertion({ payload: { scope: "restlets" } }) })).toMatchObject({ status: 400, body: { error: "invalid_scope" } });
    expect(await token({ grant_type: "password" })).toMatchObject({ status: 400, body: { error: "unsupported_grant_type" } });
  });

  it("answers 401 INVALID_LOGIN in NetSuite's error format without valid credentials", async () => {
    const r = await api("GET", `${PAY}/1`, undefined, { authorization: "Bearer forged" });
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ type: "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2", title: "Unauthorized", status: 401 });
    expect(detail(r)).toMatchObject({ "o:errorCode": "INVALID_LOGIN", detail: expect.stringContaining("unknown access token") });
    expect(detail(await api("GET", `${PAY}/1`, undefined, { authorization: "Basic eDp5" })).detail).toContain("unsupported authorization scheme");
  });

  it("verifies a TBA signature once: the same nonce again is a replay", async () => {
    const auth = createNetsuiteAuth(sim.url, { ...sim.credentials.tba! }, async () => { throw new Error("TBA needs no token"); });
    const path = "/services/rest/query/v1/suiteql?limit=1&offset=0";
    const header = await auth.header("POST", new URL(sim.url + path));
    const send = () => api("POST", path, { q: "SELECT id FROM customer" }, { authorization: header, prefer: "transient" });
    expect((await send()).status).toBe(200);
    expect(detail(await send())).toMatchObject({ "o:errorCode": "INVALID_LOGIN", detail: expect.stringContaining("oauth_nonce") });
    const tampered = await api("POST", path.replace("limit=1", "limit=2").replace("offset=0", "offset=0"), { q: "SELECT id FROM customer" }, { authorization: (await auth.header("POST", new URL(sim.url + path))), prefer: "transient" });
    expect(detail(tampered).detail).toContain("oauth_signature does not verify"); // signed for limit=1, sent with limit=2
  });
});

describe("record service", () => {
  it("upserts by external id: 204 with Location, the same PUT again is the same record", async () => {
    const one = await api("PUT", `${PAY}/eid:key-1`, payment());
    expect(one).toMatchObject({ status: 204, location: expect.stringMatching(new RegExp(`${PAY}/\\d+$`)) });
    expect(await api("PUT", `${PAY}/eid:key-1`, payment())).toMatchObject({ status: 204, location: one.location });
    const id = one.location!.split("/").at(-1)!;
    const plain = await api("GET", `${PAY}/${id}`);
    expect(plain.body).toMatchObject({ id, externalId: "key-1", tranId: "R-1", payment: 120, applied: 100, unapplied: 20, apply: { links: expect.any(Array) } });
    expect((plain.body!.apply as Record<string, unknown>).items).toBeUndefined();
    const expanded = await api("GET", `${PAY}/eid:key-1?expandSubResources=true`);
    expect((expanded.body!.apply as { items: unknown[] }).items).toEqual([expect.objectContaining({ doc: expect.objectContaining({ id: "1003" }), apply: true, amount: 100, refNum: "INV-1", due: 0 })]);
    expect(detail(await api("POST", PAY, { ...payment(), externalId: "key-1" }))).toMatchObject({ "o:errorCode": "DUP_RCRD" });
    expect(detail(await api("PUT", `${PAY}/${id}`, payment()))).toMatchObject({ "o:errorCode": "USER_ERROR" });
    expect(detail(await api("PUT", `${PAY}/eid:bad%20key`, payment()))).toMatchObject({ "o:errorCode": "INVALID_VALUE" });
    expect((await netsuiteLedger(sim.url)).counts).toMatchObject({ receipts: 1, applications: 1 });
  });

  it("merges the keyed apply sublist on update, replaces it with ?replace=apply", async () => {
    await seedInvoices(sim.url, [{ invoiceNumber: "INV-2", customerAccount: "C-1", currency: "EUR", amount: "50.00", issueDate: "2026-03-01" }]);
    const line = (doc: string, amount: string) => ({ doc: { id: doc }, apply: true, amount });
    await api("PUT", `${PAY}/eid:k`, payment({ apply: { items: [line("1003", "60")] } }));
    await api("PUT", `${PAY}/eid:k`, payment({ apply: { items: [line("1004", "20")] } }));
    const lines = async () => ((await api("GET", `${PAY}/eid:k?expandSubResources=true`)).body!.apply as { items: { refNum: string; amount: number }[] }).items.map((l) => [l.refNum, l.amount]);
    expect(await lines()).toEqual([["INV-1", 60], ["INV-2", 20]]);
    expect((await api("PUT", `${PAY}/eid:k?replace=apply`, payment({ apply: { items: [line("1004", "25")] } }))).status).toBe(204);
    expect(await lines()).toEqual([["INV-2", 25]]);
    expect((await netsuiteLedger(sim.url)).receipts[0]!.applications.map((a) => [a.invoiceNumber, a.amount, a.reversed])).toEqual([
      ["INV-1", "60.00", true], ["INV-2", "20.00", true], ["INV-2", "25.00", false],
    ]);
  });

  it("refuses over-application, foreign customers and unknown references, booking nothing", async () => {
    const over = await api("PUT", `${PAY}/eid:k`, payment({ apply: { items: [{ doc: { id: "1003" }, apply: true, amount: "100.01" }] }, payment: "200" }));
    expect(over.status).toBe(400);
    expect(detail(over)).toMatchObject({ "o:errorCode": "INVALID_VALUE", detail: expect.stringContaining("exceeds its amount due (100.00 EUR)") });
    const overPayment = await api("PUT", `${PAY}/eid:k`, payment({ payment: "50.00", apply: { items: [{ doc: { id: "1003" }, apply: true, amount: "40" }] }, custbody_cashline_allocations: JSON.stringify([{ type: "ON_ACCOUNT", amount: "20" }]) }));
    expect(detail(overPayment)).toMatchObject({ "o:errorCode": "USER_ERROR", "o:errorPath": "apply", detail: expect.stringContaining("exceeds the payment amount (50.00 EUR)") });
    expect(detail(await api("PUT", `${PAY}/eid:k`, payment({ customer: { id: "999" } })))).toMatchObject({ "o:errorCode": "INVALID_VALUE", "o:errorPath": "customer" });
    expect(detail(await api("PUT", `${PAY}/eid:k`, payment({ customer: { id: "1002" } })))).toMatchObject({ "o:errorCode": "INVALID_VALUE", "o:errorPath": "subsidiary" });
    expect(detail(await api("PUT", `${PAY}/eid:k`, payment({ apply: { items: [{ doc: { id: "4242" }, apply: true, amount: "1" }] } })))).toMatchObject({ "o:errorPath": "apply.items[0].doc" });
    expect((await netsuiteLedger(sim.url)).counts.receipts).toBe(0);
  });

  it("validates fields: JSON, required values, amounts and their decimals", async () => {
    expect(detail(await api("PUT", `${PAY}/eid:k`, "{not json"))).toMatchObject({ "o:errorCode": "INVALID_CONTENT" });
    expect(detail(await api("PUT", `${PAY}/eid:k`, payment({ account: undefined })))).toMatchObject({ "o:errorCode": "INVALID_VALUE", detail: "Please enter value(s) for: account" });
    expect(detail(await api("PUT", `${PAY}/eid:k`, payment({ payment: "12.345" })))).toMatchObject({ "o:errorCode": "INVALID_VALUE", "o:errorPath": "payment" });
    expect(detail(await api("PUT", `${PAY}/eid:k`, payment({ payment: "-5" })))).toMatchObject({ "o:errorPath": "payment" });
    expect(detail(await api("PUT", `${PAY}/eid:k`, payment({ tranDate: "5.3.2026" })))).toMatchObject({ "o:errorCode": "INVALID_CONTENT" });
    expect(await api("PUT", `${PAY}/eid:k`, payment({ payment: 120.5 }))).toMatchObject({ status: 204 }); // NetSuite's own JSON numbers are read too
  });

  it("refuses postings into closed or A/R-locked periods, and changes to a payment in a period closed since", async () => {
    await setPeriods(sim.url, [{ name: "Mar 2026", start: "2026-03-01", end: "2026-03-31" }]);
    const ok = await api("PUT", `${PAY}/eid:k`, payment());
    expect(ok.status).toBe(204);
    await setPeriods(sim.url, [{ start: "2026-03-01", end: "2026-03-31", closed: true }]);
    const id = ok.location!.split("/").at(-1)!;
    const patch = await api("PATCH", `${PAY}/${id}`, { apply: { items: [{ doc: { id: "1003" }, apply: false }] } });
    expect(detail(patch)).toMatchObject({ "o:errorCode": "USER_ERROR", detail: expect.stringContaining("Mar 2026 is closed") });
    expect(detail(await api("PUT", `${PAY}/eid:k2`, payment({ tranId: "R-2" })))).toMatchObject({ "o:errorCode": "USER_ERROR" });
    expect((await netsuiteLedger(sim.url)).receipts[0]!.applications).toEqual([expect.objectContaining({ reversed: false })]);
  });
});

describe("SuiteQL", () => {
  const q = (text: string, query = "", prefer = true) => api("POST", `/services/rest/query/v1/suiteql${query}`, { q: text }, prefer ? { prefer: "transient" } : {});
  it("pages with limit/offset, links and hasMore, and filters by timestamp", async () => {
    await seedCustomers(sim.url, [{ accountNumber: "C-3", name: "Three", entity: "DE01" }]);
    const p1 = await q("SELECT id, entityid FROM customer ORDER BY id", "?limit=2&offset=0");
    expect(p1.body).toMatchObject({ count: 2, hasMore: true, totalResults: 3, offset: 0, items: [{ entityid: "C-1" }, { entityid: "C-2" }] });
    expect((p1.body!.links as { rel: string; href: string }[]).find((l) => l.rel === "next")?.href).toContain("offset=2");
    expect((await q("SELECT id, entityid FROM customer ORDER BY id", "?limit=2&offset=2")).body).toMatchObject({ count: 1, hasMore: false, items: [{ entityid: "C-3" }] });
    const since = await q("SELECT entityid FROM customer WHERE lastmodifieddate >= TO_TIMESTAMP('2999-01-01 00:00:00', 'YYYY-MM-DD HH24:MI:SS')");
    expect(since.body).toMatchObject({ count: 0, items: [] });
    expect((await q("SELECT tranid FROM transaction WHERE type = 'CustInvc' AND tranid IN ('INV-1', 'x''y')")).body).toMatchObject({ items: [{ tranid: "INV-1" }] });
  });

  it("refuses what NetSuite refuses: no Prefer header, bad SQL, bad paging", async () => {
    expect(detail(await q("SELECT id FROM customer", "", false))).toMatchObject({ "o:errorCode": "INVALID_HEADER" });
    expect(detail(await q("SELEKT id FROM customer"))).toMatchObject({ "o:errorCode": "INVALID_PARAMETER", detail: expect.stringContaining("expected SELECT") });
    expect(detail(await q("SELECT nope FROM customer"))).toMatchObject({ "o:errorCode": "INVALID_PARAMETER", detail: expect.stringContaining("unknown field nope") });
    expect(detail(await q("SELECT id FROM customer", "?limit=2&offset=1"))).toMatchObject({ "o:errorPath": "offset" });
    expect(detail(await q("SELECT id FROM customer", "?limit=5000"))).toMatchObject({ "o:errorPath": "limit" });
  });
});

describe("governance and the control plane", () => {
  it("refuses requests over the concurrency limit with 429 CONCURRENCY_LIMIT_EXCEEDED", async () => {
    await netsuiteFaults(sim.url, { latency_ms: 500 });
    const answers = await Promise.all(Array.from({ length: 6 }, () => api("GET", `${PAY}/1`)));
    await netsuiteFaults(sim.url, {});
    const refused = answers.filter((a) => a.status === 429);
    // At most 3 in flight at once: with 6 sent together, some are refused (how many depends on arrival timing).
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(answers.length - refused.length).toBeGreaterThanOrEqual(3);
    for (const r of refused) expect(detail(r)).toMatchObject({ "o:errorCode": "CONCURRENCY_LIMIT_EXCEEDED" });
    expect((await netsuiteLedger(sim.url)).concurrency).toEqual({ limit: 3, refused: refused.length });
  });

  it("settles invoices directly in the ERP and refuses more than is due", async () => {
    const pay = await fetch(`${sim.url}/__sim/invoices/INV-1/pay`, { method: "POST", body: JSON.stringify({ amount: "30" }) });
    expect(await pay.json()).toMatchObject({ tranId: "INV-1", amountRemaining: 70 });
    const credit = await fetch(`${sim.url}/__sim/invoices/INV-1/credit`, { method: "POST", body: JSON.stringify({ amount: "70.01" }) });
    expect(credit.status).toBe(400);
    const unknown = await fetch(`${sim.url}/__sim/invoices/INV-9/pay`, { method: "POST", body: "{}" });
    expect(unknown.status).toBe(404);
    expect((await fetch(`${sim.url}/__sim/faults`, { method: "POST", body: JSON.stringify({ bogus: 1 }) })).status).toBe(400);
  });

  it("keeps the book and its generated credentials across a restart with statePath", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ns-sim-"));
    const statePath = path.join(dir, "netsuite.json");
    try {
      const first = await startNetsuiteSim({ statePath });
      await seedCustomers(first.url, [{ accountNumber: "C-1", name: "One", entity: "DE01" }]);
      await first.close();
      expect((fs.statSync(`${statePath}.credentials.json`).mode & 0o777).toString(8)).toBe("600");
      const second = await startNetsuiteSim({ statePath });
      try {
        expect(second.credentials).toEqual(first.credentials);
        expect((await netsuiteLedger(second.url)).customers.map((c) => c.entityId)).toEqual(["C-1"]);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
