#!/usr/bin/env tsx
// Command-line entry: `npm run --silent cashline -- <command> ...`.
// Each command lives in lib/cli/<command>.ts and exports `run(argv): Promise<number>` (the exit code).
const commands: Record<string, () => Promise<{ run: (argv: string[]) => Promise<number> }>> = {
  "parse-statement": () => import("../lib/cli/parse-statement.ts"),
  "parse-remittance": () => import("../lib/cli/parse-remittance.ts"),
  match: () => import("../lib/cli/match.ts"),
  audit: () => import("../lib/cli/audit.ts"),
  users: () => import("../lib/cli/users.ts"),
  backtest: () => import("../lib/cli/backtest.ts"),
  figures: () => import("../lib/cli/figures.ts"),
};

async function main() {
  const [name, ...rest] = process.argv.slice(2);
  const load = name ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(`usage: cashline <${Object.keys(commands).join("|")}> [options]\n`);
    return 2;
  }
  const mod = await load();
  return mod.run(rest);
}

main().then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`cashline: ${err instanceof Error ? err.message : String(err)}\n`); process.exitCode = 1; },
);
