import { describe, expect, it } from "vitest";
import { createEngine, decideReceipt, matchReceipts } from "./engine.ts";
import { DEFAULT_POLICY, mergePolicy } from "./policy.ts";
import { customer, invoice, receipt, smallWorld } from "../synthetic/test-world.ts";
import type { Decision, ReceiptInput } from "./types.ts";

const one = (r: ReceiptInput, world = smallWorld()) => decideReceipt({ ...world, receipt: r });
const ids = (d: Decision) => d.applications.map((a) => a.invoice_id).sort();

describe("references in free text", () => {
  it("applies an exact invoice number", () => {
    const d = one(receipt("1000.00", "INV-2026-000103", "ACME WIDGETS"));
    expect(d.outcome).toBe("applied");
    expect(d.applications).toEqual([{ invoice_id: "I1", amount: "1000.00" }]);
    expect(d.write_off).toBeNull();
    expect(d.rule_version).toBe(DEFAULT_POLICY.ruleVersion);
  });

  it.each([
    "INV2026000103", "inv 2026 103", "Invoice no. 103", "RE: inv-2026-000103", "payment for INV 103 thank you",
    "Rechnung Nr. 2026000103", "/INV/INV 2026 000103/", "#INV-2026-000103 PAID IN FULL", "2026-000103", "INV-26-000103",
    "inv_2026_000103", "INV 2026/103",
  ])("reads %j as INV-2026-000103", (text) => {
    const d = one(receipt("1000.00", text, "ACME WIDGETS"));
    expect(d.outcome, d.reasons.join("; ")).toBe("applied");
    expect(ids(d)).toEqual(["I1"]);
  });

  it("reads German RE numbers with the slash dropped, changed or spaced", () => {
    for (const text of ["RE2026/00102", "Rechnung RE 2026 102", "re2026-00102", "202600102"]) {
      const d = one(receipt("5000.00", text, "Müller Maschinenbau", { entity: "DE01", currency: "EUR" }));
      expect(d.outcome, text).toBe("applied");
      expect(ids(d)).toEqual(["I8"]);
    }
  });

  it.each([
    "INV-2026-000103, INV-2026-000104",
    "INV 103 and 104",
    "Invoices 2026000103; 2026000104",
    "INV-2026-000103 / INV-2026-000104",
    "INV-2026-000103 & INV-2026-000104",
  ])("applies several invoices in one remittance: %j", (text) => {
    const d = one(receipt("1250.50", text, "ACME WIDGETS"));
    expect(d.outcome, d.reasons.join("; ")).toBe("applied");
    expect(ids(d)).toEqual(["I1", "I2"]);
  });

  it("expands a range of invoice numbers when the amount confirms it", () => {
    const d = one(receipt("1324.75", "INV-2026-000103 to INV-2026-000105", "ACME WIDGETS"));
    expect(d.outcome, d.reasons.join("; ")).toBe("applied");
    expect(ids(d)).toEqual(["I1", "I2", "I3"]);
  });

  it("accepts a PO number instead of an invoice number", () => {
    const d = one(receipt("1000.00", "PO 57760", "ACME WIDGETS"));
    expect(d.outcome, d.reasons.join("; ")).toBe("applied");
    expect(ids(d)).toEqual(["I1"]);
    expect(d.reasons.join(" ")).toMatch(/PO/);
  });

  it("corrects one transposed digit only when the amount confirms it", () => {
    const ok = one(receipt("1234.56", "INV-2026-002000", "Globex Corp"));
    expect(ok.outcome, ok.reasons.join("; ")).toBe("applied");
    expect(ids(ok)).toEqual(["I5"]);
    expect(ok.reasons.join(" ")).toMatch(/one digit off/);
    const no = one(receipt("1111.11", "INV-2026-002000", "Globex Corp"));
    expect(no.outcome).toBe("exception");
  });

  it("corrects a mistyped (substituted) digit of the payer's own invoice", () => {
    const d = one(receipt("777.77", "INV-2026-000390", "Initech Solutions"));
    expect(d.outcome, d.reasons.join("; ")).toBe("applied");
    expect(ids(d)).toEqual(["I10"]);
  });

  it("reads a short reference that looks like a year before another reference", () => {
    const w = smallWorld();
    w.invoices.push(invoice("I20", "INV-2026-002001", "C1", "60.00"));
    const d = one(receipt("1060.00", "INV 2001 2026000103", "ACME WIDGETS"), w);
    expect(d.outcome, d.reasons.join("; ")).toBe("applied");
    expect(ids(d)).toEqual(["I1", "I20"]);
  });

  it("prefers the range reading when a list reading only fits within tolerance", () => {
    const w = { customers: [customer("C9", "Range Co")], invoices: [
      invoice("R1", "INV-2026-000501", "C9", "1000.00"), invoice("R2", "INV-2026-000502", "C9", "9.32"),
      invoice("R3", "INV-2026-000503", "C9", "2000.00"),
    ] };
    const d = one(receipt("3009.32", "INV-2026-000501 to INV-2026-000503", "RANGE CO"), w);
    expect(d.outcome).toBe("applied");
    expect(ids(d)).toEqual(["R1", "R2", "R3"]);
    expect(d.write_off).toBeNull();
  });

  it("applies a weak reading of another customer's invoice only on an exact amount", () => {
    // "2062" is a mistyped year; INV-2026-000300 is Initech's, the payer is Globex.
    const near = one(receipt("777.00", "INV-2062-000300", "GLOBEX CORPORATION", { payerAccount: "999888777" }));
    expect(near.outcome).toBe("exception");
    const exact = one(receipt("777.77", "INV-2062-000300", "GLOBEX CORPORATION", { payerAccount: "999888777" }));
    expect(exact.outcome, exact.reasons.join("; ")).toBe("applied");
    expect(ids(exact)).toEqual(["I10"]);
  });

  it("reads a mistyped running number after a correct year as a typo, not as another year's invoice", () => {
    const w = smallWorld();
    w.invoices.push(invoice("I30", "INV-2025-000130", "C2", "250.50"));
    // INV-2026-000140 does not exist; INV-2026-000104 (Acme, 250.50) is one transposition away.
    const d = one(receipt("250.50", "INV-2026-000140", "ACME WIDGETS", { payerAccount: "111222333" }), w);
    expect(d.outcome, d.reasons.join("; ")).toBe("applied");
    expect(ids(d)).toEqual(["I2"]);
  });

  it("does not read dates or amounts in the remittance as references", () => {
    const d = one(receipt("1234.56", "PAYMENT 2026-02-01 USD 1,234.56", "GLOBEX CORPORATION"));
    expect(d.outcome, d.reasons.join("; ")).toBe("applied");
    expect(ids(d)).toEqual(["I5"]);
  });
});

describe("customer identification", () => {
  it("identifies by payer account", () => {
    const d = one(receipt("74.25", "", "SOMEONE ELSE", { payerAccount: "111 222 333" }));
    expect(d.outcome).toBe("applied");
    expect(ids(d)).toEqual(["I3"]);
  });

  it.each([
    "Acme Widgets Incorporated", "ACME WIDGETS INC", "acme widgets", "ACME WIDGETS LLC", "ACME WIDGETS, INC.",
  ])("identifies %j by name, alias or legal-form variant", (name) => {
    const d = one(receipt("74.25", "PAYMENT", name));
    expect(d.outcome, d.reasons.join("; ")).toBe("applied");
    expect(ids(d)).toEqual(["I3"]);
  });

  it("identifies a bank-truncated name (18 characters)", () => {
    const d = one(receipt("777.77", "", "INITECH SOLUTIONS LLC".slice(0, 18)));
    expect(d.outcome, d.reasons.join("; ")).toBe("applied");
    expect(ids(d)).toEqual(["I10"]);
  });

  it.each(["MUELLER MASCHINENBAU GMBH & CO. KG", "MULLER MASCHINENBAU GMBH CO KG", "Müller Maschinenbau", "MUELLER MASCHINENB"])(
    "identifies accents and transliteration: %j",
    (name) => {
      const d = one(receipt("800.00", "SEPA CREDIT", name, { entity: "DE01", currency: "EUR" }));
      expect(d.outcome, d.reasons.join("; ")).toBe("applied");
      expect(ids(d)).toEqual(["I9"]);
    },
  );

  it("applies a third party's payment to the referenced invoice", () => {
    const d = one(receipt("777.77", "INV-2026-000300", "GLOBEX CORPORATION", { payerAccount: "999888777" }));
    expect(d.outcome).toBe("applied");
    expect(ids(d)).toEqual(["I10"]);
    expect(d.reasons.join(" ")).toMatch(/third party/);
  });

  it("uses learned payer identities fed back from analysts", () => {
    const w = smallWorld();
    const r = receipt("777.77", "", "INTL TECH HOLDINGS", { payerAccount: "5550001" });
    expect(decideReceipt({ ...w, receipt: r }).exception_code).toBe("UNIDENTIFIED");
    const byName = decideReceipt({ ...w, receipt: r, learnedIdentities: [{ customerId: "C4", payerName: "Intl Tech Holdings" }] });
    expect(byName.outcome).toBe("applied");
    expect(byName.reasons.join(" ")).toMatch(/learned/);
    const byAccount = decideReceipt({ ...w, receipt: r, learnedIdentities: [{ customerId: "C4", payerAccount: "5550001" }] });
    expect(byAccount.outcome).toBe("applied");
    expect(ids(byAccount)).toEqual(["I10"]);
  });
});

describe("no reference: amount against the identified customer's open invoices", () => {
  it("applies the single fitting invoice", () => {
    const d = one(receipt("250.50", "THANK YOU", "ACME WIDGETS"));
    expect(d.outcome).toBe("applied");
    expect(ids(d)).toEqual(["I2"]);
  });

  it("applies the unique fitting set (subset sum)", () => {
    const d = one(receipt("324.75", "PAYMENT", "ACME WIDGETS"));
    expect(d.outcome).toBe("applied");
    expect(ids(d)).toEqual(["I2", "I3"]);
  });

  it("is AMBIGUOUS when two sets fit", () => {
    const d = one(receipt("499.00", "PAYMENT", "GLOBEX CORPORATION"));
    expect(d.outcome).toBe("exception");
    expect(d.exception_code).toBe("AMBIGUOUS");
  });

  it("never applies another customer's invoice on amount alone", () => {
    const d = one(receipt("777.77", "PAYMENT", "ACME WIDGETS"));
    expect(d.outcome).toBe("exception");
    expect(["UNIDENTIFIED", "AMBIGUOUS"]).toContain(d.exception_code);
    expect(d.applications.map((a) => a.invoice_id)).not.toContain("I10");
  });

  it("is UNIDENTIFIED when the payer is unknown", () => {
    const d = one(receipt("1000.00", "CASH DEPOSIT", "J SMITH"));
    expect(d.exception_code).toBe("UNIDENTIFIED");
    expect(d.applications).toEqual([]);
  });
});

describe("tolerance policy", () => {
  it("writes off a small shortfall as bank charge (within 0.5% and 25.00)", () => {
    const d = one(receipt("995.00", "INV-2026-000103", "ACME WIDGETS"));
    expect(d.outcome).toBe("applied");
    expect(d.applications).toEqual([{ invoice_id: "I1", amount: "1000.00" }]);
    expect(d.write_off).toEqual({ amount: "5.00", reason: "bank_charge" });
  });

  it("writes off a small excess as small_overpayment", () => {
    const d = one(receipt("1234.60", "INV-2026-000200", "GLOBEX"));
    expect(d.write_off).toEqual({ amount: "0.04", reason: "small_overpayment" });
    expect(d.outcome).toBe("applied");
  });

  it("caps the write-off at 25.00 and at 0.5% of the open total", () => {
    const w = { customers: [customer("C9", "Big Co")], invoices: [invoice("B1", "INV-2026-009001", "C9", "10000.00")] };
    expect(one(receipt("9975.00", "INV-2026-009001", "BIG CO"), w).outcome).toBe("applied"); // 25.00 exactly
    const over = one(receipt("9974.99", "INV-2026-009001", "BIG CO"), w);
    expect(over.exception_code).toBe("SHORT_PAY");
    expect(one(receipt("249.25", "INV-2026-000104", "ACME"), smallWorld()).outcome).toBe("applied"); // 1.25 = 0.499%
    expect(one(receipt("249.24", "INV-2026-000104", "ACME"), smallWorld()).exception_code).toBe("SHORT_PAY"); // 1.26 > 0.5%
  });

  it("is SHORT_PAY / OVERPAYMENT beyond tolerance, with a suggestion", () => {
    const s = one(receipt("900.00", "INV-2026-000103", "ACME WIDGETS"));
    expect(s.exception_code).toBe("SHORT_PAY");
    expect(s.applications).toEqual([{ invoice_id: "I1", amount: "900.00" }]);
    const o = one(receipt("1100.00", "INV-2026-000103", "ACME WIDGETS"));
    expect(o.exception_code).toBe("OVERPAYMENT");
    expect(o.write_off).toBeNull();
  });

  it("applies per-entity policy overrides and records their rule_version", () => {
    const w = smallWorld();
    const strict = { default: DEFAULT_POLICY, byEntity: { US01: { ruleVersion: "us-strict-7", tolerance: { maxAbsolute: "1.00" } } } };
    const [d] = matchReceipts(w, [receipt("995.00", "INV-2026-000103", "ACME WIDGETS")], { policies: strict });
    expect(d!.exception_code).toBe("SHORT_PAY");
    expect(d!.rule_version).toBe("us-strict-7");
  });

  it("sends matches below the auto-post confidence threshold to a person", () => {
    const policy = mergePolicy(DEFAULT_POLICY, { autoPostConfidence: 0.98 });
    const d = decideReceipt({ ...smallWorld(), policy, receipt: receipt("1234.56", "INV-2026-002000", "Globex Corp") });
    expect(d.outcome).toBe("exception");
    expect(d.applications.map((a) => a.invoice_id)).toEqual(["I5"]);
  });
});

describe("exceptions", () => {
  it("CURRENCY_MISMATCH when the referenced invoice is in another currency", () => {
    const d = one(receipt("5000.00", "RE2026/00102", "Müller Maschinenbau", { entity: "DE01", currency: "USD" }));
    expect(d.exception_code).toBe("CURRENCY_MISMATCH");
  });

  it("ALREADY_PAID when the referenced invoice has nothing open", () => {
    const d = one(receipt("3000.00", "INV-2026-000106", "ACME WIDGETS"));
    expect(d.exception_code).toBe("ALREADY_PAID");
  });

  it("DUPLICATE for the same bank reference, amount, value date and payer", () => {
    const w = smallWorld();
    const first = receipt("1000.00", "INV-2026-000103", "ACME WIDGETS", { bankReference: "BR-DUP-1" });
    const again = { ...first, id: "R-again" };
    const [a, b] = matchReceipts(w, [first, again]);
    expect(a!.outcome).toBe("applied");
    expect(b!.exception_code).toBe("DUPLICATE");
    const prior = decideReceipt({ ...w, receipt: again, priorReceipts: [first] });
    expect(prior.exception_code).toBe("DUPLICATE");
    const otherDay = decideReceipt({ ...w, receipt: { ...again, valueDate: "2026-03-02" }, priorReceipts: [first] });
    expect(otherDay.exception_code).not.toBe("DUPLICATE");
  });
});

describe("sequential state", () => {
  it("later receipts see open amounts lowered by earlier applications", () => {
    const w = smallWorld();
    const engine = createEngine(w);
    expect(engine.process(receipt("1000.00", "INV-2026-000103", "ACME WIDGETS")).outcome).toBe("applied");
    expect(engine.process(receipt("1000.00", "INV-2026-000103", "ACME WIDGETS")).exception_code).toBe("ALREADY_PAID");
    // One of the two 499.00 invoices is paid by reference; then an unreferenced 499.00 is unique.
    expect(engine.process(receipt("499.00", "INV-2026-000201", "GLOBEX")).outcome).toBe("applied");
    const d = engine.process(receipt("499.00", "PAYMENT", "GLOBEX"));
    expect(d.outcome).toBe("applied");
    expect(ids(d)).toEqual(["I7"]);
  });

  it("decide() is pure: it does not change open amounts or the duplicate ledger", () => {
    const engine = createEngine(smallWorld());
    const r = receipt("1000.00", "INV-2026-000103", "ACME WIDGETS");
    const a = engine.decide(r);
    const b = engine.decide(r);
    expect(b).toEqual(a);
    expect(engine.index.invoices[0]!.open).toBe(100000n);
  });
});

describe("money in minor units", () => {
  it("handles JPY (0 decimals) and KWD (3 decimals)", () => {
    const w = {
      customers: [customer("J1", "Nippon Trading KK", "JP01"), customer("K1", "Gulf Supplies WLL", "KW01")],
      invoices: [
        invoice("JI", "INV-2026-000900", "J1", "150000", { entity: "JP01", currency: "JPY" }),
        invoice("KI", "INV-2026-000901", "K1", "1234.567", { entity: "KW01", currency: "KWD" }),
      ],
    };
    const j = one(receipt("150000", "INV-2026-000900", "NIPPON TRADING", { entity: "JP01", currency: "JPY" }), w);
    expect(j.applications).toEqual([{ invoice_id: "JI", amount: "150000" }]);
    const k = one(receipt("1234.500", "INV-2026-000901", "GULF SUPPLIES", { entity: "KW01", currency: "KWD" }), w);
    expect(k.outcome).toBe("applied");
    expect(k.write_off).toEqual({ amount: "0.067", reason: "bank_charge" });
  });
});
