// An admin sets an entity's ERP connection (kind, base URL, optionally new credentials) or replaces its credentials
// alone (rotation at the ERP's side). Each change bumps the connection's version — worker processes rebuild the
// entity's adapter when they see it — and writes an audit row (fingerprints only, never a credential) in the same
// transaction. Bad input is refused whole with the field named.
import { db, type Prisma } from "../db/client.ts";
import { env } from "../env.ts";
import { problem } from "../http/problem.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { registeredErpKinds } from "../erp/adapters.ts";
import { invalidateErpAdapters } from "../posting/erp-connection.ts";
import { sealCredentials } from "./credentials.ts";
import { connectionView } from "./list-erp-connections.ts";
import type { PutErpConnectionBody } from "./schemas.ts";

export type AdminActor = { id: string; email: string; ip?: string | null; requestId?: string | null };

function checkBaseUrl(raw: string): string {
  const url = new URL(raw);
  const allowHttp = env().ERP_ALLOW_HTTP ? env().ERP_ALLOW_HTTP === "true" : env().NODE_ENV !== "production";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && allowHttp)) {
    throw problem(422, `baseUrl: ${url.protocol} is not allowed (https${allowHttp ? " or http" : " only; ERP_ALLOW_HTTP=true allows http"})`, { errors: [{ path: "baseUrl", message: "https required" }] });
  }
  if (url.username || url.password) throw problem(422, "baseUrl: put credentials in `credentials`, not in the URL", { errors: [{ path: "baseUrl", message: "no user info in the URL" }] });
  return url.toString().replace(/\/$/, "");
}

async function lockEntity(tx: Prisma.TransactionClient, code: string) {
  const [entity] = await tx.$queryRaw<{ id: string; code: string }[]>`select id, code from "LegalEntity" where code = ${code} for update`;
  if (!entity) throw problem(404, `no legal entity ${code}`);
  return { entity, current: await tx.erpConnection.findUnique({ where: { entityId: entity.id } }) };
}

const audit = (tx: Prisma.TransactionClient, actor: AdminActor, action: string, entityId: string, details: Record<string, unknown>) =>
  writeAudit({ actorType: "user", actorId: actor.id, actorLabel: actor.email, action, targetType: "ErpConnection", targetId: entityId, details, ip: actor.ip, requestId: actor.requestId }, tx);

export async function saveErpConnection(entityCode: string, body: PutErpConnectionBody, actor: AdminActor) {
  if (!registeredErpKinds().includes(body.kind)) {
    throw problem(422, `kind: no ${body.kind} adapter is installed (installed: ${registeredErpKinds().join(", ")})`, { errors: [{ path: "kind", message: "no adapter for this kind" }] });
  }
  const baseUrl = checkBaseUrl(body.baseUrl);
  const saved = await db.$transaction(async (tx) => {
    const { entity, current } = await lockEntity(tx, entityCode);
    if (current && current.kind !== body.kind && !body.credentials && current.credentialsSealed) {
      throw problem(422, `credentials: changing the kind from ${current.kind} to ${body.kind} needs that kind's credentials (or {} for none)`, { errors: [{ path: "credentials", message: "required when the kind changes" }] });
    }
    const now = new Date();
    const creds = body.credentials
      ? (Object.keys(body.credentials).length === 0
        ? { credentialsSealed: null, credentialsKeyId: null, credentialFields: [], credentialsFingerprint: null, credentialsSetAt: now }
        : (({ sealed, keyId, fields, fingerprint }) => ({ credentialsSealed: sealed, credentialsKeyId: keyId, credentialFields: fields, credentialsFingerprint: fingerprint, credentialsSetAt: now }))(sealCredentials(entity.id, body.credentials)))
      : {};
    const row = current
      ? await tx.erpConnection.update({ where: { entityId: entity.id }, data: { kind: body.kind, baseUrl, ...creds, version: { increment: 1 }, updatedById: actor.id, updatedAt: now } })
      : await tx.erpConnection.create({ data: { entityId: entity.id, kind: body.kind, baseUrl, ...creds, updatedById: actor.id, updatedAt: now } });
    const summary = (c: typeof current) => c && { kind: c.kind, baseUrl: c.baseUrl, credentialFields: c.credentialFields, credentialsFingerprint: c.credentialsFingerprint };
    await audit(tx, actor, current ? "erp_connection.updated" : "erp_connection.created", entity.id, {
      entity: entity.code, before: summary(current), after: summary(row), credentialsChanged: !!body.credentials, reason: body.reason ?? null,
    });
    return { entityCode: entity.code, entityId: entity.id, connection: connectionView(row) };
  });
  invalidateErpAdapters(saved.entityId);
  return saved;
}

export async function rotateErpCredentials(entityCode: string, body: { credentials: Record<string, string>; reason?: string }, actor: AdminActor) {
  const saved = await db.$transaction(async (tx) => {
    const { entity, current } = await lockEntity(tx, entityCode);
    if (!current) throw problem(404, `entity ${entityCode} has no ERP connection to rotate credentials of; set one first (PUT)`);
    if (Object.keys(body.credentials).length === 0) throw problem(422, "credentials: give the new credential fields", { errors: [{ path: "credentials", message: "empty" }] });
    const s = sealCredentials(entity.id, body.credentials);
    const row = await tx.erpConnection.update({
      where: { entityId: entity.id },
      data: { credentialsSealed: s.sealed, credentialsKeyId: s.keyId, credentialFields: s.fields, credentialsFingerprint: s.fingerprint, credentialsSetAt: new Date(), version: { increment: 1 }, updatedById: actor.id, updatedAt: new Date() },
    });
    await audit(tx, actor, "erp_connection.credentials_rotated", entity.id, { entity: entity.code, fromFingerprint: current.credentialsFingerprint, toFingerprint: s.fingerprint, fields: s.fields, reason: body.reason ?? null });
    return { entityCode: entity.code, entityId: entity.id, connection: connectionView(row) };
  });
  invalidateErpAdapters(saved.entityId);
  return saved;
}
