// The group's reporting currency (consolidated cash position, revaluation summaries): a GroupSetting an admin sets
// (audited). Unset: EUR, the ECB reference rates' base.
import { z } from "zod";
import { db } from "../db/client.ts";
import { writeAudit, type AuditInput } from "../audit/write-audit.ts";
import { isKnownCurrency } from "../money/currencies.ts";

export const REPORTING_CURRENCY_KEY = "reportingCurrency";
export const DEFAULT_REPORTING_CURRENCY = "EUR";

export const setReportingCurrencyBody = z.object({ currency: z.string().refine(isKnownCurrency, "not an ISO 4217 currency code") });

export async function getReportingCurrency(): Promise<string> {
  const row = await db.groupSetting.findUnique({ where: { key: REPORTING_CURRENCY_KEY } });
  return row?.value ?? DEFAULT_REPORTING_CURRENCY;
}

export async function setReportingCurrency(currency: string, actor: Omit<AuditInput, "action" | "details">): Promise<{ currency: string; previous: string }> {
  return db.$transaction(async (tx) => {
    const before = await tx.groupSetting.findUnique({ where: { key: REPORTING_CURRENCY_KEY } });
    await tx.groupSetting.upsert({ where: { key: REPORTING_CURRENCY_KEY }, create: { key: REPORTING_CURRENCY_KEY, value: currency, updatedById: actor.actorId ?? null }, update: { value: currency, updatedById: actor.actorId ?? null } });
    const previous = before?.value ?? DEFAULT_REPORTING_CURRENCY;
    await writeAudit({ ...actor, action: "fx.reporting_currency_set", targetType: "GroupSetting", targetId: REPORTING_CURRENCY_KEY, details: { currency, previous } }, tx);
    return { currency, previous };
  });
}
