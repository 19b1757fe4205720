// The admin page's table: every legal entity with its ERP connection (credentials only as set/fields/fingerprint)
// and what the pipeline actually uses for it (the connection, or ERP_URL as Oracle without one).
import type { z } from "zod";
import { db } from "../db/client.ts";
import { env } from "../env.ts";
import { secretBox } from "../crypto/secret-box.ts";
import { registeredErpKinds } from "../erp/adapters.ts";
import type { ErpKind } from "../erp/adapter.ts";
import type { erpConnectionView, listErpConnectionsResponse } from "./schemas.ts";

type Row = Awaited<ReturnType<typeof db.erpConnection.findFirstOrThrow>>;

export function connectionView(c: Row): z.infer<typeof erpConnectionView> {
  let current = false;
  try { current = !!c.credentialsSealed && !secretBox().needsReseal(c.credentialsSealed); } catch { /* no key configured */ }
  return {
    kind: c.kind as ErpKind, baseUrl: c.baseUrl, version: c.version, updatedAt: c.updatedAt.toISOString(),
    credentials: { set: !!c.credentialsSealed, fields: c.credentialFields, fingerprint: c.credentialsFingerprint, setAt: c.credentialsSetAt?.toISOString() ?? null, sealedWithCurrentKey: current },
    lastTest: c.lastTestAt && c.lastTestOk !== null ? { ok: c.lastTestOk, at: c.lastTestAt.toISOString(), detail: c.lastTestDetail } : null,
  };
}

export async function listErpConnections(): Promise<z.infer<typeof listErpConnectionsResponse>> {
  const entities = await db.legalEntity.findMany({ orderBy: { code: "asc" }, include: { erpConnection: true } });
  return {
    kinds: registeredErpKinds(),
    items: entities.map((e) => ({
      entityId: e.id, entityCode: e.code, entityName: e.name,
      connection: e.erpConnection ? connectionView(e.erpConnection) : null,
      effective: e.erpConnection
        ? { kind: e.erpConnection.kind as ErpKind, baseUrl: e.erpConnection.baseUrl, source: "connection" as const }
        : { kind: "oracle" as const, baseUrl: env().ERP_URL, source: "ERP_URL" as const },
    })),
  };
}
