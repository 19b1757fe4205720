// One journal batch per Cashline receipt and purpose, brought to exactly the wanted lines, then posted with the
// journals' bound action Microsoft.NAV.post. Shared by the customer payment journal (customerPaymentJournals /
// customerPayments) and the general journal of write-offs (journals / journalLines). Safe to run again after any
// failure: the batch is found by its code, lines by their line number (BC refuses a second line with the same number:
// Internal_EntityWithSameKeyExists), stray or changed lines are deleted with their ETag (If-Match) and created again.
import { createHash } from "node:crypto";
import { ErpPermanentError, ErpRetryableError } from "../errors.ts";
import { amountField, lit, valuesOf, type BcTransport } from "./transport.ts";

export type WantedLine = { lineNumber: number; body: Record<string, unknown>; same(have: Record<string, unknown>): boolean };
export type JournalKind = { set: "customerPaymentJournals" | "journals"; lines: "customerPayments" | "journalLines" };
export type JournalSpec = { cid: string; kind: JournalKind; code: string; displayName: string; balancingAccountId?: string; wanted: WantedLine[] };

/** "CL"/"CW" + 8 hex characters of the receipt number's hash: BC batch names are Code[10]. */
export const journalCode = (prefix: "CL" | "CW", receiptNumber: string) => `${prefix}${createHash("sha256").update(receiptNumber).digest("hex").slice(0, 8).toUpperCase()}`;

export const isSameKey = (e: unknown) => e instanceof ErpPermanentError && e.errorCode === "Internal_EntityWithSameKeyExists";

export function createJournalSync(t: BcTransport) {
  const setPath = (s: JournalSpec) => `/companies(${s.cid})/${s.kind.set}`;

  async function find(s: JournalSpec): Promise<{ id: string; etag: string } | null> {
    const res = await t.send({ method: "GET", path: setPath(s), query: { $filter: `code eq ${lit(s.code)}` } });
    const j = valuesOf(res.body, s.kind.set)[0];
    return j ? { id: String(j.id), etag: String(j["@odata.etag"]) } : null;
  }

  async function lines(s: JournalSpec, id: string): Promise<Record<string, unknown>[]> {
    return valuesOf((await t.send({ method: "GET", path: `${setPath(s)}(${id})/${s.kind.lines}` })).body, s.kind.lines);
  }

  async function ensure(s: JournalSpec): Promise<{ id: string; etag: string; fresh: boolean }> {
    const found = await find(s);
    if (found) return { ...found, fresh: false };
    try {
      const body = { code: s.code, displayName: s.displayName.slice(0, 100), ...(s.balancingAccountId ? { balancingAccountId: s.balancingAccountId } : {}) };
      const j = (await t.send({ method: "POST", path: setPath(s), body, safe: true })).body as Record<string, unknown>;
      return { id: String(j.id), etag: String(j["@odata.etag"]), fresh: true };
    } catch (e) {
      const again = isSameKey(e) ? await find(s) : null; // created by an earlier try whose answer was lost
      if (!again) throw e;
      return { ...again, fresh: false };
    }
  }

  /** Fills the batch with exactly `wanted`, posts it, and deletes the emptied batch (best effort). */
  async function fillAndPost(s: JournalSpec): Promise<void> {
    const j = await ensure(s);
    const have = j.fresh ? [] : await lines(s, j.id);
    for (const h of have) {
      const w = s.wanted.find((x) => x.lineNumber === Number(h.lineNumber));
      if (w && w.same(h)) continue;
      try {
        await t.send({ method: "DELETE", path: `${setPath(s)}(${j.id})/${s.kind.lines}(${h.id})`, ifMatch: String(h["@odata.etag"]) });
      } catch (e) {
        // Request_EntityChanged (412; BC's list names the code, not the status): the line changed since we read it,
        // so the next attempt reads it afresh
        if (e instanceof ErpPermanentError && (e.status === 412 || e.errorCode === "Request_EntityChanged")) throw new ErpRetryableError("http", e.message, { status: e.status, errorCode: e.errorCode });
        throw e;
      }
    }
    let unsure = !j.fresh; // a fresh batch whose every line was answered 201 holds exactly those lines
    for (const w of s.wanted) {
      const h = have.find((x) => Number(x.lineNumber) === w.lineNumber);
      if (h && w.same(h)) continue;
      try {
        const created = (await t.send({ method: "POST", path: `${setPath(s)}(${j.id})/${s.kind.lines}`, body: w.body, safe: true })).body as Record<string, unknown>;
        if (!w.same(created)) unsure = true;
      } catch (e) {
        if (!isSameKey(e)) throw e; // landed on an earlier try: checked below
        unsure = true;
      }
    }
    const now = unsure ? await lines(s, j.id) : null;
    const exact = !now || (now.length === s.wanted.length && s.wanted.every((w) => now.some((h) => Number(h.lineNumber) === w.lineNumber && w.same(h))));
    if (!exact) throw new ErpPermanentError("conflict", `journal ${s.code} does not hold the expected ${s.wanted.length} lines after filling it; nothing was posted, check the journal in Business Central`);
    try {
      await t.send({ method: "POST", path: `/companies(${s.cid})/journals(${j.id})/Microsoft.NAV.post` });
    } catch (e) {
      // "There is nothing to post": an earlier post went through and emptied the batch; the caller reads the ledger.
      if (!(e instanceof ErpPermanentError && /nothing to post/i.test(e.message))) throw e;
    }
    await t.send({ method: "DELETE", path: `${setPath(s)}(${j.id})`, ifMatch: j.etag }).catch(() => undefined);
  }

  return { fillAndPost };
}
