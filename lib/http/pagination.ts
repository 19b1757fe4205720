import { z } from "zod";

// Keyset-friendly page parameters shared by list endpoints.
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const moneySchema = z.object({
  amount: z.string().regex(/^-?\d+(\.\d+)?$/).describe("decimal string, never a float"),
  currency: z.string().length(3).describe("ISO 4217"),
});
