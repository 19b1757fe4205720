// An analyst confirms (or corrects) the column mapping guessed for a customer's spreadsheet advice (XLSX or CSV)
// waiting in NEEDS_REVIEW: the mapping is saved for the customer (later advices from that customer are read with
// it), the advice's file is read again with it, and the advices of that file still waiting for review are replaced
// by the new reading — linked to their payments like any advice (or waiting for them). One transaction, audited.
// A mapping that does not read the file is refused (422 naming the place) and nothing is saved.
import { z } from "zod";
import type { Prisma } from "../db/generated/client.ts";
import { problem } from "../http/problem.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { audit, runAction, type ActionContext } from "../exceptions/action-context.ts";
import { parseRemittanceAsync } from "./parse-remittance.ts";
import { storeRemittanceFile, type RemittanceChannel } from "./ingest-remittance.ts";
import { columnMappingSchema } from "./saved-column-mapping.ts";
import { RemittanceParseError, type RemittanceFormat } from "./types.ts";

export const confirmColumnMappingBody = columnMappingSchema.extend({
  customerId: z.string().min(1).optional().describe("the customer the mapping is saved for; default: the advice's customer"),
});
export const confirmColumnMappingResponse = z.object({
  customerId: z.string(),
  mapping: columnMappingSchema,
  advices: z.array(z.object({ id: z.string(), paymentReference: z.string(), status: z.string(), receiptId: z.string().nullable() })),
});

const MAPPED_FORMATS = new Set(["xlsx", "csv"]);

export async function confirmColumnMapping(ctx: ActionContext, adviceId: string, body: z.infer<typeof confirmColumnMappingBody>): Promise<z.infer<typeof confirmColumnMappingResponse>> {
  const { customerId: customerHint, ...mapping } = body;
  return runAction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`select id from "RemittanceAdvice" where id = ${adviceId} for update`;
    if (!rows.length) throw problem(404, `remittance advice ${adviceId} not found`);
    const advice = await tx.remittanceAdvice.findUniqueOrThrow({ where: { id: adviceId }, include: { document: true } });
    if (advice.status !== "NEEDS_REVIEW") throw problem(409, `remittance advice ${adviceId} is ${advice.status}, not waiting for review`);
    if (!MAPPED_FORMATS.has(advice.format)) throw problem(422, `remittance advice ${adviceId} is ${advice.format}: only spreadsheet advices (XLSX, CSV) have a column mapping`);
    const customerId = customerHint ?? advice.customerId;
    if (!customerId) throw problem(422, "customerId: the advice's customer is not known: name the customer the mapping is for");
    if (!(await tx.customer.findUnique({ where: { id: customerId }, select: { id: true } }))) throw problem(404, `customer ${customerId} not found`);

    const content = new Uint8Array(advice.document.content);
    let parsed: Awaited<ReturnType<typeof parseRemittanceAsync>>;
    try {
      parsed = await parseRemittanceAsync(content, { format: advice.format as RemittanceFormat, fileName: advice.document.filename ?? undefined, mapping, customerSheets: true });
    } catch (e) {
      if (e instanceof RemittanceParseError) throw problem(422, `${advice.document.filename ?? "file"} ${e.where}: ${e.problem}`);
      throw e;
    }
    if (!parsed.advices.every((a) => a.extraction?.confirmedMapping)) throw problem(422, "the mapping's columns are not all in one header row of the file");

    const before = await tx.remittanceColumnMapping.findUnique({ where: { customerId } });
    await tx.remittanceColumnMapping.upsert({
      where: { customerId },
      create: { customerId, mapping: mapping as Prisma.InputJsonValue, confirmedById: ctx.actor.id },
      update: { mapping: mapping as Prisma.InputJsonValue, confirmedById: ctx.actor.id },
    });
    // The file's readings still under review go; the confirmed reading takes their place (natural keys are free again).
    const replaced = await tx.remittanceAdvice.findMany({ where: { documentId: advice.documentId, status: "NEEDS_REVIEW", receiptId: null }, select: { id: true } });
    await tx.remittanceAdvice.deleteMany({ where: { id: { in: replaced.map((r) => r.id) } } });
    const stored = await storeRemittanceFile(tx, {
      content, filename: advice.document.filename, contentType: advice.document.contentType, channel: advice.channel as RemittanceChannel,
      sender: { kind: "system", label: `column mapping confirmed by ${ctx.actor.email}` }, senderEmail: advice.senderEmail, customerId,
    }, parsed, newCorrelationId());
    await audit(ctx, tx, {
      action: "remittance.column_mapping_confirmed", targetType: "Customer", targetId: customerId,
      details: { adviceId, documentId: advice.documentId, before: before?.mapping ?? null, after: mapping, replacedAdvices: replaced.map((r) => r.id), advices: stored.advices.map((a) => a.id) },
    });
    return { customerId, mapping, advices: stored.advices.map((a) => ({ id: a.id, paymentReference: a.paymentReference, status: a.status, receiptId: a.receiptId })) };
  });
}
