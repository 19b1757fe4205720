import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { readEmail, senderAddress } from "./read-email.ts";
import { pollRemittanceDropFolder } from "./poll-remittance-drop-folder.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));

const CSV = "payment_reference,payer_name,currency,payment_amount,payment_date,document,paid,invoice_amount,discount,adjustment_amount,adjustment_reason,adjustment_text\nMAIL-1,,USD,75.00,2026-11-30,INV-X,75.00,,,,,\n";
const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64").replace(/(.{76})/g, "$1\r\n");
function eml(from: string, attachments: { name: string; type: string; body: string | Buffer }[]) {
  const outer = "==outer42";
  const inner = "==inner42";
  return [
    `From: ${from}`, "To: cash@cashline.example", "Subject: =?utf-8?Q?Remittance_advice_=E2=80=93_November?=", "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${outer}"`, "", "preamble", `--${outer}`,
    `Content-Type: multipart/alternative; boundary=${inner}`, "", `--${inner}`, "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable", "",
    "Please find our payment advice attached =E2=80=93 thanks.", `--${inner}--`, "",
    ...attachments.flatMap((a) => [`--${outer}`, `Content-Type: ${a.type}; name="${a.name}"`, "Content-Transfer-Encoding: base64", `Content-Disposition: attachment; filename="${a.name}"`, "", b64(a.body)]),
    `--${outer}--`, "",
  ].join("\r\n");
}

describe("e-mailed remittance advices", () => {
  it("reads sender, subject and attachments of a nested multipart message", () => {
    const mail = readEmail(Buffer.from(eml("Acme AP <AP@Acme.com>", [{ name: "advice.csv", type: "text/csv", body: CSV }, { name: "scan.pdf", type: "application/pdf", body: Buffer.from([0x25, 0x50, 0x44, 0x46, 0xff, 0x00]) }])));
    expect(mail.subject).toBe("Remittance advice – November");
    expect(senderAddress(mail.from)).toBe("ap@acme.com");
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([["advice.csv", "text/csv"], ["scan.pdf", "application/pdf"]]);
    expect(mail.attachments[0]!.content.toString()).toBe(CSV);
    expect([...mail.attachments[1]!.content]).toEqual([0x25, 0x50, 0x44, 0x46, 0xff, 0x00]);
  });

  it("an .eml in the landing folder: attachments kept by SHA-256, the advice taken in for the customer its sender domain names", async () => {
    const world = await seedMiniWorld();
    await getDb().remittanceSenderDomain.create({ data: { domain: "acme.com", customerId: world.customer.id } });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "remit-mail-"));
    const old = (Date.now() - 5000) / 1000;
    fs.writeFileSync(path.join(dir, "msg1.eml"), eml("Acme AP <ap@acme.com>", [{ name: "advice.csv", type: "text/csv", body: CSV }, { name: "scan.pdf", type: "application/pdf", body: "%PDF-1.4 not yet readable" }]));
    fs.writeFileSync(path.join(dir, "msg2.eml"), eml("someone@else.org", [{ name: "notes.txt", type: "text/plain", body: "see you" }]));
    for (const f of ["msg1.eml", "msg2.eml"]) fs.utimesSync(path.join(dir, f), old, old);
    const run = await pollRemittanceDropFolder(dir);
    const byFile = Object.fromEntries(run!.outcomes.map((o) => [o.file, o]));
    expect(byFile["msg1.eml"]).toMatchObject({ status: "PROCESSED", advices: 1 });
    expect(byFile["msg2.eml"]).toMatchObject({ status: "QUARANTINED", error: expect.stringContaining("notes.txt") });
    const advice = await getDb().remittanceAdvice.findFirstOrThrow({ where: { paymentReference: "MAIL-1" }, include: { document: true } });
    expect(advice).toMatchObject({ channel: "email", senderEmail: "ap@acme.com", customerId: world.customer.id, status: "WAITING_FOR_PAYMENT" });
    expect(advice.document).toMatchObject({ kind: "remittance_advice", filename: "advice.csv", sourceSystem: "email" });
    const docs = await getDb().sourceDocument.findMany({ where: { kind: { in: ["remittance_email", "remittance_attachment"] } }, orderBy: { filename: "asc" } });
    expect(docs.map((d) => [d.kind, d.filename, d.status])).toEqual([
      ["remittance_email", "msg1.eml", "PROCESSED"], ["remittance_email", "msg2.eml", "PROCESSED"],
      ["remittance_attachment", "notes.txt", "QUARANTINED"], ["remittance_attachment", "scan.pdf", "QUARANTINED"],
    ]);
    expect(docs.every((d) => /^[0-9a-f]{64}$/.test(d.sha256))).toBe(true);
  });
});
