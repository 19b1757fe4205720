// Golden tests: every public sample and every file of ours parses to exactly the JSON checked by hand against it
// (testdata/golden/<name>.json), through the single entry the product and the CLI use, with format auto-detection.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseRemittanceAsync } from "../parse-remittance.ts";
import { DEDUCTION_REASONS } from "../types.ts";
import { GOLDEN_CASES } from "./golden-cases.ts";

const golden = (name: string) => JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "testdata/golden", `${name}.json`), "utf8"));

describe("golden remittance files", () => {
  it.each(GOLDEN_CASES)("$name", async ({ name, file }) => {
    const parsed = await parseRemittanceAsync(fs.readFileSync(file), { fileName: file });
    expect(parsed).toEqual(golden(name));
    // The contract's shape, key by key and in order (outside tools compare keys).
    for (const a of parsed.advices) {
      expect(Object.keys(a)).toEqual(["payment_reference", "payer_name", "payer_id", "payee_name", "currency", "payment_amount", "payment_date", "method", "lines"]);
      for (const l of a.lines) {
        expect(Object.keys(l)).toEqual(["document", "document_type", "paid", "invoice_amount", "discount", "adjustments"]);
        for (const adj of l.adjustments) {
          expect(Object.keys(adj)).toEqual(["amount", "reason", "code", "text"]);
          expect(DEDUCTION_REASONS).toContain(adj.reason);
        }
      }
    }
  });

  it("detects a file that starts with a UTF-8 byte order mark (Excel's CSV export writes one)", async () => {
    for (const name of ["csv-contract", "trade-820-004010", "camt054-structured"]) {
      const file = GOLDEN_CASES.find((c) => c.name === name)!.file;
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(file)]);
      expect(await parseRemittanceAsync(bytes)).toEqual(golden(name));
    }
  });

  it("the trade 820s and the camt.054 of ours reconcile: lines add up to the payment, each line to its invoice", () => {
    for (const name of ["trade-820-004010", "trade-820-005010-eur", "camt054-structured", "csv-contract"]) {
      for (const a of golden(name).advices) {
        const cents = (s: string) => BigInt(s.replace(".", "")); // every amount here is written with two decimals
        expect(a.lines.reduce((s: bigint, l: { paid: string }) => s + cents(l.paid), 0n), `${name} ${a.payment_reference}`).toBe(cents(a.payment_amount));
        for (const l of a.lines) {
          if (l.invoice_amount === null || l.document_type === "credit_memo") continue;
          const adjusted = cents(l.invoice_amount) - cents(l.discount) + l.adjustments.reduce((s: bigint, x: { amount: string }) => s + cents(x.amount), 0n);
          expect(adjusted, `${name} ${l.document}`).toBe(cents(l.paid));
        }
      }
    }
  });
});
