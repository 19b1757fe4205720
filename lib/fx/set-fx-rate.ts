// A person's rate: manual entry of one rate, or a CSV upload of many (all or nothing). Audited in the same
// transaction, with the rate it replaced.
import { z } from "zod";
import { db } from "../db/client.ts";
import { writeAudit, type AuditInput } from "../audit/write-audit.ts";
import { isKnownCurrency } from "../money/currencies.ts";
import { parseRate } from "./rate-math.ts";
import { parseRatesCsv } from "./parse-rates-csv.ts";
import { storeRates } from "./store-rates.ts";

const currency = z.string().refine(isKnownCurrency, "not an ISO 4217 currency code");
export const setFxRateBody = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD"),
  base: currency,
  quote: currency,
  rate: z.string().refine((v) => { try { parseRate(v); return true; } catch { return false; } }, "a positive decimal rate (at most 12 decimals)"),
  reason: z.string().trim().min(3).max(500),
}).refine((b) => b.base !== b.quote, { message: "base and quote must differ", path: ["quote"] });
export type SetFxRateBody = z.infer<typeof setFxRateBody>;

type Actor = Omit<AuditInput, "action" | "details" | "targetType" | "targetId">;

export async function setFxRate(body: SetFxRateBody, actor: Actor): Promise<{ day: string; base: string; quote: string; rate: string; replaced: string | null }> {
  return db.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<{ rate: string }[]>`select rate from "FxRate" where base = ${body.base} and quote = ${body.quote} and day = ${body.day}::date for update`;
    await storeRates(tx, [{ day: body.day, base: body.base, quote: body.quote, rate: body.rate.trim() }], "MANUAL", actor.actorId ?? null);
    const out = { day: body.day, base: body.base, quote: body.quote, rate: body.rate.trim(), replaced: before?.rate ?? null };
    await writeAudit({ ...actor, action: "fx.rate_set", targetType: "FxRate", targetId: `${body.base}/${body.quote}@${body.day}`, details: { ...out, reason: body.reason } }, tx);
    return out;
  });
}

export async function uploadFxRatesCsv(text: string, actor: Actor, filename?: string): Promise<{ rates: number }> {
  const rows = parseRatesCsv(text);
  await db.$transaction(async (tx) => {
    await storeRates(tx, rows, "CSV", actor.actorId ?? null);
    await writeAudit({ ...actor, action: "fx.rates_uploaded", targetType: "FxRate", details: { filename: filename ?? null, rates: rows.length, days: [...new Set(rows.map((r) => r.day))].length } }, tx);
  });
  return { rates: rows.length };
}
