// A customer's own CSV: columns guessed (low confidence → NEEDS_REVIEW), the analyst corrects and confirms the mapping
// through PUT /api/v1/remittances/{id}/column-mapping (role checked, audited), the file is read again with it and
// linked; the customer's next advice is read with the saved mapping and needs no review.
import { afterAll, describe, expect, it, vi } from "vitest";

type User = { id: string; email: string; name: string; role: "ADMIN" | "AR_ANALYST" | "CONTROLLER" | "TREASURY"; writeOffLimitMinor: bigint; mustChangePassword: boolean };
const sessionUser = vi.hoisted(() => ({ current: null as null | User }));
vi.mock("../auth/session.ts", () => ({ getSessionUser: async () => sessionUser.current }));

import { useFreshDatabase } from "../testing/test-database.ts";
import { seedInvoice, seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { ingestRemittance } from "./ingest-remittance.ts";
import { listRemittances } from "./list-remittances.ts";
import { PUT } from "../../app/api/v1/remittances/[id]/column-mapping/route.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));

const as = async (role: User["role"]) => {
  const u = await getDb().user.upsert({ where: { email: `${role.toLowerCase()}@test.dev` }, update: {}, create: { email: `${role.toLowerCase()}@test.dev`, name: role, role, passwordHash: "x" } });
  sessionUser.current = { id: u.id, email: u.email, name: u.name, role, writeOffLimitMinor: 0n, mustChangePassword: false };
  return u;
};
const put = async (adviceId: string, body: unknown) => {
  const res = await PUT(new Request(`http://localhost/api/v1/remittances/${adviceId}/column-mapping`, { method: "PUT", headers: { host: "localhost", origin: "http://localhost", "content-type": "application/json" }, body: JSON.stringify(body) }), { params: Promise.resolve({ id: adviceId }) });
  return { status: res.status, body: await res.json() };
};
// The customer's own export: a vague invoice column, "Total amount" for what is paid, the reason in "Why".
const sheet = (check: string, rows: string[]) => Buffer.from(["Check No;Currency;Our invoice ref;Total amount;Short paid;Why", ...rows.map((r) => `${check};USD;${r}`)].join("\r\n"));
const mail = { channel: "email" as const, senderEmail: "AP <ap@acme.com>", sender: { kind: "system" as const, label: "mailbox" }, contentType: "text/csv" };

describe("confirming a guessed spreadsheet column mapping", () => {
  it("saves the corrected mapping per customer, re-reads and links the advice, audited; later advices use it", async () => {
    const world = await seedMiniWorld();
    await getDb().remittanceSenderDomain.create({ data: { domain: "acme.com", customerId: world.customer.id } });
    await seedInvoice(world, 100_000n, "INV-2026-000401");
    await seedInvoice(world, 30_000n, "INV-2026-000402");
    const receipt = await getDb().receipt.create({
      data: { id: "r_map_1", entityId: world.entity.id, bankAccountId: world.bank.id, currency: "USD", amountMinor: 125_000n, unappliedMinor: 125_000n, valueDate: new Date("2026-11-30"), channel: "ACH",
        payerName: "ACME WIDGETS", remittance: "INVOICES", bankReference: "55012", naturalKey: "t:r_map_1", sourceSystem: "bank", sourceId: "r_map_1", state: "RECEIVED" },
    });

    const first = await ingestRemittance({ ...mail, content: sheet("55012", ["INV-2026-000401;950.00;50.00;Damaged", "INV-2026-000402;300.00;;"]), filename: "acme-nov.csv" });
    expect(first.format).toBe("csv");
    expect(first.advices).toMatchObject([{ status: "NEEDS_REVIEW", receiptId: null, customerId: world.customer.id }]);
    const review = await getDb().remittanceAdvice.findUniqueOrThrow({ where: { id: first.advices[0]!.id } });
    const guessed = (review.parsed as { extraction: { confidence: number; mapping: { columns: Record<string, string> }; headers: string[] } }).extraction;
    expect(guessed.confidence).toBeLessThan(0.8);
    expect(guessed.headers).toEqual(["Check No", "Currency", "Our invoice ref", "Total amount", "Short paid", "Why"]);
    expect(guessed.mapping.columns.adjustment_reason).toBeUndefined(); // "Why" was not recognised
    // What the review form shows: the headers to pick from and the guessed columns.
    expect((await listRemittances({ limit: 10 })).items.find((i) => i.id === review.id)!.extraction).toMatchObject({ headers: guessed.headers, columns: { document: "Our invoice ref", paid: "Total amount" } });

    const columns = { payment_reference: "Check No", currency: "Currency", document: "Our invoice ref", paid: "Total amount", deduction: "Short paid", adjustment_reason: "Why" };
    await as("TREASURY");
    expect((await put(review.id, { columns })).status).toBe(403);
    const analyst = await as("AR_ANALYST");
    expect(await put(review.id, { columns: { document: "Our invoice ref" } })).toMatchObject({ status: 422, body: { detail: "request body failed validation" } });
    expect((await put(review.id, { columns: { ...columns, paid: "Paid Amount" } })).status).toBe(422); // not a column of this file
    expect(await getDb().remittanceColumnMapping.count()).toBe(0);

    const ok = await put(review.id, { columns });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ customerId: world.customer.id, mapping: { columns }, advices: [{ paymentReference: "55012", status: "LINKED", receiptId: receipt.id }] });
    const linked = await getDb().remittanceAdvice.findUniqueOrThrow({ where: { id: ok.body.advices[0].id }, include: { lines: { include: { adjustments: true }, orderBy: { lineNo: "asc" } } } });
    expect(linked.lines.map((l) => [l.document, l.paidMinor, l.adjustments.map((a) => [a.amountMinor, a.reason])])).toEqual([
      ["INV-2026-000401", 95_000n, [[-5_000n, "DAMAGED"]]], ["INV-2026-000402", 30_000n, []],
    ]);
    expect(await getDb().remittanceAdvice.count({ where: { id: review.id } })).toBe(0); // the guessed reading is gone
    expect(await getDb().remittanceColumnMapping.findUniqueOrThrow({ where: { customerId: world.customer.id } })).toMatchObject({ confirmedById: analyst.id, mapping: { columns } });
    expect(await getDb().auditLog.findFirstOrThrow({ where: { action: "remittance.column_mapping_confirmed" } })).toMatchObject({ actorId: analyst.id, targetType: "Customer", targetId: world.customer.id });
    expect((await put(linked.id, { columns })).status).toBe(409); // no longer in review

    // December's file from the same sender: read with the saved mapping, no review, reason carried.
    const next = await ingestRemittance({ ...mail, content: sheet("55013", ["INV-2026-000402;280.00;20.00;Pricing"]), filename: "acme-dec.csv" });
    expect(next.advices).toMatchObject([{ paymentReference: "55013", status: "WAITING_FOR_PAYMENT" }]);
    const dec = await getDb().remittanceAdvice.findUniqueOrThrow({ where: { id: next.advices[0]!.id } });
    expect((dec.parsed as { extraction: { confirmedMapping?: boolean; needsReview: boolean } }).extraction).toMatchObject({ confirmedMapping: true, needsReview: false });
    expect((dec.parsed as { lines: { adjustments: { reason: string }[] }[] }).lines[0]!.adjustments[0]!.reason).toBe("PRICING");
  });
});
