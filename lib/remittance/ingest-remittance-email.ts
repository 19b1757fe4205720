// An e-mailed remittance advice (an `.eml` from the landing folder, later a message from the IMAP mailbox): the
// message itself is kept as a SourceDocument (lineage), every attachment is kept as a SourceDocument by its SHA-256
// and taken in through ingestRemittance with the sender's address (its domain may name the customer). An attachment
// that cannot be read as a remittance is kept QUARANTINED with the reason; a message with no readable advice is
// reported as such (the caller quarantines the file).
import crypto from "node:crypto";
import { db } from "../db/client.ts";
import { ingestRemittance, type RemittanceSender } from "./ingest-remittance.ts";
import { readEmail, senderAddress } from "./read-email.ts";
import { RemittanceParseError } from "./types.ts";

export type EmailOutcome = {
  emailDocumentId: string; from: string | null; subject: string | null;
  attachments: { filename: string; sha256: string; documentId: string; advices: number; error: string | null }[];
};

const sha = (b: Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");

async function keepDocument(input: { kind: string; channel: string; content: Uint8Array; filename: string; contentType: string; label: string; error?: string }) {
  const sha256 = sha(input.content);
  const known = await db.sourceDocument.findUnique({ where: { sha256 }, select: { id: true } });
  if (known) return { id: known.id, sha256 };
  const doc = await db.sourceDocument.create({
    data: {
      kind: input.kind, sourceSystem: input.channel, sha256, filename: input.filename, contentType: input.contentType, byteSize: input.content.length,
      content: Buffer.from(input.content), status: input.error ? "QUARANTINED" : "PROCESSED", error: input.error ?? null, processedAt: new Date(), uploadedBy: input.label,
    },
    select: { id: true },
  });
  return { id: doc.id, sha256 };
}

export async function ingestRemittanceEmail(input: { content: Uint8Array; filename: string; channel: "email" | "imap"; sender: RemittanceSender }): Promise<EmailOutcome> {
  const mail = readEmail(input.content);
  const from = senderAddress(mail.from);
  const email = await keepDocument({ kind: "remittance_email", channel: input.channel, content: input.content, filename: input.filename, contentType: "message/rfc822", label: input.sender.label });
  const attachments: EmailOutcome["attachments"] = [];
  for (const a of mail.attachments) {
    try {
      const out = await ingestRemittance({ content: a.content, filename: a.filename, contentType: a.contentType, channel: input.channel, sender: input.sender, senderEmail: from });
      attachments.push({ filename: a.filename, sha256: out.sha256, documentId: out.documentId, advices: out.advices.length, error: null });
    } catch (err) {
      if (!(err instanceof RemittanceParseError)) throw err;
      const doc = await keepDocument({ kind: "remittance_attachment", channel: input.channel, content: a.content, filename: a.filename, contentType: a.contentType, label: input.sender.label, error: err.message });
      attachments.push({ filename: a.filename, sha256: doc.sha256, documentId: doc.id, advices: 0, error: err.message });
    }
  }
  return { emailDocumentId: email.id, from, subject: mail.subject, attachments };
}
