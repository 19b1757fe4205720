// `cashline parse-remittance FILE [--format auto|x12-820|csv|camt054|xlsx|pdf]`
// Contract: ../shared/contracts/remittance.md. Exit 0 with one JSON document on stdout; exit 2 with one line on
// stderr (file, line or segment/element, problem) and nothing on stdout. The same parseRemittanceAsync as the product.
// --format also takes the other formats of lib/remittance (camt053, bai2-lockbox, xlsx, pdf).
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { parseRemittanceAsync } from "../remittance/parse-remittance.ts";
import { REMITTANCE_FORMATS, RemittanceParseError } from "../remittance/types.ts";

const USAGE = "usage: cashline parse-remittance FILE [--format auto|x12-820|csv|camt054|xlsx|pdf]";

const Args = z.object({
  file: z.string().min(1, "missing FILE"),
  format: z.enum(["auto", ...REMITTANCE_FORMATS]).default("auto"),
});

function parseArgs(argv: string[]): z.infer<typeof Args> | string {
  const raw: Record<string, string> = {};
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--format") raw.format = argv[++i] ?? "";
    else if (arg.startsWith("--format=")) raw.format = arg.slice("--format=".length);
    else if (arg.startsWith("--")) return `unknown option ${arg}`;
    else files.push(arg);
  }
  if (files.length > 1) return `expected one FILE, got ${files.length}`;
  const result = Args.safeParse({ ...raw, file: files[0] ?? "" });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    return issue.path[0] === "format" ? `invalid --format "${raw.format}" (auto, ${REMITTANCE_FORMATS.join(", ")})` : issue.message;
  }
  return result.data;
}

const oneLine = (s: string) => s.replace(/[\r\n]+/g, " ");

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    process.stderr.write(`cashline parse-remittance: ${args} (${USAGE})\n`);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(args.file);
  } catch (e) {
    process.stderr.write(`${args.file}: cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  try {
    const { format, advices } = await parseRemittanceAsync(bytes, { format: args.format, fileName: args.file });
    // The contract's fields only: an XLSX/PDF advice's `extraction` (confidence, mapping) is the product's.
    const printed = advices.map(({ extraction: _extraction, ...advice }) => advice);
    process.stdout.write(JSON.stringify({ format, advices: printed }, null, 2) + "\n");
    return 0;
  } catch (e) {
    if (!(e instanceof RemittanceParseError)) throw e;
    process.stderr.write(oneLine(`${args.file}: ${e.message}`) + "\n");
    return 2;
  }
}
