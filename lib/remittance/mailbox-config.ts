// The IMAP mailbox of e-mailed remittance advices, from the environment (lib/env.ts validates each variable): off
// (null) while REMITTANCE_IMAP_HOST is unset; with a host, a user and a password are required.
import { env, type Env } from "../env.ts";

export type MailboxConfig = {
  host: string; port: number; tls: boolean; user: string; password: string;
  folder: string; processedFolder: string | null; errorFolder: string; everySeconds: number;
};

export function remittanceMailboxConfig(e: Env = env()): MailboxConfig | null {
  if (!e.REMITTANCE_IMAP_HOST) return null;
  for (const name of ["REMITTANCE_IMAP_USER", "REMITTANCE_IMAP_PASSWORD"] as const) {
    if (!e[name]) throw new Error(`invalid environment variable ${name}: required when REMITTANCE_IMAP_HOST is set`);
  }
  return {
    host: e.REMITTANCE_IMAP_HOST, port: e.REMITTANCE_IMAP_PORT, tls: e.REMITTANCE_IMAP_TLS === "true",
    user: e.REMITTANCE_IMAP_USER!, password: e.REMITTANCE_IMAP_PASSWORD!, folder: e.REMITTANCE_IMAP_FOLDER,
    processedFolder: e.REMITTANCE_IMAP_PROCESSED_FOLDER.trim() || null, errorFolder: e.REMITTANCE_IMAP_ERROR_FOLDER,
    everySeconds: e.REMITTANCE_IMAP_EVERY_SECONDS,
  };
}
