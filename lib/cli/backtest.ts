// `cashline backtest --policy draft.json [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--entity US01 …] [--out diff.jsonl]`:
// the product's backtest (lib/backtest) from the command line, on DATABASE_URL or — unset — the demo's embedded
// database. The policy file is either an entity override as the API takes it ({"tolerance":…, "strategies":…,
// "autoPostConfidence":…}, applied to every chosen entity) or a policy set ({"default":…, "byEntity":{…}}).
// Prints the summary as JSON; writes one JSON line per receipt whose decision changes (and per wrong posting of the
// draft) to --out. Exit 2 on bad flags or policy (one line naming the problem), 0 otherwise.
import fs from "node:fs";
import { z } from "zod";
import { openCliDatabase } from "./cli-database.ts";

const USAGE = "usage: cashline backtest --policy FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--entity CODE …] [--out FILE.jsonl]";
const DAY = 86_400_000;

const flagsSchema = z.object({
  policy: z.string().min(1, "--policy FILE is required"),
  from: z.iso.date("--from must be YYYY-MM-DD").optional(),
  to: z.iso.date("--to must be YYYY-MM-DD").optional(),
  entity: z.array(z.string().min(2).max(20)).default([]),
  out: z.string().optional(),
});

function parseFlags(argv: string[]) {
  const raw: Record<string, unknown> = { entity: [] };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!.replace(/^--/, "");
    if (!argv[i]!.startsWith("--") || !["policy", "from", "to", "entity", "out"].includes(name)) throw new Error(`unknown argument ${argv[i]}`);
    const value = argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    if (name === "entity") (raw.entity as string[]).push(value);
    else raw[name] = value;
  }
  const r = flagsSchema.safeParse(raw);
  if (!r.success) throw new Error(r.error.issues[0]!.message);
  return r.data;
}

export async function run(argv: string[]): Promise<number> {
  let flags: z.infer<typeof flagsSchema>;
  let policyJson: unknown;
  try {
    flags = parseFlags(argv);
    policyJson = JSON.parse(fs.readFileSync(flags.policy, "utf8"));
  } catch (e) {
    process.stderr.write(`cashline backtest: ${(e as Error).message} (${USAGE})\n`);
    return 2;
  }
  const { close: stop } = await openCliDatabase();
  const { disconnectDb } = await import("../db/client.ts");
  try {
    const { backtestFromPolicyFile } = await import("../backtest/backtest-policy-file.ts");
    const to = flags.to ? new Date(Date.parse(flags.to) + DAY) : new Date();
    const from = flags.from ? new Date(flags.from) : new Date(to.getTime() - 90 * DAY);
    const outcome = await backtestFromPolicyFile(policyJson, { from, to, entities: flags.entity });
    if (!outcome.ok) {
      process.stderr.write(`cashline backtest: ${flags.policy}: ${outcome.problem}\n`);
      return 2;
    }
    const { run: result, summary } = outcome;
    if (flags.out) {
      const seen = new Set<string>();
      const lines = [...result.rows, ...result.draftWrongPostings].filter((r) => !seen.has(r.receiptId) && seen.add(r.receiptId)).map((r) => JSON.stringify(r));
      fs.writeFileSync(flags.out, lines.length ? `${lines.join("\n")}\n` : "");
    }
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  } finally {
    await disconnectDb();
    await stop();
  }
}
