// Worker side of the scheduled ECB rate import (spec: lib/fx/import-rates-job-spec.ts).
import { defineJob } from "../lib/jobs/define-job.ts";
import { importFxRatesJob } from "../lib/fx/import-rates-job-spec.ts";
import { fetchRatesFile, importEcbRates } from "../lib/fx/import-ecb-rates.ts";

export const importFxRatesJobDefinition = defineJob({
  ...importFxRatesJob,
  handler: async (data, ctx) => {
    const xml = await fetchRatesFile(data.url);
    const result = await importEcbRates(xml, { actorType: "system", actorLabel: "fx.import-rates" }, data.url);
    ctx.log("fx.rates_imported", { url: data.url, ...result, currencies: result.currencies.length });
    return result;
  },
});
