// The rate store against the real database: ECB import over HTTP (a local server serves the XML as published),
// re-import replaces, a bad file stores nothing, manual entry and CSV upload are audited, and the loaded table
// answers look-ups under the rule.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { getDb } from "../db/client.ts";
import { fetchRatesFile, importEcbRates, RatesFetchError } from "./import-ecb-rates.ts";
import { loadRateTable } from "./load-rate-table.ts";
import { setFxRate, setFxRateBody, uploadFxRatesCsv } from "./set-fx-rate.ts";
import { getReportingCurrency, setReportingCurrency } from "./reporting-currency.ts";

useFreshDatabase();

const day = (d: string, usd: string, gbp: string) => `<Cube time='${d}'><Cube currency='USD' rate='${usd}'/><Cube currency='GBP' rate='${gbp}'/></Cube>`;
const envelope = (cubes: string) => `<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
<gesmes:subject>Reference rates</gesmes:subject><gesmes:Sender><gesmes:name>European Central Bank</gesmes:name></gesmes:Sender>
<Cube>${cubes}</Cube></gesmes:Envelope>`;
const HIST = envelope(day("2026-11-30", "1.0900", "0.8500") + day("2026-11-27", "1.0823", "0.8517"));
const DAILY = envelope(day("2026-12-01", "1.1000", "0.8400"));

let server: http.Server;
let base = "";
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/eurofxref-hist.xml") return res.writeHead(200, { "content-type": "text/xml" }).end(HIST);
    if (req.url === "/eurofxref-daily.xml") return res.writeHead(200, { "content-type": "text/xml" }).end(DAILY);
    if (req.url === "/broken.xml") return res.writeHead(200).end(DAILY.replace("1.1000", "1,1"));
    res.writeHead(503).end("down");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("rate store", () => {
  it("imports the historical then the daily ECB file from a URL, and looks rates up under the rule", async () => {
    const hist = await importEcbRates(await fetchRatesFile(`${base}/eurofxref-hist.xml`), { actorType: "system", actorLabel: "test" }, "hist");
    expect(hist).toEqual({ rates: 4, days: 2, firstDay: "2026-11-27", lastDay: "2026-11-30", currencies: ["GBP", "USD"] });
    await importEcbRates(await fetchRatesFile(`${base}/eurofxref-daily.xml`));
    expect(await getDb().fxRate.count()).toBe(6);
    const table = await loadRateTable(["USD", "GBP"], "2026-11-29", "2026-12-02");
    expect(table.find("EUR", "USD", "2026-11-29")).toMatchObject({ rate: "1.0823", day: "2026-11-27" }); // Sunday → Friday
    expect(table.find("EUR", "USD", "2026-12-02")).toMatchObject({ rate: "1.1", day: "2026-12-01" });
    expect(table.find("USD", "GBP", "2026-11-30")).toMatchObject({ rate: "0.7798165138", how: "cross-EUR" });
    expect(await getDb().auditLog.count({ where: { action: "fx.rates_imported" } })).toBe(1);
  });

  it("a corrected publication of the same day replaces the rate; a bad file or a failed fetch stores nothing", async () => {
    await importEcbRates(DAILY);
    await importEcbRates(DAILY.replace("1.1000", "1.1010"));
    expect((await getDb().fxRate.findFirstOrThrow({ where: { quote: "USD", day: new Date("2026-12-01") } })).rate).toBe("1.1010");
    const before = await getDb().fxRate.count();
    await expect(importEcbRates(await fetchRatesFile(`${base}/broken.xml`))).rejects.toThrow(/Cube currency="USD"/);
    await expect(fetchRatesFile(`${base}/missing.xml`)).rejects.toThrow(RatesFetchError);
    expect(await getDb().fxRate.count()).toBe(before);
  });

  it("manual entry and CSV upload are audited; a manual rate records the one it replaced", async () => {
    const actor = { actorType: "user" as const, actorId: "u1", actorLabel: "treasury@x.dev" };
    const body = setFxRateBody.parse({ day: "2026-12-01", base: "USD", quote: "JPY", rate: "150.25", reason: "bank quote" });
    expect(await setFxRate(body, actor)).toMatchObject({ rate: "150.25", replaced: null });
    expect(await setFxRate({ ...body, rate: "150.30" }, actor)).toMatchObject({ replaced: "150.25" });
    expect(setFxRateBody.safeParse({ ...body, rate: "1.5e2" }).success).toBe(false);
    expect(setFxRateBody.safeParse({ ...body, quote: "USD" }).success).toBe(false);
    await uploadFxRatesCsv("date,base,quote,rate\n2026-12-01,CHF,EUR,1.07\n", actor, "rates.csv");
    await expect(uploadFxRatesCsv("date,base,quote,rate\n2026-12-01,CHF,EUR,1.08\n2026-12-01,CHF,ABC,1\n", actor)).rejects.toThrow(/line 3, quote/);
    expect((await getDb().fxRate.findFirstOrThrow({ where: { base: "CHF" } })).rate).toBe("1.07");
    const audits = await getDb().auditLog.findMany({ where: { action: { in: ["fx.rate_set", "fx.rates_uploaded"] } }, orderBy: { chainSeq: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["fx.rate_set", "fx.rate_set", "fx.rates_uploaded"]);
    expect(audits[1]!.details).toMatchObject({ rate: "150.30", replaced: "150.25", reason: "bank quote" });
  });

  it("the reporting currency defaults to EUR and an admin's change is audited", async () => {
    expect(await getReportingCurrency()).toBe("EUR");
    await setReportingCurrency("USD", { actorType: "user", actorId: "adm" });
    expect(await getReportingCurrency()).toBe("USD");
    expect(await getDb().auditLog.count({ where: { action: "fx.reporting_currency_set" } })).toBe(1);
  });
});
