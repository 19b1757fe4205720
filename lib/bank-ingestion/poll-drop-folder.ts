// The drop-folder connector: a landing folder (like an SFTP drop zone) the worker polls. A complete file (not
// *.part, not modified in the last second) is claimed by an atomic rename into .claimed/ — of several workers
// polling the same folder exactly one wins each file — then received (SHA-256: bytes seen before are the same
// document), ingested right here with the same one-transaction guarantee as an upload, and moved to processed/
// or quarantine/. A poll that found something records a ConnectorRun. A file claimed by a worker that died is
// put back after CLAIM_STALE_MS and taken again (its document, if stored, is found by SHA-256 and finished). Attempts
// are counted per file (SHA-256) in the database: after BANK_DROP_MAX_ATTEMPTS the file goes to quarantine/.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { db } from "../db/client.ts";
import { env } from "../env.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { logger } from "../log/logger.ts";
import { ingestBankFile } from "./ingest-bank-file.ts";
import { receiveBankFile } from "./receive-bank-file.ts";

export const DROP_CONNECTOR = "bank.drop-folder";
const SETTLE_MS = 1000;
const CLAIM_STALE_MS = 15 * 60_000;

type Outcome = { file: string; documentId?: string; status: string; duplicate?: boolean; error?: string };

async function ensureFolders(dir: string) {
  for (const sub of ["", ".claimed", "processed", "quarantine"]) await fs.mkdir(path.join(dir, sub), { recursive: true });
}

/** Complete files in the landing folder, oldest first. */
async function readyFiles(dir: string, now: number): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const ready: { name: string; mtime: number }[] = [];
  for (const e of entries) {
    if (!e.isFile() || e.name.startsWith(".") || e.name.endsWith(".part")) continue;
    const stat = await fs.stat(path.join(dir, e.name)).catch(() => null);
    if (stat && now - stat.mtimeMs >= SETTLE_MS) ready.push({ name: e.name, mtime: stat.mtimeMs });
  }
  return ready.sort((a, b) => a.mtime - b.mtime).map((f) => f.name);
}

/** rename() is atomic: if another worker took the file first, ours fails with ENOENT and we skip it. */
async function claim(dir: string, name: string): Promise<string | null> {
  const claimed = path.join(dir, ".claimed", `${crypto.randomBytes(4).toString("hex")}~${name}`);
  try {
    await fs.rename(path.join(dir, name), claimed);
    return claimed;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

/** Files left in .claimed/ by a worker that stopped mid-way go back to the landing folder. */
async function releaseStaleClaims(dir: string, now: number) {
  const claimedDir = path.join(dir, ".claimed");
  for (const name of await fs.readdir(claimedDir)) {
    const stat = await fs.stat(path.join(claimedDir, name)).catch(() => null);
    if (stat && now - stat.ctimeMs > CLAIM_STALE_MS) await fs.rename(path.join(claimedDir, name), path.join(dir, name.replace(/^[0-9a-f]{8}~/, ""))).catch(() => {});
  }
}

async function moveTo(dir: string, sub: "processed" | "quarantine", claimed: string, name: string) {
  let target = path.join(dir, sub, name);
  if (await fs.stat(target).then(() => true, () => false)) target = path.join(dir, sub, `${Date.now()}-${name}`);
  await fs.rename(claimed, target);
}

async function takeFile(dir: string, claimed: string, name: string, correlationId: string): Promise<Outcome> {
  const { size } = await fs.stat(claimed);
  const max = env().BANK_UPLOAD_MAX_BYTES;
  if (size > max) {
    await moveTo(dir, "quarantine", claimed, name);
    return { file: name, status: "QUARANTINED", error: `${name}: ${size} bytes is over the limit of ${max} (BANK_UPLOAD_MAX_BYTES): not taken in` };
  }
  const content = await fs.readFile(claimed);
  const sha256 = crypto.createHash("sha256").update(content).digest("hex");
  // Counted in the database BEFORE the ingestion: a file that crashes the worker (or stalls it until it is killed)
  // still counts, so it cannot be claimed forever; its claim goes stale and the next worker sees the count.
  const attempt = await db.dropFolderAttempt.upsert({
    where: { sha256 }, create: { sha256, filename: name, attempts: 1 }, update: { attempts: { increment: 1 }, filename: name }, select: { attempts: true, lastError: true },
  });
  const maxAttempts = env().BANK_DROP_MAX_ATTEMPTS;
  if (attempt.attempts > maxAttempts) return giveUp(dir, claimed, name, sha256, maxAttempts, attempt.lastError);
  const received = await receiveBankFile({
    content, filename: name, contentType: null, sender: { kind: "system", label: "drop folder" }, queueJob: false,
  });
  let status: string = received.status;
  let error: string | undefined;
  if (status === "RECEIVED" || status === "PROCESSING") {
    try {
      const result = await ingestBankFile(received.id, { correlationId, finalAttempt: attempt.attempts >= maxAttempts });
      status = result.status === "ALREADY_DONE" ? result.documentStatus : result.status;
      if (result.status === "QUARANTINED") error = result.error;
    } catch (err) {
      await db.dropFolderAttempt.update({ where: { sha256 }, data: { lastError: (err instanceof Error ? err.message : String(err)).slice(0, 2000) } });
      throw err;
    }
  } else if (status === "QUARANTINED") {
    error = (await db.sourceDocument.findUnique({ where: { id: received.id }, select: { error: true } }))?.error ?? undefined;
  }
  await moveTo(dir, status === "QUARANTINED" ? "quarantine" : "processed", claimed, name);
  await db.dropFolderAttempt.deleteMany({ where: { sha256 } });
  return { file: name, documentId: received.id, status, duplicate: received.duplicate, error };
}

/** Too many attempts that never finished: the file (and its document, if stored) is quarantined, not taken again. */
async function giveUp(dir: string, claimed: string, name: string, sha256: string, max: number, lastError: string | null): Promise<Outcome> {
  const error = `${name}: gave up after ${max} attempts that did not finish (each crashed, stalled or failed the worker)`
    + (lastError ? `; last error: ${lastError}` : "");
  const doc = await db.sourceDocument.findUnique({ where: { sha256 }, select: { id: true, status: true } });
  if (doc && doc.status !== "PROCESSED") {
    await db.sourceDocument.update({ where: { id: doc.id }, data: { status: "QUARANTINED", error, processedAt: new Date() }, select: { id: true } });
  }
  await moveTo(dir, "quarantine", claimed, name);
  await db.dropFolderAttempt.deleteMany({ where: { sha256 } });
  logger.warn("bank.drop_folder.gave_up", { file: name, sha256, attempts: max });
  return { file: name, documentId: doc?.id, status: "QUARANTINED", error };
}

export async function pollDropFolder(dir: string, now = Date.now()): Promise<{ runId: string; outcomes: Outcome[] } | null> {
  await ensureFolders(dir);
  await releaseStaleClaims(dir, now);
  const claimed: { name: string; at: string }[] = [];
  for (const name of await readyFiles(dir, now)) {
    const at = await claim(dir, name);
    if (at) claimed.push({ name, at });
  }
  if (claimed.length === 0) return null;
  const correlationId = newCorrelationId();
  const run = await db.connectorRun.create({ data: { connector: DROP_CONNECTOR, status: "RUNNING", itemsIn: claimed.length, correlationId, details: { dir } } });
  const outcomes: Outcome[] = [];
  for (const c of claimed) {
    try {
      outcomes.push(await takeFile(dir, c.at, c.name, correlationId));
    } catch (err) {
      // Not the file's fault (database down…): put it back for the next poll.
      await fs.rename(c.at, path.join(dir, c.name)).catch(() => {});
      outcomes.push({ file: c.name, status: "FAILED", error: err instanceof Error ? err.message : String(err) });
    }
  }
  const failed = outcomes.filter((o) => o.status === "FAILED");
  const quarantined = outcomes.filter((o) => o.status === "QUARANTINED");
  const problems = [...failed, ...quarantined].map((o) => `${o.file}: ${o.status === "FAILED" ? "not taken in, will retry" : "quarantined"}: ${o.error ?? ""}`);
  await db.connectorRun.update({
    where: { id: run.id },
    data: {
      status: failed.length > 0 ? "FAILED" : "SUCCEEDED", finishedAt: new Date(), itemsOut: outcomes.filter((o) => o.status === "PROCESSED").length,
      error: problems.length > 0 ? problems.join("\n").slice(0, 4000) : null, details: { dir, files: outcomes },
    },
  });
  logger.info("bank.drop_folder.polled", { runId: run.id, files: outcomes.length, quarantined: quarantined.length, failed: failed.length });
  return { runId: run.id, outcomes };
}
