// Incremental input plumbing shared by the parsers: text arrives in chunks (a whole file or a
// stream), line formats see one line at a time with its 1-based number.
import { StatementParseError } from "./errors.ts";
import { LIMITS } from "./limits.ts";

/** A parser fed with text chunks; `end()` flushes and validates the file's end. */
export interface ChunkParser {
  write(chunk: string): void;
  end(): void;
}

export interface LineConsumer {
  line(text: string, lineNo: number): void;
  /** `lastLine` is the number of the last line seen (for "missing trailer" errors). */
  end(lastLine: number): void;
}

/**
 * Splits chunks into lines (LF or CRLF), keeping a partial last line until more text arrives. Only the new chunk is
 * searched for a line break (re-scanning the partial line per chunk made a file without line breaks quadratic), and
 * a line longer than `maxLineChars` is refused as it grows, not once it is whole.
 */
export function lineParser(consumer: LineConsumer, maxLineChars: number = LIMITS.lineChars): ChunkParser {
  let parts: string[] = [];
  let partChars = 0;
  let lineNo = 0;
  const emit = (raw: string) => consumer.line(raw.endsWith("\r") ? raw.slice(0, -1) : raw, ++lineNo);
  const check = (chars: number) => {
    if (chars > maxLineChars) throw new StatementParseError(`line is longer than ${maxLineChars} characters: not a bank statement line`, { line: lineNo + 1 });
  };
  return {
    write(chunk) {
      let start = 0;
      for (let nl = chunk.indexOf("\n"); nl !== -1; nl = chunk.indexOf("\n", start)) {
        const piece = chunk.slice(start, nl);
        check(partChars + piece.length);
        const line = parts.length ? parts.join("") + piece : piece;
        parts = [];
        partChars = 0;
        emit(line);
        start = nl + 1;
      }
      if (start < chunk.length) {
        partChars += chunk.length - start;
        check(partChars);
        parts.push(chunk.slice(start));
      }
    },
    end() {
      if (parts.length) emit(parts.join(""));
      parts = [];
      partChars = 0;
      consumer.end(lineNo);
    },
  };
}
