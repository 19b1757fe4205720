// What the posting pipeline needs to build one entity's adapter: its stored connection with the credentials opened
// (in memory only), or null when the entity has none (it then posts to ERP_URL as Oracle).
import { db } from "../db/client.ts";
import type { ErpKind } from "../erp/adapter.ts";
import { openCredentials } from "./credentials.ts";

export type StoredErpConnection = { entityId: string; kind: ErpKind; baseUrl: string; credentials: Record<string, string>; version: number };

export async function loadErpConnection(entityId: string): Promise<StoredErpConnection | null> {
  const c = await db.erpConnection.findUnique({ where: { entityId } });
  if (!c) return null;
  return { entityId, kind: c.kind as ErpKind, baseUrl: c.baseUrl, credentials: openCredentials(entityId, c.credentialsSealed), version: c.version };
}

/** The versions of the entities' connections (absent: none), one cheap query for a cache's freshness check. */
export async function erpConnectionVersions(entityIds: string[]): Promise<Map<string, number>> {
  const rows = await db.erpConnection.findMany({ where: { entityId: { in: entityIds } }, select: { entityId: true, version: true } });
  return new Map(rows.map((r) => [r.entityId, r.version]));
}
