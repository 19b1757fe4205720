// The audit log's hash chain, recomputed outside the database. The database assigns chainSeq, prevHash and hash
// in a trigger (migration 20261203140000_audit_chain_and_app_role); this file holds the same canonical
// serialisation ("cashline-audit-v1") so verification never trusts a function stored in the database it checks.
import crypto from "node:crypto";
import type pg from "pg";

export const GENESIS_HASH = "0".repeat(64);

/** A row as verify reads it: every field rendered as text by PostgreSQL (timestamps to microseconds). */
export type ChainRow = {
  chainSeq: string | null; id: string; at: string; actorType: string; actorId: string | null; actorLabel: string | null;
  action: string; targetType: string | null; targetId: string | null; details: string; ip: string | null;
  requestId: string | null; prevHash: string | null; hash: string | null;
};

const field = (t: string | null) => (t === null ? "~" : `${Buffer.byteLength(t, "utf8")}:${t}`);

export function rowHash(r: ChainRow): string {
  const canonical = ["cashline-audit-v1", r.chainSeq, r.id, r.at, r.actorType, r.actorId, r.actorLabel, r.action,
    r.targetType, r.targetId, r.details, r.ip, r.requestId, r.prevHash].map((v, i) => (i === 0 ? v : field(v))).join("|");
  return crypto.createHash("sha256").update(canonical, "utf8").digest("hex");
}

export type VerifyResult =
  | { ok: true; count: number; headHash: string }
  | { ok: false; count: number; broken: { id: string; chainSeq: string | null; reason: string } };

const SELECT = `select "chainSeq"::text as "chainSeq", id::text as id, to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.US') as at,
  "actorType", "actorId", "actorLabel", action, "targetType", "targetId", details::text as details, ip, "requestId",
  "prevHash", hash from "AuditLog"`; // order and filter by the table's columns: the text aliases would sort "10" before "2"

/**
 * Walks the whole chain in chainSeq order (rows without one come last and are broken), in pages so millions of
 * rows stay in constant memory. The first row whose link or own hash does not hold is reported; the count is of
 * the rows verified before it. The chain head (the trigger's) must agree with the last row: rows cut off the end
 * are caught there.
 */
export async function verifyAuditChain(client: pg.ClientBase, pageSize = 5_000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1n;
  let count = 0;
  let afterSeq = 0n;
  const fail = (r: ChainRow, reason: string): VerifyResult => ({ ok: false, count, broken: { id: r.id, chainSeq: r.chainSeq, reason } });
  for (;;) {
    const { rows } = await client.query<ChainRow>(`${SELECT} where "AuditLog"."chainSeq" > $1 order by "AuditLog"."chainSeq" limit $2`, [afterSeq.toString(), pageSize]);
    for (const r of rows) {
      if (BigInt(r.chainSeq!) !== expectedSeq) return fail(r, `chainSeq ${r.chainSeq} where ${expectedSeq} was expected (a row is missing)`);
      if (r.prevHash !== prevHash) return fail(r, "prevHash does not match the previous row's hash (a row before it was changed or removed)");
      if (rowHash(r) !== r.hash) return fail(r, "its fields do not match its hash (the row was changed)");
      prevHash = r.hash!;
      expectedSeq++;
      count++;
    }
    if (rows.length < pageSize) break;
    afterSeq = BigInt(rows.at(-1)!.chainSeq!);
  }
  const unchained = await client.query<ChainRow>(`${SELECT} where "AuditLog"."chainSeq" is null order by "AuditLog".id limit 1`);
  if (unchained.rows[0]) return fail(unchained.rows[0], "the row has no place in the chain (written with the trigger disabled)");
  const head = await client.query<{ seq: string; hash: string }>(`select seq::text as seq, hash from "AuditChainHead" where id = 1`);
  const h = head.rows[0];
  if (!h || BigInt(h.seq) !== expectedSeq - 1n || h.hash !== prevHash) {
    return { ok: false, count, broken: { id: "(end of chain)", chainSeq: h?.seq ?? null, reason: `the chain head says ${h?.seq ?? "nothing"} rows but ${count} were found (rows were removed from the end)` } };
  }
  return { ok: true, count, headHash: prevHash };
}
