// An e-mailed remittance advice, from either mail channel (an `.eml` file in the drop folder, a message in the IMAP
// mailbox), read by the one mail reader (read-email.ts). All or nothing: every attachment that may be an advice is
// parsed first; one that cannot be read (or a message with none) refuses the whole message with an error naming
// the message and the attachment, and nothing is stored — the caller leaves the message for a person. Otherwise,
// in one transaction, the message and each attachment are kept as source documents by SHA-256, each attachment is
// taken in like an upload (storeRemittanceFile, with the sender's address: its domain may name the customer), and
// a RemittanceMailItem per (Message-ID, attachment SHA-256) records it: a re-poll, or a crash between ingesting and
// moving the message, finds the items and takes nothing in twice.
import crypto from "node:crypto";
import { db } from "../db/client.ts";
import { env } from "../env.ts";
import { getBoss } from "../jobs/boss.ts";
import { newCorrelationId } from "../jobs/define-job.ts";
import { parseRemittanceFile, storeRemittanceFile, type ParsedRemittanceFile, type RemittanceSender } from "./ingest-remittance.ts";
import { readEmail, senderAddress } from "./read-email.ts";
import { RemittanceParseError } from "./types.ts";

export type EmailOutcome = {
  messageId: string; emailDocumentId: string; from: string | null; subject: string | null;
  attachments: { filename: string; sha256: string; documentId: string; advices: number; takenBefore: boolean }[];
};

/** A message that cannot be taken in: names the message, the attachment (null: the message itself) and the problem. */
export class RemittanceEmailError extends Error {
  constructor(readonly messageLabel: string, readonly attachment: string | null, readonly problem: string) {
    super(`${messageLabel}${attachment ? `, attachment ${attachment}` : ""}: ${problem}`);
    this.name = "RemittanceEmailError";
  }
}

const sha = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");

export async function ingestRemittanceEmail(input: { content: Uint8Array; filename: string | null; channel: "email" | "imap"; sender: RemittanceSender }): Promise<EmailOutcome> {
  const emailSha = sha(input.content);
  const mail = await readEmail(input.content);
  const messageId = mail.messageId ?? `sha256:${emailSha}`;
  const label = `${input.filename ? `${input.filename}: ` : ""}message ${messageId}${mail.subject ? ` ("${mail.subject}")` : ""}`;
  if (mail.attachments.length === 0) throw new RemittanceEmailError(label, null, "no attachment that could be a remittance advice");
  const max = env().REMITTANCE_UPLOAD_MAX_BYTES;
  const from = senderAddress(mail.from);
  const parsed: { filename: string; contentType: string; content: Buffer; sha256: string; file: ParsedRemittanceFile }[] = [];
  for (const a of mail.attachments) {
    if (a.content.length > max) throw new RemittanceEmailError(label, a.filename, `${a.content.length} bytes is over the limit of ${max} (REMITTANCE_UPLOAD_MAX_BYTES)`);
    try {
      parsed.push({ ...a, sha256: sha(a.content), file: await parseRemittanceFile({ content: a.content, filename: a.filename, senderEmail: from }) });
    } catch (e) {
      if (e instanceof RemittanceParseError) throw new RemittanceEmailError(label, a.filename, e.message);
      throw e;
    }
  }
  const correlationId = newCorrelationId();
  await getBoss(); // re-decisions are enqueued inside the transaction
  return db.$transaction(async (tx) => {
    const known = await tx.sourceDocument.findUnique({ where: { sha256: emailSha }, select: { id: true } });
    const email = known ?? await tx.sourceDocument.create({
      data: {
        kind: "remittance_email", sourceSystem: input.channel, sha256: emailSha, filename: input.filename ?? `${messageId}.eml`, contentType: "message/rfc822",
        byteSize: input.content.length, content: Buffer.from(input.content), status: "PROCESSED", processedAt: new Date(), uploadedBy: input.sender.label,
        entriesParsed: parsed.length, correlationId,
      },
      select: { id: true },
    });
    const attachments: EmailOutcome["attachments"] = [];
    for (const a of parsed) {
      const item = await tx.remittanceMailItem.findUnique({ where: { messageId_attachmentSha256: { messageId, attachmentSha256: a.sha256 } } });
      if (item) {
        attachments.push({ filename: a.filename, sha256: a.sha256, documentId: item.documentId, advices: 0, takenBefore: true });
        continue;
      }
      const out = await storeRemittanceFile(tx, { content: a.content, filename: a.filename, contentType: a.contentType, channel: input.channel, sender: input.sender, senderEmail: from }, a.file, correlationId);
      await tx.remittanceMailItem.create({ data: { messageId, attachmentSha256: a.sha256, filename: a.filename, channel: input.channel, documentId: out.documentId, emailDocumentId: email.id } });
      attachments.push({ filename: a.filename, sha256: a.sha256, documentId: out.documentId, advices: out.advices.length, takenBefore: false });
    }
    return { messageId, emailDocumentId: email.id, from, subject: mail.subject, attachments };
  }, { timeout: 60_000, maxWait: 15_000 });
}
