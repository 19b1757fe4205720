import { describe, expect, it } from "vitest";
import { parseStatement } from "./index.ts";
import { parseMt940Details } from "./mt940-details.ts";
import { parseMt942DateTime } from "./mt940.ts";

const statement = (lines: string[]) => parseStatement(lines.join("\r\n"));

describe("MT940", () => {
  it("parses statement lines, balances and a German ?-subfield :86:", () => {
    const r = statement([
      "{1:F01BANKDEFFXXXX0000000000}{2:O940BANKDEFFXXXXN}{4:", ":20:STARTUMS", ":25:10020030/1234567890", ":28C:00001/001",
      ":60F:C261130EUR1000,00",
      ":61:2612011202CR250,00NTRFNONREF//BANKREF1",
      ":86:166?00GUTSCHRIFT?20EREF+E2E-77?21SVWZ+Rechnung 4711 vom?22 01.12.?30COBADEFFXXX?31DE12500105170648489890",
      "?32Max Muster?33mann",
      ":61:2612011202RC50,00NMSCREF2",
      ":62F:C261202EUR1200,00", "-}",
    ]);
    expect(r.format).toBe("mt940");
    const s = r.statements[0];
    expect(s).toMatchObject({ id: "STARTUMS/00001/001", account: "10020030/1234567890", currency: "EUR", checks: { balance: "ok" } });
    expect(s.entries[0]).toEqual({
      amount: "250.00", value_date: "2026-12-01", booking_date: "2026-12-02", type: "NTRF", bank_reference: "BANKREF1",
      customer_reference: "E2E-77", counterparty_name: "Max Mustermann", counterparty_account: "DE12500105170648489890",
      remittance: "Rechnung 4711 vom 01.12.",
    });
    // RC is a reversal of a credit: money out.
    expect(s.entries[1]).toMatchObject({ amount: "-50.00", customer_reference: "REF2", remittance: null });
  });

  it("reads structured /TAG/ details and free text", () => {
    expect(parseMt940Details(["/EREF/E2E-1/BENM//NAME/ACME B.V./IBAN/NL91ABNA0417164300/REMI/USTD//Invoi", "ce 9/"])).toMatchObject({
      reference: "E2E-1", counterparty_name: "ACME B.V.", counterparty_account: "NL91ABNA0417164300", remittance: "Invoice 9",
    });
    expect(parseMt940Details(["GIRO 123 KPN", "", "BETREFT FACTUUR  "]).remittance).toBe("GIRO 123 KPN\nBETREFT FACTUUR");
  });

  it("handles year ends, February 30, missing balance currency and entry date spaces", () => {
    const s = statement([":20:X", ":60F:C251231EUR0,00", ":61:2512310102C1,NTRFA", ":61:2602300301D1,N024NONREF", ":61:260301    C1,NMSCB", ":62F:C2603011,00"]).statements[0];
    expect(s.entries.map((e) => [e.value_date, e.booking_date])).toEqual([["2025-12-31", "2026-01-02"], ["2026-02-28", "2026-03-01"], ["2026-03-01", "2026-03-01"]]);
    expect(s.closing_balance).toEqual({ amount: "1.00", date: "2026-03-01" });
    expect(s.checks.balance).toBe("ok");
  });

  it("reads MT942 interim reports: no balances, :90D:/:90C: as control totals", () => {
    const r = statement([":20:R", ":25:ACC", ":28C:1/1", ":34F:EURD0,", ":13D:2611191815+0100", ":61:2611191119D0,42NMSCNONREF", ":90D:1EUR0,42", ":90C:0EUR0,"]);
    expect(r.format).toBe("mt942");
    expect(r.statements[0]).toMatchObject({ opening_balance: null, closing_balance: null, checks: { balance: "not_applicable", control_totals: "ok" } });
    // Upstream (wolph/mt940) stores +0100 as 6000 s; it is one hour.
    expect(parseMt942DateTime("1701191815+0100")).toBe("2017-01-19T18:15:00+01:00");
  });

  it("rejects malformed fields with the line number", () => {
    expect(() => statement([":20:X", ":60F:C2613EUR1,00"])).toThrow(/^line 2: :60F: malformed balance/);
    expect(() => statement([":20:X", ":61:26010X"])).toThrow(/^line 2: :61: malformed statement line/);
    expect(() => parseStatement("no tags here\n", { format: "mt940" })).toThrow(/no MT940\/MT942 field tags/);
  });
});
