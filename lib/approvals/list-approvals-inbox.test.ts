// The approvals inbox lists the write-offs waiting for THIS user: proposed by someone else, within their limit.
import { describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { actor, makeInvoice, makeReceipt, seedWorld } from "../exceptions/test-fixtures.ts";
import { writeOffReceipt } from "../exceptions/write-off-receipt.ts";
import { listApprovalsInbox } from "./list-approvals-inbox.ts";

useFreshDatabase();

describe("approvals inbox", () => {
  it("shows a write-off above the proposer's limit to an approver who can approve it, with a count and a refunds slot", async () => {
    const w = await seedWorld();
    const inv = await makeInvoice(w, { amountMinor: 100_000n });
    const { receipt, kase } = await makeReceipt(w, { amountMinor: 90_000n, code: "SHORT_PAY", state: "SHORT_PAY", customerId: w.acme.id });
    const res = await writeOffReceipt(actor(w.analyst), receipt.id, { receiptVersion: 0, amount: "100.00", reasonCode: "discount", invoiceId: inv.id, applications: [{ invoiceId: inv.id, amount: "900.00" }] });
    expect(res.outcome).toBe("pending_approval");

    const controller = await listApprovalsInbox(w.controller);
    expect(controller.count).toBe(1);
    expect(controller.items[0]).toMatchObject({ kind: "write_off", id: kase!.id, href: `/exceptions/${kase!.id}`, currency: "USD", amount: "100.00", reason: "discount", proposedBy: w.analyst.name });
    expect(controller.sources).toEqual([
      { kind: "write_off", label: "Write-offs", available: true, count: 1 },
      { kind: "refund", label: "Refunds", available: false, count: 0 },
    ]);
    // The proposer and an approver whose limit is too low have nothing to decide.
    expect((await listApprovalsInbox(w.analyst)).count).toBe(0);
    expect((await listApprovalsInbox(w.analyst2)).count).toBe(0);
  });
});
