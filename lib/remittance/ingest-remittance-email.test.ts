import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import { readEmail, senderAddress } from "./read-email.ts";
import { buildEml } from "./testing/build-eml.ts";
import { pollRemittanceDropFolder } from "./poll-remittance-drop-folder.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));

const CSV = "payment_reference,payer_name,currency,payment_amount,payment_date,document,paid,invoice_amount,discount,adjustment_amount,adjustment_reason,adjustment_text\nMAIL-1,,USD,75.00,2026-11-30,INV-X,75.00,,,,,\n";
function eml(from: string, attachments: { name: string; type: string; body: string | Buffer; inline?: boolean }[], messageId?: string) {
  return buildEml({ from, attachments, messageId });
}

describe("e-mailed remittance advices", () => {
  it("reads Message-ID, sender, subject and attachments of a nested multipart message; pictures are not advices", async () => {
    const mail = await readEmail(Buffer.from(eml("Acme AP <AP@Acme.com>", [
      { name: "advice.csv", type: "text/csv", body: CSV }, { name: "scan.pdf", type: "application/pdf", body: Buffer.from([0x25, 0x50, 0x44, 0x46, 0xff, 0x00]) },
      { name: "logo.png", type: "image/png", body: Buffer.from([0x89, 0x50, 0x4e, 0x47]), inline: true },
    ], "advice-17@acme.com")));
    expect(mail.messageId).toBe("<advice-17@acme.com>");
    expect(mail.subject).toBe("Remittance advice – November");
    expect(senderAddress(mail.from)).toBe("ap@acme.com");
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([["advice.csv", "text/csv"], ["scan.pdf", "application/pdf"]]);
    expect(mail.attachments[0]!.content.toString()).toBe(CSV);
    expect([...mail.attachments[1]!.content]).toEqual([0x25, 0x50, 0x44, 0x46, 0xff, 0x00]);
  });

  it("an .eml in the landing folder: attachments kept by SHA-256, the advice taken in for the customer its sender domain names; one unreadable attachment quarantines the whole message", async () => {
    const world = await seedMiniWorld();
    await getDb().remittanceSenderDomain.create({ data: { domain: "acme.com", customerId: world.customer.id } });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "remit-mail-"));
    const old = (Date.now() - 5000) / 1000;
    const logo = { name: "logo.png", type: "image/png", body: Buffer.from([0x89, 0x50, 0x4e, 0x47]), inline: true };
    fs.writeFileSync(path.join(dir, "msg1.eml"), eml("Acme AP <ap@acme.com>", [{ name: "advice.csv", type: "text/csv", body: CSV }, logo], "m1@acme.com"));
    fs.writeFileSync(path.join(dir, "msg2.eml"), eml("Acme AP <ap@acme.com>", [{ name: "advice2.csv", type: "text/csv", body: CSV.replace("MAIL-1", "MAIL-2") }, { name: "scan.pdf", type: "application/pdf", body: "%PDF-1.4 not yet readable" }], "m2@acme.com"));
    fs.writeFileSync(path.join(dir, "msg3.eml"), eml("someone@else.org", [{ name: "notes.txt", type: "text/plain", body: "see you" }], "m3@else.org"));
    for (const f of ["msg1.eml", "msg2.eml", "msg3.eml"]) fs.utimesSync(path.join(dir, f), old, old);
    const run = await pollRemittanceDropFolder(dir);
    const byFile = Object.fromEntries(run!.outcomes.map((o) => [o.file, o]));
    expect(byFile["msg1.eml"]).toMatchObject({ status: "PROCESSED", advices: 1 });
    expect(byFile["msg2.eml"]).toMatchObject({ status: "QUARANTINED", error: expect.stringMatching(/^msg2\.eml: message <m2@acme\.com> .*, attachment scan\.pdf: scan\.pdf /) });
    expect(byFile["msg3.eml"]).toMatchObject({ status: "QUARANTINED", error: expect.stringContaining("attachment notes.txt") });
    expect(fs.readFileSync(path.join(dir, "quarantine", "msg2.eml.error.txt"), "utf8")).toContain("scan.pdf");
    const advice = await getDb().remittanceAdvice.findFirstOrThrow({ where: { paymentReference: "MAIL-1" }, include: { document: true } });
    expect(advice).toMatchObject({ channel: "email", senderEmail: "ap@acme.com", customerId: world.customer.id, status: "WAITING_FOR_PAYMENT" });
    expect(advice.document).toMatchObject({ kind: "remittance_advice", filename: "advice.csv", sourceSystem: "email" });
    // Nothing partial: the readable advice of the refused message is not stored.
    expect(await getDb().remittanceAdvice.count({ where: { paymentReference: "MAIL-2" } })).toBe(0);
    const docs = await getDb().sourceDocument.findMany({ where: { kind: { in: ["remittance_email", "remittance_advice"] } }, orderBy: { filename: "asc" } });
    expect(docs.map((d) => [d.kind, d.filename, d.status])).toEqual([["remittance_advice", "advice.csv", "PROCESSED"], ["remittance_email", "msg1.eml", "PROCESSED"]]);
    expect(docs.every((d) => /^[0-9a-f]{64}$/.test(d.sha256))).toBe(true);
    expect(await getDb().remittanceMailItem.findMany({ select: { messageId: true, filename: true, channel: true } })).toEqual([{ messageId: "<m1@acme.com>", filename: "advice.csv", channel: "email" }]);
  });
});
