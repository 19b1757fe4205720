// A small RFC 5322 / MIME reader for e-mailed remittance advices (`.eml`): the sender, the subject and every
// attachment (multipart/* walked recursively; base64 and quoted-printable decoded; file name from
// Content-Disposition or Content-Type `name`). Written because `mailparser` is not installed here: once it is,
// this file is the one place to swap (same return shape). Bounded: at most 50 parts, 10 levels of nesting.
export type EmailAttachment = { filename: string; contentType: string; content: Buffer };
export type ReadEmail = { from: string | null; subject: string | null; attachments: EmailAttachment[] };

type Part = { headers: Map<string, string>; body: Buffer };
const MAX_PARTS = 50;
const MAX_DEPTH = 10;

function splitHead(raw: Buffer): Part {
  const text = raw.toString("latin1");
  const m = /\r?\n\r?\n/.exec(text);
  const head = m ? text.slice(0, m.index) : text;
  const body = m ? raw.subarray(Buffer.byteLength(text.slice(0, m.index + m[0].length), "latin1")) : Buffer.alloc(0);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return { headers, body };
}

function param(header: string | undefined, name: string): string | null {
  const m = new RegExp(`(?:^|;)\\s*${name}\\*?=\\s*("([^"]*)"|[^;\\s]+)`, "i").exec(header ?? "");
  if (!m) return null;
  const v = m[2] ?? m[1]!;
  return v.replace(/^utf-8''/i, "").replace(/%([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function decode(body: Buffer, encoding: string | undefined): Buffer {
  const enc = (encoding ?? "").toLowerCase();
  if (enc === "base64") return Buffer.from(body.toString("latin1").replace(/[^A-Za-z0-9+/=]/g, ""), "base64");
  if (enc === "quoted-printable") {
    const s = body.toString("latin1").replace(/=\r?\n/g, "");
    return Buffer.from(s.replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1");
  }
  return body;
}

/** RFC 2047 encoded words in a header (=?utf-8?B?…?= / =?utf-8?Q?…?=). */
function decodeWords(v: string | undefined): string | null {
  if (v === undefined) return null;
  return v.replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_, _cs: string, kind: string, data: string) =>
    kind.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8")
      : Buffer.from(data.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"));
}

export function readEmail(raw: Uint8Array): ReadEmail {
  const top = splitHead(Buffer.from(raw));
  const attachments: EmailAttachment[] = [];
  let parts = 0;
  const walk = (p: Part, depth: number) => {
    if (++parts > MAX_PARTS || depth > MAX_DEPTH) throw new Error(`e-mail has more than ${MAX_PARTS} parts or ${MAX_DEPTH} levels of nesting`);
    const type = p.headers.get("content-type") ?? "text/plain";
    const boundary = param(type, "boundary");
    if (/^multipart\//i.test(type) && boundary) {
      const text = p.body.toString("latin1");
      const pieces = text.split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:--)?[ \\t]*\\r?\\n?`));
      for (const piece of pieces.slice(1, -1)) if (piece.trim()) walk(splitHead(Buffer.from(piece, "latin1")), depth + 1);
      return;
    }
    const disposition = p.headers.get("content-disposition");
    const filename = param(disposition, "filename") ?? param(type, "name");
    if (filename || /^attachment/i.test(disposition ?? "")) {
      attachments.push({ filename: decodeWords(filename ?? "attachment") ?? "attachment", contentType: type.split(";")[0]!.trim().toLowerCase(), content: decode(p.body, p.headers.get("content-transfer-encoding")) });
    }
  };
  walk(top, 0);
  return { from: decodeWords(top.headers.get("from")), subject: decodeWords(top.headers.get("subject")), attachments };
}

/** The address part of a From header: `AP Team <ap@acme.com>` → `ap@acme.com`. */
export function senderAddress(from: string | null): string | null {
  const m = /<([^>]+)>/.exec(from ?? "") ?? /([^\s<>"]+@[^\s<>"]+)/.exec(from ?? "");
  return m ? m[1]!.trim().toLowerCase() : null;
}
