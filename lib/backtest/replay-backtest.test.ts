import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, type PolicySet } from "../cashapp/policy.ts";
import type { History, HistoryApplication, HistoryInvoice, HistoryReceipt } from "./history.ts";
import { replayBacktest } from "./replay-backtest.ts";
import { labelReceipts } from "./label-receipts.ts";
import { compareBacktest } from "./compare-backtest.ts";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 8, 1);
const customer = (id: string, name: string, since = T0 - 365 * DAY) => ({ id, entity: "US01", name, aliases: [], bankAccounts: [`ACCT-${id}`], since });
const invoice = (id: string, number: string, customerId: string, minor: bigint, since: number): HistoryInvoice => ({
  id, number, customerId, entity: "US01", currency: "USD", amountMinor: minor, issueDate: "2026-08-01", dueDate: "2026-09-01", poNumber: null, since,
});
const receipt = (id: string, at: number, amount: string, payer: { name: string; account: string | null }, remittance: string | null, state = "APPLIED", customerId: string | null = null): HistoryReceipt => ({
  id, entity: "US01", currency: "USD", amount, valueDate: new Date(at).toISOString().slice(0, 10), channel: "ach", payerName: payer.name,
  payerAccount: payer.account, remittance, bankReference: `REF-${id}`, arrivedAt: at, state, customerId,
});
const app = (receiptId: string, invoiceId: string, minor: bigint, at: number, byEngine: boolean, reversedAt: number | null = null): HistoryApplication => ({
  receiptId, invoiceId, kind: "INVOICE", amountMinor: minor, at, reversedAt, byEngine,
});
const policies = (o: Partial<typeof DEFAULT_POLICY.strategies> = {}): PolicySet => ({ default: { ...DEFAULT_POLICY, strategies: { ...DEFAULT_POLICY.strategies, ...o } } });
const empty = (): History => ({ customers: [], invoices: [], applications: [], learnedPayers: [], receipts: [], priorReceipts: [] });

describe("backtest replay", () => {
  it("decides each receipt against the world as of its arrival: later invoices are no candidates, later payments have not happened", () => {
    const h = empty();
    h.customers.push(customer("c1", "ACME CORP"));
    h.invoices.push(invoice("i1", "INV-2026-000101", "c1", 100_000n, T0 - 30 * DAY)); // paid at T0+1d, reversed at T0+3d
    h.invoices.push(invoice("i2", "INV-2026-000102", "c1", 50_000n, T0 + 5 * DAY)); // known only from day 5
    const acme = { name: "ACME CORP", account: "ACCT-c1" };
    h.receipts.push(
      receipt("r1", T0 + 2 * DAY, "1000.00", acme, "INV-2026-000101"), // i1 paid by then (day 1): ALREADY_PAID
      receipt("r2", T0 + 3 * DAY + 1, "1000.00", acme, "INV-2026-000101"), // reversal at day 3: open again
      receipt("r3", T0 + 4 * DAY, "500.00", acme, "INV-2026-000102"), // i2 not known yet
      receipt("r4", T0 + 6 * DAY, "500.00", acme, "INV-2026-000102"), // now it is
    );
    h.applications.push(app("r0", "i1", 100_000n, T0 + DAY, true, T0 + 3 * DAY));
    const out = replayBacktest(h, policies(), policies());
    const byId = Object.fromEntries(out.map((o) => [o.receipt.id, o.live]));
    expect(byId.r1!.exception_code).toBe("ALREADY_PAID");
    expect(byId.r2!).toMatchObject({ outcome: "applied", applications: [{ invoice_id: "i1", amount: "1000.00" }] });
    expect(byId.r3!.outcome).toBe("exception");
    expect(byId.r3!.applications.map((a) => a.invoice_id)).not.toContain("i2");
    expect(byId.r4!).toMatchObject({ outcome: "applied", applications: [{ invoice_id: "i2", amount: "500.00" }] });
    // The draft side sees the same world: same decisions with the same policy.
    expect(out.map((o) => o.draft)).toEqual(out.map((o) => o.live));
  });

  it("finds exactly the N receipts a loosened draft would have posted wrongly, and lists each", () => {
    const h = empty();
    const N = 7;
    const traps: string[] = [];
    for (let k = 0; k < 20; k++) {
      const c = `c${k}`;
      h.customers.push(customer(c, `CUSTOMER ${k} HOLDINGS`));
      // Two open invoices of different amounts; the payment has no reference and the amount of the first.
      h.invoices.push(invoice(`${c}-a`, `INV-2026-${String(1000 + k * 2).padStart(6, "0")}`, c, 120_000n + BigInt(k) * 100n, T0 - 10 * DAY));
      h.invoices.push(invoice(`${c}-b`, `INV-2026-${String(1001 + k * 2).padStart(6, "0")}`, c, 77_700n + BigInt(k) * 100n, T0 - 10 * DAY));
      const at = T0 + k * DAY;
      const amount = (120_000 + k * 100) / 100;
      const r = receipt(`r${k}`, at, amount.toFixed(2), { name: `CUSTOMER ${k} HOLDINGS`, account: `ACCT-${c}` }, null, "APPLIED", c);
      h.receipts.push(r);
      // What a person did: for the first N, the customer was paying invoice b plus an unrelated credit — the amount
      // was a coincidence; for the rest the amount's invoice a was right.
      const trap = k < N;
      if (trap) traps.push(r.id);
      h.applications.push(app(r.id, trap ? `${c}-b` : `${c}-a`, trap ? 77_700n + BigInt(k) * 100n : 120_000n + BigInt(k) * 100n, at + 3_600_000, false));
    }
    const live = policies({ amountOnly: false, subsetSum: false });
    const draft = policies({ amountOnly: true, subsetSum: false });
    const replayed = replayBacktest(h, live, draft);
    const cmp = compareBacktest(replayed, labelReceipts(h.receipts, h.applications));
    expect(cmp.live.autoApplied).toBe(0);
    expect(cmp.live.wrong).toBe(0);
    expect(cmp.draft.autoApplied).toBe(20);
    expect(cmp.draft.wrong).toBe(N);
    expect(cmp.draft.correct).toBe(20 - N);
    expect(cmp.draftWrongPostings.map((r) => r.receiptId).sort()).toEqual([...traps].sort());
    expect(cmp.moreWrongThanLive).toBe(true);
    expect(cmp.extraWrong).toBe(N);
    expect(cmp.changed).toBe(20);
    expect(cmp.rows.every((r) => r.change === "exception→auto")).toBe(true);
    expect(cmp.draft.precision).toBeCloseTo((20 - N) / 20, 4);
    expect(cmp.byEntity.US01).toMatchObject({ changed: 20, liveAuto: 0, draftAuto: 20, draftWrong: N });
  });

  it("a draft that adds a learned payer identifies that payer from the window's start; a revocation in history stops the live side", () => {
    const h = empty();
    h.customers.push(customer("c1", "GLOBEX INC"));
    h.invoices.push(invoice("i1", "INV-2026-000500", "c1", 25_000n, T0 - DAY));
    h.invoices.push(invoice("i2", "INV-2026-000501", "c1", 26_000n, T0 - DAY));
    h.learnedPayers.push({ id: "lp1", customerId: "c1", payerName: "GLBX TRADING", payerAccount: null, since: T0 - DAY, until: T0 + 2 * DAY });
    h.receipts.push(receipt("r1", T0, "250.00", { name: "GLBX TRADING", account: null }, null));
    h.receipts.push(receipt("r2", T0 + 3 * DAY, "260.00", { name: "GLBX TRADING", account: null }, null));
    const p = policies();
    const out = replayBacktest(h, p, p, { add: [{ customerId: "c1", payerName: "GLBX TRADING", payerAccount: null }], revoke: [] });
    expect(out[0]!.live).toMatchObject({ outcome: "applied", applications: [{ invoice_id: "i1" }] });
    expect(out[1]!.live.outcome).toBe("exception"); // revoked on day 2: unknown payer again
    expect(out[1]!.draft).toMatchObject({ outcome: "applied", applications: [{ invoice_id: "i2" }] }); // the draft re-teaches it
    const revoking = replayBacktest(h, p, p, { add: [], revoke: ["lp1"] });
    expect(revoking[0]!.draft.outcome).toBe("exception");
    expect(revoking[0]!.live.outcome).toBe("applied");
  });
});
