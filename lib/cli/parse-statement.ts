// `cashline parse-statement FILE [--format auto|bai2|camt|mt940|nacha]`
// Contract: ../shared/contracts/parse-statement-cli.md. Exit 0 with one JSON document on stdout;
// exit 2 with one line on stderr (file, line or XML path, problem) and nothing on stdout.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { decodeStatementBytes, STATEMENT_FORMATS, StatementParseError, type FormatOption, type ParsedStatementFile } from "../bankfiles/index.ts";
import { ParseThread } from "../bankfiles/parse-thread.ts";
import { StatementCollector } from "../bankfiles/statement.ts";
import { env } from "../env.ts";

const USAGE = "usage: cashline parse-statement FILE [--format auto|bai2|camt|mt940|nacha]";

const Args = z.object({
  file: z.string().min(1, "missing FILE"),
  format: z.enum(["auto", ...STATEMENT_FORMATS]).default("auto"),
});

function parseArgs(argv: string[]): z.infer<typeof Args> | string {
  const raw: Record<string, string> = {};
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--format") raw.format = argv[++i] ?? "";
    else if (arg.startsWith("--format=")) raw.format = arg.slice("--format=".length);
    else if (arg.startsWith("--")) return `unknown option ${arg}`;
    else files.push(arg);
  }
  if (files.length > 1) return `expected one FILE, got ${files.length}`;
  const result = Args.safeParse({ ...raw, file: files[0] ?? "" });
  if (!result.success) {
    const issue = result.error.issues[0];
    return issue.path[0] === "format" ? `invalid --format "${raw.format}" (auto, ${STATEMENT_FORMATS.join(", ")})` : issue.message;
  }
  return result.data;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    process.stderr.write(`cashline parse-statement: ${args} (${USAGE})\n`);
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
    const { result, warnings } = await parseBounded(bytes, args.format);
    process.stdout.write(JSON.stringify(result, null, 2) + "\n");
    // The contract's JSON has no place for warnings (and other tools compare its keys): they go to stderr, one line
    // each, and the exit code stays 0.
    for (const w of warnings) process.stderr.write(`${args.file}: warning: ${w}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof StatementParseError)) throw e;
    process.stderr.write(e.withFile(args.file).message + "\n");
    return 2;
  }
}

/**
 * The same parsers as the ingestion, on the same bounded worker thread: a hostile file is refused (exit 2) within
 * BANK_PARSE_TIME_LIMIT_MS and BANK_PARSE_MEMORY_MB instead of hanging the command.
 */
async function parseBounded(bytes: Buffer, format: FormatOption): Promise<{ result: ParsedStatementFile; warnings: string[] }> {
  const collector = new StatementCollector();
  const thread = new ParseThread(format, { timeLimitMs: env().BANK_PARSE_TIME_LIMIT_MS, memoryMb: env().BANK_PARSE_MEMORY_MB });
  try {
    for (const event of await thread.write(decodeStatementBytes(bytes))) collector.sink(event);
    for (const event of await thread.end()) collector.sink(event);
  } finally {
    await thread.close();
  }
  return { result: collector.result(), warnings: collector.warnings };
}
