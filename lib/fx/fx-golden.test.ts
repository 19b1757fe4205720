// Golden tests: look-up rule, conversions (half-even, ISO 4217 exponents), ECB and CSV parsing. Expected values
// were computed independently (Python's decimal module, ROUND_HALF_EVEN), not by this code.
import { describe, expect, it } from "vitest";
import { convertMinor, divHalfEven, parseRate } from "./rate-math.ts";
import { convertOn, MissingRateError, RateTable, type RateRow } from "./lookup-rate.ts";
import { EcbXmlError, parseEcbXml } from "./parse-ecb-xml.ts";
import { parseRatesCsv, RatesCsvError } from "./parse-rates-csv.ts";

const ecb = (day: string, rates: Record<string, string>): RateRow[] => Object.entries(rates).map(([quote, rate]) => ({ day, base: "EUR", quote, rate }));

// Friday 2026-11-27 and Monday 2026-11-30: no ECB rates on the weekend.
const rows: RateRow[] = [
  ...ecb("2026-11-27", { USD: "1.0823", GBP: "0.8517", JPY: "162.47", KWD: "0.3301" }),
  ...ecb("2026-11-30", { USD: "1.0900", GBP: "0.8500", JPY: "163.00" }),
];
const table = new RateTable(rows);

describe("half-even rounding", () => {
  it("rounds ties to the even neighbour, both signs", () => {
    expect([divHalfEven(5n, 2n), divHalfEven(7n, 2n), divHalfEven(-5n, 2n), divHalfEven(-7n, 2n), divHalfEven(11n, 4n)]).toEqual([2n, 4n, -2n, -4n, 3n]);
  });
  it("converts with each currency's ISO 4217 exponent", () => {
    expect(convertMinor(10000n, "EUR", "JPY", parseRate("162.47"))).toBe(16247n); // EUR 100.00 → JPY 16247
    expect(convertMinor(100n, "EUR", "KWD", parseRate("0.3301"))).toBe(330n); // EUR 1.00 → KWD 0.330 (330.1 → 330)
    expect(convertMinor(3n, "USD", "EUR", parseRate("0.5"))).toBe(2n); // 1.5 → 2
    expect(convertMinor(5n, "USD", "EUR", parseRate("0.5"))).toBe(2n); // 2.5 → 2
    expect(convertMinor(16247n, "JPY", "EUR", parseRate("0.0061549517"))).toBe(10000n);
  });
  it("refuses rates that are not positive decimals (no floats in disguise)", () => {
    for (const bad of ["0", "1e3", "-1.2", "1,08", "", "NaN", "1.0000000000001"]) expect(() => parseRate(bad)).toThrow(/rate/);
  });
});

describe("look-up rule: the value date's rate, else the last one before it, never a later one", () => {
  it("uses the value date's own rate", () => {
    expect(table.find("EUR", "USD", "2026-11-30")).toEqual({ from: "EUR", to: "USD", rate: "1.09", day: "2026-11-30", how: "direct" });
  });
  it("on a weekend uses Friday's rate; never Monday's", () => {
    expect(table.find("EUR", "USD", "2026-11-29")!.day).toBe("2026-11-27");
    expect(table.find("EUR", "USD", "2026-11-29")!.rate).toBe("1.0823");
  });
  it("before the first rate there is none (no later rate is borrowed)", () => {
    expect(table.find("EUR", "USD", "2026-11-26")).toBeNull();
    expect(() => convertOn(table, 100n, "EUR", "USD", "2026-11-26")).toThrow(MissingRateError);
  });
  it("inverts EUR legs, rounded half-even to 10 decimals, and converts with that decimal", () => {
    const c = convertOn(table, 10000n, "USD", "EUR", "2026-11-27");
    expect(c).toMatchObject({ rate: "0.9239582371", rateDay: "2026-11-27", toMinor: 9240n }); // USD 100.00 → EUR 92.40
  });
  it("crosses through EUR", () => {
    expect(convertOn(table, 123456n, "USD", "GBP", "2026-11-27")).toMatchObject({ rate: "0.7869352305", toMinor: 97152n });
    expect(convertOn(table, 100000n, "USD", "JPY", "2026-11-27")).toMatchObject({ rate: "150.1154947796", toMinor: 150115n });
  });
  it("a cross rate is as old as its older leg", () => {
    // KWD has no 2026-11-30 rate: USD→KWD on Monday uses Friday for both legs' pairing day.
    expect(table.find("USD", "KWD", "2026-11-30")).toMatchObject({ day: "2026-11-27", how: "cross-EUR" });
  });
  it("a pair's own rate wins over the cross on the same day, and a newer cross wins over an older direct rate", () => {
    const t = new RateTable([...rows, { day: "2026-11-27", base: "USD", quote: "GBP", rate: "0.79" }]);
    expect(t.find("USD", "GBP", "2026-11-27")).toMatchObject({ rate: "0.79", how: "direct" });
    expect(t.find("USD", "GBP", "2026-11-30")).toMatchObject({ day: "2026-11-30", how: "cross-EUR" });
    expect(t.find("GBP", "USD", "2026-11-27")).toMatchObject({ rate: "1.2658227848", how: "inverse" });
  });
  it("same currency converts at 1", () => {
    expect(convertOn(table, 777n, "EUR", "EUR", "2020-01-01")).toMatchObject({ toMinor: 777n, rate: "1" });
  });
});

const DAILY = `<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
	<gesmes:subject>Reference rates</gesmes:subject>
	<gesmes:Sender>
		<gesmes:name>European Central Bank</gesmes:name>
	</gesmes:Sender>
	<Cube>
		<Cube time='2026-12-02'>
			<Cube currency='USD' rate='1.0823'/>
			<Cube currency='JPY' rate='162.47'/>
			<Cube currency='GBP' rate='0.85170'/>
		</Cube>
	</Cube>
</gesmes:Envelope>`;

describe("ECB reference-rate XML", () => {
  it("reads the daily file as published", () => {
    expect(parseEcbXml(DAILY)).toEqual([
      { day: "2026-12-02", base: "EUR", quote: "USD", rate: "1.0823", source: "ECB" },
      { day: "2026-12-02", base: "EUR", quote: "JPY", rate: "162.47", source: "ECB" },
      { day: "2026-12-02", base: "EUR", quote: "GBP", rate: "0.85170", source: "ECB" },
    ]);
  });
  it("reads the historical file's many days", () => {
    const hist = DAILY.replace("<Cube time='2026-12-02'>", "<Cube time='2026-12-02'>").replace("</Cube>\n\t</Cube>", "</Cube>\n\t\t<Cube time='2026-12-01'><Cube currency='USD' rate='1.0800'/></Cube>\n\t</Cube>");
    const parsed = parseEcbXml(hist);
    expect(parsed.map((r) => `${r.day} ${r.quote} ${r.rate}`)).toEqual(["2026-12-02 USD 1.0823", "2026-12-02 JPY 162.47", "2026-12-02 GBP 0.85170", "2026-12-01 USD 1.0800"]);
  });
  it("refuses bad files naming the element, and returns nothing from them", () => {
    expect(() => parseEcbXml(DAILY.replace("'162.47'", "'1.6e2'"))).toThrow(/<Cube time="2026-12-02"><Cube currency="JPY">: rate "1.6e2"/);
    expect(() => parseEcbXml(DAILY.replace("'JPY'", "'XYZ'"))).toThrow(/"XYZ" is not an ISO 4217 currency/);
    expect(() => parseEcbXml(DAILY.replace("2026-12-02", "02.12.2026"))).toThrow(/not a date/);
    expect(() => parseEcbXml(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><gesmes:Envelope/>`)).toThrow(EcbXmlError);
    expect(() => parseEcbXml("<html><body>Service unavailable</body></html>")).toThrow(/expected <gesmes:Envelope>/);
    expect(() => parseEcbXml(DAILY.slice(0, 300))).toThrow(/well-formed|no rates/);
  });
});

describe("rates CSV", () => {
  it("reads any pair, all or nothing with every bad line named", () => {
    expect(parseRatesCsv("date,base,quote,rate\n2026-12-02,usd,jpy,150.12\n")).toEqual([{ day: "2026-12-02", base: "USD", quote: "JPY", rate: "150.12", source: "CSV" }]);
    try {
      parseRatesCsv("date,base,quote,rate\n2026-12-02,USD,JPY,150.12\n2026-13-02,USD,XXX,1.2.3\n");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RatesCsvError);
      expect((e as RatesCsvError).problems).toEqual([
        'line 3, date: "2026-13-02" is not YYYY-MM-DD',
        'line 3, quote: "XXX" is not an ISO 4217 currency',
        'line 3, rate: rate "1.2.3" is not a positive decimal (digits, at most 12 decimals)',
      ]);
    }
  });
});
