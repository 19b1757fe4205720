// "Test connection": builds the entity's adapter from its stored connection (credentials opened here, in memory
// only) and asks adapter.testConnection() for one authenticated round trip — outside the circuit breaker, so a
// test also tells whether an ERP the pipeline considers down is back. The result is kept on the row and audited.
import { db } from "../db/client.ts";
import { problem } from "../http/problem.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { createErpAdapter } from "../erp/adapters.ts";
import type { ErpAdapter, ErpConnectionConfig, ErpKind } from "../erp/adapter.ts";
import { openCredentials } from "./credentials.ts";
import type { AdminActor } from "./save-erp-connection.ts";

export type BuildAdapter = (config: ErpConnectionConfig) => ErpAdapter;

export async function testErpConnection(entityCode: string, actor: AdminActor, build: BuildAdapter = createErpAdapter) {
  const entity = await db.legalEntity.findUnique({ where: { code: entityCode }, include: { erpConnection: true } });
  if (!entity) throw problem(404, `no legal entity ${entityCode}`);
  const c = entity.erpConnection;
  if (!c) throw problem(404, `entity ${entityCode} has no ERP connection (it posts to ERP_URL); set one first`);
  let ok = false;
  let detail: string;
  try {
    const adapter = build({ kind: c.kind as ErpKind, baseUrl: c.baseUrl, credentials: openCredentials(entity.id, c.credentialsSealed), timeoutMs: 10_000, requestRetries: 0 });
    detail = (await adapter.testConnection()).detail;
    ok = true;
  } catch (e) {
    detail = e instanceof Error ? e.message : String(e);
  }
  detail = detail.slice(0, 500);
  const at = new Date();
  await db.$transaction(async (tx) => {
    // Only the test's result columns: a test is not a change of the connection (no version bump).
    await tx.erpConnection.update({ where: { id: c.id }, data: { lastTestAt: at, lastTestOk: ok, lastTestDetail: detail } });
    await writeAudit({ actorType: "user", actorId: actor.id, actorLabel: actor.email, action: "erp_connection.tested", targetType: "ErpConnection", targetId: entity.id, details: { entity: entity.code, kind: c.kind, ok, detail }, ip: actor.ip, requestId: actor.requestId }, tx);
  });
  return { ok, detail, at: at.toISOString() };
}
