// Saved views of the exception queue: a name and the queue's filters (no database import: shared with the browser).
import { z } from "zod";
import { queueFiltersSchema } from "../exceptions/queue-query.ts";

export const savedViewFilters = z.record(z.string(), z.string().max(500)).describe("the queue's query-string filters, e.g. { code: 'SHORT_PAY', assignee: 'me' }");
export const savedViewSchema = z.object({ id: z.string(), name: z.string(), filters: savedViewFilters, updatedAt: z.string() });
export type SavedView = z.infer<typeof savedViewSchema>;
export const listSavedViewsResponse = z.object({ items: z.array(savedViewSchema) });
export const saveViewBody = z.object({ name: z.string().trim().min(1).max(60), filters: savedViewFilters })
  .refine((b) => queueFiltersSchema.partial().safeParse(b.filters).success, { message: "filters are not valid queue filters", path: ["filters"] });
export const savedViewParams = z.object({ id: z.string().min(1).max(64) });
