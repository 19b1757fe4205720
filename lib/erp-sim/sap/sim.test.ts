// The SAP simulator's own rules, over raw HTTP: SAP's message shapes, auth, CSRF, validation and the clearing log.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSapSim, SAP_SIM_DEFAULT_AUTH, JE_POST_PATH, JE_CLEARING_PATH, type SapSim } from "./index.ts";
import { getSapLedger, seedSapCustomers, seedSapInvoices, setSapPeriod } from "./sim-control.ts";
import { resetSim } from "../sim-control.ts";
import { clearingEnvelope, journalEntryPostEnvelope, type JeItem } from "../../erp/sap/soap.ts";
import { parseXml, path, text, children } from "../../erp/sap/xml.ts";

let sim: SapSim;
const basic = `Basic ${Buffer.from(`${SAP_SIM_DEFAULT_AUTH.user}:${SAP_SIM_DEFAULT_AUTH.password}`).toString("base64")}`;
beforeAll(async () => { sim = await startSapSim({ rateLimitPerSecond: null }); });
afterAll(async () => { await sim?.close(); });
beforeEach(async () => {
  await resetSim(sim.url);
  await fetch(`${sim.url}/__sim/faults`, { method: "POST", body: JSON.stringify({ rate_limit_per_second: null }) });
  await seedSapCustomers(sim.url, [{ customer: "C1", name: "Acme", companyCodes: ["DE01"] }, { customer: "C9", name: "Other", companyCodes: ["US01"] }]);
  await seedSapInvoices(sim.url, [{ invoiceNumber: "INV-1", customer: "C1", companyCode: "DE01", currency: "EUR", amount: "100.00", issueDate: "2026-03-01" }]);
});

const soap = (p: string, xml: string, auth = basic) => fetch(`${sim.url}${p}`, { method: "POST", headers: { authorization: auth, "content-type": "text/xml" }, body: xml });
const payment = (items: JeItem[], over: Record<string, string> = {}) => journalEntryPostEnvelope({ companyCode: "DE01", documentType: "DZ", documentDate: "2026-03-02", postingDate: "2026-03-02", currency: "EUR", referenceId: "R-1", items, ...over }, "k");
const bank = (amount: string): JeItem => ({ kind: "gl", account: "0011001000", amount });
async function confirmation(res: Response) {
  const conf = path(parseXml(await res.text()), "Body/JournalEntryBulkCreateConfirmation/JournalEntryCreateConfirmation");
  return { doc: text(conf, "JournalEntryCreateConfirmation/AccountingDocument"), max: text(conf, "Log/MaximumLogItemSeverityCode"), log: children(path(conf, "Log"), "Item").map((i) => `${text(i, "TypeID")} ${text(i, "Note")}`) };
}

describe("SAP simulator", () => {
  it("posts a balanced journal entry and answers SAP's confirmation with the accounting document", async () => {
    const res = await soap(JE_POST_PATH, payment([bank("10.00"), { kind: "debtor", account: "C1", amount: "-10.00" }]));
    expect(res.status).toBe(200);
    expect(await confirmation(res)).toMatchObject({ doc: "1400000001", max: "1" });
  });

  it("refuses with severity-3 Log items: unbalanced, closed period, unknown customer, customer outside the company code, sign, field length", async () => {
    const cases: [string, string][] = [
      [payment([bank("10.00"), { kind: "debtor", account: "C1", amount: "-9.00" }]), "702(F5) Balance in transaction currency EUR: 1.00"],
      [payment([bank("10.00"), { kind: "debtor", account: "C404", amount: "-10.00" }]), "152(F5) Customer C404 does not exist"],
      [payment([bank("10.00"), { kind: "debtor", account: "C9", amount: "-10.00" }]), "102(F5) Customer C9 is not defined in company code DE01"],
      [payment([bank("-10.00"), { kind: "gl", account: "1", amount: "10.00" }]).replace("<DebitCreditCode>H</DebitCreditCode>", "<DebitCreditCode>S</DebitCreditCode>"), "008(FINS_FI_MISC)"],
      [payment([bank("10.00"), { kind: "gl", account: "1", amount: "-10.00" }], { referenceId: "R-12345678901234567" }), "DocumentReferenceID is longer than 16 characters"],
      [payment([bank("10.001"), { kind: "gl", account: "1", amount: "-10.001" }]), "more than 2 decimals"],
      // SAP's posting-interface message (class FINS_FI_POSTING_IF) for items in two currencies
      [payment([bank("10.00"), { kind: "gl", account: "1", amount: "-10.00" }]).replace(/currencyCode="EUR"/, 'currencyCode="USD"'), "005(FINS_FI_POSTING_IF) Transaction currencies in item 1 and item 2 differ"],
    ];
    for (const [xml, expected] of cases) {
      const c = await confirmation(await soap(JE_POST_PATH, xml));
      expect(c.doc).toBe("0000000000");
      expect(c.max).toBe("3");
      expect(c.log.join(" | ")).toContain(expected);
    }
    await setSapPeriod(sim.url, "DE01", "2026-03", false);
    expect((await confirmation(await soap(JE_POST_PATH, payment([bank("10.00"), { kind: "gl", account: "1", amount: "-10.00" }])))).log.join()).toContain("201(F5) Posting period 003 2026 is not open");
    expect((await getSapLedger(sim.url)).journalEntries).toHaveLength(1); // the seeded invoice only
  });

  it("answers unreadable messages with a SOAP fault and never expands a DTD", async () => {
    const broken = await soap(JE_POST_PATH, "<soap-env:Envelope><unclosed>");
    expect(broken.status).toBe(500);
    expect(text(path(parseXml(await broken.text()), "Body/Fault"), "faultstring")).toMatch(/malformed XML/);
    const xxe = await soap(JE_POST_PATH, `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"><soap-env:Body><x>&e;</x></soap-env:Body></soap-env:Envelope>`);
    expect(xxe.status).toBe(500);
    expect(await xxe.text()).toContain("DOCTYPE declarations are not accepted");
  });

  it("clears asynchronously: 202, once per message ID, errors (over-application) only in the message log", async () => {
    await soap(JE_POST_PATH, payment([bank("30.00"), { kind: "debtor", account: "C1", amount: "-30.00", assignment: "INV-1" }]));
    const items = (partial: string) => [
      { companyCode: "DE01", customer: "C1", fiscalYear: "2026", accountingDocument: "1400000001", item: "2" },
      { companyCode: "DE01", customer: "C1", fiscalYear: "2026", accountingDocument: "1800000001", item: "1", partialAmount: partial },
    ];
    const over = await soap(JE_CLEARING_PATH, clearingEnvelope({ companyCode: "DE01", postingDate: "2026-03-02", currency: "EUR", messageId: "M1", items: items("130.00") }));
    expect(over.status).toBe(202);
    expect(await over.text()).toBe("");
    let ledger = await getSapLedger(sim.url);
    expect(ledger.clearingMessages[0]).toMatchObject({ messageId: "M1", status: "error" });
    expect(ledger.clearingMessages[0]!.notes[0]).toContain("exceeds the open amount 100.00");
    const good = clearingEnvelope({ companyCode: "DE01", postingDate: "2026-03-02", currency: "EUR", messageId: "M2", items: items("30.00") });
    await soap(JE_CLEARING_PATH, good);
    await soap(JE_CLEARING_PATH, good); // redelivered: a duplicate
    ledger = await getSapLedger(sim.url);
    expect(ledger.counts.clearings).toBe(1);
    const residual = ledger.journalEntries.at(-1)!.items.find((i) => !i.clearingDocument)!;
    expect(residual).toMatchObject({ customer: "C1", assignment: "INV-1", amount: "70.00" });
  });

  it("guards OData writes with CSRF tokens bound to the session cookie", async () => {
    const url = `${sim.url}/sap/opu/odata/sap/API_BUSINESS_PARTNER/A_BusinessPartner`;
    const body = JSON.stringify({ BusinessPartner: "N1", OrganizationBPName1: "New", to_Customer: { Customer: "N1", to_CustomerCompany: { results: [{ CompanyCode: "DE01" }] } } });
    const refused = await fetch(url, { method: "POST", headers: { authorization: basic, "content-type": "application/json" }, body });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("x-csrf-token")).toBe("Required");
    expect(await refused.text()).toBe("CSRF token validation failed");
    const fetched = await fetch(`${sim.url}/sap/opu/odata/sap/API_BUSINESS_PARTNER/`, { headers: { authorization: basic, "x-csrf-token": "Fetch" } });
    const token = fetched.headers.get("x-csrf-token")!;
    const cookie = fetched.headers.getSetCookie()[0]!.split(";")[0]!;
    expect((await fetch(url, { method: "POST", headers: { authorization: basic, "x-csrf-token": token, "content-type": "application/json" }, body })).status).toBe(403); // token without its session
    const created = await fetch(url, { method: "POST", headers: { authorization: basic, "x-csrf-token": token, cookie, "content-type": "application/json" }, body });
    expect(created.status).toBe(201);
    const dup = await fetch(url, { method: "POST", headers: { authorization: basic, "x-csrf-token": token, cookie, "content-type": "application/json" }, body });
    expect(await dup.json()).toMatchObject({ error: { code: "R1/286", message: { lang: "en", value: "Business partner N1 already exists" } } });
  });

  it("answers OData errors in SAP's format, pages with __next, and refuses requests without valid credentials", async () => {
    const items = `${sim.url}/sap/opu/odata/sap/API_OPLACCTGDOCITEMCUBE_SRV/A_OperationalAcctgDocItemCube`;
    const bad = await fetch(`${items}?$filter=${encodeURIComponent("Customer eqq 'C1'")}`, { headers: { authorization: basic } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "/IWBEP/CM_MGW_RT/004", message: { lang: "en" } } });
    const unknownProperty = await fetch(`${items}?$filter=${encodeURIComponent("Nope eq 'x'")}`, { headers: { authorization: basic } });
    expect((await unknownProperty.json()).error.message.value).toBe("Property Nope not found");
    expect((await fetch(`${sim.url}/sap/opu/odata/sap/API_BUSINESS_PARTNER/A_Customer('C404')`, { headers: { authorization: basic } })).status).toBe(404);
    expect((await fetch(items)).status).toBe(401);
    const token = await fetch(`${sim.url}/sap/bc/sec/oauth2/token`, { method: "POST", body: "grant_type=password", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(await token.json()).toMatchObject({ error: "unsupported_grant_type" });
    await seedSapCustomers(sim.url, Array.from({ length: 5001 }, (_, i) => ({ customer: `P${i}`, name: `P ${i}`, companyCodes: ["DE01"] })));
    const page = await (await fetch(`${sim.url}/sap/opu/odata/sap/API_BUSINESS_PARTNER/A_BusinessPartner?$inlinecount=allpages`, { headers: { authorization: basic } })).json();
    expect(page.d.results).toHaveLength(5000);
    expect(page.d.__count).toBe("5003");
    expect(page.d.__next).toContain("%24skip=5000");
  });

  it("reports the normalised ledger and validates control-plane input", async () => {
    expect((await fetch(`${sim.url}/__sim/faults`, { method: "POST", body: JSON.stringify({ nonsense: 1 }) })).status).toBe(400);
    expect((await fetch(`${sim.url}/__sim/invoices`, { method: "POST", body: JSON.stringify({ invoices: [{ invoiceNumber: "X", customer: "C404", companyCode: "DE01", currency: "EUR", amount: "1.00", issueDate: "2026-03-01" }] }) })).status).toBe(422);
    const ledger = await getSapLedger(sim.url);
    expect(ledger).toMatchObject({ receipts: [], counts: { receipts: 0, journalEntries: 1, businessPartners: 2 }, faultStats: { errors: 0 } });
    expect((await (await fetch(`${sim.url}/__sim/health`)).json())).toEqual({ ok: true, kind: "sap" });
  });
});
