// Brings every ERP connection's credentials under the current encryption key after a rotation
// (CASHLINE_ENCRYPTION_KEY new, the old one in CASHLINE_ENCRYPTION_OLD_KEYS), like the outbox does for webhook
// secrets. Run by the worker's schedule; each reseal is audited (system). Only a row nobody changed meanwhile is
// written; the credentials themselves are unchanged, so adapters need no rebuild (no version bump).
import { db } from "../db/client.ts";
import { writeAudit } from "../audit/write-audit.ts";
import { secretBox } from "../crypto/secret-box.ts";
import { resealedCredentials } from "./credentials.ts";

export async function resealErpCredentials(): Promise<number> {
  const box = secretBox();
  const rows = await db.erpConnection.findMany({ where: { credentialsSealed: { not: null }, NOT: { credentialsKeyId: box.currentKeyId } }, select: { id: true, entityId: true, credentialsSealed: true, credentialsKeyId: true } });
  let resealed = 0;
  for (const r of rows) {
    const next = resealedCredentials(r.entityId, r.credentialsSealed!);
    if (!next) continue;
    await db.$transaction(async (tx) => {
      const n = await tx.erpConnection.updateMany({ where: { id: r.id, credentialsSealed: r.credentialsSealed }, data: { credentialsSealed: next.sealed, credentialsKeyId: next.keyId } });
      if (n.count === 0) return;
      resealed++;
      await writeAudit({ actorType: "system", actorLabel: "erp-credentials-reseal", action: "erp_connection.credentials_resealed", targetType: "ErpConnection", targetId: r.entityId, details: { fromKeyId: r.credentialsKeyId, toKeyId: next.keyId } }, tx);
    });
  }
  return resealed;
}
