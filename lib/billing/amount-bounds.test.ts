// Amounts past the bound (10^15 minor units) are refused at the edge with the field named. A billing batch with one
// such amount is refused whole, naming the item: before, the items ahead of it were stored and the bad one gave a
// 500 at insert time (past PostgreSQL bigint), leaving the batch half-applied.
import { beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedConnectorWorld } from "../testing/seed-connector-world.ts";
import { getDb } from "../db/client.ts";
import { createApiKey } from "../api-keys/create-api-key.ts";
import { parseInvoiceCsv } from "./parse-invoice-csv.ts";
import { POST } from "../../app/api/v1/billing/events/route.ts";

useFreshDatabase();
let token = "";
beforeAll(async () => {
  await seedConnectorWorld();
  token = (await createApiKey({ name: "billing", system: "billing", scopes: ["billing:events"], createdById: null })).token;
});

let n = 0;
const issued = (amount: string) => ({
  id: `bevt_${++n}`, type: "invoice.issued", occurred_at: "2026-11-20T10:00:00Z",
  data: { invoice_id: `binv_${n}`, number: `INV-B-${n}`, customer_id: "bcus_us", entity: "US01", currency: "USD", amount, issue_date: "2026-11-20", due_date: "2026-12-20" },
});

async function post(body: unknown) {
  const res = await POST(new Request("http://localhost/api/v1/billing/events", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", authorization: `Bearer ${token}` } }));
  return { status: res.status, body: await res.json() };
}

describe("amount bounds", () => {
  it("refuses a billing batch whole when one amount is past the bound, naming the item and field", async () => {
    const before = await getDb().invoice.count();
    const res = await post([issued("100.00"), issued("99999999999999999999.00"), issued("200.00")]);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: "body.1.data.amount", message: expect.stringMatching(/exceeds the maximum of 1000000000000000 minor units/) }]);
    expect(await getDb().invoice.count()).toBe(before); // nothing half-applied
    expect(await getDb().inboundEvent.count()).toBe(0);
  });

  it("takes the maximum itself", async () => {
    const res = await post(issued("10000000000000.00"));
    expect(res.status).toBe(200);
    expect((await getDb().invoice.findUniqueOrThrow({ where: { id: res.body.results[0].invoiceId } })).amountMinor).toBe(10n ** 15n);
  });

  it("refuses a CSV row past the bound with its line and column", () => {
    const csv = "invoice_number,customer_id,entity,currency,amount,issue_date,due_date,po_number\nINV-1,bcus_us,US01,USD,10000000000000.01,2026-11-01,2026-11-30,\n";
    const parsed = parseInvoiceCsv(csv);
    expect(parsed.problems).toEqual([expect.objectContaining({ line: 2, column: "amount", message: expect.stringMatching(/exceeds the maximum/) })]);
  });
});
