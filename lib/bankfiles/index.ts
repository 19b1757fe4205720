// Public entry points of the bank-file parsers. Everything here is pure: content in, statements out.
import { createBai2Parser } from "./bai2.ts";
import { createCamtParser } from "./camt.ts";
import { detectFormat, DETECT_PREFIX_CHARS } from "./detect.ts";
import { StatementParseError } from "./errors.ts";
import type { ChunkParser } from "./lines.ts";
import { createMt940Parser } from "./mt940.ts";
import { createNachaParser } from "./nacha.ts";
import { StatementCollector } from "./statement.ts";
import type { EventSink, ParsedStatementFile, StatementEvent, StatementFormatName } from "./types.ts";

export type { Balance, Checks, CheckStatus, Entry, EventSink, ParsedStatementFile, Statement, StatementEvent,
  StatementFormatName, StatementHead, StatementSummary } from "./types.ts";
export { StatementParseError } from "./errors.ts";
export { detectFormat } from "./detect.ts";

export const STATEMENT_FORMATS = ["bai2", "camt", "mt940", "nacha"] as const;
export type FormatOption = "auto" | StatementFormatName;

export interface ParseOptions {
  /** "auto" (the default) detects the format from the content. */
  format?: FormatOption;
}

/** A push parser for one format: feed text chunks, events come out through `emit`. */
export function createStatementParser(format: StatementFormatName, emit: EventSink): ChunkParser {
  switch (format) {
    case "bai2": return createBai2Parser(emit);
    case "camt": return createCamtParser(emit);
    case "mt940": return createMt940Parser(emit);
    case "nacha": return createNachaParser(emit);
  }
}

/**
 * Bytes to text: UTF-8 when the bytes are valid UTF-8, else Latin-1 (old bank files are often
 * Windows-1252/ISO-8859-1, and a byte-per-character reading keeps fixed-width records aligned).
 */
export function decodeStatementBytes(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("latin1").decode(bytes);
  }
  return text.replace(/^\uFEFF/, "");
}

function resolveFormat(head: string, option: FormatOption = "auto"): StatementFormatName {
  if (option !== "auto") return option;
  const format = detectFormat(head);
  if (!format) {
    throw new StatementParseError("cannot detect the statement format (expected camt.052/053/054 XML, BAI2, MT940/MT942 or NACHA)", { line: 1 });
  }
  return format;
}

/** Parses a whole file held in memory into the contract's JSON document. */
export function parseStatement(content: string | Uint8Array, options: ParseOptions = {}): ParsedStatementFile {
  const text = typeof content === "string" ? content.replace(/^\uFEFF/, "") : decodeStatementBytes(content);
  const collector = new StatementCollector();
  const parser = createStatementParser(resolveFormat(text.slice(0, DETECT_PREFIX_CHARS), options.format), collector.sink);
  parser.write(text);
  parser.end();
  return collector.result();
}

/**
 * A push parser for a whole file of unknown format: text in (any chunking), events out through `emit`. The format
 * is detected from the first DETECT_PREFIX_CHARS characters. Synchronous: the parse thread (parse-thread.ts)
 * drives it off the main thread.
 */
export class StatementTextStream {
  private parser: ChunkParser | null = null;
  private head = "";

  constructor(private readonly emit: EventSink, private readonly options: ParseOptions = {}) {}

  write(text: string): void {
    if (this.parser) return this.parser.write(text);
    this.head += text;
    if (this.head.length >= DETECT_PREFIX_CHARS) this.begin();
  }

  end(): void {
    if (!this.parser) this.begin();
    this.parser!.end();
  }

  private begin(): void {
    const head = this.head;
    this.head = "";
    this.parser = createStatementParser(resolveFormat(head, this.options.format), this.emit);
    this.parser.write(head.replace(/^\uFEFF/, ""));
  }
}

/**
 * Streams a large file: yields statement/entry events as the text arrives, holding one entry (not
 * the file) in memory. `source` may be a Node Readable or any async iterable of chunks. In-process: hostile input
 * from outside goes through parse-thread.ts (bounded time and memory) instead.
 */
export async function* parseStatementStream(
  source: AsyncIterable<string | Uint8Array>,
  options: ParseOptions = {},
): AsyncGenerator<StatementEvent> {
  const queue: StatementEvent[] = [];
  const stream = new StatementTextStream((event) => queue.push(event), options);
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of source) {
    stream.write(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
    yield* queue.splice(0);
  }
  const tail = decoder.decode();
  if (tail) stream.write(tail);
  stream.end();
  yield* queue.splice(0);
}

/** Callback form of parseStatementStream; resolves with the detected format (e.g. "camt.053.001.02"). */
export async function streamStatement(
  source: AsyncIterable<string | Uint8Array>,
  onEvent: (event: StatementEvent) => void | Promise<void>,
  options: ParseOptions = {},
): Promise<string> {
  let format = "";
  for await (const event of parseStatementStream(source, options)) {
    if (event.type === "end") format = event.format;
    await onEvent(event);
  }
  return format;
}
