// API shapes of the FX rate store (operations in lib/api/operations.ts).
import { z } from "zod";

export const fxRateView = z.object({ day: z.string(), base: z.string(), quote: z.string(), rate: z.string(), replaced: z.string().nullable() });
export const fxImportResponse = z.object({ rates: z.number().int(), days: z.number().int().optional(), firstDay: z.string().optional(), lastDay: z.string().optional(), currencies: z.array(z.string()).optional() });
export const reportingCurrencyView = z.object({ currency: z.string(), previous: z.string() });
