// The spreadsheet column mapping an analyst confirmed for a customer (RemittanceColumnMapping), found for a file by
// the customer it is sent for (an upload or API call naming one) or by the e-mail sender's domain.
import { z } from "zod";
import { db } from "../db/client.ts";
import { MAPPED_FIELDS, type ColumnMapping } from "./formats/column-mapping.ts";

const header = z.string().trim().min(1).max(200);
/** A mapping as the API takes and the database keeps it (one schema: validation, types, OpenAPI). */
export const columnMappingSchema = z.object({
  columns: z.partialRecord(z.enum(MAPPED_FIELDS), header).describe("contract field → the customer's column header, e.g. {\"document\":\"Invoice #\",\"paid\":\"Amount Paid\"}")
    .refine((c) => !!c.document && !!(c.paid ?? c.invoice_amount), "a document column and a paid (or invoice amount) column are needed"),
  defaults: z.object({
    payment_reference: z.string().trim().min(1).max(100).optional(), payer_name: z.string().trim().min(1).max(200).optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, "ISO 4217 code").optional(), payment_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD").optional(),
  }).optional().describe("values for fields the sheet has no column for"),
  dateOrder: z.enum(["mdy", "dmy"]).optional(),
  decimal: z.enum([".", ","]).optional(),
});

export async function savedColumnMapping(by: { customerId?: string | null; senderEmail?: string | null }): Promise<ColumnMapping | undefined> {
  let customerId = by.customerId ?? null;
  const domain = (by.senderEmail ?? "").toLowerCase().split("@")[1]?.replace(/>.*$/, "").trim();
  if (!customerId && domain) customerId = (await db.remittanceSenderDomain.findUnique({ where: { domain }, select: { customerId: true } }))?.customerId ?? null;
  if (!customerId) return undefined;
  const row = await db.remittanceColumnMapping.findUnique({ where: { customerId }, select: { mapping: true } });
  const parsed = row ? columnMappingSchema.safeParse(row.mapping) : null;
  return parsed?.success ? parsed.data : undefined;
}
