// Remittance advices received, newest first (the remittances page).
import type { z } from "zod";
import { db } from "../db/client.ts";
import { fromMinor } from "../money/money.ts";
import type { RemittanceExtraction } from "./types.ts";
import type { listRemittancesQuery, listRemittancesResponse } from "../deductions/deduction-schemas.ts";

const STATUSES = ["RECEIVED", "WAITING_FOR_PAYMENT", "LINKED", "APPLIED", "EXCEPTION", "NEEDS_REVIEW"] as const;

export async function listRemittances(q: z.infer<typeof listRemittancesQuery>): Promise<z.infer<typeof listRemittancesResponse>> {
  const status = STATUSES.find((s) => s === q.status);
  const rows = await db.remittanceAdvice.findMany({
    where: status ? { status } : {}, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: q.limit, include: { _count: { select: { lines: true } } },
  });
  return {
    items: rows.map((a) => ({
      id: a.id, paymentReference: a.paymentReference, payerName: a.payerName, amount: fromMinor(a.amountMinor, a.currency), currency: a.currency, status: a.status,
      channel: a.channel, format: a.format, receiptId: a.receiptId, customerId: a.customerId, lines: a._count.lines, createdAt: a.createdAt.toISOString(),
      extraction: extractionOf(a.parsed),
    })),
  };
}

/** The table reading kept with a spreadsheet or PDF advice (RemittanceAdvice.parsed.extraction), as the list shows it. */
function extractionOf(parsed: unknown) {
  const x = (parsed as { extraction?: RemittanceExtraction } | null)?.extraction;
  if (!x) return null;
  const columns = Object.fromEntries(Object.entries(x.mapping?.columns ?? {}).filter((e): e is [string, string] => typeof e[1] === "string"));
  return { confidence: x.confidence, problems: x.problems, headers: x.headers ?? Object.values(columns), columns };
}
