// `cashline match --customers c.csv --invoices i.csv --receipts r.csv --out decisions.jsonl [--policy p.json]
//   [--remittances advices.(csv|820) …]` (remittances: contracts/remittance.md; records then carry deductions/remittance)
// Exit 0 on success; 2 on bad flags or bad input (one stderr line naming file, line and problem; no
// output written). Input is validated completely before anything is written; the output goes to a
// temporary file that is renamed into place at the end.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { InputError, loadMatchFiles } from "../cashapp/load-files.ts";
import { createEngine, toContractRecord } from "../cashapp/engine.ts";
import { defaultPolicySet, type PolicySet } from "../cashapp/policy.ts";
import { parsePolicySet } from "../cashapp/policy-schema.ts";
import { linkForMatch, loadRemittances } from "./match-remittances.ts";
import type { RemittanceAdvice } from "../remittance/types.ts";

const USAGE =
  "usage: cashline match --customers <customers.csv> --invoices <invoices.csv> --receipts <receipts.csv> --out <decisions.jsonl> [--policy <policy.json>] [--remittances <file> …]";

const Flags = z.object({
  customers: z.string().min(1),
  invoices: z.string().min(1),
  receipts: z.string().min(1),
  out: z.string().min(1),
  policy: z.string().min(1).optional(),
  remittances: z.array(z.string().min(1)).optional(),
}).strict();

/** Flags that may be given more than once. */
const REPEATABLE = new Set(["remittances"]);

type FlagValues = z.infer<typeof Flags>;

/** `--name value` / `--name=value` → object; null (with a message) on malformed argv. */
function parseArgv(argv: string[]): { values: Record<string, string | string[]> } | { error: string } {
  const values: Record<string, string | string[]> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--help" || a === "-h") return { error: USAGE };
    if (!a.startsWith("--")) return { error: `unexpected argument "${a}"` };
    const eq = a.indexOf("=");
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    let value: string | undefined = eq > 0 ? a.slice(eq + 1) : argv[i + 1];
    if (eq < 0) {
      if (value === undefined || value.startsWith("--")) return { error: `--${name} needs a value` };
      i++;
    }
    if (REPEATABLE.has(name)) {
      values[name] = [...((values[name] as string[] | undefined) ?? []), value!];
      continue;
    }
    if (name in values) return { error: `--${name} given twice` };
    values[name] = value!;
  }
  return { values };
}

function loadPolicy(file: string | undefined): PolicySet {
  if (!file) return defaultPolicySet();
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(file, 1, code === "ENOENT" ? "file not found" : `not valid JSON (${(e as Error).message})`);
  }
  const p = parsePolicySet(raw);
  if (!p.ok) throw new InputError(file, 1, `invalid policy: ${p.problem}`);
  return p.policies;
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parseArgv(argv);
  if ("error" in parsed) {
    process.stderr.write(`cashline match: ${parsed.error === USAGE ? USAGE : `${parsed.error}; ${USAGE}`}\n`);
    return 2;
  }
  const flags = Flags.safeParse(parsed.values);
  if (!flags.success) {
    const issue = flags.error.issues[0]!;
    const what = issue.code === "unrecognized_keys" ? `unknown flag --${issue.keys[0]}` : `--${String(issue.path[0])}: ${issue.code === "invalid_type" ? "missing" : issue.message}`;
    process.stderr.write(`cashline match: ${what}; ${USAGE}\n`);
    return 2;
  }
  const f: FlagValues = flags.data;

  let policies: PolicySet;
  let input;
  let advices: RemittanceAdvice[] | null = null;
  try {
    policies = loadPolicy(f.policy);
    input = loadMatchFiles(f);
    if (f.remittances) advices = await loadRemittances(f.remittances);
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`cashline match: ${e.message.replace(/[\r\n]+/g, " ")}\n`);
      return 2;
    }
    throw e;
  }

  const engine = createEngine({ customers: input.customers, invoices: input.invoices }, { policies });
  const linked = advices ? linkForMatch(engine, input.receipts, advices) : null;
  const out = path.resolve(f.out);
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, "w");
  } catch (e) {
    process.stderr.write(`cashline match: ${f.out}: line 1: cannot write output (${(e as NodeJS.ErrnoException).code ?? e})\n`);
    return 2;
  }
  let applied = 0;
  try {
    let buf = "";
    for (const r of input.receipts) {
      const d = engine.process(r, linked?.get(r.id));
      if (d.outcome === "applied") applied++;
      buf += JSON.stringify(toContractRecord(d, { remittances: linked !== null })) + "\n";
      if (buf.length > 1 << 20) writeSync(fd, buf), (buf = "");
    }
    if (buf) writeSync(fd, buf);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, out);
  } catch (e) {
    try { closeSync(fd); } catch { /* already closed */ }
    rmSync(tmp, { force: true });
    throw e;
  }
  const n = input.receipts.length;
  const adv = advices && linked ? `, ${linked.size} of ${advices.length} remittance advices linked` : "";
  process.stdout.write(`cashline match: ${n} receipts, ${applied} applied, ${n - applied} exceptions${adv} → ${f.out}\n`);
  return 0;
}
