import { afterAll, afterEach, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/test-database.ts";
import { seedMiniWorld } from "../testing/fixtures.ts";
import { getDb } from "../db/client.ts";
import { stopBoss } from "../jobs/boss.ts";
import type { Env } from "../env.ts";
import { pollRemittanceMailbox } from "./poll-remittance-mailbox.ts";
import { ingestRemittanceEmail } from "./ingest-remittance-email.ts";
import { remittanceMailboxConfig } from "./mailbox-config.ts";
import { buildEml } from "./testing/build-eml.ts";
import { readFolder, startImapTestServer } from "./testing/imap-test-server.ts";

useFreshDatabase();
afterAll(() => stopBoss({ graceful: false }));
const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => { for (const s of servers.splice(0)) await s.close(); });

const HEADER = "payment_reference,payer_name,currency,payment_amount,payment_date,document,paid,invoice_amount,discount,adjustment_amount,adjustment_reason,adjustment_text";
const csv = (ref: string) => `${HEADER}\n${ref},,USD,75.00,2026-11-30,INV-X,75.00,,,,,\n`;
const logo = { name: "logo.png", type: "image/png", body: Buffer.from([0x89, 0x50, 0x4e, 0x47]), inline: true };

describe("remittance mailbox (IMAP)", () => {
  it("takes unseen messages in, moves them to the processed folder, and leaves a message with an unreadable attachment in the error folder with nothing stored", async () => {
    const world = await seedMiniWorld();
    await getDb().remittanceSenderDomain.create({ data: { domain: "acme.com", customerId: world.customer.id } });
    const good = buildEml({ from: "Acme AP <ap@acme.com>", messageId: "imap-1@acme.com", attachments: [{ name: "advice.csv", type: "text/csv", body: csv("IMAP-1") }, logo] });
    const bad = buildEml({ from: "Acme AP <ap@acme.com>", messageId: "imap-2@acme.com", attachments: [{ name: "ok.csv", type: "text/csv", body: csv("IMAP-2") }, { name: "scan.pdf", type: "application/pdf", body: "%PDF-1.4 broken" }] });
    const imap = await startImapTestServer([good, bad]);
    servers.push(imap);

    const run = await pollRemittanceMailbox(imap.config);
    expect(run!.outcomes).toMatchObject([
      { messageId: "<imap-1@acme.com>", status: "PROCESSED", advices: 1, attachments: ["advice.csv"] },
      { messageId: "<imap-2@acme.com>", status: "REJECTED", error: expect.stringMatching(/^message <imap-2@acme\.com> .*, attachment scan\.pdf: scan\.pdf /) },
    ]);
    expect(await readFolder(imap.config, "INBOX")).toEqual([]);
    expect(await readFolder(imap.config, "Processed")).toEqual([{ messageId: "<imap-1@acme.com>", flags: [] }]);
    expect(await readFolder(imap.config, "Remittance errors")).toEqual([{ messageId: "<imap-2@acme.com>", flags: ["\\Flagged"] }]);

    const advice = await getDb().remittanceAdvice.findFirstOrThrow({ where: { paymentReference: "IMAP-1" }, include: { document: true } });
    expect(advice).toMatchObject({ channel: "imap", senderEmail: "ap@acme.com", customerId: world.customer.id, status: "WAITING_FOR_PAYMENT" });
    expect(advice.document).toMatchObject({ kind: "remittance_advice", filename: "advice.csv", sourceSystem: "imap" });
    expect(advice.document.sha256).toMatch(/^[0-9a-f]{64}$/);
    const email = await getDb().sourceDocument.findFirstOrThrow({ where: { kind: "remittance_email" } });
    expect(email).toMatchObject({ sourceSystem: "imap", filename: "<imap-1@acme.com>.eml", contentType: "message/rfc822" });
    expect(Buffer.from(email.content).toString()).toContain("imap-1@acme.com");
    expect(await getDb().remittanceAdvice.count({ where: { paymentReference: "IMAP-2" } })).toBe(0);
    expect(await getDb().connectorRun.findUniqueOrThrow({ where: { id: run!.runId } })).toMatchObject({
      connector: "remittance.imap", status: "SUCCEEDED", itemsIn: 2, itemsOut: 1, error: expect.stringContaining("attachment scan.pdf"),
    });
    // Nothing unseen is left: the next poll does nothing.
    expect(await pollRemittanceMailbox(imap.config)).toBeNull();
  });

  it("a crash between ingesting and moving the message, or the same message delivered twice, never takes an advice in twice", async () => {
    await seedMiniWorld();
    const raw = buildEml({ from: "ap@acme.com", messageId: "twice@acme.com", attachments: [{ name: "a.csv", type: "text/csv", body: csv("TWICE-1") }, { name: "b.csv", type: "text/csv", body: csv("TWICE-2") }] });
    const imap = await startImapTestServer([raw, raw]);
    servers.push(imap);
    // The crashed poll: ingested, never moved.
    const first = await ingestRemittanceEmail({ content: Buffer.from(raw), filename: null, channel: "imap", sender: { kind: "system", label: "crashed poll" } });
    expect(first.attachments.map((a) => [a.filename, a.advices, a.takenBefore])).toEqual([["a.csv", 1, false], ["b.csv", 1, false]]);

    const run = await pollRemittanceMailbox(imap.config);
    expect(run!.outcomes.map((o) => [o.status, o.advices])).toEqual([["PROCESSED", 0], ["PROCESSED", 0]]);
    expect(await readFolder(imap.config, "Processed")).toHaveLength(2);
    expect(await getDb().remittanceAdvice.count({ where: { paymentReference: { in: ["TWICE-1", "TWICE-2"] } } })).toBe(2);
    expect(await getDb().remittanceMailItem.count({ where: { messageId: "<twice@acme.com>" } })).toBe(2);
  });

  it("is off until REMITTANCE_IMAP_HOST is set, and then needs a user and a password", () => {
    const base = { REMITTANCE_IMAP_PORT: 143, REMITTANCE_IMAP_TLS: "false", REMITTANCE_IMAP_FOLDER: "INBOX", REMITTANCE_IMAP_PROCESSED_FOLDER: "", REMITTANCE_IMAP_ERROR_FOLDER: "Err", REMITTANCE_IMAP_EVERY_SECONDS: 60 } as unknown as Env;
    expect(remittanceMailboxConfig(base)).toBeNull();
    expect(() => remittanceMailboxConfig({ ...base, REMITTANCE_IMAP_HOST: "imap.example.com", REMITTANCE_IMAP_USER: "cash" })).toThrow("REMITTANCE_IMAP_PASSWORD: required when REMITTANCE_IMAP_HOST is set");
    expect(remittanceMailboxConfig({ ...base, REMITTANCE_IMAP_HOST: "imap.example.com", REMITTANCE_IMAP_USER: "cash", REMITTANCE_IMAP_PASSWORD: "pw" })).toMatchObject({ port: 143, tls: false, processedFolder: null });
  });
});
