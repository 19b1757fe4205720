// Test e-mails as AP teams send them: multipart/mixed with a text body (quoted-printable) in a nested
// multipart/alternative, and base64 attachments.
const b64 = (s: string | Uint8Array) => Buffer.from(s).toString("base64").replace(/(.{76})/g, "$1\r\n");

export function buildEml(input: {
  from: string; messageId?: string; subject?: string;
  attachments: { name: string; type: string; body: string | Uint8Array; inline?: boolean }[];
}): string {
  const outer = "==outer42";
  const inner = "==inner42";
  return [
    `From: ${input.from}`, "To: cash@cashline.example", `Subject: ${input.subject ?? "=?utf-8?Q?Remittance_advice_=E2=80=93_November?="}`,
    ...(input.messageId ? [`Message-ID: <${input.messageId}>`] : []), "Date: Mon, 30 Nov 2026 09:12:00 +0000", "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${outer}"`, "", "preamble", `--${outer}`,
    `Content-Type: multipart/alternative; boundary=${inner}`, "", `--${inner}`, "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable", "",
    "Please find our payment advice attached =E2=80=93 thanks.", `--${inner}--`, "",
    ...input.attachments.flatMap((a) => [
      `--${outer}`, `Content-Type: ${a.type}; name="${a.name}"`, "Content-Transfer-Encoding: base64",
      a.inline ? `Content-Disposition: inline; filename="${a.name}"` : `Content-Disposition: attachment; filename="${a.name}"`, "", b64(a.body),
    ]),
    `--${outer}--`, "",
  ].join("\r\n");
}
