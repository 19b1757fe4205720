// The forecast API's zod schemas: validation, types and OpenAPI in one place. Amounts are decimal strings.
import { z } from "zod";

export const forecastQuery = z.object({
  entity: z.string().trim().min(1).max(20).optional().describe("legal entity code, e.g. US01 (default: the first entity by code)"),
  currency: z.string().trim().regex(/^[A-Z]{3}$/, "currency is an ISO 4217 code such as USD").optional().describe("ISO 4217 currency of the invoices (default: the entity's functional currency)"),
});
export type ForecastQuery = z.infer<typeof forecastQuery>;

const band = { expected: z.string(), p10: z.string(), p50: z.string(), p90: z.string() };
export const forecastResponse = z.object({
  entity: z.string(), currency: z.string(), asOf: z.string().describe("when the forecast was computed (it may be cached for a minute)"),
  days: z.array(z.object({ date: z.string(), ...band, payouts: z.string().describe("payouts in transit arriving that day (included in the band)") })),
  weeks: z.array(z.object({
    week: z.number().int(), from: z.string(), to: z.string(), ...band,
    drivers: z.array(z.object({ customerId: z.string(), customerName: z.string(), expected: z.string(), invoices: z.number().int() })).describe("customers with the largest expected receipts that week"),
  })),
  totals: z.object({
    open: z.string(), payoutsInTransit: z.string(), expectedInHorizon: z.string(), expectedBeyondHorizon: z.string(),
    expectedUncollected: z.string(), heldBack: z.string(), invoices: z.number().int(),
  }),
  options: z.array(z.object({ entity: z.string(), name: z.string(), currency: z.string() })).describe("entity / currency pairs with invoices"),
});
export type ForecastView = z.infer<typeof forecastResponse>;

export const backtestResponse = z.object({
  entity: z.string(), currency: z.string(), asOf: z.string(),
  weeks: z.array(z.object({
    from: z.string(), to: z.string(), forecast: z.string(), p10: z.string(), p50: z.string(), p90: z.string(), actual: z.string(),
    ape: z.number().nullable().describe("absolute percentage error; null when no cash arrived"), bias: z.number().nullable(), withinBand: z.boolean(), invoices: z.number().int(),
  })),
  mape: z.number().nullable().describe("mean absolute percentage error over the weeks with cash, in percent"),
  bias: z.number().nullable().describe("Σ(forecast − actual) / Σ actual, in percent (positive: over-forecast)"),
  withinBand: z.number().int().describe("weeks whose actual fell inside P10–P90"),
  weeksScored: z.number().int(),
});
export type BacktestView = z.infer<typeof backtestResponse>;
