// `cashline parse-statement FILE [--format auto|bai2|camt|mt940|nacha]`
// Contract: ../shared/contracts/parse-statement-cli.md. Exit 0 with one JSON document on stdout;
// exit 2 with one line on stderr (file, line or XML path, problem) and nothing on stdout.
import { decodeStatementBytes, STATEMENT_FORMATS, StatementParseError, type FormatOption, type ParsedStatementFile } from "../bankfiles/index.ts";
import { ParseThread } from "../bankfiles/parse-thread.ts";
import { StatementCollector } from "../bankfiles/statement.ts";
import { env } from "../env.ts";
import { runFileCommand } from "./file-command.ts";

const USAGE = "usage: cashline parse-statement FILE [--format auto|bai2|camt|mt940|nacha]";

export function run(argv: string[]): Promise<number> {
  return runFileCommand({
    command: "parse-statement", usage: USAGE, formats: STATEMENT_FORMATS, argv,
    parse: async (bytes, args) => {
      const { result, warnings } = await parseBounded(bytes, args.format);
      process.stdout.write(JSON.stringify(result, null, 2) + "\n");
      // The contract's JSON has no place for warnings (and other tools compare its keys): they go to stderr, one line
      // each, and the exit code stays 0.
      for (const w of warnings) process.stderr.write(`${args.file}: warning: ${w}\n`);
    },
    refusal: (e, file) => (e instanceof StatementParseError ? e.withFile(file).message : null),
  });
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
