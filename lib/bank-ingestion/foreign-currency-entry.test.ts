// Finding 10: a camt entry whose <Amt> is in another currency than the statement's account was booked as the
// account's currency (JPY 1000 on a USD account became a USD 1,000.00 receipt, and the balance check went quiet).
// The file is now quarantined with the reason, and nothing of it is kept.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeCamt053 } from "../bank-sim/write-camt053.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { ingestContent, rowsOf, seedBankWorld } from "../testing/seed-bank-world.ts";
import { useFreshDatabase } from "../testing/test-database.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
beforeAll(seedBankWorld);

const line = (n: number, amountMinor: bigint) => ({
  amountMinor, valueDate: "2026-11-02", bankReference: `FX-${n}`, customerReference: `E2E-FX-${n}`, counterpartyName: `Customer ${n}`,
  remittance: `Invoice INV-FX-${n}`, channel: "WIRE" as const,
});

function usdStatement(): string {
  return writeCamt053([{
    id: "FX-1", account: "000123456789", currency: "USD", openingMinor: 500_00n, openingDate: "2026-11-02", closingDate: "2026-11-02",
    lines: [line(1, 250_00n), line(2, 1_000_00n)],
  }], { messageId: "FX", createdAt: "2026-11-02T18:00:00" });
}

describe("camt entry in a foreign currency", () => {
  it("the same file in USD throughout is taken in (the control case)", async () => {
    const { result } = await ingestContent(usdStatement(), "usd.camt053.xml");
    expect(result.status).toBe("PROCESSED");
  });

  it("<Amt Ccy=\"JPY\">1000</Amt> on a USD account quarantines the file with the reason, keeping nothing", async () => {
    const usd = usdStatement();
    const jpy = usd.replace('<Amt Ccy="USD">1000.00</Amt>', '<Amt Ccy="JPY">1000</Amt>').replace("FX-2", "FX-JPY");
    expect(jpy).not.toBe(usd);
    const { result, doc } = await ingestContent(jpy.replace("<Id>FX-1</Id>", "<Id>FX-2</Id>"), "jpy-entry.camt053.xml");
    expect(result.status).toBe("QUARANTINED");
    expect(doc.status).toBe("QUARANTINED");
    expect(doc.error).toMatch(/jpy-entry\.camt053\.xml: statement FX-2, entry 2: amount 1000 JPY is in another currency than the account US Operating \(USD\)/);
    expect(await rowsOf(doc.id)).toEqual({ statements: 0, lines: 0, receipts: 0 });
    expect(await getDb().receipt.count({ where: { bankReference: "FX-JPY" } })).toBe(0);
  });
});
