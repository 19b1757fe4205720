// The demo's ERP per legal entity: THE table to switch when the other adapters merge (e.g. DE01 → "sap",
// UK01 → "bc"). `npm run demo` starts one simulator per kind in use (ports ERP_SIM_PORT, +1, +2… in the order the
// kinds first appear here) and gives each entity a connection to its kind's simulator, unless ERP_URL points at a
// real ERP. Credentials per kind are what that kind's simulator accepts.
import type { PrismaClient } from "../db/generated/client.ts";
import type { ErpKind } from "../erp/adapter.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { sealCredentials } from "../erp-connections/credentials.ts";

export const DEMO_ERP_KINDS: Record<string, ErpKind> = {
  US01: "oracle",
  UK01: "oracle",
  DE01: "oracle",
};

/** Credentials each demo simulator accepts, per kind ({} = none: the Oracle simulator asks for none). */
export const DEMO_ERP_CREDENTIALS: Partial<Record<ErpKind, Record<string, string>>> = {
  oracle: {},
};

/** Each kind in use with its simulator's port, in the order of DEMO_ERP_KINDS. */
export function demoErpSimPorts(basePort: number, kinds: Record<string, ErpKind> = DEMO_ERP_KINDS): Map<ErpKind, number> {
  const ports = new Map<ErpKind, number>();
  for (const kind of Object.values(kinds)) if (!ports.has(kind)) ports.set(kind, basePort + ports.size);
  return ports;
}

/** Creates the connections the demo entities lack (an existing one, maybe changed on the admin page, is kept). */
export async function ensureDemoErpConnections(db: PrismaClient, urlOf: (kind: ErpKind) => string, kinds: Record<string, ErpKind> = DEMO_ERP_KINDS): Promise<number> {
  let created = 0;
  for (const entity of await db.legalEntity.findMany({ where: { code: { in: Object.keys(kinds) }, erpConnection: null } })) {
    const kind = kinds[entity.code]!;
    const creds = DEMO_ERP_CREDENTIALS[kind] ?? {};
    const sealed = Object.keys(creds).length ? sealCredentials(entity.id, creds) : null;
    await db.$transaction(async (tx) => {
      await tx.erpConnection.create({
        data: {
          entityId: entity.id, kind, baseUrl: urlOf(kind), credentialsSealed: sealed?.sealed ?? null, credentialsKeyId: sealed?.keyId ?? null,
          credentialFields: sealed?.fields ?? [], credentialsFingerprint: sealed?.fingerprint ?? null, credentialsSetAt: sealed ? new Date() : null,
        },
      });
      await writeAudit({ actorType: "system", actorLabel: "demo", action: "erp_connection.created", targetType: "ErpConnection", targetId: entity.id, details: { entity: entity.code, kind, baseUrl: urlOf(kind) } }, tx);
    });
    created++;
  }
  return created;
}
