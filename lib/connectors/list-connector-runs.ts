// Recent connector runs, newest first.
import { z } from "zod";
import { db } from "../db/client.ts";
import { pageQuery } from "../http/pagination.ts";

export const listConnectorRunsQuery = pageQuery.extend({ connector: z.string().max(64).optional() });
export const connectorRunSchema = z.object({
  id: z.string(),
  connector: z.string(),
  status: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  itemsIn: z.number().int(),
  itemsOut: z.number().int(),
  error: z.string().nullable(),
});
export const listConnectorRunsResponse = z.object({ items: z.array(connectorRunSchema) });

export async function listConnectorRuns(q: z.infer<typeof listConnectorRunsQuery>) {
  const rows = await db.connectorRun.findMany({
    where: { connector: q.connector },
    orderBy: { startedAt: "desc" },
    take: q.limit,
    skip: q.offset,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      connector: r.connector,
      status: r.status,
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
      itemsIn: r.itemsIn,
      itemsOut: r.itemsOut,
      error: r.error,
    })),
  };
}
