// The remittance drop folder (REMITTANCE_DROP_DIR), like the bank's: a complete file (not *.part, settled for a
// second) is claimed by an atomic rename into .claimed/ (of several workers exactly one wins it), taken in through
// ingestRemittance (channel drop_folder: same document, natural keys and linking as an upload), then moved to
// processed/, or to quarantine/ with a `<name>.error.txt` saying where and why when it cannot be read. A poll that
// found something records a ConnectorRun. A file whose ingestion failed for another reason (database down) goes
// back to the landing folder for the next poll. `*.eml` files are e-mails: their attachments are the advices
// (ingest-remittance-email.ts, all or nothing per message).
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { db } from "../db/client.ts";
import { logger } from "../log/logger.ts";
import { env } from "../env.ts";
import { ingestRemittance } from "./ingest-remittance.ts";
import { ingestRemittanceEmail, RemittanceEmailError } from "./ingest-remittance-email.ts";
import { RemittanceParseError } from "./types.ts";

export const REMITTANCE_DROP_CONNECTOR = "remittance.drop-folder";
const SETTLE_MS = 1000;
type Outcome = { file: string; status: "PROCESSED" | "QUARANTINED" | "FAILED"; documentId?: string; advices?: number; duplicate?: boolean; error?: string };

async function moveTo(dir: string, sub: "processed" | "quarantine", from: string, name: string): Promise<string> {
  let target = path.join(dir, sub, name);
  if (await fs.stat(target).then(() => true, () => false)) target = path.join(dir, sub, `${Date.now()}-${name}`);
  await fs.rename(from, target);
  return target;
}

async function take(dir: string, claimed: string, name: string): Promise<Outcome> {
  const { size } = await fs.stat(claimed);
  const max = env().REMITTANCE_UPLOAD_MAX_BYTES;
  const quarantine = async (error: string): Promise<Outcome> => {
    const target = await moveTo(dir, "quarantine", claimed, name);
    await fs.writeFile(`${target}.error.txt`, `${error}\n`);
    return { file: name, status: "QUARANTINED", error };
  };
  if (size > max) return quarantine(`${name}: ${size} bytes is over the limit of ${max} (REMITTANCE_UPLOAD_MAX_BYTES)`);
  const content = await fs.readFile(claimed);
  if (/\.eml$/i.test(name)) {
    // An e-mail saved to the folder: its attachments are the advices; the sender's domain may name the customer.
    // All or nothing: an attachment that cannot be read quarantines the message with its reason.
    try {
      const mail = await ingestRemittanceEmail({ content, filename: name, channel: "email", sender: { kind: "system", label: "remittance mailbox folder" } });
      await moveTo(dir, "processed", claimed, name);
      return { file: name, status: "PROCESSED", documentId: mail.emailDocumentId, advices: mail.attachments.reduce((n, a) => n + a.advices, 0) };
    } catch (err) {
      if (err instanceof RemittanceEmailError) return quarantine(err.message);
      throw err;
    }
  }
  try {
    const out = await ingestRemittance({ content, filename: name, contentType: null, channel: "drop_folder", sender: { kind: "system", label: "remittance drop folder" } });
    await moveTo(dir, "processed", claimed, name);
    return { file: name, status: "PROCESSED", documentId: out.documentId, advices: out.advices.length, duplicate: out.duplicate };
  } catch (err) {
    if (err instanceof RemittanceParseError) return quarantine(err.message);
    throw err;
  }
}

export async function pollRemittanceDropFolder(dir: string, now = Date.now()): Promise<{ runId: string; outcomes: Outcome[] } | null> {
  for (const sub of ["", ".claimed", "processed", "quarantine"]) await fs.mkdir(path.join(dir, sub), { recursive: true });
  const claimed: { name: string; at: string }[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    if (!e.isFile() || e.name.startsWith(".") || e.name.endsWith(".part")) continue;
    const stat = await fs.stat(path.join(dir, e.name)).catch(() => null);
    if (!stat || now - stat.mtimeMs < SETTLE_MS) continue;
    const at = path.join(dir, ".claimed", `${crypto.randomBytes(4).toString("hex")}~${e.name}`);
    try { await fs.rename(path.join(dir, e.name), at); claimed.push({ name: e.name, at }); } catch { /* another worker took it */ }
  }
  if (claimed.length === 0) return null;
  const run = await db.connectorRun.create({ data: { connector: REMITTANCE_DROP_CONNECTOR, status: "RUNNING", itemsIn: claimed.length, details: { dir } } });
  const outcomes: Outcome[] = [];
  for (const c of claimed) {
    try {
      outcomes.push(await take(dir, c.at, c.name));
    } catch (err) {
      await fs.rename(c.at, path.join(dir, c.name)).catch(() => {});
      outcomes.push({ file: c.name, status: "FAILED", error: err instanceof Error ? err.message : String(err) });
    }
  }
  const problems = outcomes.filter((o) => o.status !== "PROCESSED").map((o) => `${o.file}: ${o.status.toLowerCase()}: ${o.error ?? ""}`);
  await db.connectorRun.update({
    where: { id: run.id },
    data: {
      status: outcomes.some((o) => o.status === "FAILED") ? "FAILED" : "SUCCEEDED", finishedAt: new Date(), itemsOut: outcomes.filter((o) => o.status === "PROCESSED").length,
      error: problems.length ? problems.join("\n").slice(0, 4000) : null, details: { dir, files: outcomes },
    },
  });
  logger.info("remittance.drop_folder.polled", { runId: run.id, files: outcomes.length, quarantined: outcomes.filter((o) => o.status === "QUARANTINED").length });
  return { runId: run.id, outcomes };
}
