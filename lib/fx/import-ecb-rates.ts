// Imports an ECB reference-rate file (eurofxref-daily.xml or eurofxref-hist.xml) from its text or from a URL.
// The URL is fetched with a time limit and a size cap (the historical file is ~6 MB unzipped); a failed fetch or a
// bad file stores nothing and says why. Used by the scheduled job (FX_RATES_URL), the API and the admin page.
import { db } from "../db/client.ts";
import { writeAudit, type AuditInput } from "../audit/write-audit.ts";
import { parseEcbXml } from "./parse-ecb-xml.ts";
import { storeRates } from "./store-rates.ts";

export const MAX_RATES_FILE_BYTES = 32 * 1024 * 1024;

export class RatesFetchError extends Error {}

export async function fetchRatesFile(url: string, timeoutMs = 30_000): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
  } catch (e) {
    throw new RatesFetchError(`fetching ${url}: ${(e as Error).message}`);
  }
  if (!res.ok) throw new RatesFetchError(`fetching ${url}: HTTP ${res.status}`);
  const declared = Number(res.headers.get("content-length") ?? 0);
  if (declared > MAX_RATES_FILE_BYTES) throw new RatesFetchError(`fetching ${url}: ${declared} bytes is more than ${MAX_RATES_FILE_BYTES}`);
  const buf = Buffer.from(await res.arrayBuffer());
  if (buf.byteLength > MAX_RATES_FILE_BYTES) throw new RatesFetchError(`fetching ${url}: more than ${MAX_RATES_FILE_BYTES} bytes`);
  return buf.toString("utf8");
}

export type ImportResult = { rates: number; days: number; firstDay: string; lastDay: string; currencies: string[] };

/** Parses and stores an ECB file; with `audit`, writes the audit row in the same transaction. */
export async function importEcbRates(xml: string, audit?: Omit<AuditInput, "action" | "details">, origin?: string): Promise<ImportResult> {
  const rows = parseEcbXml(xml);
  const days = [...new Set(rows.map((r) => r.day))].sort();
  const result: ImportResult = { rates: rows.length, days: days.length, firstDay: days[0]!, lastDay: days[days.length - 1]!, currencies: [...new Set(rows.map((r) => r.quote))].sort() };
  await db.$transaction(async (tx) => {
    await storeRates(tx, rows, "ECB", audit?.actorType === "user" ? audit.actorId ?? null : null);
    if (audit) await writeAudit({ ...audit, action: "fx.rates_imported", targetType: "FxRate", details: { source: "ECB", origin: origin ?? "file", ...result } }, tx);
  }, { timeout: 120_000 });
  return result;
}
