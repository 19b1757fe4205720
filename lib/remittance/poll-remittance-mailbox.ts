// The IMAP mailbox of e-mailed remittance advices (REMITTANCE_IMAP_*), polled by the job remittance.poll-mailbox.
// Each unseen message of the folder is read (BODY.PEEK: reading does not mark it seen) and taken in through
// ingestRemittanceEmail (all attachments or none, idempotent by Message-ID + attachment SHA-256), then moved to the
// processed folder (or flagged \Seen when there is none). A message that cannot be taken in is flagged and moved to
// the error folder for a person, its error (naming message and attachment) in the poll's ConnectorRun and the log.
// A failure of another kind (database down) leaves the message unseen where it is, for the next poll; a crash after
// ingesting but before moving only means the next poll finds its items and moves it.
import { ImapFlow } from "imapflow";
import { db } from "../db/client.ts";
import { logger } from "../log/logger.ts";
import { ingestRemittanceEmail, RemittanceEmailError } from "./ingest-remittance-email.ts";
import type { MailboxConfig } from "./mailbox-config.ts";

export const REMITTANCE_MAILBOX_CONNECTOR = "remittance.imap";
export type MailboxOutcome = {
  uid: number; messageId: string | null; status: "PROCESSED" | "REJECTED" | "FAILED";
  advices?: number; attachments?: string[]; error?: string;
};

async function ensureFolder(client: ImapFlow, folder: string, existing: Set<string>) {
  if (existing.has(folder)) return;
  await client.mailboxCreate(folder);
  existing.add(folder);
}

export async function pollRemittanceMailbox(config: MailboxConfig): Promise<{ runId: string; outcomes: MailboxOutcome[] } | null> {
  const client = new ImapFlow({
    host: config.host, port: config.port, secure: config.tls, auth: { user: config.user, pass: config.password },
    logger: false, connectionTimeout: 30_000, greetingTimeout: 15_000, socketTimeout: 120_000,
  });
  await client.connect();
  try {
    const folders = new Set((await client.list()).map((m) => m.path));
    if (config.processedFolder) await ensureFolder(client, config.processedFolder, folders);
    await ensureFolder(client, config.errorFolder, folders);
    const lock = await client.getMailboxLock(config.folder);
    try {
      const uids = (await client.search({ seen: false }, { uid: true })) || [];
      if (uids.length === 0) return null;
      const run = await db.connectorRun.create({ data: { connector: REMITTANCE_MAILBOX_CONNECTOR, status: "RUNNING", itemsIn: uids.length, details: { host: config.host, folder: config.folder } } });
      const outcomes: MailboxOutcome[] = [];
      for (const uid of uids) outcomes.push(await takeMessage(client, config, uid));
      const problems = outcomes.filter((o) => o.status !== "PROCESSED").map((o) => `uid ${o.uid}: ${o.status.toLowerCase()}: ${o.error ?? ""}`);
      await db.connectorRun.update({
        where: { id: run.id },
        data: {
          status: outcomes.some((o) => o.status === "FAILED") ? "FAILED" : "SUCCEEDED", finishedAt: new Date(), itemsOut: outcomes.filter((o) => o.status === "PROCESSED").length,
          error: problems.length ? problems.join("\n").slice(0, 4000) : null, details: { host: config.host, folder: config.folder, messages: outcomes },
        },
      });
      logger.info("remittance.mailbox.polled", { runId: run.id, messages: outcomes.length, rejected: outcomes.filter((o) => o.status === "REJECTED").length });
      return { runId: run.id, outcomes };
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}

async function takeMessage(client: ImapFlow, config: MailboxConfig, uid: number): Promise<MailboxOutcome> {
  const msg = await client.fetchOne(String(uid), { uid: true, source: true, envelope: true }, { uid: true });
  const messageId = (msg && msg.envelope?.messageId) || null;
  if (!msg || !msg.source) return { uid, messageId, status: "FAILED", error: "the server returned no message source" };
  try {
    const mail = await ingestRemittanceEmail({ content: msg.source, filename: null, channel: "imap", sender: { kind: "system", label: `remittance mailbox ${config.user}@${config.host}` } });
    if (config.processedFolder) await client.messageMove(String(uid), config.processedFolder, { uid: true });
    else await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
    return { uid, messageId: mail.messageId, status: "PROCESSED", advices: mail.attachments.reduce((n, a) => n + a.advices, 0), attachments: mail.attachments.map((a) => a.filename) };
  } catch (err) {
    if (!(err instanceof RemittanceEmailError)) {
      logger.error("remittance.mailbox.message_failed", { uid, messageId, error: err instanceof Error ? err.message : String(err) });
      return { uid, messageId, status: "FAILED", error: err instanceof Error ? err.message : String(err) };
    }
    // Left for a person: flagged, in the error folder, nothing of it stored.
    await client.messageFlagsAdd(String(uid), ["\\Flagged"], { uid: true });
    await client.messageMove(String(uid), config.errorFolder, { uid: true });
    logger.warn("remittance.mailbox.message_rejected", { uid, messageId, error: err.message });
    return { uid, messageId, status: "REJECTED", error: err.message };
  }
}
