// The one mail reader of the remittance channels (`.eml` files in the drop folder, messages from the IMAP mailbox):
// mailparser reads the RFC 5322 / MIME message (nested multiparts, transfer encodings, RFC 2047/2231 names), this
// keeps what intake needs: Message-ID, sender, subject and the attachments that may be advices.
import { simpleParser, type AddressObject } from "mailparser";

export type EmailAttachment = { filename: string; contentType: string; content: Buffer };
export type ReadEmail = { messageId: string | null; from: string | null; subject: string | null; attachments: EmailAttachment[] };

/** Parts that are never an advice: a signature's logo, an inline picture, a calendar invite, a forwarded message's body. */
const NOT_ADVICE = /^(image\/|text\/calendar|text\/html|message\/delivery-status)/i;

export async function readEmail(raw: Uint8Array): Promise<ReadEmail> {
  const mail = await simpleParser(Buffer.from(raw), { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  const attachments: EmailAttachment[] = [];
  for (const a of mail.attachments) {
    const contentType = (a.contentType ?? "application/octet-stream").toLowerCase();
    // Inline parts (related/alternative bodies, pictures in a signature) carry no advice; named attachments do.
    if (a.related || (a.contentDisposition === "inline" && !a.filename) || NOT_ADVICE.test(contentType)) continue;
    attachments.push({ filename: a.filename ?? "attachment", contentType, content: a.content });
  }
  return { messageId: mail.messageId ?? null, from: firstAddress(mail.from), subject: mail.subject ?? null, attachments };
}

function firstAddress(from: AddressObject | AddressObject[] | undefined): string | null {
  const list = Array.isArray(from) ? from : from ? [from] : [];
  return list[0]?.text ?? null;
}

/** The address part of a From header: `AP Team <ap@acme.com>` → `ap@acme.com`. */
export function senderAddress(from: string | null): string | null {
  const m = /<([^>]+)>/.exec(from ?? "") ?? /([^\s<>"]+@[^\s<>"]+)/.exec(from ?? "");
  return m ? m[1]!.trim().toLowerCase() : null;
}
