// End to end, through real servers: an e-mailed PDF advice and an e-mailed X12 820 reach Cashline through a real
// IMAP mailbox (hoodiecrow-imap over TCP), are taken in (ingest), wait for their payments, are linked when the
// payments arrive, and the engine clears each multi-invoice payment with a deduction; the deduction's valid path
// (credit memo request) and invalid path (collection request) reach the billing platform's simulator over HTTP as
// signed webhooks from the real outbox. Real PostgreSQL throughout.
process.env.WEBHOOK_ALLOW_HTTP = "true";
process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
process.env.CASHLINE_ENCRYPTION_KEY ??= "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedInvoice, seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { applyReceipts } from "../cash-application/apply-receipts.ts";
import { createSubscriber } from "../outbox/create-subscriber.ts";
import { fillDeliveries } from "../outbox/fill-deliveries.ts";
import { deliverPending } from "../outbox/deliver-pending.ts";
import { resolveDeduction } from "../deductions/resolve-deduction.ts";
import { startBillingInbox } from "../simulators/billing-inbox.ts";
import { pollRemittanceMailbox } from "./poll-remittance-mailbox.ts";
import { buildEml } from "./testing/build-eml.ts";
import { readFolder, startImapTestServer } from "./testing/imap-test-server.ts";
import { toX12820 } from "./testing/write-advices.ts";
import { buildPdf, row } from "./formats/pdf-testing.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));

/** The customer's AP system's PDF: a table with a deduction column and its reason. */
async function pdfAdvice(): Promise<Uint8Array> {
  const H: [number, string][] = [[50, "Invoice No"], [150, "Date"], [220, "Invoice Amount"], [320, "Discount"], [380, "Deduction"], [440, "Reason"], [510, "Amount Paid"]];
  const R = { inv: 285, ded: 420, paid: 560 };
  return buildPdf([[
    { x: 50, y: 750, text: "REMITTANCE ADVICE", size: 16 },
    { x: 50, y: 720, text: "Payer: ACME WIDGETS" },
    { x: 50, y: 705, text: "Payment Reference: ACH-E2E-PDF-01" },
    { x: 50, y: 690, text: "Payment Date: 11/30/2026" },
    { x: 350, y: 720, text: "Currency: USD" },
    ...row(650, H),
    ...row(630, [[50, "INV-2026-000301"], [150, "10/15/2026"], [R.inv, "1,000.00", true], [R.paid, "1,000.00", true]]),
    ...row(615, [[50, "INV-2026-000302"], [150, "10/20/2026"], [R.inv, "300.00", true], [R.ded, "30.00", true], [440, "Damaged"], [R.paid, "270.00", true]]),
    ...row(595, [[50, "Total"], [R.paid, "1,270.00", true]]),
  ]]);
}

const x12Advice = () => toX12820([{
  payment_reference: "820E2E0001", payer_name: "ACME WIDGETS", payer_id: null, payee_name: null, currency: "USD", payment_amount: "710.00", payment_date: "2026-11-30", method: "ACH",
  lines: [
    { document: "INV-2026-000311", document_type: "invoice", paid: "500.00", invoice_amount: "500.00", discount: "0.00", adjustments: [] },
    { document: "INV-2026-000312", document_type: "invoice", paid: "210.00", invoice_amount: "250.00", discount: "0.00", adjustments: [{ amount: "-40.00", reason: "PRICING", code: null, text: null }] },
  ],
}]);

const NUMBERS = { P1: "INV-2026-000301", P2: "INV-2026-000302", X1: "INV-2026-000311", X2: "INV-2026-000312" } as const;

describe("e-mailed remittance advices, end to end", () => {
  it("a PDF advice and an 820 by IMAP each clear a multi-invoice payment with a deduction; valid and invalid deductions reach the billing simulator", async () => {
    const inbox = await startBillingInbox();
    const imap = await startImapTestServer([
      buildEml({ from: "Acme AP <ap@acme.com>", messageId: "pdf-advice@acme.com", attachments: [{ name: "remittance.pdf", type: "application/pdf", body: await pdfAdvice() }] }),
      buildEml({ from: "edi@acme.com", messageId: "edi-820@acme.com", attachments: [{ name: "payment.820", type: "application/edi-x12", body: x12Advice() }] }),
    ]);
    try {
      const world = await seedMiniWorld();
      const db = getDb();
      await db.remittanceSenderDomain.create({ data: { domain: "acme.com", customerId: world.customer.id } });
      const inv = Object.fromEntries(await Promise.all(([["P1", 100_000n], ["P2", 30_000n], ["X1", 50_000n], ["X2", 25_000n]] as const).map(async ([k, minor]) => [k, await seedInvoice(world, minor, NUMBERS[k])] as const)));
      const controller = await db.user.create({ data: { email: "ctl@test.dev", name: "ctl", role: "CONTROLLER", passwordHash: "x" } });
      await db.writeOffLimit.create({ data: { userId: controller.id, currency: "USD", perWriteOffMinor: 100_000n, perReceiptMinor: 100_000n, perInvoiceMinor: 100_000n, perDayMinor: 1_000_000n } });
      const sub = await createSubscriber({ name: "billing", url: `${inbox.url}/webhooks/cashline`, eventTypes: ["deduction.credit_memo_requested", "deduction.collection_requested"] }, controller);
      inbox.setSecret(sub.secret);

      // 1. The mailbox: both advices taken in before their payments, messages moved to Processed.
      const poll = await pollRemittanceMailbox(imap.config);
      expect(poll!.outcomes.map((o) => [o.messageId, o.status, o.advices])).toEqual([["<pdf-advice@acme.com>", "PROCESSED", 1], ["<edi-820@acme.com>", "PROCESSED", 1]]);
      expect(await readFolder(imap.config, "Processed")).toHaveLength(2);
      const advices = await db.remittanceAdvice.findMany({ orderBy: { paymentReference: "asc" }, include: { document: true } });
      expect(advices.map((a) => [a.paymentReference, a.format, a.channel, a.status, a.customerId, a.document.filename])).toEqual([
        ["820E2E0001", "x12-820", "imap", "WAITING_FOR_PAYMENT", world.customer.id, "payment.820"],
        ["ACH-E2E-PDF-01", "pdf", "imap", "WAITING_FOR_PAYMENT", world.customer.id, "remittance.pdf"],
      ]);

      // 2. The payments arrive with a useless bank text; the engine links the waiting advices and applies.
      const receipt = (id: string, amountMinor: bigint, bankReference: string) => db.receipt.create({
        data: { id, entityId: world.entity.id, bankAccountId: world.bank.id, currency: "USD", amountMinor, unappliedMinor: amountMinor, valueDate: new Date("2026-11-30"), channel: "ACH",
          payerName: "ACME WIDGETS", remittance: "INVOICES", bankReference, naturalKey: `t:${id}`, sourceSystem: "bank", sourceId: id, state: "RECEIVED" },
      });
      const rPdf = await receipt("r_e2e_pdf", 127_000n, "ACH-E2E-PDF-01");
      const r820 = await receipt("r_e2e_820", 71_000n, "820E2E0001");
      const counts = await applyReceipts([rPdf.id, r820.id], "new", "cid-e2e");
      expect(counts.applied).toBe(2);
      for (const [r, apps] of [[rPdf, [[inv.P1!.id, 100_000n], [inv.P2!.id, 27_000n]]], [r820, [[inv.X1!.id, 50_000n], [inv.X2!.id, 21_000n]]]] as const) {
        expect(await db.receipt.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ state: "APPLIED", unappliedMinor: 0n, customerId: world.customer.id });
        const applied = await db.application.findMany({ where: { receiptId: r.id }, orderBy: { amountMinor: "desc" } });
        expect(applied.map((a) => [a.invoiceId, a.amountMinor])).toEqual(apps);
        const timeline = (await db.workflowEvent.findMany({ where: { receiptId: r.id } })).map((e) => e.type);
        expect(timeline).toEqual(expect.arrayContaining(["remittance.linked", "deduction.opened", "cash.applied"]));
      }
      const deductions = await db.deduction.findMany({ orderBy: { amountMinor: "asc" } });
      expect(deductions.map((d) => [d.receiptId, d.invoiceId, d.amountMinor, d.reason, d.status])).toEqual([
        [rPdf.id, inv.P2!.id, 3_000n, "DAMAGED", "OPEN"],
        [r820.id, inv.X2!.id, 4_000n, "PRICING", "OPEN"],
      ]);
      expect((await db.invoice.findUniqueOrThrow({ where: { id: inv.P2!.id } })).openAmountMinor).toBe(3_000n);

      // 3. The analyst decides: the damage is valid (credit memo), the pricing claim is not (collect).
      const ctx = { actor: { id: controller.id, email: controller.email, name: controller.name, writeOffLimitMinor: 0n } };
      expect((await resolveDeduction(ctx, deductions[0]!.id, { outcome: "valid", note: "photos of the broken crate" })).status).toBe("VALID");
      expect((await resolveDeduction(ctx, deductions[1]!.id, { outcome: "invalid", note: "price list was agreed" })).status).toBe("INVALID");
      await fillDeliveries();
      await deliverPending();
      const arrived = Object.fromEntries(inbox.events.map((e) => [e.type, e.payload]));
      expect(Object.keys(arrived).sort()).toEqual(["deduction.collection_requested", "deduction.credit_memo_requested"]);
      expect(arrived["deduction.credit_memo_requested"]).toMatchObject({ deductionId: deductions[0]!.id, creditAmount: "30.00", invoice: { number: "INV-2026-000302" } });
      expect(arrived["deduction.collection_requested"]).toMatchObject({ deductionId: deductions[1]!.id, collectAmount: "40.00", invoices: ["INV-2026-000312"], dunning: true });
      expect((await (await fetch(`${inbox.url}/__sim/credit-memo-requests`)).json()).requests).toHaveLength(1);
      expect(await db.invoice.findUniqueOrThrow({ where: { id: inv.P2!.id } })).toMatchObject({ openAmountMinor: 0n, status: "PAID" });
      expect((await db.invoice.findUniqueOrThrow({ where: { id: inv.X2!.id } })).openAmountMinor).toBe(4_000n);
    } finally {
      await imap.close();
      await inbox.stop();
    }
  });
});
