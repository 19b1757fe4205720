// The demo's ERP per legal entity: three entities on three ERPs. `npm run demo` starts one simulator per kind in use
// (ports ERP_SIM_PORT, +1, +2… in the order the kinds first appear here), gives each entity a connection to its
// kind's simulator (unless ERP_URL points at a real ERP), and primes each ERP with the entity's customers and open
// invoices (./prime-demo-erps.ts). Credentials per kind are what that kind's simulator accepts.
import type { PrismaClient } from "../db/generated/client.ts";
import type { ErpKind } from "../erp/adapter.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { sealCredentials } from "../erp-connections/credentials.ts";

export const DEMO_ERP_KINDS: Record<string, ErpKind> = {
  US01: "oracle",
  UK01: "sap",
  DE01: "bc",
};

/**
 * Credentials each demo simulator accepts, per kind ({} = none: the Oracle simulator asks for none); `{baseUrl}`
 * stands for the simulator's URL. NetSuite's simulator generates its M2M key pair per start: `netsuite` lists the
 * fields asked from its GET /__sim/credentials (see demoErpCredentials).
 */
export const DEMO_ERP_CREDENTIALS: Partial<Record<ErpKind, Record<string, string>>> = {
  oracle: {},
  // SAP simulator's OAuth 2.0 client (lib/erp-sim/sap/auth.ts SAP_SIM_DEFAULT_AUTH); token at its default path.
  sap: { clientId: "cashline-client", clientSecret: "cashline-client-secret" },
  // BC simulator's default tenant and app registration (lib/erp-sim/bc/index.ts); company = entity code.
  bc: { tenantId: "cashline-tenant", environment: "production", clientId: "cashline-bc", clientSecret: "cashline-bc-secret", tokenUrl: "{baseUrl}/cashline-tenant/oauth2/v2.0/token" },
  netsuite: { accountId: "", clientId: "", certificateId: "", privateKey: "" },
};

/** The credentials for `kind`'s demo simulator at `baseUrl` (NetSuite's asked from the simulator itself). */
export async function demoErpCredentials(kind: ErpKind, baseUrl: string): Promise<Record<string, string>> {
  const template = DEMO_ERP_CREDENTIALS[kind] ?? {};
  if (kind === "netsuite") {
    const res = await fetch(`${baseUrl}/__sim/credentials`);
    if (!res.ok) throw new Error(`NetSuite simulator at ${baseUrl}: GET /__sim/credentials answered ${res.status}`);
    const m2m = ((await res.json()) as { m2m?: Record<string, string> }).m2m ?? {};
    return Object.fromEntries(Object.keys(template).map((k) => [k, m2m[k] ?? ""]));
  }
  return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, v.replace("{baseUrl}", baseUrl)]));
}

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
    const creds = await demoErpCredentials(kind, urlOf(kind));
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
