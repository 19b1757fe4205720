// Worker side of invoice publication (spec in lib/erp-sync/erp-sync-jobs.ts): one invoice to its entity's ERP.
import { db } from "../lib/db/client.ts";
import { defineJob } from "../lib/jobs/define-job.ts";
import { PermanentJobError } from "../lib/jobs/errors.ts";
import { asJobError, erpPublishInvoiceJob } from "../lib/erp-sync/erp-sync-jobs.ts";
import { erpAdapterForEntity } from "../lib/erp-sync/entity-adapter.ts";
import { publishInvoiceToErp } from "../lib/erp-sync/publish-invoice.ts";

export const erpPublishInvoiceJobDefinition = defineJob({
  ...erpPublishInvoiceJob,
  handler: async (data, ctx) => {
    const inv = await db.invoice.findUnique({ where: { id: data.invoiceId }, select: { entity: { select: { id: true, code: true } } } });
    if (!inv) throw new PermanentJobError(`invoice ${data.invoiceId} does not exist`);
    try {
      const out = await publishInvoiceToErp(data.invoiceId, await erpAdapterForEntity(inv.entity), { correlationId: ctx.correlationId });
      ctx.log("erp.invoice_published", { invoiceId: data.invoiceId, ...out });
      return out;
    } catch (e) {
      throw asJobError(e);
    }
  },
});
