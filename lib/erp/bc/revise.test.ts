// Unapply and reapply in Business Central over HTTP, through the Cashline BC extension's custom API served by the
// simulator: the application reversed and re-applied in BC's ledger (the normalised `reversed`), replays and lost
// answers that never reverse or apply twice, the extension missing, a token expiring in the middle of a revision,
// and BC's allowed posting dates.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startBcSim, type BcSim } from "../../erp-sim/bc/index.ts";
import { getBcLedger, seedCustomers, seedInvoices, setPeriod } from "../../erp-sim/bc/control.ts";
import { resetSim, setFaults } from "../../erp-sim/sim-control.ts";
import { ErpPermanentError, ErpRetryableError } from "../errors.ts";
import type { ErpPosting } from "../posting.ts";
import { bcAdapterFor } from "./testing.ts";

let sim: BcSim;
let tokens = 0;
let revokeOn: RegExp | null = null;
beforeAll(async () => {
  sim = await startBcSim({
    maxPageSize: 2, // a receipt's entries span pages
    log: (e) => {
      if (e.path.endsWith("/oauth2/v2.0/token")) tokens++;
      // the token dies right after this request: the adapter's next request in the same revision meets a 401
      if (revokeOn?.test(e.path)) { revokeOn = null; sim.revokeTokens(); }
    },
  });
});
afterAll(async () => { await sim?.close(); });
beforeEach(async () => {
  revokeOn = null;
  await resetSim(sim.url);
  await seed(sim);
});

async function seed(s: BcSim) {
  await seedCustomers(s.url, [{ entity: "DE01", accountNumber: "C-100", name: "Contoso GmbH" }]);
  await seedInvoices(s.url, [
    { entity: "DE01", invoiceNumber: "INV-1", customerAccount: "C-100", currency: "EUR", amount: "100.00", issueDate: "2026-11-02" },
    { entity: "DE01", invoiceNumber: "INV-2", customerAccount: "C-100", currency: "EUR", amount: "40.00", issueDate: "2026-11-03" },
  ]);
}

const posting = (over: Partial<ErpPosting> = {}): ErpPosting => ({
  idempotencyKey: "k-R-1", receiptNumber: "R-1", date: "2026-11-20", amount: "150.00", currency: "EUR", entity: "DE01", bankAccount: "DE-OPER-1", customerAccount: "C-100",
  applications: [{ type: "INVOICE", invoiceNumber: "INV-1", amount: "100.00" }, { type: "ON_ACCOUNT", amount: "30.00" }],
  ...over,
});
const UNAPPLY = [{ type: "ON_ACCOUNT" as const, amount: "30.00" }];
const REAPPLY = [{ type: "ON_ACCOUNT" as const, amount: "30.00" }, { type: "INVOICE" as const, invoiceNumber: "INV-2", amount: "40.00" }, { type: "INVOICE" as const, invoiceNumber: "INV-1", amount: "60.00" }];

async function state(s = sim) {
  const ledger = await getBcLedger(s.url);
  const de01 = ledger.companies.find((c) => c.name === "DE01")!;
  const open = (n: string) => de01.invoices.find((i) => i.number === n)!.remainingAmount;
  const apps = ledger.receipts[0]?.applications ?? [];
  return { ledger, de01, open, apps, live: apps.filter((a) => !a.reversed).map((a) => [a.type, a.invoiceNumber, a.amount]), reversed: apps.filter((a) => a.reversed).map((a) => [a.type, a.invoiceNumber, a.amount]) };
}
/** Live applications summed per invoice (BC may apply one invoice's amount from two payment entries). */
function perInvoice(live: (string | null)[][]): Record<string, string> {
  const out: Record<string, number> = {};
  for (const [type, invoice, amount] of live) out[invoice ?? type!] = (out[invoice ?? type!] ?? 0) + Math.round(Number(amount) * 100); // test-only tally in cents
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, (v / 100).toFixed(2)]));
}
async function rejected<T>(p: Promise<unknown>, type: new (...a: never[]) => T): Promise<T> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(type);
  return e as T;
}

describe("BC unapply/reapply through the Cashline extension", () => {
  it("unapplies an invoice application (BC shows it reversed, the invoice open again) and re-applies the cash to two invoices", async () => {
    const adapter = bcAdapterFor(sim);
    const { erpReceiptId } = await adapter.postReceipt(posting());
    expect(await adapter.reviseApplications(erpReceiptId, "EUR", UNAPPLY, "rev-2", { date: "2026-11-25" })).toEqual({ erpReceiptId, applicationIds: [] });
    let s = await state();
    expect(s.live).toEqual([["ON_ACCOUNT", null, "30.00"]]);
    expect(s.reversed).toEqual([["INVOICE", "INV-1", "100.00"]]);
    expect(s.open("INV-1")).toBe("100.00");
    expect(s.de01.invoices.find((i) => i.number === "INV-1")!.status).toBe("Open");
    expect(s.de01.applications.find((a) => a.unapplied)).toMatchObject({ unappliedPostingDate: "2026-11-25" });
    expect(await adapter.getReceipt(erpReceiptId)).toMatchObject({ unappliedAmount: "120.00", applications: expect.arrayContaining([expect.objectContaining({ type: "INVOICE", invoiceNumber: "INV-1", reversed: true })]) });

    const out = await adapter.reviseApplications(erpReceiptId, "EUR", REAPPLY, "rev-3", { date: "2026-11-26" });
    s = await state();
    expect(s.open("INV-2")).toBe("0.00");
    expect(s.open("INV-1")).toBe("40.00");
    // cash drawn from the remainder entry (20) and the freed one (100): INV-2's 40 is two applications in BC
    expect(perInvoice(s.live)).toEqual({ ON_ACCOUNT: "30.00", "INV-1": "60.00", "INV-2": "40.00" });
    expect(s.reversed).toEqual([["INVOICE", "INV-1", "100.00"]]);
    // the new applications' ids are the ledger's, and the adapter reads the receipt back the same way
    const liveIds = s.apps.filter((a) => !a.reversed && a.type === "INVOICE").map((a) => a.id).sort();
    expect([...out.applicationIds].sort()).toEqual(liveIds);
    const back = await adapter.getReceipt(erpReceiptId);
    expect(back.unappliedAmount).toBe("20.00");
    expect(back.applications!.filter((a) => !a.reversed).map((a) => [a.type, a.invoiceNumber, a.amount]).sort()).toEqual([...s.live].sort());
    expect(await adapter.lookupReceipt("R-1", "DE01")).toEqual(back);
  });

  it("replays book nothing more: the same unapply and reapply again leave one reversal and the same applications", async () => {
    const adapter = bcAdapterFor(sim);
    const { erpReceiptId } = await adapter.postReceipt(posting());
    await adapter.reviseApplications(erpReceiptId, "EUR", UNAPPLY, "rev-2");
    const once = await state();
    expect(await adapter.reviseApplications(erpReceiptId, "EUR", UNAPPLY, "rev-2")).toEqual({ erpReceiptId, applicationIds: [] });
    expect((await state()).de01.applications).toEqual(once.de01.applications);
    await adapter.reviseApplications(erpReceiptId, "EUR", REAPPLY, "rev-3");
    const twice = await state();
    expect(await adapter.reviseApplications(erpReceiptId, "EUR", REAPPLY, "rev-3")).toEqual({ erpReceiptId, applicationIds: [] });
    expect((await state()).de01.applications).toEqual(twice.de01.applications);
    expect(twice.de01.applications.filter((a) => a.unapplied)).toHaveLength(1);
  });

  it("an unapply or apply whose answer is lost (drop after commit) is not done twice when the revision runs again", async () => {
    const adapter = bcAdapterFor(sim);
    const { erpReceiptId } = await adapter.postReceipt(posting());
    await setFaults(sim.url, { drop_after_commit_ratio: 1 });
    await rejected(adapter.reviseApplications(erpReceiptId, "EUR", UNAPPLY, "rev-2"), ErpRetryableError);
    await setFaults(sim.url, {});
    expect((await state()).reversed).toEqual([["INVOICE", "INV-1", "100.00"]]); // BC did it
    await adapter.reviseApplications(erpReceiptId, "EUR", UNAPPLY, "rev-2");
    expect((await state()).de01.applications.filter((a) => a.unapplied)).toHaveLength(1);
    expect((await state()).open("INV-1")).toBe("100.00");

    await setFaults(sim.url, { drop_after_commit_ratio: 1 });
    await rejected(adapter.reviseApplications(erpReceiptId, "EUR", REAPPLY, "rev-3"), ErpRetryableError);
    await setFaults(sim.url, {});
    await adapter.reviseApplications(erpReceiptId, "EUR", REAPPLY, "rev-3");
    const s = await state();
    expect([s.open("INV-1"), s.open("INV-2")]).toEqual(["40.00", "0.00"]);
    expect(perInvoice(s.live)).toEqual({ ON_ACCOUNT: "30.00", "INV-1": "60.00", "INV-2": "40.00" });
  });

  it("a token that expires in the middle of a revision is renewed once and the revision completes", async () => {
    const adapter = bcAdapterFor(sim);
    const { erpReceiptId } = await adapter.postReceipt(posting());
    const before = tokens;
    revokeOn = /Microsoft\.NAV\.unapply$/;
    await adapter.reviseApplications(erpReceiptId, "EUR", UNAPPLY, "rev-2");
    expect(tokens).toBe(before + 1);
    expect((await state()).reversed).toEqual([["INVOICE", "INV-1", "100.00"]]);
  });

  it("BC's rules: a date outside the allowed posting dates, more cash than the receipt holds, a changed write-off", async () => {
    const adapter = bcAdapterFor(sim);
    const { erpReceiptId } = await adapter.postReceipt(posting());
    await setPeriod(sim.url, { entity: "DE01", start: "2026-11-01", open: false });
    const closed = await rejected(adapter.reviseApplications(erpReceiptId, "EUR", UNAPPLY, "rev-2", { date: "2026-11-25" }), ErpPermanentError);
    expect(closed.message).toMatch(/Posting date is not within the range of allowed posting dates/);
    expect((await state()).reversed).toEqual([]);
    await adapter.reviseApplications(erpReceiptId, "EUR", UNAPPLY, "rev-2", { date: "2026-12-01" });
    expect((await state()).reversed).toEqual([["INVOICE", "INV-1", "100.00"]]);
    const tooMuch = await rejected(adapter.reviseApplications(erpReceiptId, "EUR", [{ type: "INVOICE", invoiceNumber: "INV-1", amount: "100.00" }, { type: "INVOICE", invoiceNumber: "INV-2", amount: "40.00" }, { type: "ON_ACCOUNT", amount: "30.00" }, { type: "INVOICE", invoiceNumber: "INV-1", amount: "20.00" }], "rev-3", { date: "2026-12-01" }), ErpPermanentError);
    expect(tooMuch.kind).toBe("invalid_posting");
    const wo = await rejected(adapter.reviseApplications(erpReceiptId, "EUR", [{ type: "WRITE_OFF", amount: "1.00", writeOffReason: "x" }], "rev-4"), ErpPermanentError);
    expect(wo.kind).toBe("not_supported");
  });
});

describe("BC without the Cashline extension", () => {
  it("posts and replays as before, and a real revision is a permanent error naming the missing extension; nothing changes", async () => {
    const bare = await startBcSim({ extension: false });
    try {
      await seed(bare);
      const adapter = bcAdapterFor(bare);
      const { erpReceiptId } = await adapter.postReceipt(posting());
      expect(await adapter.reviseApplications(erpReceiptId, "EUR", [{ type: "INVOICE", invoiceNumber: "INV-1", amount: "100.00" }, { type: "ON_ACCOUNT", amount: "30.00" }], "rev-1")).toEqual({ erpReceiptId, applicationIds: [] });
      const before = (await state(bare)).de01.applications;
      const e = await rejected(adapter.reviseApplications(erpReceiptId, "EUR", UNAPPLY, "rev-2"), ErpPermanentError);
      expect([e.kind, e.status]).toEqual(["not_supported", 404]);
      expect(e.message).toMatch(/Cashline BC extension.*api\/cashline\/finance\/v1\.0 answered 404.*nothing was changed/);
      expect((await state(bare)).de01.applications).toEqual(before);
      const raw = await fetch(`${bare.url}/v2.0/${bare.tenantId}/production/api/cashline/finance/v1.0/companies`);
      expect([raw.status, ((await raw.json()) as { error: { code: string } }).error.code]).toEqual([404, "BadRequest_NotFound"]);
    } finally {
      await bare.close();
    }
  });
});
