// `cashline audit verify`: walks the audit log's hash chain (lib/audit/audit-chain.ts) on DATABASE_URL, or the
// demo's embedded database when unset. Exit 0 with the count of rows verified; exit 1 naming the first broken row.
import pg from "pg";
import { verifyAuditChain } from "../audit/audit-chain.ts";
import { openCliDatabase } from "./cli-database.ts";

const USAGE = "usage: cashline audit verify";

export async function run(argv: string[]): Promise<number> {
  if (argv[0] !== "verify" || argv.length > 1) {
    process.stderr.write(`cashline audit: ${argv[0] ? `unknown subcommand ${argv.join(" ")}` : "missing subcommand"} (${USAGE})\n`);
    return 2;
  }
  const { url, close: stop } = await openCliDatabase();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await verifyAuditChain(client);
    if (r.ok) {
      process.stdout.write(`audit chain intact: ${r.count} rows verified (head ${r.headHash})\n`);
      return 0;
    }
    process.stderr.write(`audit chain BROKEN at row id ${r.broken.id} (chainSeq ${r.broken.chainSeq ?? "none"}): ${r.broken.reason}; ${r.count} rows verified before it\n`);
    return 1;
  } finally {
    await client.end();
    await stop();
  }
}
