// The database a command-line tool works on: DATABASE_URL, or — unset — the demo's embedded PostgreSQL (.data/pg),
// started for the command and stopped after it, like `npm run db:seed`.
export async function openCliDatabase(): Promise<{ url: string; close: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, close: async () => {} };
  const { prepareDemoDatabase } = await import("../../scripts/lib/database.ts");
  const prepared = await prepareDemoDatabase(() => {});
  process.env.DATABASE_URL = prepared.url;
  return { url: prepared.url, close: async () => { await prepared.local?.stop(); } };
}
