// A real IMAP server for tests (hoodiecrow-imap, over TCP on 127.0.0.1, user testuser / testpass), with the given
// messages in INBOX. Its state lives in memory: every test gets a fresh mailbox.
import { createRequire } from "node:module";
import type { AddressInfo, Server } from "node:net";
import type { MailboxConfig } from "../mailbox-config.ts";

type Hoodiecrow = { server: Server; listen(port: number, host: string, cb: () => void): void; close(cb?: () => void): void };
const hoodiecrow = createRequire(import.meta.url)("hoodiecrow-imap") as (options: object) => Hoodiecrow;

export async function startImapTestServer(messages: string[], folders: string[] = []) {
  const server = hoodiecrow({
    plugins: ["ID", "UNSELECT", "ENABLE", "IDLE"],
    storage: {
      INBOX: { messages: messages.map((raw) => ({ raw })) },
      "": { separator: "/", folders: Object.fromEntries(folders.map((f) => [f, {}])) },
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  const config: MailboxConfig = {
    host: "127.0.0.1", port, tls: false, user: "testuser", password: "testpass",
    folder: "INBOX", processedFolder: "Processed", errorFolder: "Remittance errors", everySeconds: 60,
  };
  return { port, config, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** What a folder of the test mailbox holds: each message's Message-ID and flags. */
export async function readFolder(config: MailboxConfig, folder: string): Promise<{ messageId: string | null; flags: string[] }[]> {
  const { ImapFlow } = await import("imapflow");
  const client = new ImapFlow({ host: config.host, port: config.port, secure: false, auth: { user: config.user, pass: config.password }, logger: false });
  await client.connect();
  try {
    const lock = await client.getMailboxLock(folder);
    try {
      const out: { messageId: string | null; flags: string[] }[] = [];
      if (!client.mailbox || client.mailbox.exists === 0) return out;
      for await (const m of client.fetch("1:*", { envelope: true, flags: true })) out.push({ messageId: m.envelope?.messageId ?? null, flags: [...(m.flags ?? [])].sort() });
      return out;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}
