// Worker side of the master-data sync (spec in lib/erp-sync/erp-sync-jobs.ts): one entity's customers and
// receivables from its ERP, then the drift check.
import { db } from "../lib/db/client.ts";
import { defineJob } from "../lib/jobs/define-job.ts";
import { PermanentJobError } from "../lib/jobs/errors.ts";
import { asJobError, erpSyncJob } from "../lib/erp-sync/erp-sync-jobs.ts";
import { erpAdapterForEntity } from "../lib/erp-sync/entity-adapter.ts";
import { syncErpEntity } from "../lib/erp-sync/sync-erp-entity.ts";

export const erpSyncEntityJob = defineJob({
  ...erpSyncJob,
  handler: async (data, ctx) => {
    const entity = await db.legalEntity.findUnique({ where: { id: data.entityId }, select: { id: true, code: true } });
    if (!entity) throw new PermanentJobError(`legal entity ${data.entityId} does not exist`);
    try {
      const result = await syncErpEntity(entity, await erpAdapterForEntity(entity), { correlationId: ctx.correlationId });
      ctx.log("erp.synced", { entity: entity.code, customers: result.customers, receivables: { ...result.receivables, skipped: result.receivables.skipped.length }, drift: result.drift });
      return result;
    } catch (e) {
      throw asJobError(e);
    }
  },
});
