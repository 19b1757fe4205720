// The pure rules of bank-line ingestion: natural keys, classification by transaction code, account matching,
// statement continuity.
import { describe, expect, it } from "vitest";
import { classifyEntry } from "./classify-entry.ts";
import { checkContinuity, missingWeekdays } from "./continuity.ts";
import { AccountMatcher } from "./match-account.ts";
import { StatementLineKeys } from "./natural-key.ts";

const line = { amountMinor: 100n, valueDate: "2026-11-02", bankReference: null, counterpartyName: "ACME", counterpartyAccount: null, remittance: "INV 1" };

describe("natural keys", () => {
  it("keys a referenced line by account, reference and amount, the same in every statement", () => {
    const a = new StatementLineKeys("acct").keyFor({ ...line, bankReference: "ref 9" });
    expect(a).toBe("acct:ref:REF 9:100:0");
    expect(new StatementLineKeys("acct").keyFor({ ...line, bankReference: " Ref  9 ", remittance: "other text" })).toBe(a);
    expect(new StatementLineKeys("acct").keyFor({ ...line, bankReference: "ref 9", amountMinor: -100n })).not.toBe(a);
    expect(new StatementLineKeys("other").keyFor({ ...line, bankReference: "ref 9" })).not.toBe(a);
  });
  it("hashes a line without reference, counting identical lines within a statement", () => {
    const k1 = new StatementLineKeys("acct");
    const [x, y] = [k1.keyFor(line), k1.keyFor(line)];
    expect(x).not.toBe(y);
    const k2 = new StatementLineKeys("acct");
    expect([k2.keyFor({ ...line, remittance: "inv  1" }), k2.keyFor(line)]).toEqual([x, y]);
    expect(new StatementLineKeys("acct").keyFor({ ...line, valueDate: "2026-11-03" })).not.toBe(x);
  });
});

describe("classification", () => {
  it("maps BAI2 type codes to channels and returns", () => {
    expect(classifyEntry("bai2", { type: "165", remittance: null, amountMinor: 1n }, "USD")).toEqual({ channel: "ACH", kind: "payment", reasonCode: null });
    expect(classifyEntry("bai2", { type: "195", remittance: null, amountMinor: 1n }, "USD").channel).toBe("WIRE");
    expect(classifyEntry("bai2", { type: "115", remittance: null, amountMinor: 1n }, "USD").channel).toBe("CHECK");
    expect(classifyEntry("bai2", { type: "555", remittance: "RETURNED R01", amountMinor: -1n }, "USD")).toEqual({ channel: "CHECK", kind: "return", reasonCode: "R01" });
    expect(classifyEntry("bai2", { type: "557", remittance: null, amountMinor: -1n }, "USD")).toMatchObject({ channel: "ACH", kind: "return" });
    expect(classifyEntry("bai2", { type: "399", remittance: null, amountMinor: 1n }, "USD")).toMatchObject({ channel: "OTHER", kind: "payment" });
  });
  it("maps ISO bank transaction codes and proprietary return codes in camt", () => {
    expect(classifyEntry("camt", { type: "PMNT/RCDT/ESCT", remittance: null, amountMinor: 1n }, "EUR").channel).toBe("SEPA");
    expect(classifyEntry("camt", { type: "PMNT/RCDT/XBCT", remittance: null, amountMinor: 1n }, "USD").channel).toBe("WIRE");
    expect(classifyEntry("camt", { type: "PMNT/RCDT/ACDT", remittance: null, amountMinor: 1n }, "USD").channel).toBe("ACH");
    expect(classifyEntry("camt", { type: "PMNT/RCHQ/CCHQ", remittance: null, amountMinor: 1n }, "USD").channel).toBe("CHECK");
    expect(classifyEntry("camt", { type: "PMNT/RCDT/RRTN", remittance: "Return AC04 account closed", amountMinor: -1n }, "EUR")).toEqual({ channel: "SEPA", kind: "return", reasonCode: "AC04" });
    expect(classifyEntry("camt", { type: "RTR", remittance: null, amountMinor: -1n }, "EUR").kind).toBe("return");
  });
  it("maps SWIFT transaction types in MT940 and SEC / reason codes in NACHA", () => {
    expect(classifyEntry("mt940", { type: "NTRF", remittance: null, amountMinor: 1n }, "EUR").channel).toBe("SEPA");
    expect(classifyEntry("mt940", { type: "S103", remittance: null, amountMinor: 1n }, "EUR").channel).toBe("WIRE");
    expect(classifyEntry("mt940", { type: "NCHK", remittance: null, amountMinor: 1n }, "EUR").channel).toBe("CHECK");
    expect(classifyEntry("mt940", { type: "NRTI", remittance: "/RTRN/MS03/", amountMinor: -1n }, "EUR")).toMatchObject({ kind: "return", reasonCode: "MS03" });
    expect(classifyEntry("nacha", { type: "CCD", remittance: null, amountMinor: 1n }, "USD")).toEqual({ channel: "ACH", kind: "payment", reasonCode: null });
    expect(classifyEntry("nacha", { type: "R01", remittance: null, amountMinor: -1n }, "USD")).toEqual({ channel: "ACH", kind: "return", reasonCode: "R01" });
    expect(classifyEntry("nacha", { type: "C01", remittance: "123", amountMinor: 0n }, "USD")).toEqual({ channel: "ACH", kind: "notice", reasonCode: "C01" });
  });
});

describe("account matching", () => {
  const m = new AccountMatcher([
    { id: "de", accountNumber: "0532013000", iban: "DE89370400440532013000" },
    { id: "us", accountNumber: "000123456789", iban: null },
  ]);
  it("normalises spaces and case and tries the usual spellings", () => {
    expect(m.find("de89 3704 0044 0532 0130 00")?.id).toBe("de");
    expect(m.find("37040044/0532013000")?.id).toBe("de");
    expect(m.find("DE89370400440532013000EUR")?.id).toBe("de");
    expect(m.find("123456789")?.id).toBe("us");
    expect(m.find("999")).toBeNull();
    expect(m.find(null)).toBeNull();
  });
});

describe("continuity", () => {
  const prev = { ref: "A", openingMinor: null, openingDate: null, closingMinor: 500n, closingDate: "2026-11-06" };
  it("treats a weekend as no gap and the MT940 convention (opening date = previous close) as none either", () => {
    expect(missingWeekdays("2026-11-06", "2026-11-09")).toEqual([]);
    expect(checkContinuity(prev, { ref: "B", openingMinor: 500n, openingDate: "2026-11-09", closingMinor: 600n, closingDate: "2026-11-09" }, "EUR")).toBeNull();
    expect(checkContinuity(prev, { ref: "B", openingMinor: 500n, openingDate: "2026-11-06", closingMinor: 600n, closingDate: "2026-11-09" }, "EUR")).toBeNull();
  });
  it("reports missing business days as a gap and a different opening balance as a mismatch", () => {
    const gap = checkContinuity(prev, { ref: "B", openingMinor: 700n, openingDate: "2026-11-11", closingMinor: 700n, closingDate: "2026-11-11" }, "EUR");
    expect(gap).toMatchObject({ code: "STATEMENT_GAP", differenceMinor: 200n });
    expect(gap!.reasons[0]).toContain("2026-11-09, 2026-11-10");
    const mismatch = checkContinuity(prev, { ref: "B", openingMinor: 499n, openingDate: "2026-11-09", closingMinor: 499n, closingDate: "2026-11-09" }, "EUR");
    expect(mismatch).toMatchObject({ code: "BALANCE_MISMATCH", differenceMinor: -1n });
    expect(checkContinuity(null, { ref: "B", openingMinor: 1n, openingDate: "2026-11-09", closingMinor: 1n, closingDate: "2026-11-09" }, "EUR")).toBeNull();
  });
});
