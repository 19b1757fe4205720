// What `cashline parse-statement` and `cashline parse-remittance` share (their contracts in ../shared/contracts):
// `COMMAND FILE [--format F]` read and validated, the file read, and every refusal as ONE line on stderr with exit 2
// and nothing on stdout — a bad argument (with the usage), an unreadable file, a file the parser refuses.
import { readFile } from "node:fs/promises";
import { z } from "zod";

export type FileArgs<F extends string> = { file: string; format: "auto" | F };

export function parseFileArgs<F extends string>(argv: string[], formats: readonly F[]): FileArgs<F> | string {
  const Args = z.object({ file: z.string().min(1, "missing FILE"), format: z.enum(["auto", ...formats] as [string, ...string[]]).default("auto") });
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
    return issue.path[0] === "format" ? `invalid --format "${raw.format}" (auto, ${formats.join(", ")})` : issue.message;
  }
  return result.data as FileArgs<F>;
}

/**
 * Runs a file command: `parse` gets the bytes and writes stdout itself (exit 0); `refusal` turns the parser's own
 * error into the one stderr line (null: not a refusal, rethrown).
 */
export async function runFileCommand<F extends string>(input: {
  command: string; usage: string; formats: readonly F[]; argv: string[];
  parse: (bytes: Buffer, args: FileArgs<F>) => Promise<void>;
  refusal: (error: unknown, file: string) => string | null;
}): Promise<number> {
  const args = parseFileArgs(input.argv, input.formats);
  if (typeof args === "string") {
    process.stderr.write(`cashline ${input.command}: ${args} (${input.usage})\n`);
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
    await input.parse(bytes, args);
    return 0;
  } catch (e) {
    const line = input.refusal(e, args.file);
    if (line === null) throw e;
    process.stderr.write(line + "\n");
    return 2;
  }
}
