// SAP, Business Central and NetSuite adapters refuse a cross-currency application with a permanent, named error
// before anything is booked (over HTTP against each simulator): NetSuite cannot do it at all, SAP and BC are not
// carried by Cashline's adapters yet. A retry could never succeed, so it must not be retryable.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErpPermanentError } from "./errors.ts";
import type { ErpAdapter } from "./adapter.ts";
import type { ErpPosting } from "./posting.ts";
import { startSeededSim, sapAdapter } from "./sap/test-fixture.ts";
import { startWorld } from "./netsuite/test-world.ts";
import { createNetsuiteAdapter } from "./netsuite/adapter.ts";
import { startBcSim } from "../erp-sim/bc/index.ts";
import { bcAdapterFor } from "./bc/testing.ts";
import { readNormalisedLedger } from "../erp-sim/normalised-ledger.ts";

const posting = (entity: string, customerAccount: string): ErpPosting => ({
  idempotencyKey: `fx-${entity}`, receiptNumber: `CL-fx-${entity}`, date: "2026-03-05", amount: "108.50", currency: "USD", entity, bankAccount: "0001", customerAccount,
  applications: [{ type: "INVOICE", invoiceNumber: "INV-1", amount: "108.50", fx: { invoiceCurrency: "EUR", invoiceAmount: "100.00", rate: "0.9216589862", rateDate: "2026-03-05", functionalCurrency: "EUR", realisedGainLoss: "0.00" } }],
});

const closers: (() => Promise<void>)[] = [];
const worlds: { name: string; url: string; adapter: ErpAdapter; entity: string; customer: string; message: RegExp }[] = [];
beforeAll(async () => {
  const sap = await startSeededSim();
  closers.push(() => sap.close());
  worlds.push({ name: "SAP", url: sap.url, adapter: sapAdapter(sap.url), entity: "DE01", customer: "C1", message: /SAP S\/4HANA cannot take the cross-currency application of receipt CL-fx-DE01/ });
  const bc = await startBcSim({ companies: ["DE01"] });
  closers.push(() => bc.close());
  worlds.push({ name: "BC", url: bc.url, adapter: bcAdapterFor(bc), entity: "DE01", customer: "C-100", message: /Business Central cannot take the cross-currency application.*Appln\. between Currencies/ });
  const ns = await startWorld();
  await ns.seed();
  closers.push(() => ns.sim.close());
  worlds.push({ name: "NetSuite", url: ns.sim.url, adapter: createNetsuiteAdapter(ns.m2m()), entity: "DE01", customer: "C-100", message: /NetSuite cannot apply a payment to an invoice in another currency \(NetSuite enhancement 112956\)/ });
});
afterAll(async () => { for (const c of closers) await c(); });

describe("adapters that cannot carry a cross-currency application", () => {
  it("refuse it permanently, name why, and book nothing", async () => {
    for (const w of worlds) {
      expect(w.adapter.capabilities.crossCurrencyApplications, w.name).toBe(false);
      const err = await w.adapter.postReceipt(posting(w.entity, w.customer)).catch((e) => e);
      expect(err, w.name).toBeInstanceOf(ErpPermanentError);
      expect(err.kind, w.name).toBe("not_supported");
      expect(err.message, w.name).toMatch(w.message);
      expect(await readNormalisedLedger(w.url), w.name).toEqual([]);
    }
  });
});
